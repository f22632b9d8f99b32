import { describe, expect, it } from 'vitest'
import {
  addYears,
  blankValue,
  excelSerialToDate,
  isRealDate,
  normalizeWord,
  readBool,
  readCell,
  readDate,
  readEnum,
  readEnumList,
  readInt,
  readLifeYears,
  readProximity,
  splitCell,
  splitTags,
} from './cells.js'
import { FIELD_BY_KEY } from './fields.js'
import { KIND_WORDS, STATUS_WORDS } from './vocabulary.js'

const spec = (key: string) => FIELD_BY_KEY.get(key)!

describe('cell readers', () => {
  it.each([
    ['資産番号', '資産番号'],
    ['Asset No.', 'assetno'],
    ['ＩＰアドレス', 'ipアドレス'],
    ['導入日(YYYY-MM-DD)', '導入日'],
    ['【必須】資産番号', '資産番号'],
  ])('normalizeWord(%s) = %s', (raw, folded) => expect(normalizeWord(raw)).toBe(folded))

  it.each([
    ['医療機器', KIND_WORDS, 'medical_device'],
    ['サーバー', KIND_WORDS, 'server'],
    ['Network Device', KIND_WORDS, 'network_device'],
    ['稼働中', STATUS_WORDS, 'in_use'],
    ['廃棄済み', STATUS_WORDS, 'decommissioned'],
  ])('readEnum(%s) = %s', (raw, words, id) => expect(readEnum(raw, words)).toEqual({ ok: id }))

  it('readEnum refuses an unknown word and lists the Japanese words', () => {
    const r = readEnum('ロボット', KIND_WORDS)
    expect(r).toMatchObject({ error: expect.stringContaining('medical_device (医療機器)') })
    expect(r).toMatchObject({ errorJa: expect.stringContaining('医療機器、サーバ') })
  })

  it('readEnumList reads each value once', () => {
    expect(readEnumList('使用中; 稼働中、保管', STATUS_WORDS)).toEqual({ ok: ['in_use', 'in_storage'] })
  })

  it.each([
    ['はい', true],
    ['○', true],
    ['Yes', true],
    ['いいえ', false],
    ['×', false],
    ['-', false],
  ])('readBool(%s) = %s', (raw, ok) => expect(readBool(raw)).toEqual({ ok }))

  it.each([
    ['2023-04-01', '2023-04-01'],
    ['2023/4/1', '2023-04-01'],
    ['2023年4月1日', '2023-04-01'],
    ['令和5年4月1日', '2023-04-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['H31/4/30', '2019-04-30'],
    ['43556', '2019-04-01'],
    ['2023-04-01 10:30', '2023-04-01'],
  ])('readDate(%s) = %s', (raw, ok) => expect(readDate(raw)).toEqual({ ok }))

  it.each(['2023/2/30', 'あした', '1800-01-01', '123'])('readDate(%s) is an error in both languages', (raw) => {
    const r = readDate(raw)
    expect(r).toHaveProperty('error')
    expect(r).toHaveProperty('errorJa')
  })

  it.each([
    ['3', 1, 10, { ok: 3 }],
    ['１２', 1, 100, { ok: 12 }],
  ] as const)('readInt(%s, %d, %d)', (raw, min, max, out) => expect(readInt(raw, min, max)).toEqual(out))

  it.each(['0', '11', '1.5'])('readInt(%s, 1, 10) is an error', (raw) =>
    expect(readInt(raw, 1, 10)).toHaveProperty('error'),
  )

  it.each([
    ['2', 2],
    ['レベル3', 3],
    ['Level 0', 0],
    ['L4', 4],
  ])('readProximity(%s) = %d', (raw, ok) => expect(readProximity(raw)).toEqual({ ok }))

  it.each([
    ['6', 6],
    ['6年', 6],
    ['2029-03-31', null],
  ])('readLifeYears(%s) = %s', (raw, years) => expect(readLifeYears(raw)).toBe(years))

  it.each([
    ['2020-02-29', 1, '2021-02-28'],
    ['2019-04-01', 6, '2025-04-01'],
  ])('addYears(%s, %d) = %s', (date, n, out) => expect(addYears(date, n)).toBe(out))

  it.each([
    [2024, 2, 29, true],
    [2023, 2, 29, false],
    [2023, 13, 1, false],
  ])('isRealDate(%d, %d, %d) = %s', (y, m, d, ok) => expect(isRealDate(y, m, d)).toBe(ok))

  it('excelSerialToDate counts from 1899-12-30', () => expect(excelSerialToDate(45017)).toBe('2023-04-01'))

  it.each([
    ['10.0.0.1; 10.0.0.2', ['10.0.0.1', '10.0.0.2']],
    ['a,b、c | d', ['a', 'b', 'c', 'd']],
  ])('splitCell(%s)', (raw, parts) => expect(splitCell(raw)).toEqual(parts))

  it('splitTags keeps spaces inside a tag and drops repeats', () => {
    expect(splitTags('CT室; 夜間 当番;CT室')).toEqual(['CT室', '夜間 当番'])
  })

  it.each([
    ['notes', 'メモ', { ok: 'メモ' }],
    ['kind', 'PC', { ok: 'pc' }],
    ['vlan', '20', { ok: 20 }],
    ['declaredPorts', '104; 11112; 104', { ok: [104, 11112] }],
    ['ipAddresses', '10.0.0.1, 10.0.0.1', { ok: ['10.0.0.1'] }],
    ['macAddresses', '00-11-22-33-44-55', { ok: ['00:11:22:33:44:55'] }],
    ['tags', 'a; b', { ok: ['a', 'b'] }],
    ['lifeCritical', 'あり', { ok: true }],
  ])('readCell(%s, %s)', (key, raw, out) => expect(readCell(spec(key), raw)).toEqual(out))

  it('readCell names the bad port in both languages', () => {
    expect(readCell(spec('declaredPorts'), '80, 70000')).toMatchObject({
      error: expect.stringMatching(/^port 70000 is out of range/),
      errorJa: expect.stringMatching(/^ポート番号 70000 は範囲外です/),
    })
  })

  it.each([
    ['tags', []],
    ['ipAddresses', []],
    ['notes', null],
    ['installedOn', null],
  ])('a blank %s cell clears to %j', (key, value) => expect(blankValue(spec(key))).toEqual(value))
})
