import type {
  AnswerValue,
  DisclosureAnswer,
  DisclosureHeader,
  DisclosureProblem,
  ParsedDisclosure,
} from '../../core/disclosures/disclosure.js'
import type { MappingColumn, MdsSdsMapping } from '../../core/disclosures/mds-sds-mapping.js'
import { readAnswer } from './answer-text.js'
import { clean, columnLabel, type Grid, type GridRow, labelKey } from './grid.js'
import { emptyHeader, setHeaderField } from './mds2-header.js'
import { cellProblem, fileProblem } from './problems.js'

/**
 * A JAHIS/JIRA MDS/SDS check sheet → a ParsedDisclosure, through an MdsSdsMapping (core/disclosures/mds-sds-mapping.ts):
 * the sheet whose header row names the item-number and answer columns, one answer per row with an item number
 * (はい/いいえ/対象外 → yes/no/na), remarks as the comment, and the cover labels (製造業者名, 製品名…) as the header.
 * Returns null when no sheet matches the mapping (the caller then says the file is not a form).
 */

interface SheetLayout {
  grid: Grid
  headerRow: number
  itemId: number
  question: number | null
  answer: number
  remarks: number | null
}

const letterIndex = (letter: string): number => {
  let n = 0
  for (const ch of letter.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64
  return n - 1
}

function columnIn(row: GridRow, spec: MappingColumn | undefined): number | null {
  if (!spec) return null
  if (spec.letter) return letterIndex(spec.letter)
  const wanted = new Set((spec.headers ?? []).map(labelKey))
  const i = row.cells.findIndex((c) => wanted.has(labelKey(c)))
  return i < 0 ? null : i
}

function layoutOf(grid: Grid, m: MdsSdsMapping): SheetLayout | null {
  const candidates = grid.rows.filter((r) =>
    m.headerRow === null ? r.row <= m.headerSearchRows : r.row === m.headerRow,
  )
  for (const r of candidates) {
    const itemId = columnIn(r, m.columns.itemId)
    const answer = columnIn(r, m.columns.answer)
    if (itemId === null || answer === null || itemId === answer) continue
    const question = columnIn(r, m.columns.question)
    return { grid, headerRow: r.row, itemId, answer, question, remarks: columnIn(r, m.columns.remarks) }
  }
  return null
}

function answerOf(text: string, m: MdsSdsMapping): { value: AnswerValue | null; comment: string | null; ok: boolean } {
  const key = labelKey(text)
  if (key === '') return { value: null, comment: null, ok: true }
  const is = (words: readonly string[]) => words.some((w) => labelKey(w) === key)
  if (is(m.answers.yes)) return { value: 'yes', comment: null, ok: true }
  if (is(m.answers.no)) return { value: 'no', comment: null, ok: true }
  if (is(m.answers.na)) return { value: 'na', comment: null, ok: true }
  const read = readAnswer(text)
  return { value: read.value, comment: read.comment, ok: read.allowed }
}

function coverHeader(grids: readonly Grid[], m: MdsSdsMapping, problems: DisclosureProblem[]): DisclosureHeader {
  const header = emptyHeader()
  const fields: readonly (readonly [readonly string[], keyof DisclosureHeader])[] = [
    [m.cover.manufacturer, 'manufacturer'],
    [m.cover.product, 'deviceDescription'],
    [m.cover.model, 'model'],
    [m.cover.documentId, 'documentId'],
    [m.cover.contact, 'contact'],
    [m.cover.date, 'releaseDate'],
  ]
  const byKey = new Map<string, keyof DisclosureHeader>()
  for (const [labels, field] of fields) for (const l of labels) byKey.set(labelKey(l), field)
  for (const g of grids)
    for (const r of g.rows.slice(0, 40))
      r.cells.forEach((c, i) => {
        const field = byKey.get(labelKey(c))
        if (!field) return
        const k = r.cells.findIndex((v, j) => j > i && v.trim() !== '')
        if (k > i)
          setHeaderField(
            header,
            field,
            r.cells[k]!,
            { sheet: g.sheet, row: r.row, column: columnLabel(g, k) },
            problems,
          )
      })
  return header
}

export function readMdsSds(grids: readonly Grid[], m: MdsSdsMapping): ParsedDisclosure | null {
  const wanted = new Set(m.sheetNames.map(labelKey))
  const ordered = [...grids].sort(
    (a, b) => Number(wanted.has(labelKey(b.sheet))) - Number(wanted.has(labelKey(a.sheet))),
  )
  const layouts = ordered.map((g) => layoutOf(g, m)).filter((l): l is SheetLayout => l !== null)
  if (layouts.length === 0) return null
  const problems: DisclosureProblem[] = []
  if (m.inferred) problems.push(fileProblem('warning', 'mappingInferred', { mapping: m.id }))
  const answers: DisclosureAnswer[] = []
  const seen = new Map<string, number>()
  for (const l of layouts) {
    const g = l.grid
    for (const r of g.rows) {
      if (r.row <= l.headerRow) continue
      const rawId = clean(r.cells[l.itemId] ?? '')
      if (rawId === '' || rawId.length > 40) continue
      // Two sheets (MDS and SDS) may number their items alike: the sheet name keeps them apart.
      const id = layouts.length > 1 ? `${g.sheet}:${rawId}` : rawId
      const cell = { sheet: g.sheet, row: r.row, column: columnLabel(g, l.answer) }
      const first = seen.get(id)
      if (first !== undefined) {
        const idAt = { ...cell, column: columnLabel(g, l.itemId) }
        problems.push(cellProblem('warning', 'duplicateQuestion', idAt, rawId, { id, firstRow: first }))
        continue
      }
      seen.set(id, r.row)
      const error = r.errors?.get(l.answer)
      if (error) problems.push(cellProblem('warning', 'errorCell', cell, error, { error }))
      const raw = r.cells[l.answer] ?? ''
      const read = answerOf(raw, m)
      if (!read.ok)
        problems.push(cellProblem('warning', 'answerNotAllowed', cell, raw.trim(), { id, value: raw.trim() }))
      const remarks = l.remarks === null ? '' : clean(r.cells[l.remarks] ?? '')
      const comment = [read.comment, remarks].filter((x) => x).join(' / ')
      answers.push({ questionId: id, writtenId: null, value: read.value, comment: comment || null, noteRefs: [], cell })
    }
  }
  return {
    form: 'mds-sds',
    header: coverHeader(grids, m, problems),
    answers,
    notes: [],
    declaredPorts: [],
    problems,
    questionCount: answers.length,
  }
}
