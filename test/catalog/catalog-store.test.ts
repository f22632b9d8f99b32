import type { KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtinAliasRows } from '../../src/core/catalog/builtin-aliases.js'
import { normaliseManufacturer } from '../../src/core/catalog/normalise.js'
import { SYSTEM_ACTOR } from '../../src/core/ports.js'
import { ModelCatalogService } from '../../src/services/model-catalog.js'
import type { Storage } from '../../src/storage/database.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { ALIAS_TOMBSTONES_KEY, ModelCatalogRepository } from '../../src/storage/model-catalog-repository.js'
import { buildDevice } from '../factories.js'
import { DIALECTS, type TestDialect } from '../helpers/databases.js'

const alice = { id: null, name: 'alice' }

/** Counts the queries a repository sends (to show a pass over the ledger is not one query per device). */
function queryCounter() {
  const counter = { n: 0 }
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      counter.n++
      return args.node
    },
    transformResult: async (args) => args.result,
  }
  return { counter, plugin }
}

describe.each(DIALECTS)('model catalog on $name', (dialect: TestDialect) => {
  let storage: Storage
  let ledger: DeviceRepository
  let store: ModelCatalogRepository
  let catalog: ModelCatalogService
  const audit = async (prefix: string) =>
    await storage.db.selectFrom('auditLog').selectAll().where('action', 'like', `${prefix}%`).orderBy('id').execute()

  beforeAll(async () => {
    storage = await dialect.open()
    ledger = new DeviceRepository(storage.db)
    store = new ModelCatalogRepository(storage.db)
    catalog = new ModelCatalogService(store, ledger)
  })
  afterAll(async () => {
    await storage.close()
  })

  it('seeds the built-in aliases once, one row per normalised key', async () => {
    const rows = await catalog.aliases()
    expect(rows.length).toBeGreaterThan(150)
    expect(new Set(rows.map((r) => r.aliasKey)).size).toBe(rows.length)
    expect(rows.every((r) => r.builtin)).toBe(true)
    const again = await store.seedAliases(
      builtinAliasRows().map((r) => ({ ...r, aliasKey: normaliseManufacturer(r.alias) })),
      SYSTEM_ACTOR,
    )
    expect(again).toBe(0)
    expect((await audit('alias.seed')).length).toBe(1)
  })

  it('treats 株式会社フィリップス・ジャパン and フィリップス・ジャパン株式会社 as one alias key', async () => {
    await expect(
      catalog.addAlias(alice, { alias: 'フィリップス・ジャパン株式会社', vendor: 'Philips' }),
    ).rejects.toMatchObject({
      code: 'ALIAS_EXISTS',
      params: { existing: '株式会社フィリップス・ジャパン', vendor: 'Philips' },
    })
    await expect(catalog.addAlias(alice, { alias: '株式会社', vendor: 'X' })).rejects.toMatchObject({
      code: 'ALIAS_EMPTY',
    })
  })

  it('keeps a person’s edits and deletions of built-in aliases when seeding again', async () => {
    const rows = await catalog.aliases()
    const byKey = (key: string) => rows.find((r) => r.aliasKey === key)!
    const terumo = byKey('テルモ')
    const bd = byKey('bd')
    const olympus = byKey('オリンパス')
    await catalog.updateAlias(alice, terumo.id, { vendor: 'Terumo Corporation' })
    await catalog.removeAlias(alice, bd.id)
    await catalog.updateAlias(alice, olympus.id, { alias: 'オリンパス光学' })
    // A new process seeds again.
    const fresh = new ModelCatalogService(store, ledger)
    const after = await fresh.aliases()
    expect(after.find((r) => r.aliasKey === 'テルモ')?.vendor).toBe('Terumo Corporation')
    expect(after.find((r) => r.aliasKey === 'bd')).toBeUndefined()
    expect(after.find((r) => r.aliasKey === 'オリンパス')).toBeUndefined()
    expect(after.find((r) => r.alias === 'オリンパス光学')?.vendor).toBe('Olympus')
    const tomb = await storage.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', ALIAS_TOMBSTONES_KEY)
      .executeTakeFirst()
    expect(JSON.parse(tomb!.value)).toEqual(['bd', 'オリンパス'].sort())
    expect((await audit('alias.')).map((a) => a.action)).toEqual([
      'alias.seed',
      'alias.update',
      'alias.remove',
      'alias.update',
    ])
  })

  it('creates models through the alias table, unique by normalised vendor and model', async () => {
    const m = await catalog.create(alice, { manufacturer: '日本光電工業株式会社', name: 'BSM-6501' })
    expect([m.vendor, m.name, m.versionFrom]).toEqual(['Nihon Kohden', 'BSM-6501', null])
    await expect(catalog.create(alice, { manufacturer: 'NIHON KOHDEN', name: 'ＢＳＭ６５０１' })).rejects.toMatchObject(
      {
        code: 'MODEL_EXISTS',
        status: 409,
      },
    )
    const ranged = await catalog.create(alice, { manufacturer: 'Nihon Kohden', name: 'BSM 6501', versionFrom: '02-00' })
    expect(ranged.versionFrom).toBe('02-00')
    await expect(
      catalog.create(alice, { manufacturer: 'x', name: 'y', versionFrom: '3', versionTo: '2' }),
    ).rejects.toMatchObject({
      code: 'MODEL_INVALID',
    })
    await catalog.remove(alice, ranged.id, { force: false })
    expect((await catalog.find('日本光電 BSM-6501')).id).toBe(m.id)
    expect((await catalog.find(m.id)).name).toBe('BSM-6501')
    await expect(catalog.find('日本光電 XYZ')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' })
    await expect(catalog.find('nothing here')).rejects.toMatchObject({ code: 'MODEL_TEXT_UNREADABLE' })
    const again = await catalog.resolveOrCreate(alice, { manufacturer: 'Nihon Kohden', model: 'BSM6501' })
    expect(again.id).toBe(m.id)
    const created = await catalog.resolveOrCreate(alice, { manufacturer: 'テルモ', model: 'TE-LM800' })
    expect(created.vendor).toBe('Terumo Corporation')
    expect(await catalog.splitMakerModel('日本光電 BSM-6501')).toEqual({ manufacturer: '日本光電', model: 'BSM-6501' })
  })

  it('suggests links over the ledger, confirms, refuses to delete a used model, merges and unlinks', async () => {
    const [a, b, c] = await ledger.createMany(
      [
        buildDevice({ assetTag: 'CAT-1', manufacturer: '日本光電工業(株)', model: 'BSM 6501' }),
        buildDevice({ assetTag: 'CAT-2', manufacturer: 'Nihon Kohden', model: 'BSM-6501K' }),
        buildDevice({ assetTag: 'CAT-3', manufacturer: 'Acme', model: 'Z-1' }),
      ],
      alice,
    )
    const counts = await catalog.suggestLinks(alice)
    expect(counts).toMatchObject({ devices: 3, suggested: 2, unmatched: 1 })
    expect((await catalog.suggestLinks(alice)).unchanged).toBe(2)
    const model = await catalog.find('Nihon Kohden BSM-6501')
    const detail = await catalog.detail(model.id)
    expect(detail.model).toMatchObject({ confirmed: 0, suggested: 2, disclosures: 0 })
    expect(detail.devices.map((d) => [d.assetTag, d.state, d.confidence])).toEqual([
      ['CAT-1', 'suggested', 0.95],
      ['CAT-2', 'suggested', 0.6],
    ])
    expect(detail.devices[0]?.reasonJa).toContain('別名表')

    await catalog.confirm(alice, 'CAT-1')
    expect((await catalog.modelOfDevice(a!.id))?.link.state).toBe('confirmed')
    expect((await catalog.devicesOfModel(model.id, { confirmedOnly: true })).map((d) => d.deviceId)).toEqual([a!.id])
    await expect(catalog.remove(alice, model.id, { force: false })).rejects.toMatchObject({
      code: 'MODEL_IN_USE',
      params: { devices: 1, disclosures: 0 },
    })
    // A confirmed link survives another suggestion pass.
    await catalog.suggestLinks(alice)
    expect((await catalog.modelOfDevice(a!.id))?.link.state).toBe('confirmed')

    const other = await catalog.create(alice, { manufacturer: 'Acme', name: 'Z-1' })
    await catalog.link(alice, c!.id, 'Acme | Z-1')
    expect((await catalog.modelOfDevice(c!.id))?.link).toMatchObject({
      state: 'confirmed',
      modelId: other.id,
      confidence: 1,
    })
    expect(await catalog.confirmSuggestions(alice, model.id)).toBe(1)
    const merged = await catalog.merge(alice, other.id, model.id)
    expect(merged).toEqual({ links: 1, disclosures: 0 })
    expect((await catalog.get(model.id)).confirmed).toBe(3)
    await expect(catalog.get(other.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(catalog.merge(alice, model.id, model.id)).rejects.toMatchObject({ code: 'MODEL_MERGE_SAME' })

    await catalog.unlink(alice, 'CAT-2')
    await expect(catalog.unlink(alice, 'CAT-2')).rejects.toMatchObject({ code: 'DEVICE_NOT_LINKED' })
    expect(await catalog.modelOfDevice(b!.id)).toBeNull()
    // Deleting a device takes its link with it.
    await ledger.remove(c!.id, alice, (d) => ({ action: 'device.delete', targetType: 'device', targetId: d.id }))
    expect((await catalog.get(model.id)).confirmed).toBe(1)

    const story = (await audit('model-link.')).filter((e) => e.targetId === a!.id).map((e) => e.action)
    expect(story).toEqual(['model-link.confirm'])
    await catalog.remove(alice, model.id, { force: true })
    expect(await catalog.modelOfDevice(a!.id)).toBeNull()
  })

  it('lists ledger pairs missing from the catalog and creates the accepted ones', async () => {
    await ledger.createMany(
      [
        buildDevice({ manufacturer: 'テルモ株式会社', model: 'TE-171' }),
        buildDevice({ manufacturer: 'Terumo', model: 'TE 171' }),
        buildDevice({ manufacturer: 'フクダ電子', model: 'DS-8500' }),
      ],
      alice,
    )
    const cands = await catalog.candidates()
    const te = cands.find((c) => c.name.startsWith('TE'))!
    expect(te.devices).toBe(2)
    expect(te.vendor).toMatch(/^Terumo/)
    const result = await catalog.acceptCandidates(alice, [{ manufacturer: te.vendor, name: te.name }])
    expect(result.created).toHaveLength(1)
    expect(result.suggestions.suggested).toBeGreaterThanOrEqual(2)
    expect((await catalog.candidates()).some((c) => c.name.startsWith('TE-171') || c.name === 'TE 171')).toBe(false)
  })

  it('suggests links for 10,000 devices with a handful of queries', async () => {
    const fields = Array.from({ length: 10_000 }, (_, i) =>
      buildDevice({
        assetTag: `BULK-${i}`,
        manufacturer: i % 2 ? 'フクダ電子株式会社' : 'ﾌｸﾀﾞ電子',
        model: `DS-${i % 50}`,
        ipAddresses: [],
        macAddresses: [],
      }),
    )
    await ledger.createMany(fields, alice)
    for (let i = 0; i < 50; i += 10) await catalog.create(alice, { manufacturer: 'Fukuda Denshi', name: `DS-${i}` })
    const { counter, plugin } = queryCounter()
    const counted = new ModelCatalogService(new ModelCatalogRepository(storage.db.withPlugin(plugin)), ledger)
    const counts = await counted.suggestLinks(alice)
    expect(counts.suggested).toBe(1000)
    // One ledger read, a few catalog reads, and the write in batches of 500 — not one query per device.
    expect(counter.n).toBeLessThan(30)
  })
})
