import type { AnswerValue } from '../../core/disclosures/disclosure.js'

/**
 * Reads an answer cell as manufacturers fill it in: "Yes", "No", "N/A", "See Notes", their Japanese forms
 * (はい / いいえ / 該当なし / 対象外 / 注記参照), and any of these followed by words: "Yes,LDAP", "No,",
 * "N/A: No default accounts", "yes - see note 2", "See Note 3". The words become the comment; note numbers found
 * in them become note references.
 */
export interface ReadAnswer {
  /** null: empty (unanswered) or not an allowed answer (then `allowed` is false). */
  value: AnswerValue | null
  comment: string | null
  noteRefs: number[]
  allowed: boolean
}

// Longest first, so that "n/a" wins over "no" and "see notes" over "see note". Compared on NFKC lower-case text.
const WORDS: readonly (readonly [RegExp, AnswerValue])[] = [
  [/^(?:see\s*notes?|refer\s+to\s+notes?|注記参照|備考参照|注記を参照|備考を参照|注参照)/, 'see-notes'],
  [/^(?:n\s*\/\s*a|n\.a\.?|not\s+applicable|該当なし|該当しない|対象外|非該当)(?![a-z])/, 'na'],
  [/^(?:yes|y|はい|有り|あり|有)(?![a-z])/, 'yes'],
  [/^(?:no|n|いいえ|無し|なし|無)(?![a-z/])/, 'no'],
]

/** Note numbers mentioned in a text: "Note 3", "note #3", "notes 2 and 5", "注記3", "注 3、4". */
export function noteRefsIn(text: string): number[] {
  // Most answers mention no note: skip the regex (the reader runs this on every cell it weighs as an answer).
  if (!/\d/.test(text)) return []
  const out = new Set<number>()
  const t = text.normalize('NFKC')
  for (const m of t.matchAll(/(?:notes?|注記|注|備考)\s*#?\s*((?:\d{1,3}(?:\s*(?:,|、|and|&|・|\/)\s*)?)+)/gi)) {
    for (const n of m[1]!.matchAll(/\d{1,3}/g)) out.add(Number(n[0]))
  }
  return [...out].filter((n) => n > 0).sort((a, b) => a - b)
}

/** The Note # column: "3", "Note 3", "3, 5", "#3", "注3" (any whole numbers in it). */
export function noteColumnRefs(text: string): number[] {
  const t = text.normalize('NFKC')
  const out = new Set<number>()
  for (const n of t.matchAll(/\d{1,3}(?:\.0+)?(?!\d)/g)) out.add(Math.trunc(Number(n[0])))
  return [...out].filter((n) => n > 0).sort((a, b) => a - b)
}

const PLAIN: Readonly<Record<string, AnswerValue>> = { Yes: 'yes', No: 'no', 'N/A': 'na', YES: 'yes', NO: 'no' }

export function readAnswer(raw: string): ReadAnswer {
  // The usual cell, answered in one word: no normalising needed.
  const plain = PLAIN[raw]
  if (plain) return { value: plain, comment: null, noteRefs: [], allowed: true }
  const text = raw.normalize('NFKC').replace(/\s+/g, ' ').trim()
  if (text === '') return { value: null, comment: null, noteRefs: [], allowed: true }
  const lower = text.toLowerCase()
  for (const [re, value] of WORDS) {
    const m = re.exec(lower)
    if (!m) continue
    // What follows the answer word, without the separators people put after it: "Yes, LDAP" → "LDAP".
    let rest = text.slice(m[0].length).replace(/^[\s,.:;、。\-–—(]+/, '')
    // "(LDAP)" after the answer: drop the closing bracket whose opening one went with the separators.
    if (rest.endsWith(')') && !rest.includes('(')) rest = rest.slice(0, -1).trim()
    const refs = noteRefsIn(value === 'see-notes' ? `note ${rest}` : rest)
    // "See Note 3": the number is the reference, not a comment.
    const onlyNumbers = value === 'see-notes' && /^[\d\s,、&#and]*$/i.test(rest)
    return { value, comment: rest === '' || onlyNumbers ? null : rest, noteRefs: refs, allowed: true }
  }
  return { value: null, comment: text, noteRefs: noteRefsIn(text), allowed: false }
}
