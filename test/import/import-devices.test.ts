import { stringify } from 'csv-stringify/sync'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  collapseRepeated,
  commitDeviceImport,
  planDeviceImport,
  uuidV7Sequence,
} from '../../src/services/import-devices.js'
import { migrate, openStorage, type Storage } from '../../src/storage/database.js'
import { createDeviceImportStore, type DeviceImportStore } from '../../src/storage/device-import-store.js'
import { DIALECTS } from '../helpers/databases.js'

const ACTOR = { id: 'u1', name: 'engineer' }
const enc = (s: string) => new TextEncoder().encode(s)
const csv = (rows: string[][]) => enc(stringify(rows))

const HEADER = [
  '資産番号',
  '種別',
  'カテゴリ',
  '製造販売業者',
  '型式',
  'シリアル番号',
  'IPアドレス',
  'MACアドレス',
  '導入日',
  '状態',
  '生命維持',
]
const ROWS = [
  [
    'ME-0001',
    '医療機器',
    '輸液ポンプ',
    'テルモ',
    'TE-171',
    'S1001',
    '10.1.1.11',
    '00:11:22:33:44:01',
    '2019/4/1',
    '使用中',
    'はい',
  ],
  [
    'ME-0002',
    '医療機器',
    '生体情報モニタ',
    '日本光電',
    'BSM-6000',
    'S1002',
    '10.1.1.12',
    '00-11-22-33-44-02',
    '令和2年4月1日',
    '使用中',
    'いいえ',
  ],
  [
    'PC-0003',
    'PC',
    'ワークステーション',
    'NEC',
    'Mate',
    'S1003',
    '10.1.2.13',
    '001122334403',
    '平成31年4月1日',
    '保管中',
    '×',
  ],
]

async function importFile(store: DeviceImportStore, bytes: Uint8Array, fileName = 'ledger.csv') {
  const plan = await planDeviceImport(store, bytes, { fileName })
  return { plan, result: plan.preview.fatal ? null : await commitDeviceImport(store, plan, { actor: ACTOR }) }
}

describe.each(DIALECTS)('device import on $name', (dialect) => {
  let storage: Storage
  let store: DeviceImportStore
  beforeEach(async () => {
    storage = await dialect.open()
    store = createDeviceImportStore(storage.db)
  })
  afterEach(async () => {
    await storage.close()
  })

  const indexNames = async () =>
    dialect.name === 'sqlite'
      ? (
          await sql<{ name: string }>`select name from sqlite_master where type = 'index' order by name`.execute(
            storage.db,
          )
        ).rows.map((r) => r.name)
      : (
          await sql<{
            name: string
          }>`select indexname as name from pg_indexes where schemaname = current_schema() order by indexname`.execute(
            storage.db,
          )
        ).rows.map((r) => r.name)

  it('keeps every index after a bulk load, and the indexes are used again', async () => {
    const before = await indexNames()
    const rows = Array.from({ length: 6_000 }, (_, i) => [
      `B-${i}`,
      `00:00:5e:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`,
    ])
    const { result } = await importFile(store, csv([['資産番号', 'MACアドレス'], ...rows]))
    expect(result?.created).toBe(6_000)
    expect(await indexNames()).toEqual(before)
    const { plan } = await importFile(
      store,
      csv([
        ['MACアドレス', '備考'],
        ['00:00:5e:00:10:01', 'x'],
      ]),
    )
    expect(plan.preview.toUpdate).toBe(1)
  })

  const count = async (table: 'devices' | 'auditLog' | 'deviceAddresses') =>
    Number(
      (
        await storage.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('previews without writing, then creates every row in one commit with audit entries', async () => {
    const plan = await planDeviceImport(store, csv([HEADER, ...ROWS]), { fileName: 'ledger.csv' })
    expect(plan.preview).toMatchObject({
      fatal: false,
      totalRows: 3,
      toCreate: 3,
      toUpdate: 0,
      unchanged: 0,
      rejected: 0,
    })
    expect(plan.preview.mapping.資産番号).toBe('assetTag')
    expect(await count('devices')).toBe(0)
    const result = await commitDeviceImport(store, plan, { actor: ACTOR })
    expect(result).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: 0 })
    const rows = await storage.db.selectFrom('devices').selectAll().orderBy('assetTag').execute()
    expect(rows.map((r) => [r.assetTag, r.kind, r.category, r.installedOn, r.status, r.lifeCritical])).toEqual([
      ['ME-0001', 'medical_device', 'infusion_pump', '2019-04-01', 'in_use', 1],
      ['ME-0002', 'medical_device', 'patient_monitor', '2020-04-01', 'in_use', 0],
      ['PC-0003', 'pc', 'workstation', '2019-04-01', 'in_storage', 0],
    ])
    expect(JSON.parse(rows[1]!.macAddresses)).toEqual(['00:11:22:33:44:02'])
    expect(rows[0]!.createdBy).toBe('engineer')
    expect(await count('deviceAddresses')).toBe(6)
    const audit = await storage.db.selectFrom('auditLog').select(['action', 'actorName']).execute()
    expect(audit.filter((a) => a.action === 'device.create')).toHaveLength(3)
    expect(audit.filter((a) => a.action === 'device.import')).toHaveLength(1)
  })

  it('re-importing the same file changes nothing', async () => {
    await importFile(store, csv([HEADER, ...ROWS]))
    const { plan } = await importFile(store, csv([HEADER, ...ROWS]))
    expect(plan.preview).toMatchObject({ toCreate: 0, toUpdate: 0, unchanged: 3, rejected: 0 })
  })

  it('updates only what changed, matching by asset tag, serial or MAC, and bumps the version', async () => {
    await importFile(store, csv([HEADER, ...ROWS]))
    const changed = [
      [
        'ME-0001',
        '医療機器',
        '輸液ポンプ',
        'テルモ',
        'TE-172',
        'S1001',
        '10.1.1.11',
        '00:11:22:33:44:01',
        '2019/4/1',
        '使用中',
        'はい',
      ],
      ['', '', '', '日本光電', '', 'S1002', '', '', '', '廃棄', ''],
    ]
    const header2 = [
      '資産番号',
      '種別',
      'カテゴリ',
      '製造販売業者',
      '型式',
      'シリアル番号',
      'IPアドレス',
      'MACアドレス',
      '導入日',
      '状態',
      '生命維持',
    ]
    // Row 3 identifies its device by MAC only.
    const byMac = [
      ['MACアドレス', '備考'],
      ['00:11:22:33:44:03', '倉庫B'],
    ]
    const { plan } = await importFile(store, csv([header2, ...changed]))
    expect(plan.preview).toMatchObject({ toUpdate: 2, toCreate: 0, rejected: 0 })
    expect(plan.updates.map((u) => u.changed)).toEqual([['model'], ['model', 'ipAddresses', 'installedOn', 'status']])
    expect(plan.preview.sample.find((s) => s.row === 3)?.matchedBy).toBe('serialNumber')
    const { plan: p2 } = await importFile(store, csv(byMac))
    expect(p2.preview.toUpdate).toBe(1)
    expect(p2.preview.sample[0]?.matchedBy).toBe('macAddress')
    const me1 = await storage.db
      .selectFrom('devices')
      .selectAll()
      .where('serialNumber', '=', 'S1001')
      .executeTakeFirstOrThrow()
    expect([me1.model, me1.version, me1.kind]).toEqual(['TE-172', 2, 'medical_device'])
    const pc = await storage.db
      .selectFrom('devices')
      .selectAll()
      .where('serialNumber', '=', 'S1003')
      .executeTakeFirstOrThrow()
    expect([pc.notes, pc.kind, pc.status]).toEqual(['倉庫B', 'pc', 'in_storage'])
    const upd = await storage.db.selectFrom('auditLog').selectAll().where('action', '=', 'device.update').execute()
    expect(upd).toHaveLength(3)
    expect(JSON.parse(upd[0]!.before!).model).toBe('TE-171')
    expect(JSON.parse(upd[0]!.after!).model).toBe('TE-172')
  })

  it('rejects bad rows with row, column, value and reason, and imports the rest', async () => {
    const bad = [
      ['資産番号', 'IPアドレス', 'MACアドレス', '導入日', '種別'],
      ['A-1', '10.0.0.300', '', '', ''],
      ['A-2', '', '00:11:22:33:44', '', ''],
      ['A-3', '', '', '2023-02-30', ''],
      ['A-4', '', '', '', 'ロボット'],
      ['A-5', '10.0.0.5', '', '', ''],
    ]
    const { plan, result } = await importFile(store, csv(bad))
    expect(result).toMatchObject({ created: 1, rejected: 4 })
    const errors = plan.preview.problems.filter((p) => p.severity === 'error')
    expect(errors.map((p) => [p.row, p.column, p.value])).toEqual([
      [2, 'IPアドレス', '10.0.0.300'],
      [3, 'MACアドレス', '00:11:22:33:44'],
      [4, '導入日', '2023-02-30'],
      [5, '種別', 'ロボット'],
    ])
    expect(errors[2]!.message).toContain('not a real calendar date')
  })

  it('rejects both rows of a duplicate asset tag, naming both row numbers', async () => {
    const { plan } = await importFile(
      store,
      csv([
        ['資産番号', '型式'],
        ['X-1', 'a'],
        ['X-2', 'b'],
        ['X-1', 'c'],
      ]),
    )
    expect(plan.preview).toMatchObject({ toCreate: 1, rejected: 2 })
    const dup = plan.preview.problems.filter((p) => p.severity === 'error')
    expect(dup.map((p) => p.row)).toEqual([2, 4])
    expect(dup[0]!.message).toContain('rows 2 and 4')
    expect(dup[0]!.messageJa).toBe(
      '資産番号 "X-1" が 2 行目と 4 行目に重複しています。どちらか一方だけを残してください。',
    )
    expect(dup[0]).toMatchObject({ column: '資産番号', value: 'X-1' })
  })

  it('rejects a duplicate MAC written in two notations', async () => {
    const { plan } = await importFile(
      store,
      csv([
        ['資産番号', 'MAC'],
        ['M-1', '00:11:22:33:44:55'],
        ['M-2', '0011.2233.4455'],
      ]),
    )
    expect(plan.preview.rejected).toBe(2)
  })

  it('rejects a row whose keys point at two different ledger devices', async () => {
    await importFile(store, csv([HEADER, ...ROWS]))
    const { plan } = await importFile(
      store,
      csv([
        ['資産番号', 'MACアドレス'],
        ['ME-0001', '00:11:22:33:44:02'],
      ]),
    )
    expect(plan.preview.rejected).toBe(1)
    expect(plan.preview.problems[0]?.message).toContain('belongs to another device')
    expect(plan.preview.problems[0]?.messageJa).toMatch(
      /^この行は資産番号で台帳の機器\(資産番号 ME-0001\)に一致しますが、MACアドレス "00:11:22:33:44:02" は別の機器\(資産番号 ME-\d+\)のものです。/,
    )
  })

  it('aborts the commit when a matched device changed after the preview, writing nothing', async () => {
    await importFile(store, csv([HEADER, ...ROWS]))
    const plan = await planDeviceImport(
      store,
      csv([HEADER, ROWS[0]!.map((c, i) => (i === 4 ? 'NEW' : c)), ['NEW-9', ...ROWS[0]!.slice(1, 5), 'S9']]),
      {
        fileName: 'x.csv',
      },
    )
    expect(plan.preview).toMatchObject({ toUpdate: 1, toCreate: 1 })
    await storage.db.updateTable('devices').set({ version: 7 }).where('assetTag', '=', 'ME-0001').execute()
    const before = await count('auditLog')
    await expect(commitDeviceImport(store, plan, { actor: ACTOR })).rejects.toMatchObject({
      code: 'IMPORT_STALE',
      status: 409,
    })
    expect(await count('devices')).toBe(3)
    expect(await count('auditLog')).toBe(before)
  })

  it('writes nothing when the transaction fails half-way', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => [`T-${i}`, `10.2.${i >> 8}.${i & 255}`])
    const plan = await planDeviceImport(store, csv([['資産番号', 'IPアドレス'], ...rows]), { fileName: 'big.csv' })
    expect(plan.preview.toCreate).toBe(12_000)
    let writes = 0
    const failing: DeviceImportStore = {
      ...store,
      transaction: (fn) =>
        store.transaction((tx) =>
          fn({
            ...tx,
            insertDevices: async (r, a, n) => {
              // The first chunk lands, the second one fails: the rollback must remove the first.
              if (++writes === 2) throw new Error('disk full (injected)')
              await tx.insertDevices(r, a, n)
            },
          }),
        ),
    }
    const indexesBefore = await indexNames()
    await expect(commitDeviceImport(failing, plan, { actor: ACTOR })).rejects.toThrow('disk full')
    // A bulk load may set indexes aside inside the transaction; the rollback must bring them back.
    expect(await indexNames()).toEqual(indexesBefore)
    expect(writes).toBe(2)
    expect(await count('devices')).toBe(0)
    expect(await count('deviceAddresses')).toBe(0)
    expect(await count('auditLog')).toBe(0)
  })

  it('keeps defaults when a kind/status cell is blank and clears text when a text cell is blank', async () => {
    await importFile(
      store,
      csv([
        ['資産番号', '種別', '備考'],
        ['K-1', 'サーバ', 'メモ'],
      ]),
    )
    const { plan } = await importFile(
      store,
      csv([
        ['資産番号', '種別', '備考'],
        ['K-1', '', ''],
      ]),
    )
    expect(plan.updates[0]?.changed).toEqual(['notes'])
    const d = await storage.db.selectFrom('devices').selectAll().executeTakeFirstOrThrow()
    expect([d.kind, d.notes]).toEqual(['server', null])
  })

  it("replaces a device's address rows when its MACs or IPs change", async () => {
    await importFile(
      store,
      csv([
        ['資産番号', 'MACアドレス', 'IPアドレス'],
        ['N-1', '00:11:22:33:44:77', '10.9.9.1'],
      ]),
    )
    await importFile(
      store,
      csv([
        ['資産番号', 'MACアドレス', 'IPアドレス'],
        ['N-1', '00:11:22:33:44:77; 00:11:22:33:44:78', '10.9.9.2'],
      ]),
    )
    const addrs = await storage.db.selectFrom('deviceAddresses').select(['kind', 'value']).orderBy('value').execute()
    expect(addrs).toEqual([
      { kind: 'mac', value: '00:11:22:33:44:77' },
      { kind: 'mac', value: '00:11:22:33:44:78' },
      { kind: 'ip', value: '10.9.9.2' },
    ])
    // The new MAC now identifies the device.
    const { plan } = await importFile(
      store,
      csv([
        ['MACアドレス', '備考'],
        ['00:11:22:33:44:78', 'x'],
      ]),
    )
    expect(plan.preview).toMatchObject({ toUpdate: 1, toCreate: 0 })
  })

  it('never erases an identifying key with a blank cell', async () => {
    await importFile(
      store,
      csv([
        ['資産番号', 'シリアル番号', 'MACアドレス', '型式'],
        ['K-2', 'S-2', '00:11:22:33:44:66', 'A'],
      ]),
    )
    const { plan } = await importFile(
      store,
      csv([
        ['資産番号', 'シリアル番号', 'MACアドレス', '型式'],
        ['', 'S-2', '', 'B'],
      ]),
    )
    expect(plan.updates[0]?.changed).toEqual(['model'])
    const d = await storage.db.selectFrom('devices').selectAll().executeTakeFirstOrThrow()
    expect([d.assetTag, d.serialNumber, d.macAddresses, d.model]).toEqual(['K-2', 'S-2', '["00:11:22:33:44:66"]', 'B'])
  })

  it('keeps custom columns as customFields and merges them on update', async () => {
    await importFile(
      store,
      csv([
        ['資産番号', 'custom:予算', 'カスタム:購入元'],
        ['C-1', '100万円', 'A社'],
      ]),
    )
    await importFile(
      store,
      csv([
        ['資産番号', 'custom:予算'],
        ['C-1', ''],
      ]),
    )
    const d = await storage.db.selectFrom('devices').selectAll().executeTakeFirstOrThrow()
    expect(JSON.parse(d.customFields)).toEqual({ 購入元: 'A社' })
  })

  it('reports an unusable file as fatal and writes nothing', async () => {
    const { plan, result } = await importFile(store, enc('just,some\nrandom,text\n'))
    expect(plan.preview.fatal).toBe(true)
    expect(result).toBeNull()
    await expect(commitDeviceImport(store, plan, { actor: ACTOR })).rejects.toMatchObject({
      code: 'IMPORT_NOT_IMPORTABLE',
    })
    expect(await count('devices')).toBe(0)
  })
})

describe('uuidV7Sequence', () => {
  it('makes valid, distinct, increasing UUIDv7 ids', () => {
    const next = uuidV7Sequence(Date.UTC(2026, 0, 1))
    const ids = Array.from({ length: 5000 }, next)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
    expect(ids[0]!.replaceAll('-', '').slice(0, 12)).toBe(Date.UTC(2026, 0, 1).toString(16).padStart(12, '0'))
  })
})

describe('planDeviceImport warnings', () => {
  it('warns about cells right of the header', async () => {
    const s = openStorage({ memory: true, dataDir: '' })
    await migrate(s.db)
    const plan = await planDeviceImport(createDeviceImportStore(s.db), csv([['資産番号'], ['A-1', 'stray']]), {
      fileName: 'x.csv',
    })
    expect(plan.preview.toCreate).toBe(1)
    expect(plan.preview.problems[0]).toMatchObject({ row: 2, value: 'stray', severity: 'warning' })
    await s.close()
  })
})

describe('createDeviceImportStore', () => {
  it('can be created before the database is migrated', async () => {
    const s = openStorage({ memory: true, dataDir: '' })
    const store = createDeviceImportStore(s.db)
    await migrate(s.db)
    const plan = await planDeviceImport(store, csv([['資産番号'], ['Z-1']]), { fileName: 'z.csv' })
    await expect(commitDeviceImport(store, plan, { actor: ACTOR })).resolves.toMatchObject({ created: 1 })
    await s.close()
  })
})

describe('collapseRepeated', () => {
  it('lists a warning repeated on many rows once, with its rows', () => {
    const w = (row: number, message: string) => ({
      row,
      column: null,
      value: null,
      message,
      messageJa: `日本語: ${message}`,
      severity: 'warning' as const,
    })
    const out = collapseRepeated([...Array.from({ length: 12 }, (_, i) => w(i + 2, 'no key')), w(3, 'other')])
    expect(out).toHaveLength(2)
    expect(out[0]).toMatchObject({ row: 2, message: 'no key (12 rows: 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …)' })
    expect(out[0]?.messageJa).toBe('日本語: no key(12 行: 2, 3, 4, 5, 6, 7, 8, 9, 10, 11、…)')
    expect(out[1]).toMatchObject({ row: 3, message: 'other' })
  })
})
