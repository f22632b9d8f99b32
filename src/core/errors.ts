import { ERROR_STATUS, type ErrorCode } from './messages/error-codes.js'
import { type Bilingual, bilingual, type MessageParams } from './messages/translate.js'

export type { ErrorCode } from './messages/error-codes.js'
export type { Bilingual, MessageParams } from './messages/translate.js'

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
  /** The catalog parameters the message was rendered from (sent to the UI, which renders the same key itself). */
  params: MessageParams | undefined

  constructor(
    readonly code: ErrorCode,
    message: string | Bilingual,
    readonly status: number = ERROR_STATUS[code],
    readonly details?: ErrorDetail[],
  ) {
    super(typeof message === 'string' ? message : message.en)
    this.name = 'MamoriError'
    this.messageJa = typeof message === 'string' ? undefined : message.ja
  }

  /**
   * The error of `code` with its text from the message catalog (`errors.<CODE>` in src/core/messages), in English
   * and Japanese, and the status the catalog gives the code.
   * @example throw MamoriError.of('SCOPE_EXISTS', { target: '10.0.0.0/24' })
   */
  static of(code: ErrorCode, params: MessageParams = {}, details?: ErrorDetail[]): MamoriError {
    const e = new MamoriError(code, bilingual(`errors.${code}`, params), ERROR_STATUS[code], details)
    e.params = params
    return e
  }
}

/** 404 NOT_FOUND naming the thing in both languages and the id that was asked for (`errors.NOT_FOUND`). */
export const notFound = (what: string, id: string, whatJa?: string) =>
  MamoriError.of('NOT_FOUND', { what: { en: what, ja: whatJa ?? what }, id })
