import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deviceInput } from '../../api/device.js'
import { defaultFields } from '../core/ledger/device.js'
import { LEDGER_FIELDS as DEVICE_COLUMNS } from '../core/ledger/fields.js'
import { mapColumns } from './device-columns.js'
import { createRowValidator } from './device-rows-validate.js'

/** Hiragana, katakana or kanji: the message is really Japanese, not English copied into the field. */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/

const validator = (header: string[], fastPath = true) => createRowValidator(mapColumns(header).columns, { fastPath })

describe('defaultFields', () => {
  it('equals the schema defaults, with fresh lists each time', () => {
    expect(defaultFields()).toEqual(deviceInput.parse({}))
    expect(defaultFields().tags).not.toBe(defaultFields().tags)
  })
})

describe('createRowValidator', () => {
  const header = [
    '資産番号',
    '種別',
    'IPアドレス',
    'MACアドレス',
    '導入日',
    '耐用年限',
    '生命維持',
    '患者との距離',
    'タグ',
    'VLAN',
    '宣言ポート',
  ]
  const v = validator(header)

  it('reads a Japanese row into ledger fields', () => {
    const out = v({
      row: 2,
      cells: [
        'ME-1',
        '医療機器',
        '10.0.0.1；10.0.0.2',
        '00-1A-2B-3C-4D-5E',
        '令和元年5月7日',
        '2030/3/31',
        '○',
        'レベル2',
        'ICU; 夜間',
        '120',
        '104, 11112',
      ],
    })
    expect(out.ok).toMatchObject({
      row: 2,
      fields: {
        assetTag: 'ME-1',
        kind: 'medical_device',
        ipAddresses: ['10.0.0.1', '10.0.0.2'],
        macAddresses: ['00:1a:2b:3c:4d:5e'],
        installedOn: '2019-05-07',
        serviceLifeEnd: '2030-03-31',
        lifeCritical: true,
        patientProximity: 2,
        tags: ['ICU', '夜間'],
        vlan: 120,
        declaredPorts: [104, 11112],
        status: 'in_use',
      },
    })
  })

  it('turns a service life in years into an end date, with a warning', () => {
    const out = v({ row: 3, cells: ['ME-2', '', '', '', '2019/4/1', '6年'] })
    expect(out.ok?.fields.serviceLifeEnd).toBe('2025-04-01')
    expect('warnings' in out && out.warnings[0]?.message).toContain('6 years')
    expect('warnings' in out && out.warnings[0]?.messageJa).toBe(
      '導入日から 6 年後の 2025-04-01 として読み込みました。',
    )
  })

  it.each([
    ['IPアドレス', 2, '10.0.0.256', 'not an IP address'],
    ['MACアドレス', 3, '00:11:22', 'not a MAC address'],
    ['導入日', 4, '2023-02-30', 'not a real calendar date'],
    ['種別', 1, 'ロボット', 'not one of the accepted values'],
    ['生命維持', 6, 'たぶん', 'yes/no'],
    ['患者との距離', 7, '9', 'proximity'],
    ['VLAN', 9, '5000', 'out of range'],
    ['宣言ポート', 10, '80, 70000', 'out of range'],
    ['耐用年限', 5, '6年', 'no valid installation date'],
  ])('rejects a bad %s with row, column and value', (column, index, value, words) => {
    const cells = Array<string>(header.length).fill('')
    cells[0] = 'X-1'
    cells[index] = value
    const out = v({ row: 9, cells })
    expect(out.ok).toBeNull()
    const p = 'problems' in out ? out.problems[0] : undefined
    expect(p).toMatchObject({ row: 9, column, value, severity: 'error' })
    expect(p?.message).toContain(words)
    expect(p?.messageJa).toMatch(JAPANESE)
  })

  it.each([
    ['IPアドレス', 2, '10.0.0.256', '"10.0.0.256" はIPアドレスとして正しくありません(例: 192.168.10.21 や fe80::1)。'],
    ['導入日', 4, '2023-02-30', '2023-02-30 は存在しない日付です。'],
    ['導入日', 4, '令和5年2月30日', '"令和5年2月30日"(2023-02-30)は存在しない日付です。'],
    ['VLAN', 9, '5000', '5000 は範囲外です(1〜4094 の整数を入力してください)。'],
    ['宣言ポート', 10, '80, 70000', 'ポート番号 70000 は範囲外です(1〜65535 の整数を入力してください)。'],
  ])('says what is wrong with a bad %s in Japanese', (_column, index, value, ja) => {
    const cells = Array<string>(header.length).fill('')
    cells[0] = 'X-1'
    cells[index] = value
    const out = v({ row: 9, cells })
    expect('problems' in out && out.problems[0]?.messageJa).toBe(ja)
  })

  it('reports schema limits (via deviceInput) with the column', () => {
    const out = validator(['資産番号', '型式'])({ row: 5, cells: ['A', 'x'.repeat(201)] })
    expect(out.ok).toBeNull()
    expect('problems' in out && out.problems[0]).toMatchObject({ row: 5, column: '型式' })
    expect('problems' in out && out.problems[0]?.messageJa).toBe('「型式」が長すぎます。200 文字以内にしてください。')
  })

  it('names list elements and custom columns in Japanese schema messages', () => {
    const tags = Array.from({ length: 51 }, (_, i) => `t${i}`).join(';')
    const out = validator(['資産番号', 'タグ', 'custom:予算'])({ row: 4, cells: ['A', tags, 'y'.repeat(1001)] })
    const ja = 'problems' in out ? out.problems.map((p) => p.messageJa) : []
    expect(ja).toContain('「タグ」の数が多すぎます。50 個までにしてください。')
    expect(ja).toContain('「custom:予算」が長すぎます。1000 文字以内にしてください。')
  })

  it('strips the formula guard our CSV export adds', () => {
    const out = validator(['資産番号', '備考'])({ row: 2, cells: ['A', "'=SUM(A1)"] })
    expect(out.ok?.fields.notes).toBe('=SUM(A1)')
  })

  it('gives the same result with and without the zod-free fast path', () => {
    const all = DEVICE_COLUMNS.map((c) => c.ja)
    const fast = validator([...all, 'custom:メモ'])
    const slow = validator([...all, 'custom:メモ'], false)
    const samples: Record<string, string[]> = {
      種別: ['医療機器', 'サーバ', 'x'],
      状態: ['使用中', '廃棄'],
      導入日: ['2019/4/1', '令和5年4月1日', '2023-02-30'],
      IPアドレス: ['10.0.0.1', '10.0.0.1 10.0.0.2', 'fe80::1'],
      宣言ポート: ['104', '1 2 3'],
      VLAN: ['1', '4094'],
      生命維持: ['はい', 'いいえ'],
    }
    const cell = (h: string) =>
      fc.oneof(
        { arbitrary: fc.constant(''), weight: 40 },
        { arbitrary: fc.constantFrom(...(samples[h] ?? ['x'])), weight: 4 },
        { arbitrary: fc.string({ maxLength: 70 }), weight: 1 },
        { arbitrary: fc.string({ minLength: 40, maxLength: 300, unit: fc.constantFrom('a', ' ', 'あ') }), weight: 1 },
        { arbitrary: fc.string({ minLength: 95, maxLength: 260, unit: fc.constantFrom('b', 'い') }), weight: 1 },
      )
    let valid = 0
    fc.assert(
      fc.property(fc.tuple(...[...all, 'custom:メモ'].map(cell)), (cells) => {
        const a = fast({ row: 2, cells })
        const b = slow({ row: 2, cells })
        if (a.ok) valid++
        expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify(b)))
        for (const p of 'problems' in b ? b.problems : b.warnings) expect(p.messageJa).toMatch(JAPANESE)
      }),
      { numRuns: 500 },
    )
    // Both outcomes must have been exercised, or the comparison proves little.
    expect(valid).toBeGreaterThan(25)
    expect(valid).toBeLessThan(475)
  })
})
