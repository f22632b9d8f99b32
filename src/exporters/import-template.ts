import { LEDGER_FIELDS } from '../core/ledger/fields.js'
import { loadExcelJS } from '../documents/xlsx.js'
import { toCsv } from './csv.js'

/**
 * The empty ledger template offered on the import page: the importer's own headers (Japanese or English), without
 * the device id column that only exports need, so that a file filled in from it imports with no mapping changes.
 */
export function templateHeader(lang: 'ja' | 'en' = 'ja'): string[] {
  return LEDGER_FIELDS.filter((c) => c.field !== 'id').map((c) => (lang === 'ja' ? c.ja : c.en))
}

export function templateCsv(lang: 'ja' | 'en' = 'ja'): Buffer {
  return toCsv([templateHeader(lang)])
}

export async function templateXlsx(lang: 'ja' | 'en' = 'ja'): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook()
  wb.creator = 'Mamori'
  const ws = wb.addWorksheet(lang === 'ja' ? '機器台帳' : 'Devices', { views: [{ state: 'frozen', ySplit: 1 }] })
  const header = templateHeader(lang)
  ws.columns = header.map((h) => ({ header: h, width: Math.min(40, Math.max(10, h.length * 2 + 2)) }))
  ws.getRow(1).font = { bold: true }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
