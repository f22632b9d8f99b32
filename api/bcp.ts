import { z } from 'zod'

/**
 * Continuity (BCP, 事業継続計画; issue 11 part 5). The unit is the clinical service (ICU monitoring, infusion therapy,
 * radiology imaging, laboratory results, electronic records…): what patients lose when it stops. Each service depends
 * on devices, network segments, outside parties (vendor links, cloud, carriers) and other services; a device depends
 * on its own segment (from the ledger) and on whatever else is recorded. Services are seeded from the ledger (a
 * proposal a person edits), then kept by hand: maximum tolerable downtime (MTD), the manual fallback, who decides.
 * Per device: the isolation step that keeps it running (unplug the network, not the power), recovery steps,
 * validation before it returns to clinical use, the manufacturer's 24/7 contact. The impact analysis answers "if this
 * server / segment / vendor link stops, which clinical services stop, and how long can we bear it?" as a list and a
 * graph. Playbooks follow MHLW's five phases (平時 / 検知 / 初動対応 / 復旧処理 / 事後対応) with tasks and owners; the
 * contact chain (連絡体制図) covers the hospital, vendors, MHLW and the police; tabletop exercises are recorded.
 * Downtime cards (A4 PDF, Japanese) per device and per service are printed to keep at the bedside or in the department.
 *
 * Problems are warnings, never silent gaps: a dependency cycle, a service with no owner or no decider, a dependency
 * on a decommissioned device, a card for a device with no plan (the card says so in large type).
 *
 * Routes (reads `viewer`; changes `engineer`; every change audited; NODE = device id or asset tag, "segment:NAME",
 * "party:ID", "service:ID" — a bare value is tried as device id, asset tag, service id, segment name in that order):
 *  GET    /api/bcp/services                          → {items: clinicalService[], warnings: bcpWarning[]}
 *  POST   /api/bcp/services  clinicalServiceInput    → clinicalService
 *  GET    /api/bcp/services/:id                      → clinicalService
 *  PUT    /api/bcp/services/:id  clinicalServiceInput → clinicalService (409 BCP_VERSION_CONFLICT on a stale version)
 *  DELETE /api/bcp/services/:id                      → 204
 *  POST   /api/bcp/seed  {apply?: boolean}           → bcpSeedProposal (apply=false: a proposal; true: creates the
 *         proposed services that do not exist yet, by seedKey)
 *  GET    /api/bcp/parties  / POST / PUT /:id / DELETE /:id  outsidePartyInput → outsideParty
 *  GET    /api/bcp/device-plans?missing=true         → {items: devicePlan[]} (missing: devices services depend on
 *         that have no plan, as empty plans)
 *  GET    /api/bcp/device-plans/:deviceId            → devicePlan (an unsaved default from the category when none)
 *  PUT    /api/bcp/device-plans/:deviceId  devicePlanInput → devicePlan
 *  GET    /api/bcp/impact?node=NODE                  → impactResult (404 BCP_NODE_UNKNOWN with what was tried)
 *  GET    /api/bcp/graph?service=ID?                 → bcpGraph (the whole dependency graph, or around a service)
 *  GET    /api/bcp/playbook                          → playbook
 *  PUT    /api/bcp/playbook/tasks/:id  playbookTaskInput → playbookTask ; POST /api/bcp/playbook/tasks → playbookTask
 *  DELETE /api/bcp/playbook/tasks/:id                → 204
 *  GET    /api/bcp/contacts                          → contactChain ; POST / PUT /:id / DELETE /:id contactInput
 *  GET    /api/bcp/contacts/chart.svg?lang           → the contact chain as a picture (SVG)
 *  GET    /api/bcp/exercises  / POST / PUT /:id / DELETE /:id  exerciseInput → exercise
 *  GET    /api/bcp/cards?lang=ja|en&devices=ID,…&services=ID,… → PDF (no filter: every service and every device a
 *         service depends on; audited as an export)
 */

export const SERVICE_CRITICALITIES = ['life_critical', 'high', 'medium', 'low'] as const
export type ServiceCriticality = (typeof SERVICE_CRITICALITIES)[number]

export const NODE_KINDS = ['service', 'device', 'segment', 'party'] as const
export type NodeKind = (typeof NODE_KINDS)[number]

/** One end of a dependency: a device (id), a network segment (its name as in the ledger), a party (id), a service. */
export const nodeRef = z.object({ kind: z.enum(NODE_KINDS), id: z.string().trim().min(1).max(200) })
export type NodeRef = z.infer<typeof nodeRef>

export const dependencyInput = z.object({
  target: nodeRef,
  /** hard: the service stops without it; soft: it degrades (e.g. results arrive later). */
  strength: z.enum(['hard', 'soft']).default('hard'),
  note: z.string().trim().max(1000).default(''),
})
export type DependencyInput = z.input<typeof dependencyInput>

export const clinicalServiceInput = z.object({
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().max(200).default(''),
  description: z.string().trim().max(2000).default(''),
  department: z.string().trim().max(200).nullable().default(null),
  criticality: z.enum(SERVICE_CRITICALITIES).default('high'),
  /** Who owns the service's plan (a person or role). Missing → warning. */
  owner: z.string().trim().max(200).nullable().default(null),
  /** Who decides to switch to the manual fallback (e.g. "ICU 当直医長"). Missing → warning. */
  decider: z.string().trim().max(200).nullable().default(null),
  /** Maximum tolerable downtime in minutes (MTD; 許容停止時間). Null → warning. */
  maxDowntimeMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 90)
    .nullable()
    .default(null),
  /** What staff do by hand while it is down (紙運用, bedside monitoring, runner to the lab…). */
  fallbackJa: z.string().trim().max(4000).default(''),
  fallbackEn: z.string().trim().max(4000).default(''),
  dependencies: z.array(dependencyInput).max(5000).default([]),
  /** Where a seeded service came from ("seed:icu-monitoring"); null for services made by hand. */
  seedKey: z.string().max(100).nullable().default(null),
  version: z.number().int().optional(),
})
export type ClinicalServiceInput = z.input<typeof clinicalServiceInput>

export const BCP_WARNING_CODES = [
  'dependency_cycle',
  'no_owner',
  'no_decider',
  'no_max_downtime',
  'no_fallback',
  'retired_dependency',
  'unknown_dependency',
  'device_without_plan',
  'party_without_contact',
] as const
export type BcpWarningCode = (typeof BCP_WARNING_CODES)[number]

/** A problem in the plan, in plain words; `nodes` are what it concerns (for links in the UI). */
export const bcpWarning = z.object({
  code: z.enum(BCP_WARNING_CODES),
  messageJa: z.string(),
  messageEn: z.string(),
  nodes: z.array(nodeRef),
})
export type BcpWarning = z.infer<typeof bcpWarning>

export const dependency = dependencyInput.extend({
  /** What the target is called (device name + asset tag, segment, party, service), for lists and cards. */
  label: z.string(),
  /** The target no longer exists, or is a decommissioned device. */
  broken: z.boolean(),
})
export type Dependency = z.infer<typeof dependency>

export const clinicalService = clinicalServiceInput.extend({
  id: z.string(),
  dependencies: z.array(dependency),
  version: z.number().int(),
  warnings: z.array(bcpWarning),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
})
export type ClinicalService = z.infer<typeof clinicalService>

export const bcpSeedProposal = z.object({
  services: z.array(
    clinicalServiceInput.extend({
      /** Already in the plan (same seedKey): not created again. */
      exists: z.boolean(),
      /** Why these dependencies were proposed ("12 devices of category patient_monitor in ICU"). */
      reasonJa: z.string(),
      reasonEn: z.string(),
    }),
  ),
  created: z.number().int(),
})
export type BcpSeedProposal = z.infer<typeof bcpSeedProposal>

export const PARTY_KINDS = ['vendor', 'cloud', 'carrier', 'utility', 'authority', 'other'] as const
export const outsidePartyInput = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(PARTY_KINDS).default('vendor'),
  /** 24/7 contact (phone), printed on cards. Missing for a vendor → warning. */
  contact24h: z.string().trim().max(200).default(''),
  email: z.string().trim().max(320).default(''),
  notes: z.string().trim().max(2000).default(''),
})
export const outsideParty = outsidePartyInput.extend({ id: z.string(), updatedAt: z.string() })
export type OutsideParty = z.infer<typeof outsideParty>

export const devicePlanInput = z.object({
  /** How to isolate it and keep it running: "LAN ケーブルを抜く(電源は切らない)". */
  isolationJa: z.string().trim().max(4000).default(''),
  isolationEn: z.string().trim().max(4000).default(''),
  /** Recovery steps in order (re-association, time check, restore configuration…). */
  recoveryStepsJa: z.array(z.string().trim().min(1).max(1000)).max(30).default([]),
  recoveryStepsEn: z.array(z.string().trim().min(1).max(1000)).max(30).default([]),
  /** Checks before it returns to clinical use. */
  validationJa: z.array(z.string().trim().min(1).max(1000)).max(30).default([]),
  validationEn: z.array(z.string().trim().min(1).max(1000)).max(30).default([]),
  /** The manufacturer's 24/7 contact (defaults to the ledger's vendor contact on the card). */
  manufacturerContact24h: z.string().trim().max(300).default(''),
  /** Where the configuration backup is kept and how to restore it. */
  backupNote: z.string().trim().max(2000).default(''),
  /**
   * What the device itself needs besides its own segment (from the ledger): a bedside monitor → its central monitor,
   * a CT → the PACS server and the vendor's remote link. These edges carry a loss through to the services.
   */
  dependsOn: z.array(dependencyInput).max(200).default([]),
})
export type DevicePlanInput = z.input<typeof devicePlanInput>

export const devicePlan = devicePlanInput.extend({
  deviceId: z.string(),
  dependsOn: z.array(dependency),
  device: z.object({
    assetTag: z.string().nullable(),
    name: z.string().nullable(),
    model: z.string().nullable(),
    department: z.string().nullable(),
    location: z.string().nullable(),
    lifeCritical: z.boolean(),
  }),
  /** False: nothing saved yet (the texts are the category's default, for a person to adapt). */
  saved: z.boolean(),
  /** Services that depend on the device (directly or through other devices). */
  services: z.array(z.object({ id: z.string(), name: z.string() })),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
})
export type DevicePlan = z.infer<typeof devicePlan>

export const impactedService = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  criticality: z.enum(SERVICE_CRITICALITIES),
  /** hard: the service stops; soft: it degrades. */
  effect: z.enum(['stops', 'degrades']),
  maxDowntimeMinutes: z.number().int().nullable(),
  fallbackJa: z.string(),
  fallbackEn: z.string(),
  decider: z.string().nullable(),
  owner: z.string().nullable(),
  /** The chain from the lost node to the service, e.g. [segment ICU-NET, device CM-01, service ICU 監視]. */
  path: z.array(nodeRef.extend({ label: z.string() })),
})
export type ImpactedService = z.infer<typeof impactedService>

export const impactResult = z.object({
  node: nodeRef.extend({ label: z.string() }),
  /** Most urgent first: stops before degrades, then shortest MTD (unknown last), then criticality. */
  services: z.array(impactedService),
  /** Devices that stop with the node (in the segment, or depending on it). */
  devicesAffected: z.number().int(),
  /** The shortest MTD among the services that stop, or null. */
  tightestMinutes: z.number().int().nullable(),
  warnings: z.array(bcpWarning),
  /** The affected part of the graph, for the picture. */
  graph: z.lazy(() => bcpGraph),
})
export type ImpactResult = z.infer<typeof impactResult>

export const bcpGraph = z.object({
  nodes: z.array(
    nodeRef.extend({
      label: z.string(),
      /** In an impact graph: the node lost, or stopped/degraded by it; otherwise null. */
      state: z.enum(['lost', 'stops', 'degrades']).nullable(),
    }),
  ),
  /** from depends on to. */
  edges: z.array(z.object({ from: nodeRef, to: nodeRef, strength: z.enum(['hard', 'soft']) })),
  /** Nodes left out because the graph was too big to draw (the list view has them all). */
  truncated: z.number().int(),
})
export type BcpGraph = z.infer<typeof bcpGraph>

/** MHLW 手引き (2024): 平時 / 検知 / 初動対応 / 復旧処理 / 事後対応. */
export const PLAYBOOK_PHASES = ['peacetime', 'detection', 'initial_response', 'recovery', 'post_incident'] as const
export type PlaybookPhase = (typeof PLAYBOOK_PHASES)[number]

export const playbookTaskInput = z.object({
  phase: z.enum(PLAYBOOK_PHASES),
  titleJa: z.string().trim().min(1).max(500),
  titleEn: z.string().trim().max(500).default(''),
  detailJa: z.string().trim().max(4000).default(''),
  detailEn: z.string().trim().max(4000).default(''),
  /** A role or person ("情報システム担当", "臨床工学技士長"); missing → warning. */
  owner: z.string().trim().max(200).nullable().default(null),
  /** Services the task is about (empty: hospital-wide). */
  serviceIds: z.array(z.string()).max(100).default([]),
  order: z.number().int().min(0).max(10_000).default(0),
  /** Where it comes from ("手引き 3.2", "MITRE playbook 4.1"). */
  source: z.string().trim().max(200).default(''),
})
export const playbookTask = playbookTaskInput.extend({ id: z.string(), updatedAt: z.string() })
export type PlaybookTask = z.infer<typeof playbookTask>

export const playbook = z.object({
  phases: z.array(z.object({ phase: z.enum(PLAYBOOK_PHASES), tasks: z.array(playbookTask) })),
  warnings: z.array(bcpWarning),
})
export type Playbook = z.infer<typeof playbook>

export const CONTACT_KINDS = ['internal', 'vendor', 'authority', 'police', 'other'] as const
export const contactInput = z.object({
  name: z.string().trim().min(1).max(200),
  /** The role in an incident ("初動対応責任者", "厚生労働省 医政局 特定医薬品開発支援・医療情報担当参事官室"). */
  role: z.string().trim().max(200).default(''),
  organisation: z.string().trim().max(200).default(''),
  kind: z.enum(CONTACT_KINDS).default('internal'),
  phone: z.string().trim().max(100).default(''),
  email: z.string().trim().max(320).default(''),
  /** e.g. "24時間", "平日 9–17時". */
  availability: z.string().trim().max(200).default(''),
  /** Whom this contact informs next (ids of other contacts): the arrows of the chart. */
  notifies: z.array(z.string()).max(50).default([]),
  order: z.number().int().min(0).max(10_000).default(0),
})
export const contact = contactInput.extend({ id: z.string(), updatedAt: z.string() })
export type Contact = z.infer<typeof contact>
export const contactChain = z.object({ items: z.array(contact), warnings: z.array(bcpWarning) })
export type ContactChain = z.infer<typeof contactChain>

export const exerciseInput = z.object({
  heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
  /** The scenario ("電子カルテサーバのランサムウェア感染、夜間"). */
  scenario: z.string().trim().min(1).max(2000),
  kind: z.enum(['tabletop', 'functional', 'full_scale']).default('tabletop'),
  participants: z.string().trim().max(2000).default(''),
  serviceIds: z.array(z.string()).max(100).default([]),
  lessons: z.string().trim().max(8000).default(''),
  followUps: z.string().trim().max(8000).default(''),
})
export const exercise = exerciseInput.extend({
  id: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
})
export type Exercise = z.infer<typeof exercise>

export const cardsQuery = z.object({
  lang: z.enum(['ja', 'en']).default('ja'),
  /** Comma-separated device ids or asset tags. */
  devices: z.string().max(20_000).optional(),
  /** Comma-separated service ids. */
  services: z.string().max(20_000).optional(),
})

/** GET /api/bcp/exercises: newest first. */
export const exerciseList = z.object({ items: z.array(exercise) })
export type ExerciseList = z.infer<typeof exerciseList>
