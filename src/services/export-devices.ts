import type { Device, DeviceListQuery } from '../../api/device.js'
import type { ExportLang } from '../exporters/device-columns-out.js'
import { devicesToCsv } from '../exporters/device-csv.js'
import { devicesToXlsx } from '../exporters/device-xlsx.js'

export type ExportFormat = 'csv' | 'xlsx'

/** The ledger's list query (DeviceRepository.list): the export pages through it with the user's filters. */
export type ListDevices = (q: DeviceListQuery) => Promise<{ items: Device[]; total: number }>

const PAGE = 10_000

/** Every device matching `filters` (the same filters as the device list), page by page. */
export async function collectDevices(
  list: ListDevices,
  filters: Omit<DeviceListQuery, 'limit' | 'offset'>,
): Promise<Device[]> {
  const out: Device[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await list({ ...filters, limit: PAGE, offset })
    out.push(...page.items)
    if (page.items.length < PAGE || out.length >= page.total) return out
  }
}

export interface ExportedFile {
  body: Buffer
  contentType: string
  fileName: string
  /** How many devices the file holds. */
  count: number
}

/** Exports the matching devices as CSV or XLSX with Japanese (default) or English headers. */
export async function exportDevices(
  list: ListDevices,
  filters: Omit<DeviceListQuery, 'limit' | 'offset'>,
  format: ExportFormat,
  lang: ExportLang = 'ja',
  today = new Date().toISOString().slice(0, 10),
): Promise<ExportedFile> {
  const devices = await collectDevices(list, filters)
  const fileName = `mamori-devices-${today}.${format}`
  if (format === 'csv')
    return {
      body: devicesToCsv(devices, { lang }),
      contentType: 'text/csv; charset=utf-8',
      fileName,
      count: devices.length,
    }
  return {
    count: devices.length,
    body: await devicesToXlsx(devices, { lang }),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName,
  }
}
