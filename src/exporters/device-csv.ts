import type { Device } from '../core/ledger/device.js'
import { toCsv } from './csv.js'
import { type ExportOptions, exportTable } from './device-columns-out.js'

/**
 * Exports devices as CSV through the one CSV writer (exporters/csv.ts): UTF-8 with a BOM, CRLF, RFC 4180 quoting,
 * formula-guarded cells (OWASP "CSV injection"); the importer strips the guard again, so the round trip is exact.
 * @example writeFileSync('ledger.csv', devicesToCsv(devices, { lang: 'en' }))
 */
export function devicesToCsv(devices: readonly Device[], opts: ExportOptions = {}): Buffer {
  const table = exportTable(devices, opts)
  return toCsv([table.header, ...devices.map((d) => table.cells(d))])
}
