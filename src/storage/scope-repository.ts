import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Exclusion, Scope } from '../../api/discovery.js'
import { MamoriError, notFound } from '../core/errors.js'
import { type Actor, recordAudit } from './audit-repository.js'
import type { Database } from './schema.js'

/** Approved scan scopes and exclusions; every change is audited in its own transaction. */
export class ScopeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async scopes(): Promise<Scope[]> {
    return this.db.selectFrom('scanScopes').selectAll().orderBy('target').execute()
  }

  async addScope(target: string, label: string | null, actor: Actor): Promise<Scope> {
    const existing = await this.db.selectFrom('scanScopes').select('id').where('target', '=', target).executeTakeFirst()
    if (existing) throw MamoriError.of('SCOPE_EXISTS', { target })
    const row = { id: randomUUID(), target, label, approvedBy: actor.name, approvedAt: new Date().toISOString() }
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('scanScopes').values(row).execute()
      await recordAudit(trx, actor, { action: 'scope.approve', targetType: 'scan_scope', targetId: row.id, after: row })
    })
    return row
  }

  async removeScope(idOrTarget: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('scanScopes')
        .selectAll()
        .where((eb) => eb.or([eb('id', '=', idOrTarget), eb('target', '=', idOrTarget)]))
        .executeTakeFirst()
      if (!row) throw notFound('Scope', idOrTarget, 'スコープ')
      await trx.deleteFrom('scanScopes').where('id', '=', row.id).execute()
      await recordAudit(trx, actor, { action: 'scope.remove', targetType: 'scan_scope', targetId: row.id, before: row })
    })
  }

  async exclusions(): Promise<Exclusion[]> {
    return this.db.selectFrom('scanExclusions').selectAll().orderBy('address').execute()
  }

  async addExclusion(address: string, reason: string | null, actor: Actor): Promise<Exclusion> {
    const existing = await this.db
      .selectFrom('scanExclusions')
      .select('id')
      .where('address', '=', address)
      .executeTakeFirst()
    if (existing) throw MamoriError.of('EXCLUSION_EXISTS', { address })
    const row = { id: randomUUID(), address, reason, createdBy: actor.name, createdAt: new Date().toISOString() }
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('scanExclusions').values(row).execute()
      await recordAudit(trx, actor, {
        action: 'exclusion.add',
        targetType: 'scan_exclusion',
        targetId: row.id,
        after: row,
      })
    })
    return row
  }

  async removeExclusion(idOrAddress: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('scanExclusions')
        .selectAll()
        .where((eb) => eb.or([eb('id', '=', idOrAddress), eb('address', '=', idOrAddress)]))
        .executeTakeFirst()
      if (!row) throw notFound('Exclusion', idOrAddress, '除外')
      await trx.deleteFrom('scanExclusions').where('id', '=', row.id).execute()
      await recordAudit(trx, actor, {
        action: 'exclusion.remove',
        targetType: 'scan_exclusion',
        targetId: row.id,
        before: row,
      })
    })
  }
}
