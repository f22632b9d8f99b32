/** Tables of the checklist module (migration 0014-checklist), merged into `Database` in ./schema.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as the module grows
export interface ChecklistTables {}
