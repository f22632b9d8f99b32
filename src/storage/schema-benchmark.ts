/** Tables of the benchmark module (migration 0015-benchmark), merged into `Database` in ./schema.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as the module grows
export interface BenchmarkTables {}
