import { describe, expect, it } from 'vitest'
import {
  addYears,
  excelSerialToDate,
  readBool,
  readDate,
  readEnum,
  readEnumList,
  readProximity,
} from '../core/ledger/cells.js'
import { columnLetter, locateHeader, mapColumns } from './device-columns.js'

const field = (header: string) => {
  const m = mapColumns([header])
  return m.mapping[header]
}

describe('mapColumns', () => {
  it.each([
    ['資産番号', 'assetTag'],
    ['管理番号', 'assetTag'],
    ['Asset Tag', 'assetTag'],
    ['asset_tag', 'assetTag'],
    ['ＩＰアドレス', 'ipAddresses'],
    ['IP Address', 'ipAddresses'],
    ['MACアドレス', 'macAddresses'],
    ['機器名称', 'name'],
    ['機器名', 'name'],
    ['一般的名称', 'name'],
    ['品名', 'name'],
    ['耐用年数', 'serviceLifeEnd'],
    ['購入日', 'installedOn'],
    ['設置部署', 'department'],
    ['メーカー', 'manufacturer'],
    ['製造番号', 'serialNumber'],
    ['型式', 'model'],
    ['製造販売業者', 'manufacturer'],
    ['メーカー', 'manufacturer'],
    ['シリアル番号', 'serialNumber'],
    ['製造番号', 'serialNumber'],
    ['S/N', 'serialNumber'],
    ['病棟', 'department'],
    ['部門', 'department'],
    ['耐用年限', 'serviceLifeEnd'],
    ['保守終了', 'supportEnd'],
    ['導入日(YYYY-MM-DD)', 'installedOn'],
    ['生命維持', 'lifeCritical'],
    ['Life-critical', 'lifeCritical'],
    ['患者との距離', 'patientProximity'],
    ['proximity', 'patientProximity'],
    ['状態', 'status'],
    ['ステータス', 'status'],
    ['備考', 'notes'],
    ['OSバージョン', 'osVersion'],
    ['OS', 'os'],
    ['宣言ポート', 'declaredPorts'],
    ['VLAN', 'vlan'],
    ['セグメント', 'networkSegment'],
    ['custom:予算', 'customFields.予算'],
    ['カスタム：購入価格', 'customFields.購入価格'],
  ])('maps %s to %s', (header, expected) => {
    expect(field(header)).toBe(expected)
  })

  it('reports unknown columns as warnings and ignores them', () => {
    const m = mapColumns(['資産番号', '色'])
    expect(m.fatal).toBe(false)
    expect(m.unknownColumns).toEqual(['色'])
    expect(m.problems[0]).toMatchObject({ severity: 'warning', column: '色' })
  })

  it('rejects two columns for the same field, naming both', () => {
    const m = mapColumns(['資産番号', 'IPアドレス', 'IP'])
    expect(m.fatal).toBe(true)
    expect(m.problems[0]?.message).toContain('B "IPアドレス"')
    expect(m.problems[0]?.message).toContain('C "IP"')
    expect(m.problems[0]?.messageJa).toBe(
      'B列「IPアドレス」とC列「IP」が同じ項目(IPアドレス)を指しています。どちらかの列を削除するか、列名を変えてください。',
    )
  })

  it('is fatal when nothing is recognised', () => {
    expect(mapColumns(['a', 'b']).fatal).toBe(true)
  })

  it('finds the header below a title row', () => {
    const rows = [{ cells: ['医療機器台帳 2024年度'] }, { cells: ['資産番号', '型式', 'IPアドレス'] }]
    expect(locateHeader(rows)).toBe(1)
  })
})

describe('readDate', () => {
  it.each([
    ['2019-04-01', '2019-04-01'],
    ['2019/4/1', '2019-04-01'],
    ['2019.04.01', '2019-04-01'],
    ['２０１９／０４／０１', '2019-04-01'],
    ['2019年4月1日', '2019-04-01'],
    ['令和5年4月1日', '2023-04-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['昭和64年1月7日', '1989-01-07'],
    ['R5.4.1', '2023-04-01'],
    ['H31/4/30', '2019-04-30'],
    ['43556', '2019-04-01'],
    ['2019-04-01 00:00', '2019-04-01'],
  ])('reads %s as %s', (raw, expected) => {
    expect(readDate(raw)).toEqual({ ok: expected })
  })

  it.each(['2023-02-30', '2023-13-01', '令和5年2月29日', 'tomorrow', '2019', '12/31/2019', ''])('rejects %s', (raw) => {
    expect(readDate(raw)).toHaveProperty('error')
  })

  it('says a date that does not exist is not a real calendar date', () => {
    const r = readDate('2023-02-30')
    expect('error' in r && r.error).toContain('not a real calendar date')
    expect('error' in r && r.errorJa).toBe('2023-02-30 は存在しない日付です。')
  })

  it('converts Excel serials across the 1900 leap bug', () => {
    expect(excelSerialToDate(61)).toBe('1900-03-01')
    expect(excelSerialToDate(45000)).toBe('2023-03-15')
  })

  it('adds years, clamping 29 February', () => {
    expect(addYears('2020-02-29', 1)).toBe('2021-02-28')
    expect(addYears('2019-04-01', 6)).toBe('2025-04-01')
  })
})

describe('enum and scalar readers', () => {
  const kinds = { medical_device: ['医療機器'], server: ['サーバ'] }
  it.each([
    ['医療機器', 'medical_device'],
    ['medical_device', 'medical_device'],
    ['Medical Device', 'medical_device'],
    ['サーバ', 'server'],
  ])('reads kind %s', (raw, id) => {
    expect(readEnum(raw, kinds)).toEqual({ ok: id })
  })
  it('lists accepted values when an enum word is unknown', () => {
    const r = readEnum('ロボット', kinds)
    expect('error' in r && r.error).toMatch(/ロボット.*medical_device \(医療機器\)/)
    expect('error' in r && r.errorJa).toBe(
      '"ロボット" は選べる値のどれにも当たりません。次のいずれかを入力してください: 医療機器、サーバ。',
    )
  })
  it.each([
    ['はい', true],
    ['○', true],
    ['〇', true],
    ['yes', true],
    ['TRUE', true],
    ['いいえ', false],
    ['×', false],
    ['no', false],
    ['0', false],
  ])('reads yes/no %s', (raw, v) => {
    expect(readBool(raw)).toEqual({ ok: v })
  })
  it('rejects an unclear yes/no', () => {
    expect(readBool('たぶん')).toHaveProperty('error')
  })
  it('reads connection lists written in Japanese', () => {
    expect(readEnumList('有線; 無線LAN、USB', { wired: ['有線'], wifi: ['無線LAN'], usb_media: ['USB'] })).toEqual({
      ok: ['wired', 'wifi', 'usb_media'],
    })
  })
  it.each([
    ['2', 2],
    ['レベル3', 3],
    ['Level 0', 0],
    ['L4', 4],
  ])('reads proximity %s', (raw, n) => {
    expect(readProximity(raw)).toEqual({ ok: n })
  })
  it('rejects proximity 5', () => {
    expect(readProximity('5')).toHaveProperty('error')
  })
  it('names spreadsheet columns', () => {
    expect([0, 25, 26, 27, 701].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ'])
  })
})

describe('IMPORT_FIELDS (the import page mapping menu)', () => {
  it('lists exactly the importer columns, in export order', async () => {
    const { IMPORT_FIELDS } = await import('../../api/import.js')
    const { IMPORT_FIELD_IDS } = await import('./device-columns.js')
    expect([...IMPORT_FIELDS]).toEqual([...IMPORT_FIELD_IDS])
  })
})
