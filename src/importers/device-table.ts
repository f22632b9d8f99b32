import Encoding from 'encoding-japanese'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import type { ImportProblemDto } from '../../api/import.js'
import { parseCsvRecords } from './csv-records.js'
import { checkZipOnce } from './zip-check.js'

/**
 * Bytes → rows of text cells, for the device ledger import. Pure apart from exceljs' own (in-memory) zip reading:
 * no files, no database. Every failure is returned as a located problem; nothing here throws on bad input.
 */

export type TableFormat = 'csv' | 'xlsx'

/** One non-empty row of the file, with its row number as Excel shows it (1-based, blank rows counted). */
export interface TableRow {
  row: number
  cells: string[]
}

export interface ParsedTable {
  format: TableFormat
  /** Detected text encoding for CSV ('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'shift_jis', 'euc-jp'); null for XLSX. */
  encoding: string | null
  /** Worksheet read (XLSX only). */
  sheet: string | null
  /** Non-empty rows in file order; the header is one of them (usually the first). */
  rows: TableRow[]
}

export type TableResult =
  | { table: ParsedTable; problems: ImportProblemDto[] }
  | { table: null; problems: ImportProblemDto[] }

/** Largest number of rows read from one file; bigger ledgers should be split (the message says so). */
export const MAX_ROWS = 1_000_000
/** Largest number of columns; more is a sign of a wrong file (or a sheet with stray formatting far right). */
export const MAX_COLUMNS = 500

/** A message in English and in Japanese (the Japanese one is what Japanese users see). */
export interface Bilingual {
  en: string
  ja: string
}

const fatal = (msg: Bilingual, value: string | null = null, row: number | null = null): TableResult => ({
  table: null,
  problems: [{ row, column: null, value, message: msg.en, messageJa: msg.ja, severity: 'error' }],
})

/** ZIP local file header "PK\x03\x04" (APPNOTE.TXT §4.3.7): every .xlsx starts with it. */
export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04
}

/** OLE2 compound file signature D0 CF 11 E0 A1 B1 1A E1: Excel 97–2003 .xls (not supported). */
function isOle2(head: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
  return head.length >= 8 && sig.every((b, i) => head[i] === b)
}

/** Guesses the format from the first bytes (and the file name when the bytes say nothing). */
export function sniffFormat(head: Uint8Array, fileName = ''): TableFormat {
  if (isZip(head)) return 'xlsx'
  if (/\.xlsx$/i.test(fileName)) return 'xlsx'
  return 'csv'
}

/**
 * Parses a device table from CSV or XLSX bytes. Format comes from the bytes (ZIP signature → XLSX), not the name.
 * @example
 *   const { table, problems } = await parseDeviceTable(bytes, 'ledger.csv')
 *   if (!table) console.log(problems[0].message)
 */
export async function parseDeviceTable(input: Uint8Array, fileName = ''): Promise<TableResult> {
  if (input.length === 0) return fatal({ en: 'The file is empty.', ja: 'ファイルが空です。' })
  if (isOle2(input)) {
    return fatal({
      en: 'This is an Excel 97–2003 (.xls) file, which is not supported. Save it as .xlsx or CSV in Excel and import that.',
      ja: 'Excel 97–2003 形式(.xls)のファイルは取り込めません。Excel で .xlsx または CSV として保存し直してから取り込んでください。',
    })
  }
  if (isZip(input)) return parseXlsx(input)
  if (/\.xlsx$/i.test(fileName)) {
    return fatal({
      en: `"${fileName}" is named .xlsx but is not an Excel workbook (it does not start with a ZIP signature).`,
      ja: `「${fileName}」は拡張子が .xlsx ですが、Excel ブックではありません。Excel で開いて .xlsx として保存し直してください。`,
    })
  }
  return parseCsvBytes(input)
}

// --------------------------------------------------------------------------------------------------------------
// CSV

export interface DecodedText {
  text: string
  encoding: string
}

/**
 * Decodes CSV bytes. Order matters: a BOM is certain; then a strict UTF-8 decode (a Shift_JIS file with kanji almost
 * never passes it, while ASCII-only files decode the same either way); then encoding-japanese's detector for
 * Shift_JIS (CP932, what Japanese Excel writes as "CSV (コンマ区切り)") and EUC-JP.
 */
export function decodeText(bytes: Uint8Array): DecodedText | { error: string; errorJa: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return strictUtf8(bytes.subarray(3), 'utf-8-bom')
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    if (bytes.length % 2 !== 0)
      return {
        error: 'The file is UTF-16 (little-endian) but has an odd number of bytes: it is truncated or damaged.',
        errorJa: 'UTF-16 のファイルですが、途中で切れているか壊れています。元のファイルから保存し直してください。',
      }
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + 2, bytes.length - 2), 'utf-16le'),
      encoding: 'utf-16le',
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    if (bytes.length % 2 !== 0)
      return {
        error: 'The file is UTF-16 (big-endian) but has an odd number of bytes: it is truncated or damaged.',
        errorJa: 'UTF-16 のファイルですが、途中で切れているか壊れています。元のファイルから保存し直してください。',
      }
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + 2, bytes.length - 2), 'utf-16be'),
      encoding: 'utf-16be',
    }
  }
  // UTF-16 without a BOM: in text that is mostly ASCII (headers, digits, punctuation), every other byte is zero.
  const bom16 = utf16WithoutBom(bytes)
  if (bom16)
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), bom16), encoding: bom16 }
  const utf8 = strictUtf8(bytes, 'utf-8')
  if (!('error' in utf8)) return utf8
  const detected = Encoding.detect(bytes, ['SJIS', 'EUCJP'])
  if (detected === 'SJIS' || detected === 'EUCJP') {
    const encoding = detected === 'SJIS' ? 'shift_jis' : 'euc-jp'
    const text = iconv.decode(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
      detected === 'SJIS' ? 'cp932' : 'euc-jp',
    )
    return { text, encoding }
  }
  return {
    error:
      'The file is not readable text: it is neither UTF-8, UTF-16 nor Shift_JIS. Save it from Excel as "CSV UTF-8 (コンマ区切り)" or as .xlsx.',
    errorJa:
      'ファイルの文字コードを判別できません(UTF-8、UTF-16、Shift_JIS のいずれでもありません)。Excel で「CSV UTF-8 (コンマ区切り)」または .xlsx として保存し直してください。',
  }
}

/** 'utf-16le' / 'utf-16be' when the first bytes look like BOM-less UTF-16 (zeros only at odd / even offsets). */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4000) & ~1
  if (n < 8) return null
  let zeroOdd = 0
  let zeroEven = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++
    if (bytes[i + 1] === 0) zeroOdd++
  }
  const pairs = n / 2
  // Text in UTF-8 or Shift_JIS has no zero bytes at all; UTF-16 has them on one side only (commas, digits, line
  // ends), even when most characters are kanji.
  if (zeroOdd >= Math.max(8, pairs * 0.1) && zeroEven === 0) return bytes.length % 2 === 0 ? 'utf-16le' : null
  if (zeroEven >= Math.max(8, pairs * 0.1) && zeroOdd === 0) return bytes.length % 2 === 0 ? 'utf-16be' : null
  return null
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true })

function strictUtf8(bytes: Uint8Array, encoding: string): DecodedText | { error: string; errorJa: string } {
  try {
    return { text: utf8Decoder.decode(bytes), encoding }
  } catch {
    return {
      error: 'The file says it is UTF-8 (it starts with a UTF-8 BOM) but contains bytes that are not UTF-8.',
      errorJa:
        'ファイルの先頭は UTF-8 の印(BOM)ですが、UTF-8 ではない文字が含まれています。Excel で「CSV UTF-8 (コンマ区切り)」として保存し直してください。',
    }
  }
}

/** Position of the first character that does not belong in a text file (NUL, other C0 controls, U+FFFD), or -1. */
export function firstBinaryChar(text: string): number {
  // \t \n \r and \f (some exports) are fine; everything else below 0x20 means binary data, as does U+FFFD,
  // which decoders put where a byte sequence was invalid.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
  return text.search(/[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/)
}

/** Tab-separated when the first line has more tabs than commas (Excel's "Unicode テキスト" is UTF-16 + tabs). */
function delimiterOf(text: string): string {
  const nl = text.indexOf('\n')
  const first = nl < 0 ? text : text.slice(0, nl)
  const tabs = first.split('\t').length
  const commas = first.split(',').length
  const semis = first.split(';').length
  if (tabs > commas && tabs > semis) return '\t'
  if (semis > commas) return ';'
  return ','
}

function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  let line = 1
  let last = -1
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      last = i
    }
  }
  return { line, col: offset - last }
}

function parseCsvBytes(bytes: Uint8Array): TableResult {
  const decoded = decodeText(bytes)
  if ('error' in decoded) return fatal({ en: decoded.error, ja: decoded.errorJa })
  const { text, encoding } = decoded
  const bad = firstBinaryChar(text)
  if (bad >= 0) {
    const { line, col } = lineAndColumn(text, bad)
    const code = text.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0')
    return fatal(
      {
        en:
          `The file contains binary data (character U+${code} at line ${line}, position ${col}); it is not a CSV file, or it is damaged. ` +
          'Export the ledger from Excel as CSV or .xlsx and try again.',
        ja:
          `${line} 行目の ${col} 文字目に文字ではないデータ(U+${code})があります。CSV ファイルではないか、ファイルが壊れています。` +
          '台帳を Excel から CSV または .xlsx で保存し直して、もう一度取り込んでください。',
      },
      null,
      line,
    )
  }
  const parsed = parseCsvRecords(text, delimiterOf(text))
  if ('error' in parsed) {
    return fatal(
      {
        en: `The CSV file cannot be read: ${parsed.error} (near line ${parsed.line}).`,
        ja: `CSV ファイルを読み取れません: ${parsed.line} 行目付近で${parsed.errorJa}。`,
      },
      null,
      parsed.line,
    )
  }
  const records = parsed.records
  const rows: TableRow[] = []
  const problems: ImportProblemDto[] = []
  // Row numbers are record numbers (Excel shows a cell with line breaks as one row), counting blank lines.
  records.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return
    rows.push({ row: i + 1, cells })
  })
  if (rows.length > MAX_ROWS) {
    return fatal({
      en: `The file has ${rows.length} rows; at most ${MAX_ROWS} can be imported at once. Split it into smaller files.`,
      ja: `ファイルが ${rows.length} 行あります。一度に取り込めるのは ${MAX_ROWS} 行までです。ファイルを分けてください。`,
    })
  }
  const wide = rows.find((r) => r.cells.length > MAX_COLUMNS)
  if (wide) {
    return fatal(
      {
        en: `Row ${wide.row} has ${wide.cells.length} columns; at most ${MAX_COLUMNS} are supported. Is this the right file?`,
        ja: `${wide.row} 行目に ${wide.cells.length} 列あります。扱えるのは ${MAX_COLUMNS} 列までです。取り込むファイルが正しいか確認してください。`,
      },
      null,
      wide.row,
    )
  }
  return { table: { format: 'csv', encoding, sheet: null, rows }, problems }
}

// --------------------------------------------------------------------------------------------------------------
// XLSX

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

/** Largest total uncompressed size of a workbook's parts; a ledger of 100,000 devices is well under 200 MB. */
export const MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024

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

async function parseXlsx(bytes: Uint8Array): Promise<TableResult> {
  // Before exceljs inflates anything: local and central ZIP headers must agree, and the bytes actually inflated are
  // counted and capped (importers/zip-check.ts), whatever sizes the directory declares.
  const zip = await checkZipOnce(bytes, MAX_XLSX_UNCOMPRESSED)
  if (!zip.ok) return fatal({ en: zip.en, ja: zip.ja }, zip.entry)
  const wb = new ExcelJS.Workbook()
  try {
    // exceljs (JSZip) reads an ArrayBuffer; copying the bytes also keeps the caller's buffer untouched.
    await wb.xlsx.load(new Uint8Array(bytes).buffer)
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0]?.slice(0, 200) : String(err)
    return fatal({
      en: `The Excel file is damaged or incomplete and cannot be opened (${why}). Open it in Excel, save it again as .xlsx, and retry.`,
      ja: `Excel ファイルが壊れているか途中で切れているため、開けません(${why})。Excel で開いて .xlsx として保存し直し、もう一度取り込んでください。`,
    })
  }
  const sheets = wb.worksheets.filter((ws) => ws.actualRowCount > 0)
  const ws = sheets[0]
  if (!ws) {
    return fatal({
      en: 'The workbook has no worksheet with data.',
      ja: 'ブックにデータの入ったワークシートがありません。',
    })
  }
  const problems: ImportProblemDto[] = []
  if (sheets.length > 1) {
    problems.push({
      row: null,
      column: null,
      value: ws.name,
      severity: 'warning',
      message: `The workbook has ${sheets.length} worksheets with data; only the first, "${ws.name}", is imported.`,
      messageJa: `データの入ったワークシートが ${sheets.length} 枚あります。取り込むのは最初のシート「${ws.name}」だけです。`,
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
          message: `Cell ${cell.address} holds the Excel error ${t.error}; it is read as empty.`,
          messageJa: `セル ${cell.address} は Excel のエラー値 ${t.error} のため、空欄として読み込みます。`,
        })
      } else cells.push(t.text)
    })
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: rowNumber, cells })
  })
  if (tooWide !== null) {
    return fatal(
      {
        en: `Row ${tooWide} uses more than ${MAX_COLUMNS} columns; is this the right worksheet?`,
        ja: `${tooWide} 行目が ${MAX_COLUMNS} 列を超えています。取り込むワークシートが正しいか確認してください。`,
      },
      null,
      tooWide,
    )
  }
  if (rows.length > MAX_ROWS) {
    return fatal({
      en: `The worksheet has more than ${MAX_ROWS} rows; split it into smaller files.`,
      ja: `ワークシートが ${MAX_ROWS} 行を超えています。ファイルを分けてください。`,
    })
  }
  return { table: { format: 'xlsx', encoding: null, sheet: ws.name, rows }, problems }
}
