import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { ManufacturerAlias } from '../core/catalog/model.js'
import type { AliasRecord } from '../core/catalog/store.js'
import { MamoriError, notFound } from '../core/errors.js'
import { type Actor, recordAudit } from './audit-repository.js'
import { BATCH } from './model-catalog-rows.js'
import type { Database, ManufacturerAliasTable } from './schema.js'

/** Built-in alias keys a person deleted or renamed: seeding never brings them back (ADR 0023). */
export const ALIAS_TOMBSTONES_KEY = 'catalog.builtinAliasTombstones'

const toAlias = (r: ManufacturerAliasTable): ManufacturerAlias => ({
  id: r.id,
  alias: r.alias,
  aliasKey: r.aliasKey,
  vendor: r.vendor,
  builtin: Number(r.builtin) === 1,
})

/** The editable manufacturer alias table (unique by normalised key), each change audited in its transaction. */
export class ManufacturerAliasRepository {
  constructor(protected readonly db: Kysely<Database>) {}

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
        if (!r.aliasKey || skip.has(r.aliasKey)) continue
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
