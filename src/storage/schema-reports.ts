/** Tables of the reports module (migration 0016-reports), merged into `Database` in ./schema.ts. */
export interface ReportTables {
  reportSchedules: ReportScheduleTable
}

export interface ReportScheduleTable {
  id: string
  kind: string
  lang: string
  cron: string
  /** string[] as JSON. */
  recipients: string
  createdBy: string | null
  createdAt: string
  lastAttemptAt: string | null
  lastSentAt: string | null
  lastError: string | null
}
