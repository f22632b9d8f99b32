/** Tables of the continuity: clinical services, dependencies, parties, device plans, impact module (migration 0020-bcp), merged into `Database` in ./schema.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the module (issue 11)
export interface BcpTables {}

/** The module's tables that a backup holds (spread into BACKUP_TABLES), in insert order: parents first. */
export const BCP_BACKUP_TABLES = [] as const
