import type { Device } from '../../api/device.js'
import { type ExportOptions, exportTable } from './device-columns-out.js'

/**
 * Exports devices as CSV: UTF-8 with a BOM (Japanese Excel opens BOM-less UTF-8 as Shift_JIS and garbles it), CRLF
 * line ends, RFC 4180 quoting. Cells that Excel would run as a formula (starting with = + - @, tab or CR) get a
 * leading apostrophe (OWASP "CSV injection"); the importer strips it again, so the round trip is exact.
 * @example writeFileSync('ledger.csv', devicesToCsv(devices, { lang: 'en' }))
 */
export function devicesToCsv(devices: readonly Device[], opts: ExportOptions = {}): Buffer {
  const table = exportTable(devices, opts)
  const lines = [table.header.map(csvCell).join(',')]
  for (const d of devices) lines.push(table.cells(d).map(csvCell).join(','))
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')])
}

/** One CSV cell: formula-guarded, quoted when it holds a comma, quote or line break. */
export function csvCell(raw: string): string {
  const v = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v
}
