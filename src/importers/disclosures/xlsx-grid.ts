import ExcelJS from 'exceljs'
import type { DisclosureProblem } from '../../core/disclosures/disclosure.js'
import { cellText } from '../table-xlsx.js'
import { checkZipOnce } from '../zip-check.js'
import type { Grid, GridRow } from './grid.js'
import { fileProblem } from './problems.js'
import { sheetParts, sheetUsedSize, zipParts } from './xlsx-parts.js'

/** A disclosure form is small: more than this is not a form (the 100,000-row sheet is refused, quickly). */
export const MAX_FORM_ROWS = 5_000
export const MAX_FORM_COLUMNS = 50
/** Largest inflated size of a disclosure workbook; a filled MDS2 is well under 1 MB. */
export const MAX_FORM_INFLATED = 64 * 1024 * 1024

/**
 * .xlsx/.xlsm bytes → one Grid per worksheet, in workbook order. Before exceljs inflates anything, the ZIP is
 * checked (../zip-check.ts: consistent headers, inflated bytes counted and capped) and every sheet's used size is
 * counted while streaming (./xlsx-parts.ts), so huge sheets are refused with bounded memory. Macros (a
 * vbaProject.bin part) are never run: exceljs only reads cell values; the reader warns that they were ignored.
 */
export async function readXlsxGrids(
  bytes: Uint8Array,
  file: string,
): Promise<{ grids: Grid[]; problems: DisclosureProblem[] }> {
  const problems: DisclosureProblem[] = []
  const zip = await checkZipOnce(bytes, MAX_FORM_INFLATED)
  if (!zip.ok) {
    const entry = zip.entry ?? ''
    if (zip.code === 'XLSX_TOO_LARGE')
      problems.push(fileProblem('error', 'fileTooLarge', { file, mb: MAX_FORM_INFLATED >> 20 }, entry))
    else if (zip.code === 'XLSX_ZIP_MISMATCH') problems.push(fileProblem('error', 'fileZipMismatch', { file, entry }))
    else if (zip.code === 'XLSX_ZIP_UNSUPPORTED')
      problems.push(fileProblem('error', 'fileZipUnsupported', { file, entry }))
    else problems.push(fileProblem('error', 'fileDamaged', { file }, zip.en))
    return { grids: [], problems }
  }
  const parts = zipParts(bytes)
  if (parts.some((p) => /(^|\/)vbaProject\.bin$/i.test(p.name)))
    problems.push(fileProblem('warning', 'macrosIgnored', { file }))
  for (const sheet of sheetParts(bytes, parts)) {
    const part = parts.find((p) => p.name === sheet.part)
    if (!part) continue
    const size = await sheetUsedSize(bytes, part, MAX_FORM_ROWS, MAX_FORM_COLUMNS)
    if (size.over) {
      problems.push(
        fileProblem('error', 'sheetTooLarge', {
          sheet: sheet.name,
          rows: size.rows,
          columns: size.columns,
          maxRows: MAX_FORM_ROWS,
          maxColumns: MAX_FORM_COLUMNS,
        }),
      )
      return { grids: [], problems }
    }
  }
  const wb = new ExcelJS.Workbook()
  try {
    // Only values matter: skip the parts that cost time and hold no answers.
    await wb.xlsx.load(new Uint8Array(bytes).buffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'picture', 'drawing', 'legacyDrawing'],
    })
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err)
    problems.push(fileProblem('error', 'fileDamaged', { file }, why ?? ''))
    return { grids: [], problems }
  }
  const grids: Grid[] = []
  for (const ws of wb.worksheets) {
    const rows: GridRow[] = []
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = []
      let errors: Map<number, string> | undefined
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        // A merged range keeps its value in the top-left cell; the others would repeat it.
        if (cell.type === ExcelJS.ValueType.Merge || col > MAX_FORM_COLUMNS) return
        const t = cellText(cell.value)
        while (cells.length < col - 1) cells.push('')
        if ('error' in t) {
          cells.push('')
          errors ??= new Map()
          errors.set(col - 1, t.error)
        } else cells.push(t.text)
      })
      if (cells.some((c) => c.trim() !== '') || errors) rows.push({ row: rowNumber, cells, errors })
    })
    grids.push({ sheet: ws.name, kind: 'xlsx', rows })
  }
  return { grids, problems }
}
