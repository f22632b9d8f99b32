import { stringify } from 'csv-stringify/sync'
import { Migrator, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeviceFields, DeviceInput } from '../../api/device.js'
import { commitDeviceImport, planDeviceImport } from '../../src/services/import-devices.js'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import { DatabaseBackupStore } from '../../src/storage/backup-store.js'
import { MIGRATIONS, migrate, type Storage } from '../../src/storage/database.js'
import { createDeviceImportStore } from '../../src/storage/device-import-store.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { searchTextOf, toDeviceRow } from '../../src/storage/device-rows.js'
import { isIndexedTerm, matchesSearch, SHORT_TERM_MAX_TRIGRAMS, searchTerms } from '../../src/storage/search-index.js'
import { buildDevice } from '../factories.js'
import { buildTestApp, login } from '../helpers/app.js'
import { DIALECTS, type TestDialect } from '../helpers/databases.js'

/**
 * The ledger search (src/storage/search-index.ts, ADR 0019) on every database: the same devices, the same queries,
 * the same ids in the same order as a plain JavaScript substring filter over searchTextOf, on SQLite (FTS5
 * trigram) and PostgreSQL (pg_trgm) alike; kept in step by triggers, bulk imports, migration and restore.
 */

const at = '2025-01-01T00:00:00.000Z'

/** Fixed ids (ties in a sort are broken by id, so both databases must hold the same ones). */
const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

const FIXTURES: DeviceInput[] = [
  {
    assetTag: 'ME-001',
    name: '輸液ポンプ',
    manufacturer: '東邦メディカル',
    model: 'TM-500',
    serialNumber: 'TM5-0001',
    location: '3階東病棟 301号室',
    department: 'ICU（集中治療室）',
    category: 'infusion_pump',
  },
  {
    assetTag: 'ME-002',
    name: '多用途透析用監視装置',
    manufacturer: '青葉医科工業',
    model: 'AO-D7',
    serialNumber: 'AB%12_3"X',
    location: '透析室',
    department: '臨床工学部',
    category: 'dialysis',
  },
  {
    assetTag: 'ME-003',
    name: 'X線CT装置',
    manufacturer: '星空イメージング',
    model: 'HS-CT64',
    serialNumber: "O'Neil-7",
    location: 'CT室1',
    department: '放射線部',
    category: 'ct',
  },
  {
    assetTag: 'ME-004',
    name: 'Bedside Monitor',
    manufacturer: 'Sakura Medical Systems',
    model: 'SM-100X',
    serialNumber: 'C\\D-99',
    location: 'Ward 5 North',
    category: 'patient_monitor',
    notes: 'Max 40℃, 2.4㎓ Wi-Fi',
  },
  {
    assetTag: 'ME-005',
    name: '生体情報モニタ',
    manufacturer: 'ＴＯＨＯ　ＭＥＤＩＣＡＬ',
    model: 'ＦＷ－１２３４',
    serialNumber: 'ｓｎ－９９８８',
    location: '３階西病棟',
    category: 'patient_monitor',
  },
  {
    assetTag: 'ME-006',
    name: '人工呼吸器',
    manufacturer: 'Hamakaze Respiratory Care',
    model: 'HR-V9',
    serialNumber: '100%-OK',
    location: 'ICU ベッド12',
    department: 'ICU（集中治療室）',
    category: 'ventilator',
    notes: '"quoted" note and \'single\' quotes',
  },
  {
    assetTag: 'IT-007',
    kind: 'server',
    name: 'PACS サーバ',
    manufacturer: 'Chidori Networks',
    model: 'CN_SRV_2',
    serialNumber: 'srv_2024_a',
    hostname: 'pacs-01',
    location: 'サーバ室',
    category: 'pacs',
  },
  {
    assetTag: 'ME-008',
    name: 'シリンジポンプ',
    manufacturer: '東邦メディカル',
    model: 'TM-SP2',
    serialNumber: 'TM5-0002',
    location: '3階東病棟 302号室',
    category: 'syringe_pump',
    notes: 'ポンプ交換済み',
  },
  {
    assetTag: 'ME-009',
    name: 'ｲﾝｸﾍﾞｰﾀ',
    manufacturer: 'つばめ薬機',
    model: 'Z',
    serialNumber: 'Ab',
    location: 'NICU',
    category: 'other',
  },
  { assetTag: null, name: null, manufacturer: '東邦メディカル', model: 'TM-500', serialNumber: 'TM5-0003' },
  // 320 different trigrams begin with "q": more than a short term is expanded to (SHORT_TERM_MAX_TRIGRAMS).
  {
    assetTag: 'ME-011',
    serialNumber: 'Q-MANY',
    notes: Array.from({ length: 320 }, (_, i) => `q${String.fromCodePoint(0x4e00 + i)}`).join(''),
  },
]

/** 1-, 2-, 3-character and long terms, Japanese, full-width, LIKE and FTS5 syntax characters, several terms. */
const QUERIES = [
  '東邦メディカル',
  '東邦',
  '東',
  'メディカル 301',
  '東邦 ポンプ',
  'ポンプ',
  '透析',
  '透析室',
  'ct',
  'CT',
  'x線ct',
  '%',
  '_',
  '%12_3',
  'ab%12_3"x',
  '"',
  '"x',
  "'",
  "o'neil",
  '\\',
  'c\\d-99',
  'ＦＷ－１２３４',
  'fw-1234',
  'toho medical',
  'ＴＯＨＯ',
  'sn-9988',
  'sakura SM-100x',
  'SAKURA',
  '40℃',
  '40°c',
  '°C',
  'ghz',
  'インクベータ',
  'ｲﾝｸ',
  'tm5-000',
  'tm5-0002 東邦',
  'srv_2024',
  'cn_srv',
  'a',
  'ab',
  'q',
  'q一',
  'q丁',
  // The end of search_text (the kind comes last) and its beginning (the asset tag comes first).
  'ce',
  'e',
  'er',
  'me',
  'it-',
  'pacs サーバ',
  'NEAR',
  'AND OR NOT',
  '"quoted" note',
  'tm* ^tm',
  '(tm) -tm',
  'ICU　ベッド',
  '存在しない',
  'zzz',
]

const SORTS = [{}, { sort: 'manufacturer' as const, order: 'desc' as const }, { sort: 'name' as const }]

const fixtures: DeviceFields[] = FIXTURES.map((f) => buildDevice({ ipAddresses: [], macAddresses: [], ...f }))

async function load(storage: Storage): Promise<void> {
  await storage.db.insertInto('sites').values({ id: 'default', name: 'default', createdAt: at }).execute()
  const rows = fixtures.map((f, i) =>
    toDeviceRow(f, { id: idOf(i + 1), version: 1, createdAt: at, createdBy: 't', updatedAt: at, updatedBy: 't' }),
  )
  await storage.db.insertInto('devices').values(rows).execute()
}

/** The reference: the devices whose searchTextOf contains every term, in the list's order (code point order). */
function reference(q: string, sort: keyof DeviceFields = 'assetTag', order: 'asc' | 'desc' = 'asc'): string[] {
  const terms = searchTerms(q)
  const bytes = (s: string) => Buffer.from(s, 'utf8')
  return fixtures
    .map((f, i) => ({ f, id: idOf(i + 1) }))
    .filter(({ f }) => matchesSearch(searchTextOf(f), terms))
    .sort((a, b) => {
      const x = a.f[sort] as string | null
      const y = b.f[sort] as string | null
      if (x !== y) {
        if (x === null) return 1
        if (y === null) return -1
        const c = Buffer.compare(bytes(x), bytes(y))
        return order === 'asc' ? c : -c
      }
      return a.id < b.id ? -1 : 1
    })
    .map((d) => d.id)
}

async function answers(storage: Storage) {
  const repo = new DeviceRepository(storage.db)
  const out: Record<string, { ids: string[]; total: number }> = {}
  for (const q of QUERIES)
    for (const s of SORTS) {
      const r = await repo.list({ q, limit: 100, ...s })
      out[`${q} ${JSON.stringify(s)}`] = { ids: r.items.map((d) => d.id), total: r.total }
    }
  return out
}

/** SQLite's own check that devices_fts matches the devices table (throws SQLITE_CORRUPT_VTAB when it does not). */
async function ftsIntact(storage: Storage): Promise<void> {
  if (storage.dialect !== 'sqlite') return
  await sql`insert into devices_fts(devices_fts, rank) values ('integrity-check', 1)`.execute(storage.db)
}

describe('ledger search semantics', () => {
  it('the query is folded and split like search_text; short terms are the ones trigrams cannot index', () => {
    expect(searchTerms('  ＦＷ－１２３４　東邦  CT ')).toEqual(['fw-1234', '東邦', 'ct'])
    expect(searchTerms('')).toEqual([])
    expect([...'透析'].length < 3 && !isIndexedTerm('透析')).toBe(true)
    expect(isIndexedTerm('透析室')).toBe(true)
    // Characters outside the BMP count once, as the trigram tokenizers count them.
    expect(isIndexedTerm('𠮷野')).toBe(false)
    expect(SHORT_TERM_MAX_TRIGRAMS).toBeLessThan(320)
  })

  it('every query finds what the reference filter finds, in the same order, on every database', async () => {
    const all: Record<string, Record<string, { ids: string[]; total: number }>> = {}
    for (const dialect of DIALECTS) {
      const storage = await dialect.open()
      try {
        await load(storage)
        all[dialect.name] = await answers(storage)
        await ftsIntact(storage)
      } finally {
        await storage.close()
      }
    }
    const expected: Record<string, { ids: string[]; total: number }> = {}
    for (const q of QUERIES)
      for (const s of SORTS) {
        const ids = reference(q, s.sort, s.order)
        expected[`${q} ${JSON.stringify(s)}`] = { ids, total: ids.length }
      }
    for (const name of Object.keys(all)) expect(all[name], name).toEqual(expected)
    // The fixtures exercise both paths and both outcomes.
    expect(expected['東邦メディカル {}']?.total).toBe(3)
    expect(expected['東邦 ポンプ {}']?.total).toBe(2)
    expect(expected['% {}']?.total).toBe(2)
    expect(expected['ab%12_3"x {}']?.total).toBe(1)
    expect(expected['40°c {}']?.total).toBe(0)
    expect(expected['40℃ {}']?.total).toBe(1)
    expect(expected['インクベータ {}']?.total).toBe(1)
    expect(expected['fw-1234 {}']?.total).toBe(1)
    expect(expected['q {}']?.total).toBe(2)
    expect(expected['q一 {}']?.total).toBe(1)
  })
})

describe.each(DIALECTS)('ledger search index on $name', (dialect: TestDialect) => {
  let storage: Storage
  let repo: DeviceRepository
  beforeAll(async () => {
    storage = await dialect.open()
    repo = new DeviceRepository(storage.db)
    await load(storage)
  })
  afterAll(async () => {
    await storage.close()
  })

  const found = async (q: string) => (await repo.list({ q })).items.map((d) => d.assetTag)

  it('uses the trigram index for long terms', async () => {
    const plan =
      dialect.name === 'sqlite'
        ? await sql<{
            detail: string
          }>`explain query plan select count(*) from devices where devices.rowid in (select rowid from devices_fts where devices_fts match '"東邦メディカル"')`.execute(
            storage.db,
          )
        : await sql<{
            'QUERY PLAN': string
          }>`explain (costs off) select count(*) from devices where search_text like '%東邦メディカル%'`.execute(
            storage.db.withoutPlugins(),
          )
    const text = plan.rows.map((r) => Object.values(r).join(' ')).join('\n')
    if (dialect.name === 'sqlite') expect(text).toMatch(/VIRTUAL TABLE INDEX/)
    else {
      // A table this small is cheaper to scan; the planner must still be able to use the index.
      await sql`set enable_seqscan = off`.execute(storage.db)
      const forced = await sql<{
        'QUERY PLAN': string
      }>`explain (costs off) select count(*) from devices where search_text like '%東邦メディカル%'`.execute(
        storage.db.withoutPlugins(),
      )
      await sql`reset enable_seqscan`.execute(storage.db)
      expect(forced.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/devices_search_text_trgm_idx/)
    }
  })

  it('follows updates and deletes of devices (triggers)', async () => {
    const before = await repo.list({ q: 'tm5-0002' })
    const d = before.items[0]!
    expect(d.assetTag).toBe('ME-008')
    const { id, version, createdAt, createdBy, updatedAt, updatedBy, ...fields } = d
    await repo.replace(
      {
        id,
        version,
        fields: { ...fields, serialNumber: 'NEW-SERIAL-42', notes: '移設済み' },
        audit: { action: 'device.update', targetType: 'device', targetId: id },
      },
      SYSTEM_ACTOR,
    )
    expect(await found('tm5-0002')).toEqual([])
    expect(await found('new-serial-42')).toEqual(['ME-008'])
    expect(await found('移設済み')).toEqual(['ME-008'])
    expect(await found('ポンプ交換')).toEqual([])
    await repo.remove(id, SYSTEM_ACTOR, () => ({ action: 'device.delete', targetType: 'device', targetId: id }))
    expect(await found('new-serial-42')).toEqual([])
    expect((await repo.list({ q: '東邦' })).total).toBe(2)
    const [created] = await repo.createMany(
      [buildDevice({ assetTag: 'ME-100', serialNumber: 'ZQ-77031' })],
      SYSTEM_ACTOR,
    )
    expect(await found('zq-77031')).toEqual(['ME-100'])
    await ftsIntact(storage)
    expect(created?.assetTag).toBe('ME-100')
  })

  it('a backup restored into the database is searchable (the index is not copied, it follows the rows)', async () => {
    const backup = new DatabaseBackupStore(storage.db)
    const saved: Record<string, unknown[]> = {}
    await backup.snapshot(async (page) => {
      for (const t of backup.tables) saved[t] = await page(t, 0, 100_000)
    })
    await repo.createMany([buildDevice({ assetTag: 'ME-LATER', serialNumber: 'LATER-1' })], SYSTEM_ACTOR)
    await backup.replaceAll(async (insert) => {
      for (const t of backup.tables) await insert(t, saved[t] as never)
    })
    expect(await found('later-1')).toEqual([])
    expect(await found('zq-77031')).toEqual(['ME-100'])
    expect(await found('東邦メディカル')).toEqual(['ME-001', null])
    await ftsIntact(storage)
  })
})

describe.each(DIALECTS)('search after migrating and bulk loading on $name', (dialect: TestDialect) => {
  it('devices stored before migration 0008 are searchable after it', async () => {
    const s = await dialect.open()
    try {
      const migrator = new Migrator({ db: s.db, provider: { getMigrations: async () => MIGRATIONS } })
      expect((await migrator.migrateTo('0007-jobs')).error).toBeUndefined()
      await load(s)
      await migrate(s.db)
      const repo = new DeviceRepository(s.db)
      expect((await repo.list({ q: '東邦メディカル' })).items.map((d) => d.assetTag)).toEqual([
        'ME-001',
        'ME-008',
        null,
      ])
      expect((await repo.list({ q: 'ab%12_3"x' })).items.map((d) => d.assetTag)).toEqual(['ME-002'])
      await ftsIntact(s)
    } finally {
      await s.close()
    }
  })

  it('a bulk import (indexes and search triggers set aside) leaves every row searchable and the triggers back', async () => {
    const s = await dialect.open()
    try {
      const store = createDeviceImportStore(s.db)
      const rows = Array.from({ length: 6_000 }, (_, i) => [
        `B-${i}`,
        `透析用-${i}`,
        `BULK-S${String(i).padStart(5, '0')}`,
      ])
      const bytes = new TextEncoder().encode(stringify([['資産番号', '機器名', 'シリアル番号'], ...rows]))
      const plan = await planDeviceImport(store, bytes, { fileName: 'bulk.csv' })
      expect(plan.preview.fatal).toBeFalsy()
      const result = await commitDeviceImport(store, plan, { actor: { id: 'u1', name: 'engineer' } })
      expect(result.created).toBe(6_000)
      const repo = new DeviceRepository(s.db)
      expect((await repo.list({ q: 'bulk-s04321' })).items.map((d) => d.assetTag)).toEqual(['B-4321'])
      expect((await repo.list({ q: '透析用' })).total).toBe(6_000)
      expect((await repo.list({ q: '透析用-5999' })).items.map((d) => d.assetTag)).toEqual(['B-5999'])
      if (dialect.name === 'sqlite') {
        const triggers = await sql<{
          name: string
        }>`select name from sqlite_master where type = 'trigger' and name like 'devices_fts_%' order by name`.execute(
          s.db,
        )
        expect(triggers.rows.map((r) => r.name)).toEqual([
          'devices_fts_delete',
          'devices_fts_insert',
          'devices_fts_update',
        ])
      }
      await repo.createMany([buildDevice({ assetTag: 'AFTER-1', serialNumber: 'AFTER-BULK-1' })], SYSTEM_ACTOR)
      expect((await repo.list({ q: 'after-bulk-1' })).items.map((d) => d.assetTag)).toEqual(['AFTER-1'])
      await ftsIntact(s)
    } finally {
      await s.close()
    }
  })
})

describe.each(DIALECTS)('GET /api/devices?q= on $name', (dialect: TestDialect) => {
  it('answers searches through the route with the same semantics', async () => {
    const storage = await dialect.open()
    const app = await buildTestApp(storage)
    try {
      await load(storage)
      const viewer = await login(app, 'viewer')
      for (const q of ['東邦 ポンプ', 'ab%12_3"x', '透析', 'ＦＷ－１２３４']) {
        const res = await app.inject({ url: `/api/devices?q=${encodeURIComponent(q)}`, headers: viewer.headers })
        expect(res.statusCode).toBe(200)
        const body = res.json() as { items: { id: string }[]; total: number }
        expect(body.items.map((d) => d.id)).toEqual(reference(q))
        expect(body.total).toBe(reference(q).length)
      }
    } finally {
      await app.close()
      await storage.close()
    }
  })
})
