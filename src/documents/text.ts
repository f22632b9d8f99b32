/**
 * Makes untrusted text (manufacturers' answers, device names, settings) safe to set in a PDF or a .docx. Control
 * characters are invalid in the XML inside a .docx (Word refuses the whole file) and print as boxes in a PDF;
 * bidirectional overrides could reorder what a reader sees ("Trojan Source"), and a lone surrogate is not text.
 * Tabs become spaces, CR LF becomes LF. A string longer than `MAX_TEXT` is cut with an ellipsis so one hostile value
 * cannot turn a letter into thousands of pages.
 */

/** The longest string one block or cell keeps. */
export const MAX_TEXT = 20_000

// C0 and C1 controls except LF, DEL, bidi embeddings/overrides/isolates, BOM, lone surrogates.
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** `text` without characters that break or disguise a document, at most `MAX_TEXT` long. */
export function safeText(text: string): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(UNSAFE, '')
  if (clean.length <= MAX_TEXT) return clean
  // Do not cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(clean[MAX_TEXT - 1] ?? '') ? MAX_TEXT - 1 : MAX_TEXT
  return `${clean.slice(0, end)}…`
}
