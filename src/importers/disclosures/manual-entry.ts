import type {
  AnswerValue,
  DisclosureAnswer,
  DisclosureForm,
  DisclosureHeader,
  DisclosureNote,
  DisclosureProblem,
  ParsedDisclosure,
} from '../../core/disclosures/disclosure.js'
import { normaliseQuestionId, questionSet } from '../../core/disclosures/questions/index.js'
import { readDate } from './dates.js'
import { emptyHeader } from './mds2-header.js'
import { fileProblem } from './problems.js'

export interface ManualEntry {
  questionId: string
  value: AnswerValue | null
  comment?: string | null
  noteRefs?: number[]
}

/**
 * Answers typed in by hand (the manufacturer published only a PDF or a web page) → the same ParsedDisclosure a file
 * gives, checked against the form's question set: an id that is not a question of the form is an error naming it
 * (nothing is stored), a question entered twice keeps the first entry, a note reference without its note is
 * reported. `manual` uses the 2019 set; `mds-sds` has no public item list, so any item number is accepted.
 * Problems have no sheet or cell; `row` is the entry's position (1-based).
 */
export function answersFromManualEntry(
  form: DisclosureForm,
  entries: ManualEntry[],
  header: Partial<DisclosureHeader>,
  notes: DisclosureNote[],
): ParsedDisclosure {
  const problems: DisclosureProblem[] = []
  const set = questionSet(form)
  const byId = new Map(set.map((q) => [q.id, q]))
  const answers: DisclosureAnswer[] = []
  const seen = new Set<string>()
  const noteNumbers = new Set(notes.map((n) => n.number))
  const at = (row: number) => ({ sheet: null, row, column: null })
  entries.forEach((e, i) => {
    const row = i + 1
    const id = normaliseQuestionId(e.questionId, form)
    const q = id ? byId.get(id.id) : undefined
    if (!id || (form !== 'mds-sds' && q?.kind !== 'yes-no')) {
      const label = form === 'manual' ? 'mds2-2019' : form
      problems.push({
        ...fileProblem('error', 'manualUnknownQuestion', { row, id: e.questionId, form: label }, e.questionId),
        ...at(row),
      })
      return
    }
    if (seen.has(id.id)) {
      problems.push({ ...fileProblem('warning', 'manualDuplicate', { row, id: id.id }, e.questionId), ...at(row) })
      return
    }
    seen.add(id.id)
    const refs = [...new Set(e.noteRefs ?? [])].sort((a, b) => a - b)
    for (const note of refs.filter((n) => !noteNumbers.has(n)))
      problems.push({
        ...fileProblem('warning', 'manualNoteMissing', { row, id: id.id, note }, String(note)),
        ...at(row),
      })
    const comment = e.comment?.trim() || null
    answers.push({
      questionId: id.id,
      writtenId: e.questionId.trim() === id.id ? null : e.questionId.trim(),
      value: e.value,
      comment,
      noteRefs: refs,
      cell: null,
    })
  })
  const h: DisclosureHeader = { ...emptyHeader() }
  for (const k of Object.keys(h) as (keyof DisclosureHeader)[]) {
    const v = header[k]?.trim()
    if (v) h[k] = v
  }
  if (h.releaseDate !== null) {
    const iso = readDate(h.releaseDate)
    if (!iso) problems.push(fileProblem('warning', 'manualBadDate', { value: h.releaseDate }, h.releaseDate))
    h.releaseDate = iso
  }
  return {
    form,
    header: h,
    answers,
    notes: [...notes].sort((a, b) => a.number - b.number),
    declaredPorts: [],
    problems,
    questionCount: form === 'mds-sds' ? answers.length : set.filter((q) => q.kind === 'yes-no').length,
  }
}
