/** Tables of the actions module (migration 0013-actions), merged into `Database` in ./schema.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as the module grows
export interface ActionTables {}
