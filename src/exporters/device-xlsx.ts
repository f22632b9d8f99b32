import { PassThrough, type Writable } from 'node:stream'
import type { Device } from '../core/ledger/device.js'
import { loadExcelJS } from '../documents/xlsx.js'
import { type ExportOptions, exportTable } from './device-columns-out.js'

/**
 * Exports devices as .xlsx with exceljs' streaming writer (100,000 rows without building the workbook in memory).
 * Every value is written as text, never as a formula, so nothing in the ledger can execute in Excel, and dates stay
 * exactly as stored (YYYY-MM-DD). The header row is bold, frozen and filterable.
 */
export async function writeDevicesXlsx(
  devices: readonly Device[],
  out: Writable,
  opts: ExportOptions = {},
): Promise<void> {
  const table = exportTable(devices, opts)
  const { stream } = await loadExcelJS()
  const wb = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = 'Mamori'
  const ws = wb.addWorksheet(opts.lang === 'en' ? 'Devices' : '機器台帳', {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  ws.columns = table.header.map((h) => ({ header: h, width: Math.min(40, Math.max(10, h.length * 2 + 2)) }))
  ws.getRow(1).font = { bold: true }
  ws.getRow(1).commit()
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } }
  for (const d of devices) ws.addRow(table.cells(d)).commit()
  ws.commit()
  await wb.commit()
}

/** The same workbook as one Buffer (API responses, tests). */
export async function devicesToXlsx(devices: readonly Device[], opts: ExportOptions = {}): Promise<Buffer> {
  const sink = new PassThrough()
  const chunks: Buffer[] = []
  sink.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve)
    sink.on('error', reject)
  })
  await writeDevicesXlsx(devices, sink, opts)
  await done
  return Buffer.concat(chunks)
}
