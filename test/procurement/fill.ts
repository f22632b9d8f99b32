import ExcelJS from 'exceljs'
import { HEADER_ROW } from '../../src/reports/procurement/requirements.js'

/** Fills the answer (column H) and note (column I) of an exported requirement sheet, as a vendor would in Excel. */
export async function fillAnswers(xlsx: Buffer, answers: Record<string, [string, string?]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(new Uint8Array(xlsx).buffer)
  const ws = wb.worksheets[0]!
  for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const id = String(ws.getCell(r, 1).value ?? '')
    const a = answers[id]
    if (!a) continue
    ws.getCell(r, 8).value = a[0]
    if (a[1] !== undefined) ws.getCell(r, 9).value = a[1]
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A workbook with one sheet of the given rows (row 1 first). */
export async function sheetOf(rows: (string | number | null)[][], name = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(name)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
