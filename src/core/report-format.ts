/**
 * The report-format contract: one plugin per output file type and subject (findings as CSV, the ledger as XLSX…),
 * listed in `src/reports/formats.ts`, as probes are in `src/probes/index.ts`. Routes and CLI commands pick a format
 * by subject and file type and never know how it is written; PDF and DOCX reports will be one file each.
 *
 * @example
 * export const findingsCsv = {
 *   id: 'findings-csv', subject: 'findings', fileType: 'csv', extension: 'csv',
 *   mediaType: 'text/csv; charset=utf-8', label: { ja: '検出事項 (CSV)', en: 'Findings (CSV)' },
 *   render: async (findings, lang) => findingsToCsv(findings, lang),
 * } satisfies ReportFormat<readonly Finding[]>
 */

/** The language a report is written in (headers, words of choices, finding texts). */
export type ReportLang = 'ja' | 'en'

/** The kinds of file a format writes. */
export type ReportFileType = 'csv' | 'xlsx' | 'pdf' | 'docx'

export interface ReportFormat<Input> {
  /** `<subject>-<fileType>`: stable, used by the API and CLI. */
  readonly id: string
  /** What the report is about ('findings', 'devices'…). */
  readonly subject: string
  readonly fileType: ReportFileType
  /** The HTTP content type, charset included for text. */
  readonly mediaType: string
  /** File name extension, without the dot. */
  readonly extension: string
  readonly label: { readonly ja: string; readonly en: string }
  /** Pure apart from the bytes it returns: the whole file. */
  render(input: Input, lang: ReportLang): Promise<Uint8Array>
}

/** Media types of the file types, in one place. */
export const MEDIA_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const satisfies Record<ReportFileType, string>
