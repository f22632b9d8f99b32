import type { ImportProblemDto } from '../../api/import.js'

/**
 * What the table readers (CSV: ./table-csv.ts, XLSX: ./table-xlsx.ts) return: rows of text cells, or located
 * problems. Shared limits and the ZIP signature check live here so that both readers and ./zip-check.ts use them.
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

/**
 * Largest number of rows read from one file (a CSV may have its header on top of them); bigger ledgers should be
 * split (the message says so).
 */
export const MAX_ROWS = 1_000_000
/** Largest number of columns; more is a sign of a wrong file (or a sheet with stray formatting far right). */
export const MAX_COLUMNS = 500

/** A message in English and in Japanese (the Japanese one is what Japanese users see). */
export interface Bilingual {
  en: string
  ja: string
}

/** A file-level failure: no table, one located error. */
export const tableFailure = (msg: Bilingual, value: string | null = null, row: number | null = null): TableResult => ({
  table: null,
  problems: [{ row, column: null, value, message: msg.en, messageJa: msg.ja, severity: 'error' }],
})

/** ZIP local file header "PK\x03\x04" (APPNOTE.TXT §4.3.7): every .xlsx starts with it. */
export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04
}

/** Largest total uncompressed size of a workbook's parts; a ledger of 100,000 devices is well under 200 MB. */
export const MAX_XLSX_UNCOMPRESSED = 512 * 1024 * 1024
