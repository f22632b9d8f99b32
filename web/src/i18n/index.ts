import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en as sharedEn } from '../../../src/core/messages/en.js'
import { ja as sharedJa } from '../../../src/core/messages/ja.js'
import en from './en.json'
import ja from './ja.json'

/** Supported UI languages; Japanese is the default because our users are Japanese hospital staff. */
export const LANGUAGES = ['ja', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const STORAGE_KEY = 'mamori.lang'

function isLanguage(value: unknown): value is Language {
  return value === 'ja' || value === 'en'
}

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY)
    return isLanguage(v) ? v : 'ja'
  } catch {
    return 'ja'
  }
}

/** Switches the UI language, remembers it across reloads and keeps `<html lang>` right for screen readers. */
export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // Private mode may refuse storage; the switch still works for this page.
  }
  document.documentElement.lang = lang
  void i18n.changeLanguage(lang)
}

/** The current UI language as one of {@link LANGUAGES}. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'ja'
}

/**
 * The UI's own texts plus the catalog it shares with the server (error texts by code, src/core/messages): one
 * catalog per language, so a code reads the same in the API, the CLI and here. Shared keys win over UI keys.
 */
function withShared<T extends Record<string, unknown>>(ui: T, shared: Record<string, Record<string, string>>): T {
  const out: Record<string, unknown> = { ...ui }
  for (const [section, texts] of Object.entries(shared)) {
    out[section] = { ...(ui[section] as Record<string, unknown> | undefined), ...texts }
  }
  return out as T
}

const initial = storedLanguage()
document.documentElement.lang = initial

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: withShared(ja, sharedJa) }, en: { translation: withShared(en, sharedEn) } },
  lng: initial,
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
  returnNull: false,
})

export default i18n
