import { guardFormula } from '../core/csv-formula.js'

/**
 * The one CSV writer of Mamori (docs/decisions/0008-one-csv-writer.md): UTF-8 with a BOM (Japanese Excel opens
 * BOM-less UTF-8 as Shift_JIS and garbles it), CRLF line ends, RFC 4180 quoting, and every cell formula-guarded
 * (core/csv-formula.ts). Write CSV files only through this module.
 * @example writeFileSync('audit.csv', toCsv([['id', 'actor'], ['1', '=cmd']])) // cell written as '=cmd
 */
export function toCsv(rows: Iterable<readonly string[]>): Buffer {
  const lines: string[] = []
  for (const r of rows) lines.push(csvLine(r))
  return Buffer.concat([CSV_BOM, Buffer.from(lines.length ? `${lines.join('\r\n')}\r\n` : '', 'utf8')])
}

/** UTF-8 byte order mark written at the start of every CSV file. */
export const CSV_BOM = Buffer.from([0xef, 0xbb, 0xbf])

/** One CSV line (without its CRLF). */
export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',')
}

/** One CSV cell: formula-guarded, then quoted when it holds a comma, quote or line break. */
export function csvCell(raw: string): string {
  const v = guardFormula(raw)
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v
}
