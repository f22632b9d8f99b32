import type { DisclosureForm } from '../../core/disclosures/disclosure.js'
import { normaliseQuestionId, questionIds } from '../../core/disclosures/questions/index.js'
import { readAnswer } from './answer-text.js'
import { type Grid, type GridRow, labelKey } from './grid.js'

/**
 * Where the columns of an MDS2 sheet are: found from the header row ("Question ID | Question | … | Note #", or its
 * Japanese translation) when there is one, else from the cells themselves (the column with the most question ids,
 * the column with the most Yes/No/N/A answers). Letters are never hard-coded: forms insert and merge columns.
 */
export interface Mds2Columns {
  id: number
  question: number | null
  answer: number
  note: number | null
  /** Row number of the header row, or null when the columns came from the cells. */
  headerRow: number | null
}

const ID_LABELS = ['questionid', 'id', 'question#', '質問id', '質問番号', '項目id', '項番', 'no.']
const QUESTION_LABELS = ['question', '質問', '質問内容', '設問', '質問事項']
const ANSWER_LABELS = ['answer', 'response', 'yes/no', 'yes,no,n/a,orseenote', '回答', '答え', 'はい/いいえ']
const NOTE_LABELS = [
  'note#',
  'notes#',
  'note',
  'notes',
  'noteno.',
  'notenumber',
  '注記',
  '注記番号',
  '注#',
  '注記#',
  '備考',
]

const matches = (cell: string, labels: readonly string[]) => labels.includes(labelKey(cell))

/** How many cells of each column hold a known question id of `form`. */
export function idHits(grid: Grid, form: DisclosureForm): number[] {
  const known = questionIds(form)
  const hits: number[] = []
  for (const r of grid.rows)
    r.cells.forEach((c, i) => {
      if (c.length > 40) return
      const id = normaliseQuestionId(c, form)
      if (id && known.has(id.id)) hits[i] = (hits[i] ?? 0) + 1
    })
  return hits
}

const argMax = (xs: readonly (number | undefined)[]): number => {
  let best = -1
  let at = -1
  xs.forEach((x, i) => {
    if ((x ?? 0) > best) {
      best = x ?? 0
      at = i
    }
  })
  return at
}

export function findColumns(grid: Grid, form: DisclosureForm): Mds2Columns | null {
  const idCol = argMax(idHits(grid, form))
  if (idCol < 0) return null
  const isIdRow = (r: GridRow) => normaliseQuestionId(r.cells[idCol] ?? '', form) !== null
  const firstIdRow = grid.rows.find(isIdRow)?.row ?? Number.POSITIVE_INFINITY
  // The header row: above the first question, naming the id column.
  const header = grid.rows.find((r) => r.row < firstIdRow && matches(r.cells[idCol] ?? '', ID_LABELS))
  const cols: Mds2Columns = { id: idCol, question: null, answer: -1, note: null, headerRow: header?.row ?? null }
  if (header) {
    header.cells.forEach((c, i) => {
      if (i === idCol) return
      if (cols.question === null && matches(c, QUESTION_LABELS)) cols.question = i
      else if (cols.answer < 0 && matches(c, ANSWER_LABELS)) cols.answer = i
      else if (cols.note === null && matches(c, NOTE_LABELS)) cols.note = i
    })
  }
  if (cols.question === null) cols.question = idCol + 1
  if (cols.answer < 0) {
    // The column whose cells read most often as an answer, among the question rows.
    const score: number[] = []
    for (const r of grid.rows) {
      if (!isIdRow(r)) continue
      r.cells.forEach((c, i) => {
        if (i === idCol || i === cols.question || c.trim() === '') return
        const a = readAnswer(c)
        if (a.value !== null) score[i] = (score[i] ?? 0) + 1
      })
    }
    const best = argMax(score)
    cols.answer = best >= 0 ? best : cols.question + 1
  }
  if (cols.note === null) {
    // Right of the answer, a column of small numbers ("3", "Note 3", "3, 5") is the Note # column.
    const next = cols.answer + 1
    let numeric = 0
    let filled = 0
    for (const r of grid.rows) {
      const c = (r.cells[next] ?? '').trim()
      if (!isIdRow(r) || c === '') continue
      filled++
      if (/^(?:note\s*#?\s*)?\d{1,3}(?:\.0)?(?:\s*[,、]\s*\d{1,3})*$/i.test(c.normalize('NFKC'))) numeric++
    }
    if (filled > 0 && numeric / filled >= 0.8) cols.note = next
  }
  return cols
}
