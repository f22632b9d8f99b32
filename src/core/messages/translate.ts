import i18next from 'i18next'
import { en } from './en.js'
import { ja } from './ja.js'

/** The two languages every text exists in: Japanese first (our users), English for logs, the CLI and the API. */
export type Lang = 'ja' | 'en'

/** A text in both UI languages: `en` is also what logs and the CLI show. */
export interface Bilingual {
  en: string
  ja: string
}

/**
 * A parameter of a catalog text. A {@link Bilingual} value is a part that itself needs translating (a list of
 * reasons, a field name): each language gets its own half.
 */
export type MessageParam = string | number | Bilingual
export type MessageParams = Record<string, MessageParam>

/** The catalogs by language, for the web's i18next, which renders the same keys the same way. */
export const CATALOGS = { en, ja } as const

// The server renders with the same library and settings as the web (i18next, no HTML escaping: the texts go into
// JSON, the CLI and the UI's text nodes, never into HTML), so a code reads the same everywhere.
const i18n = i18next.createInstance()
void i18n.init({
  resources: { en: { translation: en }, ja: { translation: ja } },
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
})

function paramsIn(lang: Lang, params: MessageParams): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'object' ? v[lang] : v
  return out
}

/** One catalog text in one language, e.g. `translate('ja', 'errors.NOT_FOUND', { what: '機器', id: 'x' })`. */
export function translate(lang: Lang, key: string, params: MessageParams = {}): string {
  return i18n.t(key, { lng: lang, ...paramsIn(lang, params) })
}

/** One catalog text in both languages. */
export function bilingual(key: string, params: MessageParams = {}): Bilingual {
  return { en: translate('en', key, params), ja: translate('ja', key, params) }
}

/** True when the catalog has this key (in English, which every key has). */
export function hasMessage(key: string): boolean {
  return i18n.exists(key, { lng: 'en' })
}
