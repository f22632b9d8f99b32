import { z } from 'zod'

/** Discovery (active scans), findings and reconciliation: the HTTP contract shared by server, CLI and web. */

export const SCAN_PROFILES = ['gentle', 'standard', 'fast'] as const
export const scanProfile = z.enum(SCAN_PROFILES)

export const scope = z.object({
  id: z.string(),
  target: z.string(),
  label: z.string().nullable(),
  approvedBy: z.string(),
  approvedAt: z.string(),
})
export type Scope = z.infer<typeof scope>
export const scopeCreate = z.object({
  target: z.string().trim().min(1).max(100),
  label: z.string().trim().max(200).optional(),
  /** Required when the scope covers more addresses than the confirmation threshold (1,024), e.g. 0.0.0.0/0 or ::/0. */
  confirmLarge: z.boolean().default(false),
})

export const exclusion = z.object({
  id: z.string(),
  address: z.string(),
  reason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
})
export type Exclusion = z.infer<typeof exclusion>
export const exclusionCreate = z.object({
  address: z.string().trim().min(1).max(100),
  reason: z.string().trim().max(500).optional(),
})

export const scanProgress = z.object({
  hostsTotal: z.number().int(),
  hostsDone: z.number().int(),
  hostsUp: z.number().int(),
  portsScanned: z.number().int(),
  openPorts: z.number().int(),
  probesRun: z.number().int(),
  probesPerSecond: z.number(),
  findings: z.number().int(),
  currentHost: z.string().nullable(),
  refused: z.array(z.object({ target: z.string(), reason: z.string() })),
})
export type ScanProgress = z.infer<typeof scanProgress>

/** The progress of a scan that has not started. */
export const EMPTY_SCAN_PROGRESS: ScanProgress = {
  hostsTotal: 0,
  hostsDone: 0,
  hostsUp: 0,
  portsScanned: 0,
  openPorts: 0,
  probesRun: 0,
  probesPerSecond: 0,
  findings: 0,
  currentHost: null,
  refused: [],
}

export const SCAN_STATUSES = ['queued', 'running', 'stopping', 'stopped', 'completed', 'failed'] as const
export const scan = z.object({
  id: z.string(),
  status: z.enum(SCAN_STATUSES),
  /** gentle | standard | fast, or 'nmap-import' for an imported nmap XML file. */
  profile: z.string(),
  targets: z.array(z.string()),
  portSpec: z.string().nullable(),
  requestedBy: z.string().nullable(),
  scheduleId: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  progress: scanProgress,
  error: z.string().nullable(),
  /** The job running (or that ran) this scan: follow it at GET /api/jobs/:id, cancel it there. Null for older scans. */
  jobId: z.string().nullable().optional(),
})
export type Scan = z.infer<typeof scan>

export const scanCreate = z.object({
  targets: z.array(z.string().trim().min(1).max(100)).min(1).max(100),
  profile: scanProfile.default('gentle'),
  ports: z.string().trim().max(2000).optional(),
  /** Required when the targets cover more addresses than the confirmation threshold. */
  confirmLarge: z.boolean().default(false),
})
export type ScanCreate = z.input<typeof scanCreate>

export const scanService = z.object({
  port: z.number().int(),
  transport: z.enum(['tcp', 'udp']),
  state: z.string(),
  service: z.string().nullable(),
  banner: z.string().nullable(),
  facts: z.unknown().nullable(),
})
export const scanHost = z.object({
  id: z.string(),
  scanId: z.string(),
  address: z.string(),
  mac: z.string().nullable(),
  hostname: z.string().nullable(),
  state: z.string(),
  deviceId: z.string().nullable(),
  complete: z.boolean(),
  identification: z
    .object({
      manufacturer: z.string().nullable(),
      model: z.string().nullable(),
      category: z.string().nullable(),
      os: z.string().nullable(),
      confidence: z.number(),
      evidence: z.array(z.object({ source: z.string(), value: z.string() })),
    })
    .nullable(),
  services: z.array(scanService),
})
export type ScanHost = z.infer<typeof scanHost>

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export const FINDING_STATUSES = ['open', 'accepted', 'fixed'] as const
export const finding = z.object({
  id: z.string(),
  source: z.string(),
  ruleId: z.string(),
  siteId: z.string(),
  deviceId: z.string().nullable(),
  address: z.string().nullable(),
  port: z.number().int().nullable(),
  severity: z.enum(SEVERITIES),
  titleJa: z.string(),
  titleEn: z.string(),
  detailJa: z.string(),
  detailEn: z.string(),
  recommendationJa: z.string(),
  recommendationEn: z.string(),
  evidence: z.string(),
  status: z.enum(FINDING_STATUSES),
  statusReason: z.string().nullable(),
  statusExpiresAt: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  lastScanId: z.string().nullable(),
  incomplete: z.boolean(),
  /** The ledger device the finding is about, as a person recognises it (null when no device matched). */
  device: z
    .object({
      id: z.string(),
      assetTag: z.string().nullable(),
      name: z.string().nullable(),
      department: z.string().nullable(),
    })
    .nullable()
    .optional(),
})
export type Finding = z.infer<typeof finding>

export const findingQuery = z.object({
  severity: z.enum(SEVERITIES).optional(),
  status: z.enum(FINDING_STATUSES).optional(),
  deviceId: z.string().max(64).optional(),
  scanId: z.string().max(64).optional(),
  address: z.string().max(64).optional(),
  ruleId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
})
export const findingExportQuery = findingQuery.omit({ limit: true, offset: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  lang: z.enum(['ja', 'en']).default('ja'),
})
export const findingUpdate = z.object({
  status: z.enum(FINDING_STATUSES),
  reason: z.string().trim().max(1000).optional(),
  expiresAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
})

export const reconciliation = z.object({
  /** Null when no scan has finished yet: then nothing can be compared, and the lists are empty for that reason. */
  scanId: z.string().nullable(),
  scanFinishedAt: z.string().nullable().optional(),
  matched: z.array(
    z.object({
      hostId: z.string(),
      address: z.string(),
      deviceId: z.string(),
      assetTag: z.string().nullable(),
      matchedBy: z.string(),
    }),
  ),
  unknownHosts: z.array(scanHost),
  missingDevices: z.array(
    z.object({
      deviceId: z.string(),
      assetTag: z.string().nullable(),
      department: z.string().nullable(),
      ipAddresses: z.array(z.string()),
    }),
  ),
})
export type Reconciliation = z.infer<typeof reconciliation>

/** The "first steps" of a new installation, in order, each with its state and the count behind it. */
export const FIRST_STEPS = ['import', 'scope', 'scan', 'findings', 'reconcile'] as const
export const firstSteps = z.object({
  steps: z.array(
    z.object({
      id: z.enum(FIRST_STEPS),
      /** done; todo (the next thing to do); waiting (an earlier step must be done first). */
      state: z.enum(['done', 'todo', 'waiting']),
      count: z.number().int(),
    }),
  ),
  /** Open findings per severity (every severity present, 0 when none). */
  openFindings: z.record(z.enum(SEVERITIES), z.number().int()),
})
export type FirstSteps = z.infer<typeof firstSteps>

/** What discovery knows of one ledger device: when a scan last saw it, where, and what was open. */
export const deviceDiscovery = z.object({
  lastSeen: z
    .object({
      scanId: z.string(),
      at: z.string(),
      address: z.string(),
      openPorts: z.array(z.object({ port: z.number().int(), transport: z.string(), service: z.string().nullable() })),
    })
    .nullable(),
})
export type DeviceDiscovery = z.infer<typeof deviceDiscovery>
