import { describe, expect, it } from 'vitest'
import { BUILTIN_ALIASES, builtinAliasRows } from './builtin-aliases.js'
import { normaliseManufacturer, normaliseModel } from './normalise.js'

describe('normaliseManufacturer', () => {
  it.each([
    [
      '株式会社フィリップス・ジャパン',
      'フィリップス ジャパン',
      'ﾌｨﾘｯﾌﾟｽ・ジャパン株式会社',
      'フィリップス･ジャパン㈱',
      '（株）フィリップス－ジャパン',
    ],
    ['日本光電工業株式会社', '日本光電工業(株)', '日本光電工業 ㈱', '日本光電工業'],
    ['Nihon Kohden Corporation', 'NIHON KOHDEN', 'Nihon Kohden Corp.', 'ＮＩＨＯＮ　ＫＯＨＤＥＮ', 'nihon-kohden'],
    [
      'Philips Japan, Ltd.',
      'Philips Japan Co., Ltd.',
      'Philips Japan Co.,Ltd.',
      'PHILIPS JAPAN K.K.',
      'Philips Japan Inc',
    ],
    ['GE HealthCare', 'GE Healthcare', 'GE Healthcare Inc.', ' GE  HealthCare '],
    ['Dräger', 'Drager', 'DRÄGER AG'],
    ['Siemens Healthineers AG', 'Siemens Healthineers', 'Siemens Healthineers GmbH'],
    ['Becton, Dickinson and Company', 'Becton Dickinson and Company'],
    ['有限会社テスト医療', 'テスト医療', '合同会社テスト医療'],
    ['Acme B.V.', 'Acme plc', 'Acme LLC', 'Acme S.A.', 'ACME Incorporated'],
  ])('%s and its spellings give one key', (first, ...others) => {
    const key = normaliseManufacturer(first)
    expect(key).not.toBe('')
    for (const o of others) expect(normaliseManufacturer(o), o).toBe(key)
  })

  it('keeps makers apart that differ in more than form', () => {
    expect(normaliseManufacturer('日本光電')).not.toBe(normaliseManufacturer('日本光電工業'))
    expect(normaliseManufacturer('バクスター')).not.toBe(normaliseManufacturer('ハクスター'))
    expect(normaliseManufacturer('フクダ電子')).not.toBe(normaliseManufacturer('フクタ電子'))
  })

  it('gives "" for a legal form alone and keeps a name that looks like one', () => {
    expect(normaliseManufacturer('株式会社')).toBe('')
    expect(normaliseManufacturer(' Co., Ltd. ')).toBe('')
    expect(normaliseManufacturer('AG')).toBe('ag')
  })
})

describe('normaliseModel', () => {
  it.each([
    ['TE-LM800', 'TE LM800', 'TELM800', 'ＴＥ－ＬＭ８００', 'te‐lm800', 'TEーLM800', 'ｔｅ_ｌｍ800'],
    ['IntelliVue MX450', 'IntelliVue-MX450', 'INTELLIVUE MX450'],
    ['BSM-6501', 'BSM 6501', 'ＢＳＭ－６５０１'],
  ])('%s and its spellings give one key', (first, ...others) => {
    for (const o of others) expect(normaliseModel(o), o).toBe(normaliseModel(first))
  })

  it('keeps dots and slashes, and Japanese long vowels inside words', () => {
    expect(normaliseModel('MX450/MX500')).toBe('mx450/mx500')
    expect(normaliseModel('Ver.2.0')).toBe('ver.2.0')
    expect(normaliseModel('テルフュージョン ポンプ')).toBe('テルフュージョンポンプ')
  })
})

describe('the built-in alias table', () => {
  it('covers the Japanese marketing-authorisation holders named in the issue', () => {
    const vendorOf = new Map(builtinAliasRows().map((r) => [normaliseManufacturer(r.alias), r.vendor]))
    const expected: [string, string][] = [
      ['株式会社フィリップス・ジャパン', 'Philips'],
      ['フィリップス', 'Philips'],
      ['Phillips', 'Philips'],
      ['日本ベクトン・ディッキンソン株式会社', 'Becton, Dickinson and Company (BD)'],
      ['BD', 'Becton, Dickinson and Company (BD)'],
      ['ベクトン・ディッキンソン', 'Becton, Dickinson and Company (BD)'],
      ['Becton Dickinson', 'Becton, Dickinson and Company (BD)'],
      ['バクスター株式会社', 'Baxter'],
      ['日本メドトロニック株式会社', 'Medtronic'],
      ['GEヘルスケア・ジャパン株式会社', 'GE HealthCare'],
      ['GE Healthcare', 'GE HealthCare'],
      ['シーメンスヘルスケア株式会社', 'Siemens Healthineers'],
      ['Siemens Healthcare', 'Siemens Healthineers'],
      ['キヤノンメディカルシステムズ株式会社', 'Canon Medical'],
      ['東芝メディカルシステムズ株式会社', 'Canon Medical'],
      ['富士フイルムメディカル株式会社', 'Fujifilm'],
      ['富士フイルム', 'Fujifilm'],
      ['日本光電工業株式会社', 'Nihon Kohden'],
      ['日本光電', 'Nihon Kohden'],
      ['フクダ電子株式会社', 'Fukuda Denshi'],
      ['テルモ株式会社', 'Terumo'],
      ['オリンパス株式会社', 'Olympus'],
      ['オリンパスメディカルシステムズ株式会社', 'Olympus'],
      ['ドレーゲルジャパン株式会社', 'Dräger'],
      ['日本ストライカー株式会社', 'Stryker'],
      ['ボストン・サイエンティフィック ジャパン株式会社', 'Boston Scientific'],
      ['アボットジャパン合同会社', 'Abbott'],
      ['ビー・ブラウンエースクラップ株式会社', 'B. Braun'],
      ['ICUメディカル', 'ICU Medical'],
      ['フレゼニウス', 'Fresenius'],
      ['ニプロ株式会社', 'Nipro'],
      ['株式会社島津製作所', 'Shimadzu'],
      ['日立', 'Hitachi'],
      ['コニカミノルタ', 'Konica Minolta'],
      ['シスメックス', 'Sysmex'],
      ['エレクタ', 'Elekta'],
      ['バリアン', 'Varian'],
      ['インテュイティブサージカル', 'Intuitive Surgical'],
      ['日機装株式会社', 'Nikkiso'],
      ['ジョンソン・エンド・ジョンソン', 'Johnson & Johnson'],
      ['ZOLL', 'ZOLL'],
      ['マインドレイ', 'Mindray'],
      ['Hamilton Medical AG', 'Hamilton Medical'],
      ['Masimo', 'Masimo'],
      ['Hill-Rom', 'Hillrom'],
      ['ﾃﾙﾓ', 'Terumo'],
    ]
    for (const [written, vendor] of expected) expect(vendorOf.get(normaliseManufacturer(written)), written).toBe(vendor)
  })

  it('never maps one key to two vendors', () => {
    const seen = new Map<string, string>()
    for (const r of builtinAliasRows()) {
      const key = normaliseManufacturer(r.alias)
      expect(key, r.alias).not.toBe('')
      const before = seen.get(key)
      if (before) expect(before, `${r.alias} (${key})`).toBe(r.vendor)
      seen.set(key, r.vendor)
    }
    expect(Object.keys(BUILTIN_ALIASES).length).toBeGreaterThan(30)
  })
})
