import { stringify } from 'csv-stringify/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { devicesToCsv } from '../../src/exporters/device-csv.js'
import { devicesToXlsx } from '../../src/exporters/device-xlsx.js'
import { parseDeviceTable } from '../../src/importers/device-table.js'
import { collectDevices, exportDevices } from '../../src/services/export-devices.js'
import { commitDeviceImport, planDeviceImport } from '../../src/services/import-devices.js'
import type { Storage } from '../../src/storage/database.js'
import { createDeviceImportStore, type DeviceImportStore } from '../../src/storage/device-import-store.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { DIALECTS } from '../helpers/databases.js'

const ACTOR = { id: 'u1', name: 'engineer' }

const LEDGER = stringify([
  [
    '資産番号',
    '種別',
    'カテゴリ',
    '製造販売業者',
    '型式',
    'シリアル番号',
    'IPアドレス',
    'MACアドレス',
    '導入日',
    '耐用期間終了',
    '状態',
    '生命維持',
    '患者との距離',
    '接続方式',
    'タグ',
    '宣言ポート',
    'VLAN',
    '備考',
    'custom:予算',
  ],
  [
    'ME-1',
    '医療機器',
    'CT',
    'Canon',
    'Aquilion',
    'C-1',
    '10.0.0.1; 10.0.0.2',
    '00:11:22:33:44:55',
    '2019/4/1',
    '令和8年3月31日',
    '使用中',
    'はい',
    '3',
    '有線;リモート保守',
    'CT室;夜間',
    '104;11112',
    '20',
    '=danger()',
    '1000万円',
  ],
  ['PC-2', 'PC', '', 'NEC', 'Mate', '', '', '', '', '', '保管中', '', '', '', '', '', '', '-', ''],
  [
    '',
    'サーバ',
    'PACS',
    'Fuji',
    'Synapse',
    'F-9',
    'fe80::1',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '複数行の\n備考, "引用"',
    '',
  ],
])

describe.each(DIALECTS)('export → re-import round trip on $name', (dialect) => {
  let storage: Storage
  let store: DeviceImportStore
  let repo: DeviceRepository
  beforeEach(async () => {
    storage = await dialect.open()
    store = createDeviceImportStore(storage.db)
    repo = new DeviceRepository(storage.db)
    const plan = await planDeviceImport(store, new TextEncoder().encode(LEDGER), { fileName: 'ledger.csv' })
    expect(plan.preview.rejected).toBe(0)
    await commitDeviceImport(store, plan, { actor: ACTOR })
  })
  afterEach(async () => {
    await storage.close()
  })

  it.each([
    ['csv', 'ja'],
    ['csv', 'en'],
    ['xlsx', 'ja'],
    ['xlsx', 'en'],
  ] as const)('a %s export with %s headers re-imports as unchanged', async (format, lang) => {
    const file = await exportDevices((q) => repo.list(q), {}, format, lang)
    const plan = await planDeviceImport(store, file.body, { fileName: file.fileName })
    expect(plan.preview.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(plan.preview).toMatchObject({
      fatal: false,
      totalRows: 3,
      toCreate: 0,
      toUpdate: 0,
      unchanged: 3,
      rejected: 0,
    })
    expect(plan.preview.unknownColumns).toEqual([])
  })

  it('writes CSV as UTF-8 with a BOM and guards formulas', async () => {
    const devices = await collectDevices((q) => repo.list(q), {})
    const csv = devicesToCsv(devices)
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = csv.subarray(3).toString('utf8')
    expect(text).toContain("'=danger()")
    expect(text.split('\r\n')[0]).toMatch(/^機器ID,資産番号,施設,部署/)
    expect(text).toContain('カスタム:予算')
  })

  it('writes English headers and yes/no with --lang en', async () => {
    const devices = await collectDevices((q) => repo.list(q), {})
    const { table } = await parseDeviceTable(await devicesToXlsx(devices, { lang: 'en' }), 'x.xlsx')
    expect(table?.sheet).toBe('Devices')
    expect(table?.rows[0]?.cells.slice(0, 3)).toEqual(['Device ID', 'Asset Tag', 'Site'])
    expect(table?.rows.some((r) => r.cells.includes('yes'))).toBe(true)
  })

  it('exports only devices matching the filters', async () => {
    const file = await exportDevices((q) => repo.list(q), { kind: 'pc' }, 'csv', 'en')
    expect(file.body.toString('utf8').trim().split('\r\n')).toHaveLength(2)
  })
})
