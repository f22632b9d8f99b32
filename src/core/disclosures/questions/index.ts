import type { DisclosureForm } from '../disclosure.js'
import { MDS2_2013_QUESTIONS } from './mds2-2013.js'
import { MDS2_2019_QUESTIONS } from './mds2-2019.js'
import { normaliseIdIn } from './normalise-id.js'
import type { DisclosureQuestion } from './question.js'

export { MDS2_2013_SECTION_NUMBERS } from './mds2-2013.js'
export type { DisclosureQuestion, QuestionKind } from './question.js'
export { MDS2_SECTIONS } from './sections.js'

/**
 * The question set of a form, in form order. `manual` (typed in from a PDF) uses the 2019 set; `mds-sds` has no
 * built-in list (the JAHIS item list is not public; a sheet's items are whatever its mapping reads), so it is empty.
 * @example questionSet('mds2-2019').find((q) => q.id === 'MLDP-2.1')?.textJa // 'マルウェア対策ソフトが標準で入っている'
 */
export function questionSet(form: DisclosureForm): readonly DisclosureQuestion[] {
  if (form === 'mds2-2013') return MDS2_2013_QUESTIONS
  if (form === 'mds-sds') return []
  return MDS2_2019_QUESTIONS
}

const ids = new Map<DisclosureForm, ReadonlySet<string>>()

/** The canonical ids of a form's question set (cached). */
export function questionIds(form: DisclosureForm): ReadonlySet<string> {
  let set = ids.get(form)
  if (!set) {
    set = new Set(questionSet(form).map((q) => q.id))
    ids.set(form, set)
  }
  return set
}

/**
 * A written question id → the canonical id of the form (`SHAD-15` → `{ id: 'SAHD-15', corrected: true }`,
 * `ｍｌｄｐ 2.1` → `MLDP-2.1`); an id-shaped text that is in no question set comes back as written (cleaned), and
 * null means the text is not a question id. See ./normalise-id.ts.
 */
export function normaliseQuestionId(written: string, form: DisclosureForm): { id: string; corrected: boolean } | null {
  // A reader asks about the same cells several times (finding columns, notes, rows): remember recent answers.
  if (written.length > 60) return normaliseIdIn(written, form, questionIds(form))
  const key = `${form}\u0000${written}`
  const hit = recent.get(key)
  if (hit !== undefined) return hit
  const found = normaliseIdIn(written, form, questionIds(form))
  if (recent.size >= 20_000) recent.clear()
  recent.set(key, found)
  return found
}

const recent = new Map<string, { id: string; corrected: boolean } | null>()
