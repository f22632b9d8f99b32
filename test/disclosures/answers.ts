import type { AnswerValue, DisclosureAnswer, DisclosureHeader } from '../../src/core/disclosures/disclosure.js'
import { emptyHeader } from '../../src/importers/disclosures/mds2-header.js'

/**
 * Answers written the way forms carry them, for table-driven tests: "PAUT-1: No", "AUTH-1.1: Yes,LDAP",
 * "PAUT-4: N/A: No default accounts", "SAHD-8: See Notes", "CONN-2:" (unanswered), "CONN-2: ?depends" (an answer
 * outside Yes/No/N/A: value null, the words kept as comment, as the readers store it).
 */
export function answers(...lines: string[]): DisclosureAnswer[] {
  return lines.map((line) => answer(line))
}

export function answer(line: string, noteRefs: number[] = []): DisclosureAnswer {
  const at = line.indexOf(':')
  const questionId = line.slice(0, at).trim()
  const raw = line.slice(at + 1).trim()
  const m = /^(yes|no|n\/a|see notes)\b[\s,:;-]*(.*)$/i.exec(raw)
  let value: AnswerValue | null = null
  let comment: string | null = null
  if (m) {
    const word = m[1]!.toLowerCase()
    value = word === 'yes' ? 'yes' : word === 'no' ? 'no' : word === 'n/a' ? 'na' : 'see-notes'
    comment = m[2]!.trim() || null
  } else if (raw.startsWith('?')) {
    comment = raw.slice(1).trim()
  }
  return { questionId, writtenId: null, value, comment, noteRefs, cell: null }
}

export const EMPTY_HEADER: DisclosureHeader = emptyHeader()
