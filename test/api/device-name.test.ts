import type { FastifyInstance } from 'fastify'
import { Migrator } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import { MIGRATIONS, migrate, type Storage } from '../../src/storage/database.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { toDeviceRow } from '../../src/storage/device-rows.js'
import { buildDevice } from '../factories.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

describe.each(DIALECTS)('device name, category words and sorting on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let engineer: Session

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    engineer = await login(app, 'engineer')
    const repo = new DeviceRepository(storage.db)
    await repo.createMany(
      [
        buildDevice({ assetTag: 'N-1', name: '汎用輸液ポンプ', model: 'TE-LM800', category: 'infusion_pump' }),
        buildDevice({ assetTag: 'N-2', name: null, model: 'TE-171', category: 'infusion_pump' }),
        buildDevice({ assetTag: 'N-3', name: '生体情報モニタ', model: 'BSM-1700', category: 'patient_monitor' }),
        buildDevice({ assetTag: null, name: null, model: 'X-1', category: 'other' }),
      ],
      SYSTEM_ACTOR,
    )
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  const list = async (query: string) => {
    const res = await app.inject({ url: `/api/devices?${query}`, headers: engineer.headers })
    expect(res.statusCode).toBe(200)
    return res.json().items as { assetTag: string | null; name: string | null; model: string | null }[]
  }

  it('stores the generic name apart from the model and returns it', async () => {
    const items = await list('q=TE-LM800')
    expect(items).toEqual([expect.objectContaining({ assetTag: 'N-1', name: '汎用輸液ポンプ', model: 'TE-LM800' })])
  })

  it('finds devices by their name and by the Japanese word of their category', async () => {
    expect((await list(`q=${encodeURIComponent('生体情報')}`)).map((d) => d.assetTag)).toEqual(['N-3'])
    // 「輸液ポンプ」 finds both infusion pumps, also the one without a name (its category says it).
    expect((await list(`q=${encodeURIComponent('輸液ポンプ')}`)).map((d) => d.assetTag)).toEqual(['N-1', 'N-2'])
  })

  it('sorts empty values last in both directions', async () => {
    expect((await list('sort=name&order=asc')).map((d) => d.name)).toEqual([
      '汎用輸液ポンプ',
      '生体情報モニタ',
      null,
      null,
    ])
    expect((await list('sort=name&order=desc')).map((d) => d.name).slice(2)).toEqual([null, null])
    expect((await list('sort=assetTag&order=desc')).map((d) => d.assetTag)).toEqual(['N-3', 'N-2', 'N-1', null])
    expect((await list('sort=assetTag&order=asc')).map((d) => d.assetTag)).toEqual(['N-1', 'N-2', 'N-3', null])
  })

  it('migration 0005 makes devices stored before it searchable by their category word', async () => {
    const s = await dialect.open()
    try {
      const migrator = new Migrator({ db: s.db, provider: { getMigrations: async () => MIGRATIONS } })
      const down = await migrator.migrateTo('0004-sort-indexes')
      expect(down.error).toBeUndefined()
      const { name: _name, ...row } = toDeviceRow(buildDevice({ assetTag: 'OLD-1', category: 'ventilator' }), {
        id: '00000000-0000-4000-8000-000000000001',
        version: 1,
        createdAt: '2024-01-01T00:00:00.000Z',
        createdBy: 'test',
        updatedAt: '2024-01-01T00:00:00.000Z',
        updatedBy: 'test',
      })
      await s.db.insertInto('sites').values({ id: 'default', name: 'default', createdAt: row.createdAt }).execute()
      // The search text as versions before 0005 wrote it: without the category word.
      await s.db
        .insertInto('devices')
        .values({ ...row, searchText: 'old-1 ventilator' } as never)
        .execute()
      await migrate(s.db)
      const found = await new DeviceRepository(s.db).list({ q: '人工呼吸器' })
      expect(found.items.map((d) => [d.assetTag, d.name])).toEqual([['OLD-1', null]])
    } finally {
      await s.close()
    }
  })
})
