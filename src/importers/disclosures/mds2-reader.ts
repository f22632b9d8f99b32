import type {
  CellRef,
  DeclaredPort,
  DisclosureAnswer,
  DisclosureForm,
  DisclosureProblem,
  ParsedDisclosure,
} from '../../core/disclosures/disclosure.js'
import { normaliseQuestionId, questionIds, questionSet } from '../../core/disclosures/questions/index.js'
import { noteColumnRefs, readAnswer } from './answer-text.js'
import { mergePorts, portsInText } from './declared-ports-text.js'
import { columnLabel, type Grid, type GridRow } from './grid.js'
import { findColumns, type Mds2Columns } from './mds2-columns.js'
import { DOC_FIELDS, emptyHeader, readLabelledHeader, setHeaderField } from './mds2-header.js'
import { readNotes } from './notes.js'
import { cellProblem, fileProblem } from './problems.js'

/**
 * One MDS2 sheet (2019 or 2013, from xlsx or CSV) → a ParsedDisclosure. Rows are identified by their question id
 * only (the question text may be in English or Japanese); ids are normalised (SHAD-15 → SAHD-15, with a warning),
 * the first of duplicate ids wins, rows with ids outside the set are reported and skipped. Every answer keeps its
 * cell, comment and note references; every cell that could not be read is a problem naming sheet, row, column
 * and value. Contradictions between answers are left to the evaluation (core/disclosures/rules).
 */
export function readMds2Sheet(grid: Grid, form: 'mds2-2019' | 'mds2-2013'): ParsedDisclosure {
  const problems: DisclosureProblem[] = []
  const set = questionSet(form)
  const answerable = set.filter((q) => q.kind === 'yes-no')
  const result: ParsedDisclosure = {
    form,
    header: emptyHeader(),
    answers: [],
    notes: [],
    declaredPorts: [],
    problems,
    questionCount: answerable.length,
  }
  const cols = findColumns(grid, form)
  if (!cols) {
    problems.push(fileProblem('error', 'noQuestions', { sheet: grid.sheet, form }))
    return result
  }
  const at = (row: number, col: number): CellRef => ({ sheet: grid.sheet, row, column: columnLabel(grid, col) })
  const isQuestionRow = (r: GridRow) => normaliseQuestionId(r.cells[cols.id] ?? '', form) !== null
  const { notes, rowOf } = readNotes(grid.rows, isQuestionRow)
  result.notes = notes
  const firstRow = grid.rows.find(isQuestionRow)?.row ?? Number.POSITIVE_INFINITY
  if (form === 'mds2-2013') result.header = readLabelledHeader(grid, firstRow, problems)

  const seen = new Map<string, number>()
  const portSources: { text: string; at: CellRef }[] = []
  for (const r of grid.rows) {
    const written = r.cells[cols.id] ?? ''
    const id = normaliseQuestionId(written, form)
    if (!id) continue
    const idAt = at(r.row, cols.id)
    if (!questionIds(form).has(id.id)) {
      problems.push(cellProblem('warning', 'unknownQuestion', idAt, written, { id: id.id, form }))
      continue
    }
    const first = seen.get(id.id)
    if (first !== undefined) {
      problems.push(cellProblem('warning', 'duplicateQuestion', idAt, written, { id: id.id, firstRow: first }))
      continue
    }
    seen.set(id.id, r.row)
    if (id.corrected) problems.push(cellProblem('warning', 'idMistyped', idAt, written, { written, id: id.id }))
    const field = form === 'mds2-2019' ? DOC_FIELDS[id.id] : undefined
    if (field) {
      const col = headerValueColumn(r, cols)
      if (col !== null) setHeaderField(result.header, field, r.cells[col] ?? '', at(r.row, col), problems)
      continue
    }
    const answer = readAnswerCell(r, cols, id.id, at, problems)
    answer.writtenId = written.trim() === id.id ? null : written.trim()
    result.answers.push(answer)
    if (answer.comment && (id.id.startsWith('CONN') || answer.value === 'see-notes'))
      portSources.push({ text: answer.comment, at: at(r.row, cols.answer) })
    for (const n of answer.noteRefs) {
      if (!rowOf.has(n)) {
        const cell = at(r.row, cols.note !== null && r.cells[cols.note]?.trim() ? cols.note : cols.answer)
        problems.push(cellProblem('warning', 'noteMissing', cell, String(n), { id: id.id, note: n }))
      }
    }
  }
  if (seen.size === 0) {
    problems.push(fileProblem('error', 'noQuestions', { sheet: grid.sheet, form }))
    return result
  }
  const missing = answerable.filter((q) => !seen.has(q.id))
  if (missing.length > 0)
    problems.push(fileProblem('warning', 'questionsMissing', { missing: missing.length, form, first: missing[0]!.id }))
  for (const note of notes)
    portSources.push({ text: note.text, at: { sheet: grid.sheet, row: rowOf.get(note.number)!, column: 'A' } })
  result.declaredPorts = declaredPorts(portSources, problems)
  return result
}

/** DOC rows: the answer cell, else the last filled cell right of the question. */
function headerValueColumn(r: GridRow, cols: Mds2Columns): number | null {
  if ((r.cells[cols.answer] ?? '').trim() !== '') return cols.answer
  for (let i = r.cells.length - 1; i > (cols.question ?? cols.id); i--) if ((r.cells[i] ?? '').trim() !== '') return i
  return null
}

function readAnswerCell(
  r: GridRow,
  cols: Mds2Columns,
  id: string,
  at: (row: number, col: number) => CellRef,
  problems: DisclosureProblem[],
): DisclosureAnswer {
  const cell = at(r.row, cols.answer)
  for (const col of [cols.answer, cols.note]) {
    const error = col === null ? undefined : r.errors?.get(col)
    if (error) problems.push(cellProblem('warning', 'errorCell', at(r.row, col!), error, { error }))
  }
  const raw = r.cells[cols.answer] ?? ''
  const read = readAnswer(raw)
  if (!read.allowed)
    problems.push(cellProblem('warning', 'answerNotAllowed', cell, raw.trim(), { id, value: raw.trim() }))
  const refs = new Set(read.noteRefs)
  if (cols.note !== null) for (const n of noteColumnRefs(r.cells[cols.note] ?? '')) refs.add(n)
  return {
    questionId: id,
    writtenId: null,
    value: read.value,
    comment: read.comment,
    noteRefs: [...refs].sort((a, b) => a - b),
    cell,
  }
}

function declaredPorts(sources: { text: string; at: CellRef }[], problems: DisclosureProblem[]): DeclaredPort[] {
  const ports: DeclaredPort[] = []
  for (const s of sources) {
    const found = portsInText(s.text, s.at)
    mergePorts(ports, found.ports)
    problems.push(...found.problems)
  }
  return ports.sort((a, b) => a.port - b.port || a.transport.localeCompare(b.transport))
}

/** Which MDS2 form a sheet is, from its ids: 2019 ids (CONN/SBOM/RMOT, DOC-n) or 2013 ids with a CNFS section. */
export function mds2FormOf(grid: Grid): DisclosureForm | null {
  let ids2019 = 0
  let only2019 = 0
  let ids2013 = 0
  let cnfs = false
  const known2019 = questionIds('mds2-2019')
  const known2013 = questionIds('mds2-2013')
  for (const r of grid.rows) {
    for (const c of r.cells) {
      if (c.length > 80) continue
      if (/\bCNFS\b/.test(c)) cnfs = true
      if (c.length > 40) continue
      const a = normaliseQuestionId(c, 'mds2-2019')
      if (a && known2019.has(a.id)) {
        ids2019++
        if (/^(CONN|SBOM|RMOT|DOC)-/.test(a.id)) only2019++
      }
      const b = normaliseQuestionId(c, 'mds2-2013')
      if (b && known2013.has(b.id) && /^\d/.test(b.id)) ids2013++
    }
  }
  if (ids2019 >= 5 && (only2019 > 0 || ids2019 >= ids2013)) return 'mds2-2019'
  if (ids2013 >= 5 && (cnfs || ids2013 > ids2019)) return 'mds2-2013'
  return null
}
