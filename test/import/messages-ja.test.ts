import { stringify } from 'csv-stringify/sync'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportProblemDto } from '../../api/import.js'
import { LEDGER_FIELDS as DEVICE_COLUMNS } from '../../src/core/ledger/fields.js'
import { parseDeviceTable } from '../../src/importers/device-table.js'
import { commitDeviceImport, planDeviceImport } from '../../src/services/import-devices.js'
import { migrate, openStorage, type Storage } from '../../src/storage/database.js'
import { createDeviceImportStore, type DeviceImportStore } from '../../src/storage/device-import-store.js'

/**
 * Every problem the ledger import reports carries a Japanese message (messageJa) as well as the English one: the
 * import wizard and `mamori devices import` show it to Japanese users. Random bad ledgers must never produce a
 * problem whose Japanese text is missing or English only.
 */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/

const csv = (rows: string[][]) => new TextEncoder().encode(stringify(rows, { record_delimiter: '\r\n' }))

function expectJapanese(problems: readonly ImportProblemDto[]): void {
  for (const p of problems) {
    expect(p.messageJa, `no Japanese for: ${p.message}`).toMatch(JAPANESE)
    expect(p.messageJa.trim().length).toBeGreaterThan(5)
  }
}

/** Cell values that are wrong for most column types: bad IPs, MACs, dates, enum words, numbers, very long text. */
const badCell = fc.oneof(
  { arbitrary: fc.constant(''), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      '10.0.0.256',
      '00:11:22',
      '2023-02-30',
      '令和0年1月1日',
      '1800/1/1',
      'ロボット',
      'たぶん',
      'レベル9',
      '70000',
      '0',
      '6年',
      '#N/A',
      'はい',
      '医療機器',
      '2019/4/1',
      '10.0.0.1',
    ),
    weight: 6,
  },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 2 },
  { arbitrary: fc.string({ minLength: 60, maxLength: 1200, unit: fc.constantFrom('a', 'あ', ';', ' ') }), weight: 1 },
)

describe('Japanese problem messages', () => {
  let storage: Storage
  let store: DeviceImportStore
  beforeAll(async () => {
    storage = openStorage({ memory: true, dataDir: '' })
    await migrate(storage.db)
    store = createDeviceImportStore(storage.db)
  })
  afterAll(async () => {
    await storage.close()
  })

  it('every problem from random bad rows under every column has a Japanese message', async () => {
    const header = [...DEVICE_COLUMNS.map((c) => c.ja), 'custom:予算', '色']
    let problems = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(badCell, { minLength: header.length - 3, maxLength: header.length + 2 }), {
          minLength: 1,
          maxLength: 6,
        }),
        async (rows) => {
          // Repeat the first row's asset tag sometimes, so duplicates inside the file are reported too.
          const body = rows.map((r, i) => (i > 0 && i % 2 === 0 ? [r[0] ?? '', 'DUP', ...r.slice(2)] : r))
          const plan = await planDeviceImport(store, csv([header, ...body]), { fileName: 'bad.csv' })
          problems += plan.preview.problems.length
          expectJapanese(plan.preview.problems)
        },
      ),
      { numRuns: 300 },
    )
    // The property is only worth something if bad rows really produced problems.
    expect(problems).toBeGreaterThan(300)
  })

  it('every problem from random headers (unknown, duplicate, empty custom) has a Japanese message', async () => {
    const headerCell = fc.oneof(
      fc.constantFrom(...DEVICE_COLUMNS.flatMap((c) => [c.ja, c.en])),
      fc.constantFrom('custom:', 'カスタム:', 'custom:予算', '色', 'IP', ''),
      fc.string({ maxLength: 12 }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(headerCell, { minLength: 1, maxLength: 10 }), async (header) => {
        const plan = await planDeviceImport(store, csv([['医療機器台帳'], header, header.map(() => 'x')]), {
          fileName: 'h.csv',
        })
        expectJapanese(plan.preview.problems)
      }),
      { numRuns: 300 },
    )
  })

  it('file-level failures are explained in Japanese', async () => {
    const cases: [Uint8Array, string][] = [
      [new Uint8Array(), 'x.csv'],
      [new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls'],
      [new TextEncoder().encode('a,b'), 'fake.xlsx'],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'cut.xlsx'],
      [new TextEncoder().encode('資産番号,型式\n"A-1,unfinished\n'), 'q.csv'],
      [new TextEncoder().encode('資産番号,型式\nA\u0001,x\n'), 'bin.csv'],
      [new Uint8Array([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x41]), 'bom.csv'],
      [new Uint8Array([0xff, 0xfe, 0x41]), 'odd16.csv'],
      [new TextEncoder().encode('資産番号,型式\n'), 'header-only.csv'],
    ]
    for (const [bytes, name] of cases) {
      const plan = await planDeviceImport(store, bytes, { fileName: name })
      expect(plan.preview.fatal, name).toBe(true)
      expect(plan.preview.problems.length, name).toBeGreaterThan(0)
      expectJapanese(plan.preview.problems)
    }
    const empty = await parseDeviceTable(new Uint8Array())
    expect(empty.problems[0]?.messageJa).toBe('ファイルが空です。')
    const unclosed = await planDeviceImport(store, new TextEncoder().encode('資産番号,型式\n"A-1,x\n'), {
      fileName: 'q.csv',
    })
    expect(unclosed.preview.problems[0]?.messageJa).toBe(
      'CSV ファイルを読み取れません: 2 行目付近で始まった引用符(")が閉じられていません。ファイルが途中で切れている可能性があります。',
    )
  })

  it('every problem from matching random rows against the ledger has a Japanese message', async () => {
    const ledger = openStorage({ memory: true, dataDir: '' })
    await migrate(ledger.db)
    const seeded = createDeviceImportStore(ledger.db)
    // Two devices share serial S-1 under different manufacturers, so a row without a manufacturer matches both.
    const seed = await planDeviceImport(
      seeded,
      csv([
        ['資産番号', '製造販売業者', 'シリアル番号', 'MACアドレス'],
        ['L-1', 'A社', 'S-1', '00:00:00:00:00:01'],
        ['L-2', 'B社', 'S-1', '00:00:00:00:00:02'],
        ['L-3', 'C社', 'S-3', '00:00:00:00:00:03'],
      ]),
      { fileName: 'seed.csv' },
    )
    await commitDeviceImport(seeded, seed, { actor: { id: null, name: 'test' } })
    const key = (values: string[]) => fc.oneof(fc.constant(''), fc.constantFrom(...values))
    const row = fc.tuple(
      key(['L-1', 'L-2', 'L-3', 'N-1']),
      key(['A社', 'B社']),
      key(['S-1', 'S-3']),
      key(['00:00:00:00:00:01', '00:00:00:00:00:02', '00:00:00:00:00:03']),
    )
    const seen = new Set<string>()
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 5 }), async (rows) => {
          const plan = await planDeviceImport(
            seeded,
            csv([['資産番号', '製造販売業者', 'シリアル番号', 'MACアドレス'], ...rows]),
            { fileName: 'match.csv' },
          )
          for (const p of plan.preview.problems) seen.add(p.messageJa)
          expectJapanese(plan.preview.problems)
        }),
        { numRuns: 300 },
      )
    } finally {
      await ledger.close()
    }
    // The three ledger-matching problems were all produced, as well as duplicates inside the file.
    const all = [...seen].join('\n')
    expect(all).toContain('を持つ機器が 2 台あり')
    expect(all).toContain('は別の機器(')
    expect(all).toContain('が台帳の同じ機器(')
    expect(all).toContain('に重複しています')
  })

  it('names duplicate rows and bad cells the way a clinical engineer would', async () => {
    const plan = await planDeviceImport(
      store,
      csv([
        ['資産番号', 'IPアドレス', '導入日'],
        ['JA-1', '10.0.0.256', ''],
        ['JA-2', '', '2023-02-30'],
        ['JA-3', '10.0.0.3', ''],
        ['JA-4', '', ''],
        ['DUP-5', '', ''],
        ['DUP-5', '', ''],
      ]),
      { fileName: 'ja.csv' },
    )
    const ja = (row: number) => plan.preview.problems.filter((p) => p.row === row).map((p) => p.messageJa)
    expect(ja(2)).toEqual(['"10.0.0.256" はIPアドレスとして正しくありません(例: 192.168.10.21 や fe80::1)。'])
    expect(ja(3)).toEqual(['2023-02-30 は存在しない日付です。'])
    expect(ja(6)).toEqual(['資産番号 "DUP-5" が 6 行目と 7 行目に重複しています。どちらか一方だけを残してください。'])
    expect(ja(7)).toEqual(ja(6))
  })
})
