/** Tables of the benchmark module (migration 0015-benchmark), merged into `Database` in ./schema.ts. */

/** An imported anonymous profile (one row per file a hospital sent to the coordinator). */
export interface BenchmarkProfileTable {
  profileId: string
  period: string
  bedBand: string
  region: string
  /** Indicator id → value, as JSON. */
  indicators: string
  checksum: string
  importedAt: string
  importedBy: string | null
}

/** An imported published cohort report (what a hospital compares itself against). */
export interface BenchmarkReportTable {
  id: string
  createdAt: string
  /** The whole report as JSON. */
  report: string
  importedAt: string
  importedBy: string | null
}

export interface BenchmarkTables {
  benchmarkProfiles: BenchmarkProfileTable
  benchmarkReports: BenchmarkReportTable
}
