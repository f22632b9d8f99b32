import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Actor, AuditRecord } from '../core/ports.js'
import type { FeedSource, Notification } from '../core/vulns/model.js'
import type { VulnStore } from '../core/vulns/store.js'
import { recordAudit } from './audit-repository.js'
import type { Db } from './database.js'
import { slices } from './vuln-bulk.js'
import { toFeedSource } from './vuln-rows.js'

type NotificationMethods =
  | 'feedSources'
  | 'putFeedSource'
  | 'setFeedState'
  | 'addNotification'
  | 'notifications'
  | 'markRead'
  | 'setting'
  | 'putSetting'

/** The kind a feed source id names ('csaf:<name>' → csaf; 'kev', 'nvd', … are their own kind). */
const kindOfSource = (id: string): FeedSource['kind'] => {
  const kind = id.split(':')[0]
  return kind === 'kev' || kind === 'epss' || kind === 'nvd' || kind === 'jvn' ? kind : 'csaf'
}

/** Feed sources with their sync state, notifications with who read them, and vulnerability settings. */
export class VulnNotificationRepository implements Pick<VulnStore, NotificationMethods> {
  constructor(private readonly db: Db) {}

  async feedSources(): Promise<FeedSource[]> {
    const rows = await this.db.selectFrom('feedSources').selectAll().orderBy('id').execute()
    return rows.map(toFeedSource)
  }

  async putFeedSource(
    s: Pick<FeedSource, 'id' | 'kind' | 'url' | 'enabled'>,
    actor: Actor,
    audit: AuditRecord,
  ): Promise<FeedSource> {
    return this.db.transaction().execute(async (trx) => {
      const set = { kind: s.kind, url: s.url, enabled: s.enabled ? 1 : 0 }
      // A changed address or switch keeps the sync position and history of the source.
      await trx
        .insertInto('feedSources')
        .values({ id: s.id, ...set, itemCount: 0 })
        .onConflict((oc) => oc.column('id').doUpdateSet(set))
        .execute()
      await recordAudit(trx, actor, audit)
      return toFeedSource(
        await trx.selectFrom('feedSources').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow(),
      )
    })
  }

  async setFeedState(
    id: string,
    set: Partial<Pick<FeedSource, 'cursor' | 'lastAttemptAt' | 'lastSuccessAt' | 'lastError' | 'itemCount'>>,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // A file import of a feed nobody configured still records its state (a source without an address).
      await trx
        .insertInto('feedSources')
        .values({ id, kind: kindOfSource(id), url: null, enabled: 1, itemCount: 0 })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
      if (Object.keys(set).length > 0) await trx.updateTable('feedSources').set(set).where('id', '=', id).execute()
    })
  }

  async addNotification(n: Omit<Notification, 'id' | 'read'>): Promise<Notification> {
    const stored: Notification = { ...n, id: randomUUID(), read: false }
    await this.db
      .insertInto('notifications')
      .values({
        id: stored.id,
        kind: n.kind,
        titleJa: n.titleJa,
        titleEn: n.titleEn,
        body: JSON.stringify(n.body),
        createdAt: n.createdAt,
      })
      .execute()
    return stored
  }

  async notifications(userId: string, q: { unreadOnly?: boolean; limit: number }): Promise<Notification[]> {
    let query = this.db
      .selectFrom('notifications')
      .leftJoin('notificationReads', (j) =>
        j
          .onRef('notificationReads.notificationId', '=', 'notifications.id')
          .on('notificationReads.userId', '=', userId),
      )
      .selectAll('notifications')
      .select('notificationReads.readAt')
    if (q.unreadOnly) query = query.where('notificationReads.readAt', 'is', null)
    const rows = await query
      .orderBy('notifications.createdAt', 'desc')
      .orderBy('notifications.id', 'desc')
      .limit(q.limit)
      .execute()
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as Notification['kind'],
      titleJa: r.titleJa,
      titleEn: r.titleEn,
      body: JSON.parse(r.body) as Notification['body'],
      createdAt: r.createdAt,
      read: r.readAt !== null,
    }))
  }

  async markRead(userId: string, ids: readonly string[] | 'all', now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (ids === 'all') {
        await trx
          .insertInto('notificationReads')
          .columns(['notificationId', 'userId', 'readAt'])
          .expression((eb) =>
            eb
              .selectFrom('notifications')
              .select((s) => ['notifications.id', s.val(userId).as('userId'), s.val(now).as('readAt')])
              // SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT (else `on conflict` parses as a join).
              .where(sql<boolean>`1 = 1`),
          )
          .onConflict((oc) => oc.columns(['notificationId', 'userId']).doNothing())
          .execute()
        return
      }
      // Only ids that exist: a stale id from an old page is not an error.
      for (const part of slices(ids)) {
        const known = await trx.selectFrom('notifications').select('id').where('id', 'in', part).execute()
        if (known.length === 0) continue
        await trx
          .insertInto('notificationReads')
          .values(known.map((k) => ({ notificationId: k.id, userId, readAt: now })))
          .onConflict((oc) => oc.columns(['notificationId', 'userId']).doNothing())
          .execute()
      }
    })
  }

  async setting(key: string): Promise<string | null> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
    return row?.value ?? null
  }

  async putSetting(key: string, value: string, actor: Actor, audit: AuditRecord | null): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute()
      if (audit) await recordAudit(trx, actor, audit)
    })
  }
}
