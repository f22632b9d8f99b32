import type { ChecklistView } from '../../../api/checklist.js'
import { FILLS, fill, loadExcelJS, xlsxText } from '../../documents/xlsx.js'
import { EVIDENCE_HEADERS, evidenceRows, formRows, HEADERS, headLines, type Lang, SHEET_NAMES } from './layout.js'

/** Row of the table header on the form sheet (the head lines are above it); tests and readers rely on it. */
export const TABLE_HEADER_ROW = 7

/**
 * The checklist as an .xlsx in MHLW's layout: sheet 1 is the form (番号, 確認項目, 対象, はい, いいえ, 確認日, 目標日,
 * 備考; a ○ on the answered column), sheet 2 「根拠」 lists Mamori's evidence per item. Every text cell formula-guarded.
 */
export async function checklistXlsx(view: ChecklistView, lang: Lang, today: string): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook()
  wb.creator = 'Mamori'
  wb.created = new Date(`${today}T00:00:00Z`)
  const [formName, evName] = SHEET_NAMES[lang]
  const ws = wb.addWorksheet(formName, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  const widths = [8, 60, 16, 6, 6, 12, 12, 30]
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w
  })
  headLines(view, lang, today).forEach((line, i) => {
    const c = ws.getCell(i + 1, 1)
    c.value = xlsxText(line)
    if (i === 0) c.font = { bold: true, size: 13 }
  })
  const head = ws.getRow(TABLE_HEADER_ROW)
  HEADERS[lang].forEach((h, i) => {
    const c = head.getCell(i + 1)
    c.value = h
    c.font = { bold: true }
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    fill(c, FILLS.header)
  })
  const border = { style: 'thin' as const }
  formRows(view, lang).forEach((cells, i) => {
    const row = ws.getRow(TABLE_HEADER_ROW + 1 + i)
    cells.forEach((v, j) => {
      const c = row.getCell(j + 1)
      c.value = xlsxText(v)
      c.alignment = { vertical: 'top', wrapText: true, horizontal: j >= 3 && j <= 4 ? 'center' : undefined }
      c.border = { top: border, bottom: border, left: border, right: border }
    })
  })
  ws.views = [{ state: 'frozen', ySplit: TABLE_HEADER_ROW, xSplit: 0 }]

  const ev = wb.addWorksheet(evName)
  const evWidths = [8, 50, 16, 50, 50, 24]
  ev.columns = EVIDENCE_HEADERS[lang].map((h, i) => ({ header: h, width: evWidths[i] }))
  ev.getRow(1).font = { bold: true }
  ev.getRow(1).eachCell((c) => fill(c, FILLS.header))
  for (const cells of evidenceRows(view, lang)) {
    const row = ev.addRow(cells.map((c) => xlsxText(c)))
    row.alignment = { vertical: 'top', wrapText: true }
  }
  ev.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }]
  return Buffer.from(await wb.xlsx.writeBuffer())
}
