import { CUSTOM_FIELDS_LABEL, fieldUiLabel, LEDGER_FIELDS } from '../../../src/core/ledger/fields.js'
import { en as sharedEn } from '../../../src/core/messages/en.js'
import { ja as sharedJa } from '../../../src/core/messages/ja.js'

/** A language the UI has texts for (the same pair as `LANGUAGES` in ./index.ts, kept here free of the DOM). */
export type CatalogLanguage = 'ja' | 'en'

type Texts = Record<string, unknown>

/**
 * The `fields` section: every ledger field's label from the one field table (src/core/ledger/fields.ts) with its UI
 * hint (「機器名（一般的名称）」), plus the custom-fields group. The web has no field labels of its own, so a field reads
 * the same on screen, in exported files and in import problems (issue 13: one term per field, others as aliases).
 *
 * @example fieldLabels('ja').manufacturer // '製造販売業者'
 */
export function fieldLabels(lang: CatalogLanguage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of LEDGER_FIELDS) out[f.field] = fieldUiLabel(f.field, lang)
  out.customFields = CUSTOM_FIELDS_LABEL[lang]
  return out
}

/**
 * One language's whole UI catalog: the UI's own texts (./ja.json, ./en.json), the catalog it shares with the server
 * (error texts by code, src/core/messages) and the field labels from the ledger's field table. Shared sections are
 * merged key by key over the UI's, and shared keys win, so a code reads the same in the API, the CLI and here.
 * Pure (no i18next, no DOM), so tests can check the catalog the browser gets.
 */
export function uiCatalog(ui: Texts, lang: CatalogLanguage): Texts {
  const shared: Record<string, Record<string, string>> = {
    ...(lang === 'ja' ? sharedJa : sharedEn),
    fields: fieldLabels(lang),
  }
  const out: Texts = { ...ui }
  for (const [section, texts] of Object.entries(shared)) {
    const own = ui[section]
    out[section] = { ...(typeof own === 'object' && own !== null ? own : {}), ...texts }
  }
  return out
}
