import { z } from 'zod'

/**
 * Decommissioning and handover (廃棄・譲渡, issue 11 part 4): a checklist that makes sure a device leaves the hospital
 * without patient data, accounts, certificates or network rules behind, and a handover sheet for the used-device
 * dealer (中古販売業者; 医薬品医療機器等法施行規則第170条) stating the device's security status: software version, known
 * vulnerabilities and open findings, support end, how the data was erased. Every step is audited. Completing it sets
 * the ledger status to "decommissioned"; while continuity services still depend on the device (BCP), completing is
 * refused with the services named (409 DECOMMISSION_DEPENDENTS) unless `force` with a reason, which is recorded.
 *
 * Routes (reads `viewer`; changes `engineer`; DEVICE = device id or asset tag):
 *  GET   /api/decommissions?state=in_progress|completed          → {items: decommission[]}
 *  POST  /api/decommissions  {device}                            → decommission (409 DECOMMISSION_ALREADY_OPEN)
 *  GET   /api/decommissions/:id                                  → decommission
 *  GET   /api/devices/:deviceId/decommission                     → decommission (latest; 404 when none)
 *  PUT   /api/decommissions/:id/items/:itemId  decommissionItemInput → decommission
 *  PUT   /api/decommissions/:id/handover  decommissionHandoverInput → decommission (erasure method, recipient, date)
 *  POST  /api/decommissions/:id/complete  decommissionComplete   → decommission (device status → decommissioned;
 *        409 DECOMMISSION_INCOMPLETE naming the items not done; 409 DECOMMISSION_DEPENDENTS naming the services)
 *  GET   /api/decommissions/:id/handover-sheet?lang=ja|en        → PDF (audited as an export)
 */

export const DECOMMISSION_STATES = ['in_progress', 'completed'] as const
export type DecommissionState = (typeof DECOMMISSION_STATES)[number]

export const DECOMMISSION_ITEM_IDS = [
  'patient_data_erased',
  'removable_media_removed',
  'accounts_removed',
  'certificates_revoked',
  'remote_maintenance_revoked',
  'firewall_rules_removed',
  'nac_entries_removed',
  'dns_dhcp_removed',
  'integrations_removed',
  'ledger_updated',
] as const
export type DecommissionItemId = (typeof DECOMMISSION_ITEM_IDS)[number]

export const ERASURE_METHODS = [
  'manufacturer_procedure', // the manufacturer's documented wipe, with its certificate
  'overwrite', // overwriting the storage (NIST SP 800-88 Clear)
  'crypto_erase', // destroying the encryption key (Purge)
  'physical_destruction', // storage destroyed (Destroy)
  'storage_removed', // the storage kept by the hospital
  'no_patient_data', // the device never stored patient data (stated by the manufacturer)
] as const
export type ErasureMethod = (typeof ERASURE_METHODS)[number]

export const decommissionItemInput = z.object({
  done: z.boolean(),
  /** Not applicable to this device (e.g. no certificates); says why in the note. */
  notApplicable: z.boolean().default(false),
  note: z.string().trim().max(2000).default(''),
  /** Optional: the `version` the client saw; a stale one is refused (409). */
  version: z.number().int().min(1).optional(),
})

/** Body of POST /api/decommissions. */
export const decommissionStart = z.object({ device: z.string().trim().min(1).max(200) })

export const decommissionItem = z.object({
  id: z.enum(DECOMMISSION_ITEM_IDS),
  titleJa: z.string(),
  titleEn: z.string(),
  howJa: z.string(),
  howEn: z.string(),
  done: z.boolean(),
  notApplicable: z.boolean(),
  note: z.string(),
  doneBy: z.string().nullable(),
  doneAt: z.string().nullable(),
})
export type DecommissionItem = z.infer<typeof decommissionItem>

export const decommissionHandoverInput = z.object({
  erasureMethod: z.enum(ERASURE_METHODS).nullable(),
  /** Who erased and the certificate's reference, e.g. "メーカー作業報告書 No. 2026-118". */
  erasureEvidence: z.string().trim().max(1000).default(''),
  /** The used-device dealer or disposal company (null: destroyed, not handed over). */
  recipient: z.string().trim().max(300).nullable().default(null),
  handoverOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .nullable()
    .default(null),
  version: z.number().int().min(1).optional(),
})

export const decommissionComplete = z.object({
  /** Complete although continuity services still depend on the device; `reason` says why. */
  force: z.boolean().default(false),
  reason: z.string().trim().max(2000).default(''),
  version: z.number().int().min(1).optional(),
})

export const decommission = z.object({
  id: z.string(),
  deviceId: z.string(),
  device: z.object({
    assetTag: z.string().nullable(),
    name: z.string().nullable(),
    manufacturer: z.string().nullable(),
    model: z.string().nullable(),
    serialNumber: z.string().nullable(),
    softwareVersion: z.string().nullable(),
    department: z.string().nullable(),
  }),
  state: z.enum(DECOMMISSION_STATES),
  startedAt: z.string(),
  startedBy: z.string().nullable(),
  items: z.array(decommissionItem),
  handover: z.object({
    erasureMethod: z.enum(ERASURE_METHODS).nullable(),
    erasureEvidence: z.string(),
    recipient: z.string().nullable(),
    handoverOn: z.string().nullable(),
  }),
  /** Continuity services that still depend on the device (a warning until they are re-planned). */
  dependentServices: z.array(z.object({ id: z.string(), name: z.string() })),
  completed: z.object({ by: z.string(), at: z.string(), forced: z.boolean(), reason: z.string() }).nullable(),
  outstandingJa: z.array(z.string()),
  outstandingEn: z.array(z.string()),
  version: z.number().int(),
})
export type Decommission = z.infer<typeof decommission>
