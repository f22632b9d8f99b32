import type { CellRef, DisclosureHeader, DisclosureProblem } from '../../core/disclosures/disclosure.js'
import { readDate } from './dates.js'
import { clean, columnLabel as columnOf, type Grid, labelKey } from './grid.js'
import { cellProblem } from './problems.js'

/** An empty header, every field unknown. */
export const emptyHeader = (): DisclosureHeader => ({
  manufacturer: null,
  deviceDescription: null,
  model: null,
  documentId: null,
  contact: null,
  intendedUse: null,
  releaseDate: null,
})

/** 2019 form: DOC-1…DOC-7 rows hold the header in their answer cell. */
export const DOC_FIELDS: Readonly<Record<string, keyof DisclosureHeader>> = {
  'DOC-1': 'manufacturer',
  'DOC-2': 'deviceDescription',
  'DOC-3': 'model',
  'DOC-4': 'documentId',
  'DOC-5': 'contact',
  'DOC-6': 'intendedUse',
  'DOC-7': 'releaseDate',
}

/** Sets one header field from a cell text; a date that cannot be read is left null with a warning. */
export function setHeaderField(
  header: DisclosureHeader,
  field: keyof DisclosureHeader,
  raw: string,
  at: CellRef,
  problems: DisclosureProblem[],
): void {
  const text = clean(raw)
  if (text === '' || header[field] !== null) return
  if (field !== 'releaseDate') {
    header[field] = text
    return
  }
  const date = readDate(text)
  if (date) header.releaseDate = date
  else problems.push(cellProblem('warning', 'dateUnreadable', at, text, { value: text }))
}

/**
 * 2013 form (and its Japanese translation): labelled boxes above the questions ("Manufacturer", "Device Model",
 * "Document Release Date"…) with the value below the label or to its right.
 */
const LABELS_2013: readonly (readonly [RegExp, keyof DisclosureHeader])[] = [
  [/^(manufacturer|製造業者(名)?|companyname|会社名)$/, 'manufacturer'],
  [/^(devicecategory|機器カテゴリ(ー)?|機器の種類|機器分類)$/, 'deviceDescription'],
  [/^(devicemodel|機器型式|型式|機器モデル)$/, 'model'],
  [/^(documentid|文書id|文書番号)$/, 'documentId'],
  [
    /^(manufacturercontactinformation|manufacturerorrepresentativecontactinformation|連絡先|製造業者連絡先)$/,
    'contact',
  ],
  [/^(intendeduse|使用目的)/, 'intendedUse'],
  [/^(documentreleasedate|文書発行日|発行日)$/, 'releaseDate'],
]

const fieldOf = (cell: string): keyof DisclosureHeader | null => {
  const key = labelKey(cell)
  for (const [re, field] of LABELS_2013) if (re.test(key)) return field
  return null
}

export function readLabelledHeader(grid: Grid, beforeRow: number, problems: DisclosureProblem[]): DisclosureHeader {
  const header = emptyHeader()
  const rows = grid.rows.filter((r) => r.row < beforeRow)
  rows.forEach((r, ri) => {
    r.cells.forEach((c, ci) => {
      const field = fieldOf(c)
      if (!field) return
      // Below the label (the 2013 layout), else the next filled cell to the right that is not itself a label.
      const below = rows[ri + 1]
      const under = below && below.row === r.row + 1 ? (below.cells[ci] ?? '') : ''
      if (under.trim() !== '' && !fieldOf(under)) {
        const at = { sheet: grid.sheet, row: below!.row, column: columnOf(grid, ci) }
        setHeaderField(header, field, under, at, problems)
        return
      }
      for (let k = ci + 1; k < r.cells.length; k++) {
        const v = r.cells[k] ?? ''
        if (v.trim() === '') continue
        if (!fieldOf(v))
          setHeaderField(header, field, v, { sheet: grid.sheet, row: r.row, column: columnOf(grid, k) }, problems)
        break
      }
    })
  })
  return header
}
