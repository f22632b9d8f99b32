/** The hospital's requirement set (ADR 0039): one row, id 1; absent = Mamori's template. Items as JSON text. */
export interface ProcurementRequirementSetTable {
  id: number
  name: string
  version: string
  /** RequirementItem[] as JSON. */
  items: string
  updatedAt: string
  updatedBy: string | null
}

/** A vendor's offer of one model in one tender, with its answers (BidAnswer[] as JSON). */
export interface ProcurementBidTable {
  id: string
  tender: string
  vendor: string
  manufacturer: string
  model: string
  modelId: string | null
  receivedOn: string | null
  notes: string
  answers: string
  createdAt: string
  createdBy: string | null
  updatedAt: string
}

/** Tables of the procurement (requirements, bids, comparison) module (migration 0017-procurement), merged into `Database` in ./schema.ts. */
export interface ProcurementTables {
  procurementRequirementSet: ProcurementRequirementSetTable
  procurementBids: ProcurementBidTable
}

/** The module's tables that a backup holds (spread into BACKUP_TABLES), in insert order: parents first. */
export const PROCUREMENT_BACKUP_TABLES = ['procurementRequirementSet', 'procurementBids'] as const
