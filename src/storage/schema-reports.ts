/** Tables of the reports module (migration 0016-reports), merged into `Database` in ./schema.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as the module grows
export interface ReportTables {}
