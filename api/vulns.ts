import { z } from 'zod'
import { COMPONENT_KINDS } from '../src/core/vulns/model.js'

/**
 * Vulnerability and advisory intelligence (issue 9): feeds (CSAF/VEX, KEV, EPSS, NVD, JVN), SBOMs and components,
 * matches per device and per advisory with their explanation, people's decisions, notifications.
 *
 * Routes (all authenticated; writes need role `editor` or `admin`, settings `admin`):
 *  GET  /api/advisories?since&kev&deviceId&q&limit&offset      → advisoryList
 *  GET  /api/advisories/morning                                 → morningView (new since the caller's last visit)
 *  POST /api/advisories/morning/seen                            → 204 (moves the caller's last visit to now)
 *  GET  /api/advisories/:id                                     → advisoryDetail
 *  GET  /api/advisories/:id/affected                            → advisoryAffected ("do we have this?")
 *  GET  /api/devices/:id/vulnerabilities                        → deviceVulnerabilities
 *  GET  /api/devices/:id/cpe-candidates                         → cpeCandidates (from the ledger, to confirm)
 *  POST /api/matches/:id/review  {decision, note}               → matchReview (applies to every device of the model)
 *  DELETE /api/match-reviews/:id                                → 204
 *  GET  /api/feeds                                              → feedsOverview
 *  PUT  /api/feeds/:id  {kind, url, enabled}                    → feedSource (admin)
 *  POST /api/feeds/import (multipart "file": CSAF/KEV/EPSS/NVD/JVN/CycloneDX VEX/offline bundle) → feedImportResult
 *  POST /api/feeds/sync                                         → 202 {jobId} (job kind feed-sync)
 *  GET  /api/feeds/export                                       → the offline bundle (application/gzip)
 *  POST /api/vulns/match                                        → 202 {jobId} (job kind vuln-match: recompute all)
 *  POST /api/sboms?modelId|model="MAKER MODEL"|deviceId (multipart "file") → sbomImportResult
 *  GET  /api/sboms?modelId|deviceId                             → {items: sbom[]}
 *  DELETE /api/sboms/:id                                        → 204
 *  GET  /api/components?modelId|deviceId                        → {items: component[]}
 *  POST /api/components  componentCreate                        → component
 *  PATCH /api/components/:id  componentPatch                    → component
 *  DELETE /api/components/:id                                   → 204
 *  GET  /api/notifications?unread=true                          → {items: notification[], unread}
 *  POST /api/notifications/read {ids | all:true}                → 204
 *  GET/PUT /api/settings/notifications (admin)                  → notificationChannels (passwords never echoed)
 *  POST /api/settings/notifications/test (admin)                → {email, webhook} delivery results
 * Unreadable files answer 422 FEED_UNREADABLE / SBOM_UNREADABLE with every problem (file, JSON path) in
 * `error.details`, and store nothing.
 */

export const reason = z.object({ ja: z.string(), en: z.string() })
export const matchDecision = z.enum(['affected', 'ruled-out-by-version', 'not-affected', 'needs-review'])
/** What the hospital sees: the engine's decision, unless a person marked it false. */
export const effectiveDecision = z.enum([
  'affected',
  'ruled-out-by-version',
  'not-affected',
  'needs-review',
  'false-positive',
])
export const reviewDecision = z.enum(['false-positive', 'accepted'])

export const feedProblem = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  file: z.string(),
  path: z.string().nullable(),
  message: z.string(),
  messageJa: z.string(),
})

export const cvss = z.object({ version: z.string(), vector: z.string(), baseScore: z.number() })

export const advisorySummary = z.object({
  id: z.string(),
  source: z.enum(['csaf', 'jvn']),
  category: z.string(),
  title: z.string(),
  titleJa: z.string().nullable(),
  publisher: z.string().nullable(),
  revision: z.string().nullable(),
  releasedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  url: z.string().nullable(),
  firstImportedAt: z.string(),
  cves: z.array(z.string()),
  affectedDevices: z.number().int(),
  knownExploited: z.boolean(),
  maxCvss: z.number().nullable(),
})
export type AdvisorySummary = z.infer<typeof advisorySummary>

export const advisoryList = z.object({ items: z.array(advisorySummary), total: z.number().int() })
export const morningView = z.object({
  /** The caller's previous visit (null: first visit — the last 7 days are shown). */
  since: z.string().nullable(),
  items: z.array(advisorySummary),
})

export const kevFacts = z.object({
  dateAdded: z.string(),
  dueDate: z.string().nullable(),
  ransomware: z.boolean(),
  requiredAction: z.string(),
  name: z.string(),
})
export const cveFacts = z.object({
  id: z.string(),
  descriptionEn: z.string().nullable(),
  descriptionJa: z.string().nullable(),
  cvss3: cvss.nullable(),
  cvss4: cvss.nullable(),
  /** Severity band from the CVSS base score (critical/high/medium/low/none), for people who do not read vectors. */
  severity: z.enum(['critical', 'high', 'medium', 'low', 'none']).nullable(),
  kev: kevFacts.nullable(),
  epss: z.object({ score: z.number(), percentile: z.number(), scoreDate: z.string().nullable() }).nullable(),
})
export type CveFactsOut = z.infer<typeof cveFacts>

export const remediation = z.object({
  /** vendor_fix | mitigation | workaround | none_available | no_fix_planned */
  category: z.string(),
  details: z.string(),
  url: z.string().nullable(),
})

export const advisoryDetail = z.object({
  advisory: advisorySummary,
  summaryEn: z.string().nullable(),
  summaryJa: z.string().nullable(),
  products: z.array(
    z.object({
      productId: z.string(),
      name: z.string(),
      vendor: z.string().nullable(),
      versionRange: z.string().nullable(),
      version: z.string().nullable(),
    }),
  ),
  vulnerabilities: z.array(
    z.object({
      cve: z.string().nullable(),
      title: z.string().nullable(),
      cwe: z.string().nullable(),
      facts: cveFacts.nullable(),
      remediations: z.array(remediation),
    }),
  ),
})
export type AdvisoryDetail = z.infer<typeof advisoryDetail>

export const vexShown = z.object({
  sourceKind: z.enum(['csaf', 'cyclonedx']),
  sourceId: z.string(),
  status: z.string(),
  justification: z.string().nullable(),
  detail: z.string().nullable(),
})

export const matchReviewOut = z.object({
  id: z.string(),
  modelId: z.string().nullable(),
  deviceId: z.string().nullable(),
  decision: reviewDecision,
  note: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
})

export const deviceRef = z.object({
  id: z.string(),
  assetTag: z.string().nullable(),
  name: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  softwareVersion: z.string().nullable(),
  location: z.string().nullable(),
  department: z.string().nullable(),
  owner: z.string().nullable(),
})

export const matchOut = z.object({
  id: z.string(),
  device: deviceRef,
  cve: z.string().nullable(),
  advisoryId: z.string().nullable(),
  advisoryTitle: z.string().nullable(),
  via: z.enum(['csaf', 'cpe', 'purl']),
  productLabel: z.string(),
  decision: matchDecision,
  effective: effectiveDecision,
  confidence: z.number(),
  reasons: z.array(reason),
  vex: vexShown.nullable(),
  review: matchReviewOut.nullable(),
  knownExploited: z.boolean(),
  facts: cveFacts.nullable(),
  remediations: z.array(remediation),
  firstSeenAt: z.string(),
})
export type MatchOut = z.infer<typeof matchOut>

export const advisoryAffected = z.object({
  advisory: advisorySummary,
  /** Effective affected or needs-review, one row per device and CVE. */
  affected: z.array(matchOut),
  /** Ruled out by version, not affected by a VEX statement, or marked false by a person, with why. */
  ruledOut: z.array(matchOut),
})
export type AdvisoryAffected = z.infer<typeof advisoryAffected>

export const deviceVulnerabilities = z.object({ items: z.array(matchOut) })

export const cpeCandidates = z.object({
  items: z.array(
    z.object({
      kind: z.enum(COMPONENT_KINDS),
      name: z.string(),
      version: z.string().nullable(),
      cpe: z.string(),
      confidence: z.number(),
      reasons: z.array(reason),
    }),
  ),
})

export const component = z.object({
  id: z.string(),
  modelId: z.string().nullable(),
  deviceId: z.string().nullable(),
  sbomId: z.string().nullable(),
  kind: z.enum(COMPONENT_KINDS),
  name: z.string(),
  supplier: z.string().nullable(),
  version: z.string().nullable(),
  cpe: z.string().nullable(),
  purl: z.string().nullable(),
  source: z.enum(['sbom', 'manual', 'derived']),
  confidence: z.number(),
  confirmed: z.boolean(),
  createdAt: z.string(),
})
export type ComponentOut = z.infer<typeof component>

export const componentCreate = z
  .object({
    modelId: z.string().nullish(),
    deviceId: z.string().nullish(),
    kind: z.enum(COMPONENT_KINDS),
    name: z.string().trim().min(1).max(200),
    supplier: z.string().trim().max(200).nullish(),
    version: z.string().trim().max(100).nullish(),
    cpe: z.string().trim().max(500).nullish(),
    purl: z.string().trim().max(1000).nullish(),
    source: z.enum(['manual', 'derived']).default('manual'),
  })
  .refine((c) => Boolean(c.modelId) !== Boolean(c.deviceId), { message: 'exactly one of modelId or deviceId' })
export const componentPatch = z.object({
  kind: z.enum(COMPONENT_KINDS).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  supplier: z.string().trim().max(200).nullish(),
  version: z.string().trim().max(100).nullish(),
  cpe: z.string().trim().max(500).nullish(),
  purl: z.string().trim().max(1000).nullish(),
  confirmed: z.boolean().optional(),
})

export const sbom = z.object({
  id: z.string(),
  modelId: z.string().nullable(),
  deviceId: z.string().nullable(),
  format: z.enum(['cyclonedx', 'spdx']),
  specVersion: z.string(),
  fileName: z.string().nullable(),
  serialNumber: z.string().nullable(),
  componentCount: z.number().int(),
  importedAt: z.string(),
  importedBy: z.string().nullable(),
})
export const sbomImportResult = z.object({
  sbom,
  problems: z.array(feedProblem),
  vexStatements: z.number().int(),
  /** Devices the SBOM applies to (the device, or every device confirmed as the model). */
  devices: z.number().int(),
})

export const feedSourceOut = z.object({
  id: z.string(),
  kind: z.enum(['csaf', 'kev', 'epss', 'nvd', 'jvn']),
  url: z.string().nullable(),
  enabled: z.boolean(),
  cursor: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  itemCount: z.number().int(),
})
export const feedSourcePut = z.object({
  kind: z.enum(['csaf', 'kev', 'epss', 'nvd', 'jvn']),
  url: z.string().url().max(2000).nullable(),
  enabled: z.boolean(),
})
export const feedsOverview = z.object({
  sources: z.array(feedSourceOut),
  counts: z.object({
    advisories: z.number().int(),
    cves: z.number().int(),
    kev: z.number().int(),
    epss: z.number().int(),
    components: z.number().int(),
  }),
})
export const feedImportResult = z.object({
  files: z.array(
    z.object({
      file: z.string(),
      kind: z.enum(['csaf', 'kev', 'epss', 'nvd', 'jvn', 'cyclonedx-vex', 'bundle']).nullable(),
      /** Advisories, CVEs, KEV entries, EPSS rows or VEX statements stored from this file. */
      stored: z.number().int(),
      problems: z.array(feedProblem),
    }),
  ),
  /** The matching run that followed: matches new to this import. */
  newMatches: z.number().int(),
})
export type FeedImportResult = z.infer<typeof feedImportResult>

export const notificationOut = z.object({
  id: z.string(),
  kind: z.enum(['new-match', 'sync-failed', 'lifecycle-reminder']),
  titleJa: z.string(),
  titleEn: z.string(),
  body: z.object({
    advisoryId: z.string().nullish(),
    cves: z.array(z.string()).optional(),
    deviceIds: z.array(z.string()).optional(),
    knownExploited: z.boolean().optional(),
    feed: z.string().optional(),
    error: z.string().optional(),
  }),
  createdAt: z.string(),
  read: z.boolean(),
})
export const notificationList = z.object({ items: z.array(notificationOut), unread: z.number().int() })
export const notificationRead = z.union([
  z.object({ ids: z.array(z.string()).min(1).max(1000) }),
  z.object({ all: z.literal(true) }),
])

export const notificationChannels = z.object({
  email: z
    .object({
      host: z.string().min(1).max(255),
      port: z.number().int().min(1).max(65535),
      secure: z.boolean(),
      user: z.string().max(255).nullable(),
      /** Write-only: answers `null` with `passwordSet`. */
      password: z.string().max(255).nullable(),
      passwordSet: z.boolean().optional(),
      from: z.string().email(),
      to: z.array(z.string().email()).min(1).max(50),
    })
    .nullable(),
  webhook: z.object({ url: z.string().url().max(2000) }).nullable(),
})
export type NotificationChannels = z.infer<typeof notificationChannels>
