import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { uiCatalog } from './catalog.js'
import { UI_TEXTS } from './texts.js'

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

const initial = storedLanguage()
document.documentElement.lang = initial

void i18n.use(initReactI18next).init({
  // Field labels and error texts come from core (./catalog.ts); the JSON files hold the UI's own texts.
  resources: {
    ja: { translation: uiCatalog(UI_TEXTS.ja, 'ja') },
    en: { translation: uiCatalog(UI_TEXTS.en, 'en') },
  },
  lng: initial,
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
  returnNull: false,
})

export default i18n
