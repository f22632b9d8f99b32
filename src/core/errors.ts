/** A text in both UI languages: `en` is also what logs and the CLI show. */
export interface Bilingual {
  en: string
  ja: string
}

/** One located problem (file, row, column, value, or an API field), with its Japanese wording when known. */
export interface ErrorDetail {
  where: string
  message: string
  messageJa?: string
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/

/**
 * Splits a legacy one-line bilingual text "English. / 日本語。" into its halves. A text without a Japanese half
 * after " / " is English only (ja undefined), so "--yes / confirmLarge" in an English sentence stays whole.
 */
export function splitBilingual(text: string): { en: string; ja?: string } {
  const at = text.lastIndexOf(' / ')
  if (at < 0) return { en: text }
  const en = text.slice(0, at).trim()
  const ja = text.slice(at + 3).trim()
  if (!JAPANESE.test(ja) || JAPANESE.test(en)) return { en: text }
  return { en, ja }
}

/**
 * An expected failure with a stable code, an HTTP status and a message written for a clinical engineer, in
 * English (`message`) and, when given, Japanese (`messageJa`); a legacy one-line "English / 日本語" message is split
 * where it is sent (see docs/decisions/0009-bilingual-server-messages.md).
 * `details` locate the problem (file, row, column, value) so the user can fix it without guessing.
 */
export class MamoriError extends Error {
  readonly messageJa: string | undefined

  constructor(
    readonly code: string,
    message: string | Bilingual,
    readonly status = 400,
    readonly details?: ErrorDetail[],
  ) {
    super(typeof message === 'string' ? message : message.en)
    this.name = 'MamoriError'
    this.messageJa = typeof message === 'string' ? undefined : message.ja
  }
}

export const notFound = (what: string, id: string, whatJa?: string) =>
  new MamoriError(
    'NOT_FOUND',
    {
      en: `${what} "${id}" was not found.`,
      ja: `${whatJa ?? what}「${id}」が見つかりません。削除された可能性があります。`,
    },
    404,
  )
export const forbidden = (why: string | Bilingual) => new MamoriError('FORBIDDEN', why, 403)
export const conflict = (code: string, why: string | Bilingual) => new MamoriError(code, why, 409)
