import type { Kysely, SelectQueryBuilder } from 'kysely'
import type { AuditEntry } from '../../api/common.js'
import type { Actor, AuditLog, AuditQuery, AuditRecord } from '../core/ports.js'
import { deviceHistory, withTargetLabels } from './audit-story.js'
import type { Database } from './schema.js'

export type { Actor, AuditQuery, AuditRecord } from '../core/ports.js'
export { SYSTEM_ACTOR } from '../core/ports.js'

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v))

/**
 * Appends to the audit log. Pass the transaction of the change itself, so that a change and its audit entry
 * are written together or not at all.
 */
export async function recordAudit(db: Kysely<Database>, actor: Actor, rec: AuditRecord | AuditRecord[]): Promise<void> {
  const recs = Array.isArray(rec) ? rec : [rec]
  if (recs.length === 0) return
  const at = new Date().toISOString()
  const rows = recs.map((r) => ({
    at,
    actorId: actor.id,
    actorName: actor.name,
    action: r.action,
    targetType: r.targetType ?? null,
    targetId: r.targetId ?? null,
    before: json(r.before),
    after: json(r.after),
    ip: actor.ip ?? null,
  }))
  // Chunk to stay under SQLite's bound-variable limit on large imports.
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('auditLog')
      .values(rows.slice(i, i + 500))
      .execute()
}

export async function listAudit(db: Kysely<Database>, q: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
  let base = db.selectFrom('auditLog')
  if (q.action) base = base.where('action', 'like', `${q.action}%`)
  if (q.actor) base = base.where('actorName', '=', q.actor)
  if (q.targetId) base = base.where('targetId', '=', q.targetId)
  return auditPage(base, q)
}

/** One page of audit entries (newest first) from a filtered query, with the total: shared by every audit view. */
export async function auditPage(
  base: SelectQueryBuilder<Database, 'auditLog', object>,
  q: { limit: number; offset: number },
): Promise<{ items: AuditEntry[]; total: number }> {
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actor: r.actorName,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
      ip: r.ip,
    })),
  }
}

/** The audit log as a port ({@link AuditLog}), for services that record outside a change of their own. */
export class AuditRepository implements AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  record(actor: Actor, rec: AuditRecord | AuditRecord[]): Promise<void> {
    return recordAudit(this.db, actor, rec)
  }

  list(q: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
    return listAudit(this.db, q)
  }

  deviceHistory(deviceId: string, q: { limit: number; offset: number }) {
    return deviceHistory(this.db, deviceId, q)
  }

  withTargetLabels(items: AuditEntry[]): Promise<AuditEntry[]> {
    return withTargetLabels(this.db, items)
  }
}
