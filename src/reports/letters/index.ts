import { assertDocumentLang, renderDocx, renderPdf } from '../../documents/index.js'
import type { DocumentModel } from '../../documents/model.js'
import { layoutLetter } from './compose.js'
import type { LetterInput } from './letter-input.js'
import { textsEn } from './texts-en.js'
import { textsJa } from './texts-ja.js'

export type { LetterInput, MissingItem } from './letter-input.js'
export { MISSING_ITEMS } from './letter-input.js'

/**
 * The letter to a manufacturer as a `DocumentModel` (Japanese or English): what is missing, the open questions with
 * their question ids and why we ask, and the ports seen on the hospital's devices that differ from the declaration,
 * asking for a reply within 30 days. Throws DOCUMENT_INPUT_INVALID for a date that is not yyyy-mm-dd or an unknown
 * language.
 *
 * @example
 * const pdf = await letterToPdf(await services.disclosureDocuments.letterInput(id, 'ja'))
 */
export function composeLetter(input: LetterInput): DocumentModel {
  assertDocumentLang(input.lang)
  return layoutLetter(input, input.lang === 'ja' ? textsJa : textsEn)
}

/** The letter as a PDF with the embedded Japanese font. */
export function letterToPdf(input: LetterInput): Promise<Buffer> {
  return renderPdf(composeLetter(input))
}

/** The letter as a .docx, for hospitals that edit letters in Word before sending them. */
export function letterToDocx(input: LetterInput): Promise<Buffer> {
  return renderDocx(composeLetter(input))
}
