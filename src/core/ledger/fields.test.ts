import { describe, expect, it } from 'vitest'
import { normalizeWord } from './cells.js'
import { defaultFields } from './device.js'
import { FIELD_BY_KEY, fieldLabel, fieldLabelJa, fieldUiLabel, IMPORT_FIELD_IDS, LEDGER_FIELDS } from './fields.js'

describe('field table', () => {
  it('has one row per device field (all but customFields) plus the device id, in a stable order', () => {
    const keys = Object.keys(defaultFields()).filter((k) => k !== 'customFields')
    expect(new Set(IMPORT_FIELD_IDS)).toEqual(new Set(['id', ...keys]))
    expect(IMPORT_FIELD_IDS.length).toBe(keys.length + 1)
    expect(IMPORT_FIELD_IDS.slice(0, 3)).toEqual(['id', 'assetTag', 'siteId'])
  })

  it('every label and alias names one field only (after folding width, case and punctuation)', () => {
    const owner = new Map<string, string>()
    for (const f of LEDGER_FIELDS) {
      for (const name of [f.field, f.ja, f.en, ...f.aliases]) {
        const key = normalizeWord(name)
        expect(owner.get(key) ?? f.field, `"${name}"`).toBe(f.field)
        owner.set(key, f.field)
      }
    }
  })

  it('enum fields carry their vocabulary, and only they do', () => {
    for (const f of LEDGER_FIELDS) {
      expect(f.values !== undefined, f.field).toBe(f.type === 'enum' || f.type === 'enumList')
    }
  })

  // One term per field, the other spellings as aliases (ADR 0015).
  it.each([
    ['assetTag', '資産番号', 'Asset Tag', ['管理番号']],
    ['manufacturer', '製造販売業者', 'Manufacturer', ['メーカー']],
    ['department', '部署', 'Department', ['部署・病棟', 'Department / ward']],
    ['softwareVersion', 'ソフトウェアバージョン', 'Software Version', ['ソフトウェア／ファームウェア版数']],
    ['vendorContact', '業者連絡先', 'Vendor Contact', ['ベンダー連絡先']],
    ['category', '分類', 'Category', ['カテゴリ', 'カテゴリー']],
    ['declaredPorts', '使用ポート', 'Declared Ports', ['宣言ポート', 'メーカー申告ポート']],
    ['patientProximity', '患者との距離', 'Patient Proximity', ['患者との近接度']],
    ['fragile', '高負荷注意', 'Fragile', ['高負荷に弱い']],
    ['responsiblePerson', '責任者', 'Responsible Person', ['管理担当者']],
  ])('%s is 「%s」 / "%s", with the other spellings as aliases', (key, ja, en, aliases) => {
    const f = FIELD_BY_KEY.get(key)!
    expect([f.ja, f.en]).toEqual([ja, en])
    for (const a of aliases) expect(f.aliases).toContain(a)
  })

  it.each([
    ['ipAddresses', 'ja', 'IPアドレス'],
    ['ipAddresses', 'en', 'IP Addresses'],
    ['customFields.予算', 'ja', '「予算」(カスタム列)'],
    ['customFields.Budget', 'en', '"Budget" (custom column)'],
    ['nope', 'ja', 'nope'],
  ] as const)('fieldLabel(%s, %s) is %s', (field, lang, label) => {
    expect(fieldLabel(field, lang)).toBe(label)
    if (lang === 'ja') expect(fieldLabelJa(field)).toBe(label)
  })

  it.each([
    ['name', 'ja', '機器名（一般的名称）'],
    ['name', 'en', 'Device Name (generic)'],
    ['manufacturer', 'ja', '製造販売業者'],
    ['customFields.予算', 'ja', '「予算」(カスタム列)'],
    ['nope', 'en', 'nope'],
  ] as const)('fieldUiLabel(%s, %s) is %s: the term, and a hint only where the table has one', (field, lang, label) => {
    expect(fieldUiLabel(field, lang)).toBe(label)
  })

  it('a hint clarifies the term without being a header of its own', () => {
    for (const f of LEDGER_FIELDS.filter((x) => x.hint)) {
      expect(fieldUiLabel(f.field, 'ja')).toBe(`${f.ja}（${f.hint?.ja}）`)
      expect(fieldLabel(f.field, 'ja')).toBe(f.ja)
    }
  })
})
