import { z } from 'zod'

/**
 * Acceptance test (導入時確認, issue 11 part 2): before a new device treats patients, it is checked against what its
 * manufacturer declared. Starting an acceptance sets the ledger status to "acceptance"; a gentle scan of the device's
 * addresses runs from an approved quarantine scope (never outside it) and its open ports are compared with the model's
 * declaration (MDS2 / MDS/SDS / declared ports); a person records the manual checks (default passwords changed, time
 * source, backups, labelling, …); differences are raised with the manufacturer and the reply is recorded ("仕様です"
 * included, with what the hospital decided); the sign-off (who, when) moves the device to "in use". The acceptance
 * report is a PDF with an embedded Japanese font.
 *
 * Routes (reads `viewer`; changes `engineer`; every change audited; DEVICE = device id or asset tag):
 *  GET   /api/acceptances?state=in_progress|signed_off|cancelled  → {items: acceptance[]}
 *  POST  /api/acceptances  acceptanceStart                        → acceptance (device status → acceptance;
 *        409 ACCEPTANCE_ALREADY_OPEN when one is in progress; 400 ACCEPTANCE_NOT_ALLOWED for a decommissioned device)
 *  GET   /api/acceptances/:id                                     → acceptance
 *  GET   /api/devices/:deviceId/acceptance                        → acceptance (the latest; 404 when none)
 *  POST  /api/acceptances/:id/scan  {scopeId?}                    → {jobId, scanId} (gentle; 400 ACCEPTANCE_OUTSIDE_QUARANTINE
 *        when an address of the device is not inside the quarantine scope, 400 ACCEPTANCE_NO_ADDRESS when it has none)
 *  POST  /api/acceptances/:id/compare                             → acceptance (comparison recomputed from the latest scan)
 *  PUT   /api/acceptances/:id/checks/:checkId  acceptanceCheckInput → acceptance
 *  POST  /api/acceptances/:id/issues  acceptanceIssueInput        → acceptance (an issue raised with the manufacturer)
 *  PATCH /api/acceptances/:id/issues/:issueId  acceptanceIssuePatch → acceptance (the reply and the decision)
 *  POST  /api/acceptances/:id/sign-off  acceptanceSignOff         → acceptance (device status → in_use; 409
 *        ACCEPTANCE_INCOMPLETE naming the checks not done and the issues still open, unless `acceptOpen` with a reason)
 *  POST  /api/acceptances/:id/cancel  {reason}                    → acceptance (device status back to what it was)
 *  GET   /api/acceptances/:id/report?lang=ja|en                   → PDF (audited as an export)
 */

export const ACCEPTANCE_STATES = ['in_progress', 'signed_off', 'cancelled'] as const
export type AcceptanceState = (typeof ACCEPTANCE_STATES)[number]

/** The manual checks, as data (src/core/acceptance/checks.ts holds their texts in ja/en and why each matters). */
export const ACCEPTANCE_CHECK_IDS = [
  'default_passwords_changed',
  'accounts_reviewed',
  'time_source',
  'backup_and_restore',
  'labelling',
  'network_placement',
  'remote_maintenance',
  'malware_protection',
  'disclosure_on_file',
  'logging',
] as const
export type AcceptanceCheckId = (typeof ACCEPTANCE_CHECK_IDS)[number]

export const CHECK_RESULTS = ['pass', 'fail', 'not_applicable'] as const

export const acceptanceStart = z.object({
  /** Device id or asset tag. */
  device: z.string().trim().min(1).max(200),
  /** The approved scope of the quarantine segment the device is connected to for the test (optional at start). */
  scopeId: z.string().max(100).nullable().default(null),
})

/** Optional on every change: the `version` the client saw; a stale one is refused (409) instead of overwriting. */
const seenVersion = z.number().int().min(1).optional()

export const acceptanceCheckInput = z.object({
  result: z.enum(CHECK_RESULTS).nullable(),
  note: z.string().trim().max(2000).default(''),
  version: seenVersion,
})

export const acceptanceCheck = z.object({
  id: z.enum(ACCEPTANCE_CHECK_IDS),
  titleJa: z.string(),
  titleEn: z.string(),
  /** What to look at, in plain words. */
  howJa: z.string(),
  howEn: z.string(),
  result: z.enum(CHECK_RESULTS).nullable(),
  note: z.string(),
  checkedBy: z.string().nullable(),
  checkedAt: z.string().nullable(),
})
export type AcceptanceCheck = z.infer<typeof acceptanceCheck>

export const ISSUE_RESOLUTIONS = ['open', 'fixed', 'mitigated', 'accepted', 'spec'] as const
export const acceptanceIssueInput = z.object({
  title: z.string().trim().min(1).max(300),
  detail: z.string().trim().max(4000).default(''),
  raisedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .default(null),
  version: seenVersion,
})
export const acceptanceIssuePatch = z.object({
  manufacturerReply: z.string().trim().max(4000).optional(),
  repliedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .optional(),
  /** spec = the manufacturer says "it's the specification"; accepted needs a decision note. */
  resolution: z.enum(ISSUE_RESOLUTIONS).optional(),
  decision: z.string().trim().max(2000).optional(),
  version: seenVersion,
})
export const acceptanceIssue = z.object({
  id: z.string(),
  title: z.string(),
  detail: z.string(),
  raisedOn: z.string().nullable(),
  raisedBy: z.string().nullable(),
  manufacturerReply: z.string(),
  repliedOn: z.string().nullable(),
  resolution: z.enum(ISSUE_RESOLUTIONS),
  decision: z.string(),
})
export type AcceptanceIssue = z.infer<typeof acceptanceIssue>

/** The scan compared with the declaration. Null fields: that side is not known yet. */
export const acceptanceComparison = z.object({
  scanId: z.string().nullable(),
  scannedAt: z.string().nullable(),
  /** Where the declaration came from: "MDS2 2019 (2026-04-01)", "declared ports", or null when nothing is on file. */
  declarationSource: z.string().nullable(),
  declaredPorts: z.array(z.number().int()),
  openPorts: z.array(z.object({ port: z.number().int(), transport: z.string(), service: z.string().nullable() })),
  /** Open but not declared: each one is a question for the manufacturer. */
  undeclaredOpen: z.array(z.number().int()),
  /** Declared but not seen open (not a problem; shown for completeness). */
  declaredNotSeen: z.array(z.number().int()),
  /** Findings the scan raised on the device (Telnet, default SNMP community, …). */
  findings: z.array(z.object({ ruleId: z.string(), severity: z.string(), titleJa: z.string(), titleEn: z.string() })),
  /** Findings from the model's disclosure (e.g. "default passwords cannot be changed"). */
  disclosureFindings: z.array(z.object({ titleJa: z.string(), titleEn: z.string(), severity: z.string() })),
})
export type AcceptanceComparison = z.infer<typeof acceptanceComparison>

export const acceptanceSignOff = z.object({
  note: z.string().trim().max(2000).default(''),
  /** Sign off although checks are not done or issues are open; `reason` then says why (recorded and printed). */
  acceptOpen: z.boolean().default(false),
  reason: z.string().trim().max(2000).default(''),
  version: seenVersion,
})

/** Body of POST /api/acceptances/:id/scan. */
export const acceptanceScanInput = z.object({ scopeId: z.string().max(100).nullable().optional() })
/** Body of POST /api/acceptances/:id/cancel. */
export const acceptanceCancel = z.object({ reason: z.string().trim().min(1).max(2000) })

export const acceptance = z.object({
  id: z.string(),
  deviceId: z.string(),
  device: z.object({
    assetTag: z.string().nullable(),
    name: z.string().nullable(),
    manufacturer: z.string().nullable(),
    model: z.string().nullable(),
    department: z.string().nullable(),
    addresses: z.array(z.string()),
  }),
  state: z.enum(ACCEPTANCE_STATES),
  /** The ledger status before the acceptance started (restored by cancel). */
  previousStatus: z.string(),
  scopeId: z.string().nullable(),
  startedAt: z.string(),
  startedBy: z.string().nullable(),
  comparison: acceptanceComparison,
  checks: z.array(acceptanceCheck),
  issues: z.array(acceptanceIssue),
  signOff: z
    .object({ by: z.string(), at: z.string(), note: z.string(), acceptedOpen: z.boolean(), reason: z.string() })
    .nullable(),
  cancelled: z.object({ by: z.string(), at: z.string(), reason: z.string() }).nullable(),
  /** What still stands between this device and sign-off, in plain words (empty when it can be signed off). */
  outstandingJa: z.array(z.string()),
  outstandingEn: z.array(z.string()),
  version: z.number().int(),
})
export type Acceptance = z.infer<typeof acceptance>
