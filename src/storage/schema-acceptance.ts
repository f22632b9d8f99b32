/**
 * Tables of the acceptance tests and decommissioning module (migration 0018-acceptance, ADR 0040), merged into
 * `Database` in ./schema.ts. The per-record parts that are always read and written whole (checks, issues, comparison,
 * checklist items, handover) are JSON text: one row per acceptance or decommission, saved with optimistic `version`.
 */
export interface AcceptanceTable {
  id: string
  deviceId: string
  state: string // in_progress | signed_off | cancelled
  previousStatus: string
  scopeId: string | null
  startedAt: string
  startedBy: string | null
  /** JSON: AcceptanceComparison. */
  comparison: string
  /** JSON: { [checkId]: {result, note, checkedBy, checkedAt} }. */
  checks: string
  /** JSON: AcceptanceIssue[]. */
  issues: string
  /** JSON or null: {by, at, note, acceptedOpen, reason}. */
  signOff: string | null
  /** JSON or null: {by, at, reason}. */
  cancelled: string | null
  lastScanId: string | null
  updatedAt: string
  version: number
}

export interface DecommissionTable {
  id: string
  deviceId: string
  state: string // in_progress | completed
  startedAt: string
  startedBy: string | null
  /** JSON: { [itemId]: {done, notApplicable, note, doneBy, doneAt} }. */
  items: string
  /** JSON: {erasureMethod, erasureEvidence, recipient, handoverOn}. */
  handover: string
  /** JSON or null: {by, at, forced, reason}. */
  completed: string | null
  updatedAt: string
  version: number
}

export interface AcceptanceTables {
  acceptances: AcceptanceTable
  decommissions: DecommissionTable
}

/** The module's tables that a backup holds (spread into BACKUP_TABLES), in insert order: parents first. */
export const ACCEPTANCE_BACKUP_TABLES = ['acceptances', 'decommissions'] as const
