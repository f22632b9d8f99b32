import type { Citation } from '../disclosure.js'
import type { AnswerLookup } from './rule.js'

/**
 * How outputs quote the answers they came from: as a {@link Citation} (data) and as text inside a sentence
 * ("PAUT-1「いいえ」(Optional)" / "PAUT-1 = No (Optional)"), so a reader can check each one against the form.
 */

// Keyed by Citation.answer: the four answer values and 'unanswered'.
const LABEL: Readonly<Record<string, { ja: string; en: string }>> = {
  yes: { ja: 'はい', en: 'Yes' },
  no: { ja: 'いいえ', en: 'No' },
  na: { ja: '該当なし', en: 'N/A' },
  'see-notes': { ja: '注記参照', en: 'See Notes' },
  unanswered: { ja: '未回答', en: 'unanswered' },
}

/** Comments are the manufacturer's free text: quoted, but never long enough to drown the sentence. */
const MAX_COMMENT = 120

/** The citation of one question as this disclosure answered it ("unanswered" when absent or left blank). */
export function citation(id: string, a: AnswerLookup): Citation {
  const answer = a.get(id)
  const comment = answer?.comment?.trim() || null
  return { questionId: id, answer: answer?.value ?? 'unanswered', comment }
}

function labelOf(answer: string): { ja: string; en: string } {
  return (Object.hasOwn(LABEL, answer) ? LABEL[answer] : undefined) ?? { ja: answer, en: answer }
}

function shortComment(c: string | null): string | null {
  if (!c) return null
  const flat = c.replace(/\s+/g, ' ')
  return flat.length > MAX_COMMENT ? `${flat.slice(0, MAX_COMMENT - 1)}…` : flat
}

/** "PAUT-1「いいえ」(Optional)、PAUT-5「はい」" */
export function citeJa(cs: readonly Citation[]): string {
  return cs
    .map((c) => {
      const comment = shortComment(c.comment)
      return `${c.questionId}「${labelOf(c.answer).ja}」${comment ? `(${comment})` : ''}`
    })
    .join('、')
}

/** "PAUT-1 = No (Optional), PAUT-5 = Yes" */
export function citeEn(cs: readonly Citation[]): string {
  return cs
    .map((c) => {
      const comment = shortComment(c.comment)
      return `${c.questionId} = ${labelOf(c.answer).en}${comment ? ` (${comment})` : ''}`
    })
    .join(', ')
}

/** The answer alone, as quoted in a question ("「いいえ」(Optional)"; an answer outside Yes/No/N/A: its words). */
export function answerJa(c: Citation): string {
  const comment = shortComment(c.comment)
  if (c.answer === 'unanswered' && comment) return `「${comment}」`
  return `「${labelOf(c.answer).ja}」${comment ? `(${comment})` : ''}`
}

/** "No (Optional)"; an answer outside Yes/No/N/A: its words in quotes. */
export function answerEn(c: Citation): string {
  const comment = shortComment(c.comment)
  if (c.answer === 'unanswered' && comment) return `"${comment}"`
  return `${labelOf(c.answer).en}${comment ? ` (${comment})` : ''}`
}

/** Evidence lines for a stored finding: "PAUT-1: No (Optional)". */
export function citeEvidence(cs: readonly Citation[]): string {
  return cs
    .map((c) => `${c.questionId}: ${labelOf(c.answer).en}${c.comment ? ` (${shortComment(c.comment)})` : ''}`)
    .join('\n')
}

/** Replaces `{{cite}}` in a rule text. */
export function fillCite(text: string, cite: string): string {
  // A function, not a string: a cited id or answer such as "$&" must be inserted as written, not as a replace pattern.
  return text.replaceAll('{{cite}}', () => cite)
}

// MDS2 section order (2019, then the 2013-only CNFS): outputs follow the form, so a reader can walk it.
const SECTION_ORDER = [
  'DOC',
  'MPII',
  'ALOF',
  'AUDT',
  'AUTH',
  'CNFS',
  'CSUP',
  'DIDT',
  'DTBK',
  'EMRG',
  'IGAU',
  'MLDP',
  'NAUT',
  'CONN',
  'PAUT',
  'PLOK',
  'RDMP',
  'SBOM',
  'SAHD',
  'SGUD',
  'STCF',
  'TXCF',
  'TXIG',
  'RMOT',
  'OTHR',
]
const SECTION_RANK = new Map(SECTION_ORDER.map((s, i) => [s, i]))

/**
 * Orders question ids as the form does: by section (MDS2 order), then numerically part by part ("SAHD-2" before
 * "SAHD-10", "MLDP-2" before "MLDP-2.1"). Ids of other forms (2013 "12-1.1", MDS/SDS items) sort numerically too.
 */
export function compareQuestionIds(a: string, b: string): number {
  const ta = tokens(a)
  const tb = tokens(b)
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const c = compareToken(ta[i]!, tb[i]!)
    if (c !== 0) return c
  }
  return ta.length - tb.length || (a < b ? -1 : a > b ? 1 : 0)
}

// Sorting splits the same few hundred ids again and again: keep their tokens (bounded: MDS/SDS ids are open-ended).
const tokenCache = new Map<string, readonly string[]>()

function tokens(id: string): readonly string[] {
  let t = tokenCache.get(id)
  if (!t) {
    if (tokenCache.size > 5000) tokenCache.clear()
    t = id.split(/[-.\s]+/)
    tokenCache.set(id, t)
  }
  return t
}

function compareToken(x: string, y: string): number {
  if (x === y) return 0
  const nx = /^\d+$/.test(x) ? Number(x) : null
  const ny = /^\d+$/.test(y) ? Number(y) : null
  if (nx !== null && ny !== null) return nx - ny
  // Letters (sections, 2013's "A"…"D") before numbers, known sections in form order.
  if (nx !== null) return 1
  if (ny !== null) return -1
  const rx = SECTION_RANK.get(x)
  const ry = SECTION_RANK.get(y)
  if (rx !== undefined && ry !== undefined) return rx - ry
  if (rx !== undefined) return -1
  if (ry !== undefined) return 1
  return x < y ? -1 : 1
}
