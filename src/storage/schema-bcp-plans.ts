/** Tables of the continuity: playbooks, contact chain, exercises, downtime cards module (migration 0021-bcp-plans), merged into `Database` in ./schema.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the module (issue 11)
export interface BcpPlansTables {}

/** The module's tables that a backup holds (spread into BACKUP_TABLES), in insert order: parents first. */
export const BCP_PLANS_BACKUP_TABLES = [] as const
