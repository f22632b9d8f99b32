import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { CatalogModel } from '../core/catalog/model.js'
import type { CatalogModelSummary, ModelCatalogStore, ModelRecord } from '../core/catalog/store.js'
import { MamoriError, notFound } from '../core/errors.js'
import { type Actor, recordAudit } from './audit-repository.js'
import { modelLabel, modelRow, toModel } from './model-catalog-rows.js'
import { ModelLinkRepository } from './model-link-repository.js'
import type { Database, DeviceModelTable } from './schema.js'

export { ALIAS_TOMBSTONES_KEY } from './manufacturer-alias-repository.js'

/**
 * The model catalog on SQLite and PostgreSQL (ADR 0023): aliases (`ManufacturerAliasRepository`), links
 * (`ModelLinkRepository`) and here the models, with device and disclosure counts; each change audited in its
 * transaction.
 */
export class ModelCatalogRepository extends ModelLinkRepository implements ModelCatalogStore {
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
