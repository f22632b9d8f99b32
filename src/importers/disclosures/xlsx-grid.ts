import type { DisclosureProblem } from '../../core/disclosures/disclosure.js'
import { checkZipOnce } from '../zip-check.js'
import type { Grid } from './grid.js'
import { fileProblem } from './problems.js'
import { sheetParts, sheetUsedSize, zipParts } from './xlsx-parts.js'
import { gridsFromXml } from './xlsx-sheet-xml.js'

/** A disclosure form is small: more than this is not a form (the 100,000-row sheet is refused, quickly). */
export const MAX_FORM_ROWS = 5_000
export const MAX_FORM_COLUMNS = 50
/** Largest inflated size of a disclosure workbook; a filled MDS2 is well under 1 MB. */
export const MAX_FORM_INFLATED = 64 * 1024 * 1024

/**
 * .xlsx/.xlsm bytes → one Grid per worksheet, in workbook order. Before exceljs inflates anything, the ZIP is
 * checked (../zip-check.ts: consistent headers, inflated bytes counted and capped) and every sheet's used size is
 * counted while streaming (./xlsx-parts.ts), so huge sheets are refused with bounded memory. Then the cell values
 * are read from the sheet XML (./xlsx-sheet-xml.ts). Macros (a vbaProject.bin part) are never run — nothing but
 * cell values is read; the reader warns that they were ignored.
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
  const sheets = sheetParts(bytes, parts)
  for (const sheet of sheets) {
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
  // Values straight from the sheet XML (./xlsx-sheet-xml.ts): no exceljs model, a fraction of its time and memory.
  const grids = gridsFromXml(bytes, parts, sheets, MAX_FORM_COLUMNS)
  return { grids, problems }
}
