import { MamoriError } from '../core/errors.js'

/**
 * Refuses a language other than ja or en with DOCUMENT_INPUT_INVALID: callers in plain JavaScript, scripts and
 * query strings can pass anything, and a report half in one language would be worse than a clear error.
 */
export function assertDocumentLang(lang: unknown): asserts lang is 'ja' | 'en' {
  if (lang === 'ja' || lang === 'en') return
  throw MamoriError.of('DOCUMENT_INPUT_INVALID', {
    field: { en: 'the language', ja: '言語' },
    value: String(lang).slice(0, 40),
    expected: { en: 'ja or en', ja: 'ja か en' },
  })
}
