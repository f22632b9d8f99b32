/** 0 or 1 (as elsewhere in the schema). */
type Bool = number

/** One action of the plan (ADR 0034): what to do about a group of findings, for one site. */
export interface ActionTable {
  id: string
  siteId: string
  /** The grouping key, unique per site: e.g. `scan:telnet-cleartext`, `control:secure-zone`, `vuln:ICSMA-20-049-01`. */
  kind: string
  titleJa: string
  titleEn: string
  detailJa: string
  detailEn: string
  severity: string // critical | high | medium | low | info
  /** critical 0 … info 4, for ordering in SQL. */
  severityRank: number
  knownExploited: Bool
  deviceCount: number
  findingCount: number
  owner: string | null
  /** YYYY-MM-DD. */
  dueOn: string
  dueSetByPerson: Bool
  status: string // open | in_progress | done | accepted
  acceptReason: string | null
  acceptApprover: string | null
  acceptExpiresOn: string | null
  acceptedBy: string | null
  acceptedAt: string | null
  closedAt: string | null
  closedEvidence: string | null
  createdAt: string
  updatedAt: string
  version: number
}

/** Which findings an action groups (a finding belongs to one action at most). */
export interface ActionFindingTable {
  actionId: string
  findingId: string
}

/** The SLA policy: days to the due date per severity, and for KEV-listed problems. One row, id 1. */
export interface ActionSlaTable {
  id: number
  critical: number
  high: number
  medium: number
  low: number
  info: number
  knownExploited: number
  updatedAt: string
  updatedBy: string | null
}

/** When actions were last regrouped and what the findings looked like then. One row, id 1. */
export interface ActionSyncTable {
  id: number
  syncedAt: string
  fingerprint: string
}

/** Tables of the actions module (migration 0013-actions), merged into `Database` in ./schema.ts. */
export interface ActionTables {
  actions: ActionTable
  actionFindings: ActionFindingTable
  actionSla: ActionSlaTable
  actionSync: ActionSyncTable
}
