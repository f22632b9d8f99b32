import type { Citation, ManufacturerQuestionOut, PortComparisonRow } from '../../core/disclosures/disclosure.js'
import type { DocumentBlock } from '../../documents/model.js'
import type { LetterInput, MissingItem } from './letter-input.js'

/**
 * The wording of a letter in one language; ./compose.ts lays the letter out the same way for both. A Japanese
 * business letter and an English formal letter differ in more than words (拝啓…敬具 and 記…以上 versus
 * "Dear … / Yours faithfully"), so those parts are blocks, not strings.
 */
export interface LetterTexts {
  date(d: Date): string
  /** The addressee block (company, department, honorific). */
  recipient(r: LetterInput['recipient']): string[]
  /** The sender block (hospital, department, address, contact). */
  sender(h: LetterInput['hospital']): string[]
  subject(m: LetterInput['model']): string
  /** The paragraphs before the items: greeting, why we write, what we ask and by when. */
  opening(input: LetterInput, deadline: string): string[]
  /** Between the opening and the numbered items (ja: 敬具 and 記). */
  beforeItems: DocumentBlock[]
  heading: { product: string; missing: string; questions: string; discrepancies: string; reply: string }
  product(input: LetterInput): string[]
  missingIntro: string
  missing: Record<MissingItem, string>
  questionsIntro: string
  /** No., question id, why we ask, what we ask. */
  questionColumns: [string, string, string, string]
  /** Why we ask: the reason in words and the answers it was derived from. */
  why(q: ManufacturerQuestionOut): string
  question(q: ManufacturerQuestionOut): string
  discrepanciesIntro: string
  /** Device, port, what we saw, service. */
  discrepancyColumns: [string, string, string, string]
  status: Record<PortComparisonRow['status'], string>
  /** When there is nothing to ask: a request to confirm the disclosure is current. */
  nothingOpen: string
  reply(input: LetterInput, deadline: string): string
  /** After the items (ja: 以上; en: the complimentary close and signature). */
  closing(input: LetterInput): DocumentBlock[]
}

/** "PAUT-1: no (LDAP)" — the cited answers, for the "why we ask" column. */
export function citationList(citations: readonly Citation[], answerWord: (a: string) => string): string {
  return citations
    .map((c) => `${c.questionId}: ${answerWord(c.answer)}${c.comment ? ` (${c.comment})` : ''}`)
    .join(', ')
}

/** Non-empty lines only (settings leave fields null or blank). */
export function present(...lines: (string | null | undefined | false)[]): string[] {
  return lines.filter((l): l is string => typeof l === 'string' && l.trim() !== '')
}
