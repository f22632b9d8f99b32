import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { CatalogModel, DeviceModelLink, ManufacturerAlias, ModelLinkState } from '../core/catalog/model.js'
import type {
  AliasRecord,
  CatalogModelSummary,
  DeviceForMatching,
  LinkedDevice,
  ModelCatalogStore,
  ModelRecord,
  SuggestedLink,
} from '../core/catalog/store.js'
import { MamoriError, notFound } from '../core/errors.js'
import { type Actor, recordAudit } from './audit-repository.js'
import type { Database, DeviceModelLinkTable, DeviceModelTable, ManufacturerAliasTable } from './schema.js'

/** Built-in alias keys a person deleted or renamed: seeding never brings them back (ADR 0023). */
export const ALIAS_TOMBSTONES_KEY = 'catalog.builtinAliasTombstones'
// Rows per insert: 7 columns × 500 stays far below SQLite's bound-variable limit.
const BATCH = 500

const toAlias = (r: ManufacturerAliasTable): ManufacturerAlias => ({
  id: r.id,
  alias: r.alias,
  aliasKey: r.aliasKey,
  vendor: r.vendor,
  builtin: Number(r.builtin) === 1,
})

const toModel = (r: DeviceModelTable): CatalogModel => ({
  id: r.id,
  vendor: r.vendor,
  name: r.name,
  versionFrom: r.versionFrom || null,
  versionTo: r.versionTo || null,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
})

/** The reason column holds `{"en","ja"}` JSON; a plain text (written by hand or by older code) serves both. */
function readReason(text: string): { en: string; ja: string } {
  if (text.startsWith('{'))
    try {
      const v = JSON.parse(text) as { en?: unknown; ja?: unknown }
      if (typeof v.en === 'string' && typeof v.ja === 'string') return { en: v.en, ja: v.ja }
    } catch {
      // not JSON after all: shown as written
    }
  return { en: text, ja: text }
}

const toLink = (r: DeviceModelLinkTable): DeviceModelLink => {
  const reason = readReason(r.reason)
  return {
    deviceId: r.deviceId,
    modelId: r.modelId,
    state: r.state as ModelLinkState,
    confidence: Number(r.confidence),
    reason: reason.en,
    reasonJa: reason.ja,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
  }
}

const modelLabel = (m: { vendor: string; name: string }) => `${m.vendor} ${m.name}`

/** The model catalog on SQLite and PostgreSQL: aliases, models, device links; each change audited in its transaction. */
export class ModelCatalogRepository implements ModelCatalogStore {
  constructor(private readonly db: Kysely<Database>) {}

  async aliases(): Promise<ManufacturerAlias[]> {
    return (
      await this.db.selectFrom('manufacturerAliases').selectAll().orderBy('vendor').orderBy('alias').execute()
    ).map(toAlias)
  }

  async insertAlias(row: AliasRecord, actor: Actor): Promise<ManufacturerAlias> {
    return this.db.transaction().execute(async (trx) => {
      await assertAliasFree(trx, row, null)
      const now = new Date().toISOString()
      const stored = { id: randomUUID(), ...row, builtin: 0, createdAt: now, updatedAt: now }
      await trx.insertInto('manufacturerAliases').values(stored).execute()
      const alias = toAlias(stored)
      await recordAudit(trx, actor, {
        action: 'alias.add',
        targetType: 'manufacturer_alias',
        targetId: alias.id,
        after: alias,
      })
      return alias
    })
  }

  async updateAlias(id: string, set: Partial<AliasRecord>, actor: Actor): Promise<ManufacturerAlias> {
    return this.db.transaction().execute(async (trx) => {
      const before = await aliasRow(trx, id)
      const next = { ...before, ...set, updatedAt: new Date().toISOString() }
      if (next.aliasKey !== before.aliasKey) {
        await assertAliasFree(trx, next, id)
        if (Number(before.builtin) === 1) await addTombstone(trx, before.aliasKey)
      }
      await trx.updateTable('manufacturerAliases').set(next).where('id', '=', id).execute()
      const after = toAlias(next)
      await recordAudit(trx, actor, {
        action: 'alias.update',
        targetType: 'manufacturer_alias',
        targetId: id,
        before: toAlias(before),
        after,
      })
      return after
    })
  }

  async removeAlias(id: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const before = await aliasRow(trx, id)
      if (Number(before.builtin) === 1) await addTombstone(trx, before.aliasKey)
      await trx.deleteFrom('manufacturerAliases').where('id', '=', id).execute()
      await recordAudit(trx, actor, {
        action: 'alias.remove',
        targetType: 'manufacturer_alias',
        targetId: id,
        before: toAlias(before),
      })
    })
  }

  async seedAliases(rows: AliasRecord[], actor: Actor): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const skip = new Set(await tombstones(trx))
      for (const r of await trx.selectFrom('manufacturerAliases').select('aliasKey').execute()) skip.add(r.aliasKey)
      const now = new Date().toISOString()
      const fresh: ManufacturerAliasTable[] = []
      for (const r of rows) {
        if (skip.has(r.aliasKey)) continue
        skip.add(r.aliasKey)
        fresh.push({ id: randomUUID(), ...r, builtin: 1, createdAt: now, updatedAt: now })
      }
      for (let i = 0; i < fresh.length; i += BATCH)
        await trx
          .insertInto('manufacturerAliases')
          .values(fresh.slice(i, i + BATCH))
          // Another process seeding at the same moment: its row is as good as ours.
          .onConflict((oc) => oc.column('aliasKey').doNothing())
          .execute()
      if (fresh.length > 0)
        await recordAudit(trx, actor, {
          action: 'alias.seed',
          targetType: 'manufacturer_alias',
          after: { added: fresh.length },
        })
      return fresh.length
    })
  }

  async models(): Promise<CatalogModelSummary[]> {
    const [rows, counts] = await Promise.all([
      this.db.selectFrom('deviceModels').selectAll().orderBy('vendor').orderBy('name').orderBy('versionFrom').execute(),
      this.counts(),
    ])
    return rows.map((r) => withCounts(toModel(r), counts))
  }

  async model(id: string): Promise<CatalogModelSummary> {
    const row = await this.db.selectFrom('deviceModels').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw notFound('Catalog model', id, '機種')
    return withCounts(toModel(row), await this.counts(id))
  }

  async insertModels(rows: ModelRecord[], actor: Actor): Promise<CatalogModel[]> {
    return this.db.transaction().execute(async (trx) => {
      const now = new Date().toISOString()
      const out: CatalogModel[] = []
      for (const r of rows) {
        await assertModelFree(trx, r, null)
        const stored = { id: randomUUID(), ...stripped(r), createdAt: now, updatedAt: now }
        await trx.insertInto('deviceModels').values(stored).execute()
        out.push(toModel(stored))
      }
      await recordAudit(
        trx,
        actor,
        out.map((m) => ({ action: 'model.create', targetType: 'device_model', targetId: m.id, after: m })),
      )
      return out
    })
  }

  async updateModel(id: string, set: Partial<ModelRecord>, actor: Actor): Promise<CatalogModel> {
    return this.db.transaction().execute(async (trx) => {
      const before = await modelRow(trx, id)
      const next: DeviceModelTable = {
        ...before,
        ...stripped({ ...fromRow(before), ...set }),
        updatedAt: new Date().toISOString(),
      }
      await assertModelFree(trx, next, id)
      await trx.updateTable('deviceModels').set(next).where('id', '=', id).execute()
      const after = toModel(next)
      await recordAudit(trx, actor, {
        action: 'model.update',
        targetType: 'device_model',
        targetId: id,
        before: toModel(before),
        after,
      })
      return after
    })
  }

  async removeModel(id: string, actor: Actor, opts: { force: boolean }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const before = await modelRow(trx, id)
      const c = await countsIn(trx, id)
      const devices = c.links.get(`${id}:confirmed`) ?? 0
      const disclosures = c.disclosures.get(id) ?? 0
      if (!opts.force && (devices > 0 || disclosures > 0))
        throw MamoriError.of('MODEL_IN_USE', { model: modelLabel(before), devices, disclosures })
      // Links and declared ports go with the model (FK cascade); disclosures stay, detached (FK set null).
      await trx.deleteFrom('deviceModels').where('id', '=', id).execute()
      await recordAudit(trx, actor, {
        action: 'model.remove',
        targetType: 'device_model',
        targetId: id,
        before: { ...toModel(before), confirmedDevices: devices, disclosures, forced: opts.force },
      })
    })
  }

  async mergeModels(fromId: string, intoId: string, actor: Actor): Promise<{ links: number; disclosures: number }> {
    if (fromId === intoId) throw MamoriError.of('MODEL_MERGE_SAME')
    return this.db.transaction().execute(async (trx) => {
      const from = await modelRow(trx, fromId)
      const into = await modelRow(trx, intoId)
      const links = await trx
        .updateTable('deviceModelLinks')
        .set({ modelId: intoId })
        .where('modelId', '=', fromId)
        .executeTakeFirst()
      const disclosures = await trx
        .updateTable('disclosures')
        .set({ modelId: intoId })
        .where('modelId', '=', fromId)
        .executeTakeFirst()
      // Declared ports the kept model does not already declare move; duplicates go with the merged model.
      await trx
        .updateTable('modelDeclaredPorts')
        .set({ modelId: intoId })
        .where('modelId', '=', fromId)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('modelDeclaredPorts as kept')
                .select('kept.id')
                .where('kept.modelId', '=', intoId)
                .whereRef('kept.port', '=', 'modelDeclaredPorts.port')
                .whereRef('kept.transport', '=', 'modelDeclaredPorts.transport')
                .whereRef('kept.direction', '=', 'modelDeclaredPorts.direction'),
            ),
          ),
        )
        .execute()
      await trx.deleteFrom('deviceModels').where('id', '=', fromId).execute()
      const moved = { links: Number(links.numUpdatedRows), disclosures: Number(disclosures.numUpdatedRows) }
      await recordAudit(trx, actor, {
        action: 'model.merge',
        targetType: 'device_model',
        targetId: intoId,
        before: { merged: toModel(from) },
        after: { kept: toModel(into), ...moved },
      })
      return moved
    })
  }

  async devicesForMatching(): Promise<DeviceForMatching[]> {
    const rows = await this.db
      .selectFrom('devices')
      .leftJoin('deviceModelLinks', 'deviceModelLinks.deviceId', 'devices.id')
      .select([
        'devices.id',
        'devices.assetTag',
        'devices.manufacturer',
        'devices.model',
        'devices.softwareVersion',
        'deviceModelLinks.modelId',
        'deviceModelLinks.state',
        'deviceModelLinks.confidence',
        'deviceModelLinks.reason',
      ])
      .execute()
    return rows.map((r) => ({
      id: r.id,
      assetTag: r.assetTag,
      manufacturer: r.manufacturer,
      model: r.model,
      softwareVersion: r.softwareVersion,
      link:
        r.modelId && r.state
          ? {
              modelId: r.modelId,
              state: r.state as ModelLinkState,
              confidence: Number(r.confidence),
              reason: r.reason ?? '',
            }
          : null,
    }))
  }

  async replaceSuggestions(links: SuggestedLink[], staleDeviceIds: string[], actor: Actor): Promise<void> {
    if (links.length === 0 && staleDeviceIds.length === 0) return
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < staleDeviceIds.length; i += BATCH)
        await trx
          .deleteFrom('deviceModelLinks')
          .where('deviceId', 'in', staleDeviceIds.slice(i, i + BATCH))
          .where('state', '=', 'suggested')
          .execute()
      for (let i = 0; i < links.length; i += BATCH)
        await trx
          .insertInto('deviceModelLinks')
          .values(
            links.slice(i, i + BATCH).map((l) => ({
              deviceId: l.deviceId,
              modelId: l.modelId,
              state: 'suggested',
              confidence: l.confidence,
              reason: JSON.stringify(l.reason),
              decidedBy: null,
              decidedAt: null,
            })),
          )
          .onConflict((oc) =>
            oc
              .column('deviceId')
              .doUpdateSet((eb) => ({
                modelId: eb.ref('excluded.modelId'),
                confidence: eb.ref('excluded.confidence'),
                reason: eb.ref('excluded.reason'),
              }))
              // A person's confirmation made meanwhile wins over a suggestion.
              .where('deviceModelLinks.state', '=', 'suggested'),
          )
          .execute()
      await recordAudit(trx, actor, {
        action: 'model-link.suggest',
        targetType: 'device_model_link',
        after: { suggested: links.length, withdrawn: staleDeviceIds.length },
      })
    })
  }

  async confirmLink(deviceId: string, modelId: string, actor: Actor): Promise<DeviceModelLink> {
    return this.db.transaction().execute(async (trx) => {
      const model = await modelRow(trx, modelId)
      const device = await trx.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst()
      if (!device) throw notFound('Device', deviceId, '機器')
      const before = await trx
        .selectFrom('deviceModelLinks')
        .selectAll()
        .where('deviceId', '=', deviceId)
        .executeTakeFirst()
      const now = new Date().toISOString()
      // Confirming the suggested model keeps why it was suggested; choosing another model says a person chose it.
      const kept = before?.modelId === modelId
      const row: DeviceModelLinkTable = {
        deviceId,
        modelId,
        state: 'confirmed',
        confidence: kept ? Number(before.confidence) : 1,
        reason: kept ? before.reason : JSON.stringify({ en: `chosen by ${actor.name}`, ja: `${actor.name} が選択` }),
        decidedBy: actor.name,
        decidedAt: now,
      }
      if (before) await trx.updateTable('deviceModelLinks').set(row).where('deviceId', '=', deviceId).execute()
      else await trx.insertInto('deviceModelLinks').values(row).execute()
      await recordAudit(trx, actor, {
        action: 'model-link.confirm',
        targetType: 'device',
        targetId: deviceId,
        before: before ? { modelId: before.modelId, state: before.state } : null,
        after: { modelId, model: modelLabel(model), state: 'confirmed' },
      })
      return toLink(row)
    })
  }

  async confirmSuggested(modelId: string, actor: Actor): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const model = await modelRow(trx, modelId)
      const ids = (
        await trx
          .selectFrom('deviceModelLinks')
          .select('deviceId')
          .where('modelId', '=', modelId)
          .where('state', '=', 'suggested')
          .execute()
      ).map((r) => r.deviceId)
      const now = new Date().toISOString()
      for (let i = 0; i < ids.length; i += BATCH)
        await trx
          .updateTable('deviceModelLinks')
          .set({ state: 'confirmed', decidedBy: actor.name, decidedAt: now })
          .where('deviceId', 'in', ids.slice(i, i + BATCH))
          .execute()
      await recordAudit(
        trx,
        actor,
        ids.map((deviceId) => ({
          action: 'model-link.confirm',
          targetType: 'device',
          targetId: deviceId,
          before: { modelId, state: 'suggested' },
          after: { modelId, model: modelLabel(model), state: 'confirmed' },
        })),
      )
      return ids.length
    })
  }

  async removeLink(deviceId: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('deviceModelLinks')
        .selectAll()
        .where('deviceId', '=', deviceId)
        .executeTakeFirst()
      if (!before) throw MamoriError.of('DEVICE_NOT_LINKED', { device: deviceId })
      await trx.deleteFrom('deviceModelLinks').where('deviceId', '=', deviceId).execute()
      await recordAudit(trx, actor, {
        action: 'model-link.remove',
        targetType: 'device',
        targetId: deviceId,
        before: { modelId: before.modelId, state: before.state },
      })
    })
  }

  async linkOf(deviceId: string): Promise<DeviceModelLink | null> {
    const row = await this.db
      .selectFrom('deviceModelLinks')
      .selectAll()
      .where('deviceId', '=', deviceId)
      .executeTakeFirst()
    return row ? toLink(row) : null
  }

  async devicesOfModel(modelId: string, opts: { confirmedOnly: boolean }): Promise<LinkedDevice[]> {
    let q = this.db
      .selectFrom('deviceModelLinks')
      .innerJoin('devices', 'devices.id', 'deviceModelLinks.deviceId')
      .selectAll('deviceModelLinks')
      .select([
        'devices.assetTag',
        'devices.name',
        'devices.department',
        'devices.manufacturer',
        'devices.model',
        'devices.softwareVersion',
      ])
      .where('deviceModelLinks.modelId', '=', modelId)
    if (opts.confirmedOnly) q = q.where('deviceModelLinks.state', '=', 'confirmed')
    const rows = await q.orderBy('devices.assetTag').orderBy('devices.id').execute()
    return rows.map((r) => ({
      ...toLink(r),
      assetTag: r.assetTag,
      name: r.name,
      department: r.department,
      manufacturer: r.manufacturer,
      model: r.model,
      softwareVersion: r.softwareVersion,
    }))
  }

  private counts(modelId?: string) {
    return countsIn(this.db, modelId)
  }
}

type Counts = Awaited<ReturnType<typeof countsIn>>

/** Links per model and state, disclosures per model: two grouped queries, never one per model. */
async function countsIn(db: Kysely<Database>, modelId?: string) {
  let links = db
    .selectFrom('deviceModelLinks')
    .select(['modelId', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['modelId', 'state'])
  let disclosures = db
    .selectFrom('disclosures')
    .select(['modelId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('modelId', 'is not', null)
    .groupBy('modelId')
  if (modelId) {
    links = links.where('modelId', '=', modelId)
    disclosures = disclosures.where('modelId', '=', modelId)
  }
  const [l, d] = await Promise.all([links.execute(), disclosures.execute()])
  return {
    links: new Map(l.map((r) => [`${r.modelId}:${r.state}`, Number(r.n)])),
    disclosures: new Map(d.map((r) => [r.modelId ?? '', Number(r.n)])),
  }
}

const withCounts = (m: CatalogModel, c: Counts): CatalogModelSummary => ({
  ...m,
  confirmed: c.links.get(`${m.id}:confirmed`) ?? 0,
  suggested: c.links.get(`${m.id}:suggested`) ?? 0,
  disclosures: c.disclosures.get(m.id) ?? 0,
})

/** A model record as the table stores it: '' for an open version end (so the unique constraint sees one value). */
const stripped = (r: ModelRecord) => ({ ...r, versionFrom: r.versionFrom ?? '', versionTo: r.versionTo ?? '' })
const fromRow = (r: DeviceModelTable): ModelRecord => ({
  vendor: r.vendor,
  vendorKey: r.vendorKey,
  name: r.name,
  nameKey: r.nameKey,
  versionFrom: r.versionFrom || null,
  versionTo: r.versionTo || null,
})

async function modelRow(db: Kysely<Database>, id: string): Promise<DeviceModelTable> {
  const row = await db.selectFrom('deviceModels').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('Catalog model', id, '機種')
  return row
}

async function assertModelFree(
  db: Kysely<Database>,
  r: { vendorKey: string; nameKey: string; versionFrom: string | null; versionTo: string | null },
  exceptId: string | null,
): Promise<void> {
  let q = db
    .selectFrom('deviceModels')
    .selectAll()
    .where('vendorKey', '=', r.vendorKey)
    .where('nameKey', '=', r.nameKey)
    .where('versionFrom', '=', r.versionFrom ?? '')
    .where('versionTo', '=', r.versionTo ?? '')
  if (exceptId) q = q.where('id', '!=', exceptId)
  const clash = await q.executeTakeFirst()
  if (!clash) return
  const versions =
    clash.versionFrom || clash.versionTo ? ` (${clash.versionFrom || '…'}–${clash.versionTo || '…'})` : ''
  throw MamoriError.of('MODEL_EXISTS', { vendor: clash.vendor, name: clash.name, versions })
}

async function aliasRow(db: Kysely<Database>, id: string): Promise<ManufacturerAliasTable> {
  const row = await db.selectFrom('manufacturerAliases').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('Manufacturer alias', id, 'メーカー別名')
  return row
}

async function assertAliasFree(db: Kysely<Database>, r: AliasRecord, exceptId: string | null): Promise<void> {
  let q = db.selectFrom('manufacturerAliases').selectAll().where('aliasKey', '=', r.aliasKey)
  if (exceptId) q = q.where('id', '!=', exceptId)
  const clash = await q.executeTakeFirst()
  if (clash) throw MamoriError.of('ALIAS_EXISTS', { alias: r.alias, existing: clash.alias, vendor: clash.vendor })
}

async function tombstones(db: Kysely<Database>): Promise<string[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', ALIAS_TOMBSTONES_KEY).executeTakeFirst()
  const v: unknown = row ? JSON.parse(row.value) : []
  return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : []
}

async function addTombstone(trx: Transaction<Database>, key: string): Promise<void> {
  const keys = new Set(await tombstones(trx))
  keys.add(key)
  const value = JSON.stringify([...keys].sort())
  await trx
    .insertInto('settings')
    .values({ key: ALIAS_TOMBSTONES_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute()
}
