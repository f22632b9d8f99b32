/** Tables of the risk module (migration 0012-risk), merged into `Database` in ./schema.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as the module grows
export interface RiskTables {}
