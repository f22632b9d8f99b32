import type { Finding } from '../../api/discovery.js'
import type { Device } from '../core/ledger/device.js'
import { MEDIA_TYPES, type ReportFileType, type ReportFormat } from '../core/report-format.js'
import { devicesToCsv } from '../exporters/device-csv.js'
import { devicesToXlsx } from '../exporters/device-xlsx.js'
import { findingsToCsv, findingsToXlsx } from '../exporters/findings-export.js'
import type { LetterInput } from './letters/letter-input.js'
import type { ModelComparisonInput } from './model-comparison.js'

/**
 * Every report format, registered over the existing exporters (src/exporters stays the one place that writes CSV
 * and XLSX; ADR 0008). Add a format: one file in src/reports/ exporting a `ReportFormat`, one line below.
 */

/** What each subject's formats take. */
export interface ReportInputs {
  findings: readonly Finding[]
  devices: readonly Device[]
  /** The letter's language is the format's `lang`. */
  letter: Omit<LetterInput, 'lang'>
  'model-comparison': Omit<ModelComparisonInput, 'lang'>
}
export type ReportSubject = keyof ReportInputs

function format<S extends ReportSubject>(
  subject: S,
  fileType: ReportFileType,
  label: { ja: string; en: string },
  render: ReportFormat<ReportInputs[S]>['render'],
): ReportFormat<ReportInputs[S]> & { subject: S } {
  return {
    id: `${subject}-${fileType}`,
    subject,
    fileType,
    extension: fileType,
    mediaType: MEDIA_TYPES[fileType],
    label,
    render,
  }
}

export const findingsCsv = format('findings', 'csv', { ja: '検出事項 (CSV)', en: 'Findings (CSV)' }, async (f, lang) =>
  findingsToCsv(f, lang),
)
export const findingsXlsx = format('findings', 'xlsx', { ja: '検出事項 (Excel)', en: 'Findings (Excel)' }, (f, lang) =>
  findingsToXlsx(f, lang),
)
export const devicesCsv = format(
  'devices',
  'csv',
  { ja: '機器台帳 (CSV)', en: 'Device ledger (CSV)' },
  async (d, lang) => devicesToCsv(d, { lang }),
)
export const devicesXlsx = format(
  'devices',
  'xlsx',
  { ja: '機器台帳 (Excel)', en: 'Device ledger (Excel)' },
  (d, lang) => devicesToXlsx(d, { lang }),
)

export const letterPdf = format(
  'letter',
  'pdf',
  { ja: '製造業者への書簡 (PDF)', en: 'Letter to the manufacturer (PDF)' },
  // Loaded on first use: pdfkit, fontkit and docx cost start-up time that a ledger export does not need.
  async (input, lang) => (await import('./letters/index.js')).letterToPdf({ ...input, lang }),
)
export const letterDocx = format(
  'letter',
  'docx',
  { ja: '製造業者への書簡 (Word)', en: 'Letter to the manufacturer (Word)' },
  async (input, lang) => (await import('./letters/index.js')).letterToDocx({ ...input, lang }),
)
export const modelComparisonXlsxFormat = format(
  'model-comparison',
  'xlsx',
  { ja: '機種の比較 (Excel)', en: 'Model comparison (Excel)' },
  async (input, lang) => (await import('./model-comparison.js')).modelComparisonXlsx({ ...input, lang }),
)

/** The registered formats of each subject, in display order. */
export const REPORT_FORMATS: { readonly [S in ReportSubject]: readonly ReportFormat<ReportInputs[S]>[] } = {
  findings: [findingsCsv, findingsXlsx],
  devices: [devicesCsv, devicesXlsx],
  letter: [letterPdf, letterDocx],
  'model-comparison': [modelComparisonXlsxFormat],
}

/** Every registered format (for listings and the registry test). */
export const ALL_REPORT_FORMATS: readonly ReportFormat<never>[] = Object.values(REPORT_FORMATS).flat()

/** The format for this subject and file type, or undefined when there is none. */
export function reportFormat<S extends ReportSubject>(
  subject: S,
  fileType: ReportFileType,
): ReportFormat<ReportInputs[S]> | undefined {
  const formats: readonly ReportFormat<ReportInputs[S]>[] = REPORT_FORMATS[subject]
  return formats.find((f) => f.fileType === fileType)
}
