import { describe, expect, it } from 'vitest'
import { FIELD_BY_KEY, fieldUiLabel, LEDGER_FIELDS } from '../../src/core/ledger/fields.js'
import { en as sharedEn } from '../../src/core/messages/en.js'
import { ja as sharedJa } from '../../src/core/messages/ja.js'
import { fieldLabels, uiCatalog } from '../../web/src/i18n/catalog.js'
import enTexts from '../../web/src/i18n/en.json'
import jaTexts from '../../web/src/i18n/ja.json'
import { MODULE_TEXTS, UI_TEXTS } from '../../web/src/i18n/texts.js'

/** Every leaf key of a nested translation object, as dotted paths. */
function leafKeys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix]
  return Object.entries(obj).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k))
}

function section(catalog: Record<string, unknown>, name: string): Record<string, unknown> {
  const s = catalog[name]
  return typeof s === 'object' && s !== null ? Object.fromEntries(Object.entries(s)) : {}
}

describe('web catalog: one vocabulary from core', () => {
  it('the UI JSON files have the same keys and no field labels of their own', () => {
    expect(leafKeys(jaTexts).sort()).toEqual(leafKeys(enTexts).sort())
    expect('fields' in jaTexts || 'fields' in enTexts).toBe(false)
  })

  it('each module text file has the same keys in both languages and adds sections without overwriting one', () => {
    MODULE_TEXTS.ja.forEach((ja, i) => {
      const en = MODULE_TEXTS.en[i]
      expect(leafKeys(ja).sort()).toEqual(leafKeys(en).sort())
      for (const section of Object.keys(ja)) expect(section in jaTexts, section).toBe(false)
    })
    const merged = leafKeys(UI_TEXTS.ja).length
    expect(merged).toBe(leafKeys(jaTexts).length + MODULE_TEXTS.ja.reduce((n, t) => n + leafKeys(t).length, 0))
    expect(leafKeys(UI_TEXTS.en).sort()).toEqual(leafKeys(UI_TEXTS.ja).sort())
  })

  it('the UI JSON keeps only client-side error texts; codes come from the shared catalog', () => {
    for (const texts of [jaTexts, enTexts]) {
      expect(Object.keys(section(texts, 'errors')).sort()).toEqual(['NETWORK_ERROR', 'title', 'unknown'])
    }
    for (const [lang, shared] of [
      ['ja', sharedJa],
      ['en', sharedEn],
    ] as const) {
      const errors = section(uiCatalog(lang === 'ja' ? jaTexts : enTexts, lang), 'errors')
      for (const [code, text] of Object.entries(shared.errors)) expect(errors[code], `${lang} ${code}`).toBe(text)
    }
  })

  it('no UI text is silently replaced by a shared one of the same key (sections merge key by key)', () => {
    for (const [shared, texts] of [
      [sharedJa, jaTexts],
      [sharedEn, enTexts],
    ] as const) {
      for (const [name, sharedSection] of Object.entries(shared)) {
        const own = section(texts, name)
        expect(
          Object.keys(sharedSection).filter((k) => k in own),
          name,
        ).toEqual([])
      }
    }
  })

  it('labels every ledger field with the table term (plus its hint), in both languages', () => {
    for (const lang of ['ja', 'en'] as const) {
      const fields = section(uiCatalog(lang === 'ja' ? jaTexts : enTexts, lang), 'fields')
      for (const f of LEDGER_FIELDS) {
        expect(fields[f.field], `${lang} ${f.field}`).toBe(fieldUiLabel(f.field, lang))
        expect(String(fields[f.field]).startsWith(f[lang])).toBe(true)
      }
      expect(fields.customFields).toBeTruthy()
    }
  })

  it.each([
    ['name', 'ja', '機器名（一般的名称）'],
    ['manufacturer', 'en', 'Manufacturer'],
    ['category', 'ja', '分類'],
    ['declaredPorts', 'ja', '使用ポート'],
    ['department', 'ja', '部署'],
    ['assetTag', 'en', 'Asset Tag'],
    ['customFields', 'ja', 'カスタム項目'],
  ] as const)('fields.%s in %s is 「%s」', (key, lang, label) => {
    expect(fieldLabels(lang)[key]).toBe(label)
  })

  it('the labels the web or the export used before still import as aliases of their field', () => {
    const oldLabels = {
      department: '部署・病棟',
      category: 'カテゴリ',
      manufacturer: 'メーカー',
      softwareVersion: 'ソフトウェア／ファームウェア版数',
      networkSegment: 'ネットワークセグメント',
      declaredPorts: 'メーカー申告ポート',
      patientProximity: '患者との近接度',
      lifeCritical: '生命維持関連',
      fragile: '高負荷に弱い',
      serviceLifeEnd: '耐用期間終了日',
      supportEnd: 'サポート終了日',
      responsiblePerson: '管理担当者',
      vendorContact: 'ベンダー連絡先',
    }
    for (const [key, old] of Object.entries(oldLabels)) expect(FIELD_BY_KEY.get(key)?.aliases, key).toContain(old)
  })

  it('names the job runner’s audit actions and phases in both languages', () => {
    for (const [lang, texts] of [
      ['ja', jaTexts],
      ['en', enTexts],
    ] as const) {
      const keys = new Set(leafKeys(texts))
      for (const action of ['job_start', 'job_finish', 'job_cancel']) {
        expect(keys.has(`auditNames.action.${action}`), `${lang} ${action}`).toBe(true)
      }
      expect(keys.has('auditNames.target.job')).toBe(true)
      for (const phase of ['discovery', 'ports', 'probes', 'store', 'validate', 'write']) {
        expect(keys.has(`jobs.phase.${phase}`), `${lang} ${phase}`).toBe(true)
      }
    }
  })
})
