import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commitDeviceImport, planDeviceImport } from '../../src/services/import-devices.js'
import { migrate, openStorage, type Storage } from '../../src/storage/database.js'
import { createDeviceImportStore, type DeviceImportStore } from '../../src/storage/device-import-store.js'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import')
const read = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)))

describe('import fixtures (made by scripts/make-import-fixtures.ts)', () => {
  let storage: Storage
  let store: DeviceImportStore
  beforeEach(async () => {
    storage = openStorage({ memory: true, dataDir: '' })
    await migrate(storage.db)
    store = createDeviceImportStore(storage.db)
  })
  afterEach(async () => {
    await storage.close()
  })

  const importFixture = async (name: string) => {
    const plan = await planDeviceImport(store, read(name), { fileName: name })
    const result = plan.preview.fatal
      ? null
      : await commitDeviceImport(store, plan, { actor: { id: null, name: 'test' } })
    const devices = await storage.db.selectFrom('devices').selectAll().orderBy('assetTag').execute()
    return { preview: plan.preview, result, devices }
  }

  it('ledger-sjis.csv: Shift_JIS, Japanese headers, era dates, Japanese enum words', async () => {
    const { preview, devices } = await importFixture('ledger-sjis.csv')
    expect(preview).toMatchObject({ encoding: 'shift_jis', toCreate: 4, rejected: 0, unknownColumns: [] })
    expect(preview.mapping).toMatchObject({
      管理番号: 'assetTag',
      型式: 'model',
      メーカー: 'manufacturer',
      病棟: 'department',
    })
    const me1 = devices[0]!
    expect(me1).toMatchObject({
      assetTag: 'ME-0001',
      kind: 'medical_device',
      category: 'patient_monitor',
      installedOn: '2020-04-01',
      serviceLifeEnd: '2028-04-01',
      lifeCritical: 1,
      status: 'in_use',
    })
    expect(devices.map((d) => JSON.parse(d.macAddresses))).toEqual([
      ['02:00:5e:10:01:11'],
      ['02:00:5e:10:01:12'],
      [],
      ['02:00:5e:20:00:05'],
    ])
    expect(devices.find((d) => d.assetTag === 'RA-0003')).toMatchObject({
      installedOn: '2019-04-01',
      connectionTypes: '["wired","remote_maintenance"]',
    })
    expect(devices.find((d) => d.assetTag === 'PC-0004')).toMatchObject({ kind: 'pc', status: 'in_storage' })
  })

  it('ledger-utf8-bom.csv: BOM, title row above the header', async () => {
    const { preview, devices } = await importFixture('ledger-utf8-bom.csv')
    expect(preview).toMatchObject({ encoding: 'utf-8-bom', toCreate: 2, rejected: 0 })
    expect(preview.problems[0]?.message).toContain('header was found on row 2')
    expect(devices[1]).toMatchObject({ assetTag: 'SV-0101', kind: 'server', category: 'pacs', tags: '["画像","重要"]' })
  })

  it('ledger-en.xlsx: English headers, typed cells, Excel serial date, custom column', async () => {
    const { preview, devices } = await importFixture('ledger-en.xlsx')
    expect(preview).toMatchObject({ format: 'xlsx', toCreate: 2, rejected: 0 })
    expect(devices[0]).toMatchObject({
      assetTag: 'LAB-0201',
      category: 'lab_analyzer',
      installedOn: '2018-07-01',
      serviceLifeEnd: '2025-06-30',
      patientProximity: 4,
      lifeCritical: 0,
      customFields: '{"Budget code":"B-12"}',
    })
    expect(devices[1]).toMatchObject({ serviceLifeEnd: '2025-09-30', lifeCritical: 1, status: 'in_storage' })
  })

  it('bad-rows.csv: every bad row rejected with row, column, value and reason; the good row imported', async () => {
    const { preview, result, devices } = await importFixture('bad-rows.csv')
    expect(result).toMatchObject({ created: 1, rejected: 6 })
    expect(devices.map((d) => d.assetTag)).toEqual(['OK-8'])
    const errors = preview.problems.filter((p) => p.severity === 'error')
    expect(errors.map((p) => [p.row, p.column, p.value])).toEqual([
      [2, 'IPアドレス', '10.0.0.256'],
      [3, 'MACアドレス', '00:11:22:33:44'],
      [4, '導入日', '2023-02-30'],
      [5, '種別', 'ロボット'],
      [6, '資産番号', 'DUP-5'],
      [7, '資産番号', 'DUP-5'],
    ])
    expect(errors[4]!.message).toContain('rows 6 and 7')
  })

  it('hospital-ledger-sjis.csv: 機器名 and 型式 in their own fields, category from the name, 耐用年数 in years', async () => {
    const { preview, result, devices } = await importFixture('hospital-ledger-sjis.csv')
    expect(preview).toMatchObject({ encoding: 'shift_jis', totalRows: 6, toCreate: 4, rejected: 2, unknownColumns: [] })
    expect(preview.mapping).toMatchObject({
      資産番号: 'assetTag',
      機器名: 'name',
      型式: 'model',
      メーカー: 'manufacturer',
      製造番号: 'serialNumber',
      設置部署: 'department',
      導入日: 'installedOn',
      耐用年数: 'serviceLifeEnd',
    })
    expect(result).toMatchObject({ created: 4, rejected: 2 })
    expect(devices.map((d) => [d.assetTag, d.name, d.model, d.category])).toEqual([
      ['ME-1001', '輸液ポンプ', 'TE-LM800', 'infusion_pump'],
      ['ME-1002', '生体情報モニタ', 'BSM-1700', 'patient_monitor'],
      ['ME-1003', 'シリンジポンプ', 'TE-SS700', 'syringe_pump'],
      ['ME-1006', '除細動器', 'DF-9', 'defibrillator'],
    ])
    // Full-width text typed with an IME: the address is normalised, serial numbers keep what was written.
    expect(devices[1]).toMatchObject({
      ipAddresses: '["10.10.3.22"]',
      installedOn: '2020-10-01',
      serviceLifeEnd: '2028-10-01',
      department: 'ICU',
    })
    expect(devices[0]).toMatchObject({
      serviceLifeEnd: '2025-04-01',
      manufacturer: 'ミナト医科',
      department: '３階東病棟',
    })
    const errors = preview.problems.filter((p) => p.severity === 'error')
    expect(errors.map((p) => [p.row, p.column, p.value])).toEqual([
      [5, 'IPアドレス', 'pump-7.local'],
      [6, '導入日', '2023/2/30'],
      [6, '耐用年数', '7'],
    ])
    for (const e of errors) {
      expect(e.message).toMatch(/[a-z]/)
      expect(e.messageJa).toMatch(/[ぁ-ん]/)
    }
    expect(errors[0]!.messageJa).toContain('IPアドレスとして正しくありません')
  })

  it('truncated.xlsx: a fatal, readable error and nothing written', async () => {
    const { preview, result, devices } = await importFixture('truncated.xlsx')
    expect(preview.fatal).toBe(true)
    expect(preview.problems[0]?.message).toContain('damaged or incomplete')
    expect(result).toBeNull()
    expect(devices).toEqual([])
  })
})
