/** Tables of the operations (calendar, reminders, re-scan cadence, timeline) module (migration 0019-operations), merged into `Database` in ./schema.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the module (issue 11)
export interface OperationsTables {}

/** The module's tables that a backup holds (spread into BACKUP_TABLES), in insert order: parents first. */
export const OPERATIONS_BACKUP_TABLES = [] as const
