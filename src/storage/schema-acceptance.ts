/** Tables of the acceptance tests and decommissioning module (migration 0018-acceptance), merged into `Database` in ./schema.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the module (issue 11)
export interface AcceptanceTables {}

/** The module's tables that a backup holds (spread into BACKUP_TABLES), in insert order: parents first. */
export const ACCEPTANCE_BACKUP_TABLES = [] as const
