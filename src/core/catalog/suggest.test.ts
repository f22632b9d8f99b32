import { describe, expect, it } from 'vitest'
import { builtinAliasRows } from './builtin-aliases.js'
import { parseMakerModel } from './maker-model.js'
import type { CatalogModel } from './model.js'
import { suggestModel } from './suggest.js'
import { compareVersions, versionRangeProblems } from './version.js'

const aliases = builtinAliasRows()
const model = (
  id: string,
  vendor: string,
  name: string,
  versionFrom: string | null = null,
  versionTo: string | null = null,
): CatalogModel => ({
  id,
  vendor,
  name,
  versionFrom,
  versionTo,
  createdAt: '2026-04-01T00:00:00Z',
  updatedAt: '2026-04-01T00:00:00Z',
})
const models = [
  model('m1', 'Nihon Kohden', 'BSM-6501'),
  model('m2', 'Philips', 'IntelliVue MX450', '1.0', '2.9'),
  model('m3', 'Philips', 'IntelliVue MX450', '3.0', null),
  model('m4', 'Terumo', 'TE-LM800'),
  model('m5', 'Acme Medical', 'X-200'),
]
const device = (manufacturer: string | null, m: string | null, softwareVersion: string | null = null) => ({
  manufacturer,
  model: m,
  softwareVersion,
})

describe('suggestModel', () => {
  it.each([
    ['日本光電工業株式会社', 'BSM-6501', null, 'm1', 0.95],
    ['ﾆﾎﾝｺｰﾃﾞﾝ', 'BSM-6501', null, null, 0],
    ['日本光電', 'ＢＳＭ６５０１', null, 'm1', 0.95],
    ['テルモ株式会社', 'TE LM800', null, 'm4', 0.95],
    ['テルモ', 'TE-LM800A', null, 'm4', 0.6],
    ['テルモ', 'Syringe pump TE-LM800', null, 'm4', 0.5],
    ['株式会社フィリップス・ジャパン', 'IntelliVue MX450', '2.1', 'm2', 0.95],
    ['Phillips', 'IntelliVue MX450', 'Ver.3.2', 'm3', 0.95],
    ['Philips', 'IntelliVue MX450', null, 'm2', 0.85],
    ['Philips', 'IntelliVue MX450', '0.9', null, 0],
    ['ACME MEDICAL INC.', 'x200', null, 'm5', 0.95],
    ['フクダ電子', 'BSM-6501', null, null, 0],
    [null, 'BSM-6501', null, null, 0],
    ['日本光電', null, null, null, 0],
    ['日本光電', 'BS', null, null, 0],
  ] as const)('%s %s (v%s) → %s', (maker, name, version, id, confidence) => {
    const s = suggestModel(device(maker, name, version), models, aliases)
    if (id === null) expect(s).toBeNull()
    else {
      expect(s?.modelId).toBe(id)
      expect(s?.confidence).toBe(confidence)
    }
  })

  it('says why, in both languages', () => {
    const s = suggestModel(device('日本光電工業株式会社', 'BSM 6501'), models, aliases)
    expect(s?.reason.en).toBe(
      'maker "日本光電工業株式会社" → Nihon Kohden (alias table); model "BSM 6501" equals BSM-6501',
    )
    expect(s?.reason.ja).toBe(
      'メーカー「日本光電工業株式会社」→ Nihon Kohden（別名表）、型式「BSM 6501」が BSM-6501 と一致',
    )
    const v = suggestModel(device('Philips', 'MX450', '2.0'), [models[1]!], aliases)
    expect(v?.reason.ja).toContain('バージョン 2.0 は 1.0–2.9 の範囲内')
  })
})

describe('parseMakerModel', () => {
  it.each([
    ['日本光電 BSM-6501', '日本光電', 'BSM-6501'],
    ['Nihon Kohden BSM-6501', 'Nihon Kohden', 'BSM-6501'],
    ['日本光電工業株式会社BSM-6501', '日本光電工業株式会社', 'BSM-6501'],
    ['GE HealthCare CARESCAPE B650', 'GE HealthCare', 'CARESCAPE B650'],
    ['株式会社フィリップス・ジャパン IntelliVue MX450', '株式会社フィリップス・ジャパン', 'IntelliVue MX450'],
    ['ＴＥＲＵＭＯ　ＴＥ－ＬＭ８００', 'TERUMO', 'TE-LM800'],
    ['Acme Medical | X-200', 'Acme Medical', 'X-200'],
  ])('%s', (text, manufacturer, m) => {
    expect(parseMakerModel(text, aliases)).toEqual({ manufacturer, model: m })
  })

  it.each(['', 'BSM-6501', 'Acme Medical X-200', '日本光電', 'PhilipsX1'])('%s cannot be split', (text) => {
    expect(parseMakerModel(text, aliases)).toBeNull()
  })
})

describe('versions', () => {
  it('compares parts as numbers and letters', () => {
    expect(compareVersions('1.10', '1.9')).toBeGreaterThan(0)
    expect(compareVersions('V2.3', '2.3')).toBe(0)
    expect(compareVersions('Ver.01-23', '1.23')).toBe(0)
    expect(compareVersions('1.0', '1.0.1')).toBeLessThan(0)
    expect(compareVersions('3.1A', '3.1B')).toBeLessThan(0)
  })
  it('reports a range backwards or without digits', () => {
    expect(versionRangeProblems('2.0', '1.0')[0]?.ja).toContain('終了')
    expect(versionRangeProblems('---', null)).toHaveLength(1)
    expect(versionRangeProblems('1.0', null)).toEqual([])
  })
})

describe('partial model matches', () => {
  it('never cut a number: DS-1 is not DS-10, but BSM-6501K starts like BSM-6501', () => {
    const ms = [model('a', 'Fukuda Denshi', 'DS-10'), model('b', 'Nihon Kohden', 'BSM-6501')]
    expect(suggestModel(device('フクダ電子', 'DS-1'), ms, aliases)).toBeNull()
    expect(suggestModel(device('フクダ電子', 'DS-100'), ms, aliases)).toBeNull()
    expect(suggestModel(device('日本光電', 'BSM-6501K'), ms, aliases)?.confidence).toBe(0.6)
    expect(suggestModel(device('日本光電', 'Monitor BSM-6501 (ICU)'), ms, aliases)?.confidence).toBe(0.5)
  })
})
