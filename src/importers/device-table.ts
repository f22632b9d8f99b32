import { bilingual } from '../core/messages/translate.js'
import { parseCsvBytes, streamCsvBytes, type TableStreamResult } from './table-csv.js'
import { tableFailure as fatal, isZip, type TableFormat, type TableResult } from './table-result.js'
import { parseXlsx } from './table-xlsx.js'

/**
 * Bytes → rows of text cells, for the device ledger import. Pure apart from exceljs' own (in-memory) zip reading:
 * no files, no database. Every failure is returned as a located problem; nothing here throws on bad input.
 */

export {
  type DecodedText,
  decodeText,
  firstBinaryChar,
  type TableStream,
  type TableStreamResult,
} from './table-csv.js'
export * from './table-result.js'
export { cellText, zipUncompressedSize } from './table-xlsx.js'

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
  if (input.length === 0) return fatal(bilingual('import.fileEmpty'))
  if (isOle2(input)) return fatal(bilingual('import.fileXls'))
  if (isZip(input)) return parseXlsx(input)
  if (/\.xlsx$/i.test(fileName)) {
    return fatal(bilingual('import.fileNotXlsx', { file: fileName }))
  }
  return parseCsvBytes(input)
}

/**
 * Opens a device table for reading row by row: CSV is decoded and parsed as it is read, so the import never holds
 * the whole text or table; XLSX is read whole by exceljs first and then handed out row by row.
 * @example
 *   const { stream, problems } = await openDeviceTable(bytes, 'ledger.csv')
 *   if (stream) for (const row of stream.rows()) console.log(row.row, row.cells)
 */
export async function openDeviceTable(input: Uint8Array, fileName = ''): Promise<TableStreamResult> {
  if (!isZip(input) && !isOle2(input) && input.length > 0 && !/\.xlsx$/i.test(fileName)) return streamCsvBytes(input)
  const parsed = await parseDeviceTable(input, fileName)
  if (!parsed.table) return { stream: null, problems: parsed.problems }
  const { table } = parsed
  let read = 0
  return {
    stream: {
      format: table.format,
      encoding: table.encoding,
      sheet: table.sheet,
      problems: parsed.problems,
      *rows() {
        read = 0
        for (let i = 0; i < table.rows.length; i++) {
          read = i / table.rows.length
          yield table.rows[i]!
        }
        read = 1
        return null
      },
      readFraction: () => read,
    },
    problems: [],
  }
}
