import { stringify } from 'csv-stringify/sync'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import type { DeviceImportReads } from '../../src/core/ledger/import-store.js'
import { planDeviceImport } from '../../src/services/import/plan.js'
import { rejectedRowsTable } from '../../src/services/import/rejected-rows.js'

/** An empty ledger: nothing matches, no site exists. */
const EMPTY: DeviceImportReads = { findByKeys: async () => [], siteIds: async () => [] }

const HEADER = ['資産番号', 'メーカー', '型式', '設置場所', '導入日']
/** `n` valid rows (several chunks of 1 MiB once long enough), with row numbers as Excel shows them. */
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => [
    `ME-${String(i).padStart(6, '0')}`,
    '青葉医科工業',
    'AS-52',
    `本館 ${i % 9}F 病棟 ベッド ${String(i % 40).padStart(2, '0')} 付近の壁際`,
    '2019/04/01',
  ])

describe('planning a large file read a chunk at a time', () => {
  it('keeps the cells of rows rejected by validation and of duplicates found after it, for the rejected-rows file', async () => {
    const data = rows(30_000)
    data[10] = [...data[10]!.slice(0, 4), '2019/13/45'] // row 12: a date that does not exist
    data[25_000] = [...data[2]!.slice(0, 3), '重複する行', '2020/01/01'] // row 25,002: the asset tag of row 4
    const bytes = new TextEncoder().encode(stringify([HEADER, ...data]))
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024)
    const plan = await planDeviceImport(EMPTY, bytes, { fileName: 'ledger.csv' })
    expect(plan.preview).toMatchObject({ totalRows: 30_000, toCreate: 29_997, rejected: 3, fatal: false })
    expect(plan.rejectedRows.map((r) => r.row)).toEqual([4, 12, 25_002])
    expect(plan.rejectedRows.map((r) => r.cells)).toEqual([data[2], data[10], data[25_000]])
    const table = rejectedRowsTable(plan, 'en')
    expect(table[3]!.slice(0, 5)).toEqual(data[25_000])
    expect(table[3]![5]).toContain('row 25002 "資産番号"')
  })

  it('gives only the file-level failure when binary data comes after many good rows', async () => {
    const text = `${stringify([HEADER, ...rows(20_000)])}ME-X,\u0000,,,\n`
    const plan = await planDeviceImport(EMPTY, new TextEncoder().encode(text), { fileName: 'ledger.csv' })
    expect(plan.preview.fatal).toBe(true)
    expect(plan.preview).toMatchObject({ toCreate: 0, rejected: 0, mapping: {} })
    expect(plan.preview.problems).toHaveLength(1)
    expect(plan.preview.problems[0]).toMatchObject({ row: 20_002, severity: 'error' })
    expect(plan.preview.problems[0]!.message).toContain('line 20002, position 6')
    expect(plan.header).toEqual([])
  })

  it('reads Shift_JIS (CP932) across chunk boundaries, with the validate progress ending at the row count', async () => {
    const data = rows(25_000)
    const bytes = iconv.encode(stringify([HEADER, ...data], { record_delimiter: '\r\n' }), 'cp932')
    const progress: [number, number][] = []
    const plan = await planDeviceImport(EMPTY, bytes, {
      fileName: 'ledger.csv',
      onProgress: (phase, done, total) => {
        if (phase === 'validate') progress.push([done, total])
      },
    })
    expect(plan.preview).toMatchObject({ encoding: 'shift_jis', totalRows: 25_000, toCreate: 25_000, rejected: 0 })
    expect(plan.creates[24_999]!.fields).toMatchObject({ assetTag: 'ME-024999', location: data[24_999]![3] })
    expect(progress.at(-1)).toEqual([25_000, 25_000])
    for (const [done, total] of progress) expect(done).toBeLessThanOrEqual(total)
  })
})
