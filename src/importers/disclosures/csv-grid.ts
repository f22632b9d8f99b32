import type { DisclosureProblem } from '../../core/disclosures/disclosure.js'
import { parseCsvRecords } from '../csv-records.js'
import { decodeText, firstBinaryChar } from '../table-csv.js'
import type { Grid, GridRow } from './grid.js'
import { fileProblem } from './problems.js'
import { MAX_FORM_COLUMNS, MAX_FORM_ROWS } from './xlsx-grid.js'

const EXCEL_ERROR = /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!)$/

/** Tab-separated when the first line has more tabs than commas (Excel's "Unicode テキスト"), else comma or semicolon. */
function delimiter(text: string): string {
  const first = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length)
  const n = (c: string) => first.split(c).length
  if (n('\t') > n(',') && n('\t') > n(';')) return '\t'
  return n(';') > n(',') ? ';' : ','
}

/**
 * CSV bytes (an MDS2 form saved as CSV, Shift_JIS / UTF-8 / UTF-16 as ../table-csv.ts decodes them) → one Grid named
 * after the file. Row numbers are record numbers (blank lines counted), columns 1-based numbers.
 */
export function readCsvGrid(bytes: Uint8Array, file: string): { grid: Grid | null; problems: DisclosureProblem[] } {
  const decoded = decodeText(bytes)
  if ('error' in decoded || firstBinaryChar(decoded.text) >= 0)
    return { grid: null, problems: [fileProblem('error', 'fileNotText', { file })] }
  const parsed = parseCsvRecords(decoded.text, delimiter(decoded.text), 100_000)
  if ('error' in parsed)
    return { grid: null, problems: [fileProblem('error', 'fileCsvUnreadable', { file, line: parsed.line })] }
  const rows: GridRow[] = []
  let columns = 0
  parsed.records.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return
    columns = Math.max(columns, cells.length)
    // Excel writes an error cell into CSV as its code: read it as the error it was, like in a workbook.
    let errors: Map<number, string> | undefined
    cells.forEach((c, k) => {
      if (!EXCEL_ERROR.test(c.trim())) return
      errors ??= new Map()
      errors.set(k, c.trim())
      cells[k] = ''
    })
    rows.push({ row: i + 1, cells, errors })
  })
  if (rows.length > MAX_FORM_ROWS || columns > MAX_FORM_COLUMNS) {
    const params = { sheet: file, rows: rows.length, columns, maxRows: MAX_FORM_ROWS, maxColumns: MAX_FORM_COLUMNS }
    return { grid: null, problems: [fileProblem('error', 'sheetTooLarge', params)] }
  }
  return { grid: { sheet: file, kind: 'csv', rows }, problems: [] }
}
