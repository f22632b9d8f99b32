/** Tables of the procurement (requirements, bids, comparison) module (migration 0017-procurement), merged into `Database` in ./schema.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the module (issue 11)
export interface ProcurementTables {}

/** The module's tables that a backup holds (spread into BACKUP_TABLES), in insert order: parents first. */
export const PROCUREMENT_BACKUP_TABLES = [] as const
