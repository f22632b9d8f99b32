import type { ImportProblemDto } from '../../api/import.js'
import { importText } from '../core/ledger/import-row.js'
import { bilingual } from '../core/messages/translate.js'
import { loadExcelJS } from '../documents/xlsx.js'
import {
  tableFailure as fatal,
  MAX_COLUMNS,
  MAX_ROWS,
  MAX_XLSX_UNCOMPRESSED,
  type TableResult,
  type TableRow,
} from './table-result.js'
import { checkZipOnce } from './zip-check.js'

/** XLSX bytes → rows: cell values as text (dates, numbers, rich text, cached formula results), the first sheet only. */

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return ''
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  const hasTime = d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0 || d.getUTCSeconds() !== 0
  return hasTime ? `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : date
}

function numberText(n: number): string {
  // Excel stores every number as a double; print integers without ".0" and others without float noise (0.1+0.2).
  if (Number.isInteger(n)) return String(n)
  return String(Number(n.toPrecision(15)))
}

/** Text of one exceljs cell value (see exceljs' CellValue union), or { error } for #N/A-style error cells. */
export function cellText(v: unknown): { text: string } | { error: string } {
  if (v === null || v === undefined) return { text: '' }
  if (typeof v === 'string') return { text: v }
  if (typeof v === 'number') return { text: numberText(v) }
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' }
  if (v instanceof Date) return { text: dateText(v) }
  if (typeof v === 'object') {
    if ('error' in v && typeof v.error === 'string') return { error: v.error }
    if ('richText' in v && Array.isArray(v.richText)) {
      return {
        text: v.richText
          .map((p: unknown) => (p && typeof p === 'object' && 'text' in p ? String(p.text) : ''))
          .join(''),
      }
    }
    // Formulas (plain and shared): use the cached result Excel saved; Mamori never evaluates formulas.
    if ('result' in v) return cellText(v.result)
    if ('formula' in v || 'sharedFormula' in v) return { text: '' }
    if ('text' in v) return cellText(v.text) // hyperlink cell: its display text
  }
  return { text: '' }
}

/**
 * Sums the uncompressed sizes that a ZIP's central directory declares (declared only: parseXlsx relies on
 * importers/zip-check.ts, which inflates and counts) (APPNOTE.TXT §4.3.16 end-of-central-directory
 * record, §4.3.12 central file headers), without inflating anything: a small upload that would expand to gigabytes
 * (a "zip bomb") is refused before exceljs reads it. Returns null when the directory cannot be found (truncated file).
 */
export function zipUncompressedSize(b: Uint8Array): number | null {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength)
  // The EOCD record (22 bytes + a comment of up to 65,535 bytes) is at the end; search backwards for its signature.
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 65_535; i--) {
    if (dv.getUint32(i, true) !== 0x06054b50) continue
    const entries = dv.getUint16(i + 10, true)
    const cdSize = dv.getUint32(i + 12, true)
    const cdOffset = dv.getUint32(i + 16, true)
    if (cdOffset + cdSize > b.length) return null
    let total = 0
    let p = cdOffset
    for (let e = 0; e < entries; e++) {
      if (p + 46 > b.length || dv.getUint32(p, true) !== 0x02014b50) return null
      const size = dv.getUint32(p + 24, true)
      // 0xFFFFFFFF means the real size is in a ZIP64 extra field: far beyond any ledger.
      if (size === 0xffffffff) return Number.POSITIVE_INFINITY
      total += size
      p += 46 + dv.getUint16(p + 28, true) + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true)
    }
    return total
  }
  return null
}

/** XLSX bytes → rows of the first worksheet with data, after the ZIP checks of ./zip-check.ts. */
export async function parseXlsx(bytes: Uint8Array): Promise<TableResult> {
  // Before exceljs inflates anything: local and central ZIP headers must agree, and the bytes actually inflated are
  // counted and capped (importers/zip-check.ts), whatever sizes the directory declares.
  const zip = await checkZipOnce(bytes, MAX_XLSX_UNCOMPRESSED)
  if (!zip.ok) return fatal({ en: zip.en, ja: zip.ja }, zip.entry)
  const wb = new (await loadExcelJS()).Workbook()
  try {
    // exceljs (JSZip) reads an ArrayBuffer; copying the bytes also keeps the caller's buffer untouched.
    await wb.xlsx.load(new Uint8Array(bytes).buffer)
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0]?.slice(0, 200) : String(err)
    return fatal(bilingual('import.xlsxDamaged', { why: String(why) }))
  }
  const sheets = wb.worksheets.filter((ws) => ws.actualRowCount > 0)
  const ws = sheets[0]
  if (!ws) return fatal(bilingual('import.xlsxNoSheet'))
  const problems: ImportProblemDto[] = []
  if (sheets.length > 1) {
    problems.push({
      row: null,
      column: null,
      value: ws.name,
      severity: 'warning',
      ...importText('xlsxSeveralSheets', { sheets: sheets.length, sheet: ws.name }),
    })
  }
  const rows: TableRow[] = []
  let tooWide: number | null = null
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rows.length > MAX_ROWS || tooWide !== null) return
    const cells: string[] = []
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > MAX_COLUMNS) {
        tooWide = rowNumber
        return
      }
      const t = cellText(cell.value)
      while (cells.length < col - 1) cells.push('')
      if ('error' in t) {
        cells.push('')
        problems.push({
          row: rowNumber,
          column: null,
          value: t.error,
          severity: 'warning',
          ...importText('xlsxErrorCell', { cell: cell.address, error: t.error }),
        })
      } else cells.push(t.text)
    })
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: rowNumber, cells })
  })
  if (tooWide !== null) {
    return fatal(bilingual('import.xlsxTooManyColumns', { row: tooWide, max: MAX_COLUMNS }), null, tooWide)
  }
  if (rows.length > MAX_ROWS) {
    return fatal(bilingual('import.xlsxTooManyRows', { max: MAX_ROWS }))
  }
  return { table: { format: 'xlsx', encoding: null, sheet: ws.name, rows }, problems }
}
