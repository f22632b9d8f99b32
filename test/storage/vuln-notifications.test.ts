import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Storage } from '../../src/storage/database.js'
import { VulnRepository } from '../../src/storage/vuln-repository.js'
import { DIALECTS, type TestDialect } from '../helpers/databases.js'
import { alice, type Seeded, seed } from './vuln-seed.js'

describe.each(DIALECTS)('feed sources, notifications and settings on $name', (dialect: TestDialect) => {
  let storage: Storage
  let store: VulnRepository
  let s: Seeded

  beforeAll(async () => {
    storage = await dialect.open()
    store = new VulnRepository(storage.db)
    s = await seed(storage)
  })
  afterAll(async () => {
    await storage.close()
  })

  it('keeps a source’s sync state when its address changes', async () => {
    const put = await store.putFeedSource(
      { id: 'csaf:cisa', kind: 'csaf', url: 'http://127.0.0.1:9/provider-metadata.json', enabled: true },
      alice,
      { action: 'feed.source', targetType: 'feed_source', targetId: 'csaf:cisa' },
    )
    expect(put).toMatchObject({ enabled: true, itemCount: 0, cursor: null })
    await store.setFeedState('csaf:cisa', { cursor: '2026-12-01T00:00:00Z', itemCount: 109, lastSuccessAt: 'now' })
    await store.putFeedSource({ id: 'csaf:cisa', kind: 'csaf', url: null, enabled: false }, alice, {
      action: 'feed.source',
      targetId: 'csaf:cisa',
    })
    // A feed imported from a file before anyone configured it still gets its state.
    await store.setFeedState('kev', { lastAttemptAt: 't', lastError: 'FEED_UNREADABLE' })
    expect(await store.feedSources()).toEqual([
      {
        id: 'csaf:cisa',
        kind: 'csaf',
        url: null,
        enabled: false,
        cursor: '2026-12-01T00:00:00Z',
        lastAttemptAt: null,
        lastSuccessAt: 'now',
        lastError: null,
        itemCount: 109,
      },
      {
        id: 'kev',
        kind: 'kev',
        url: null,
        enabled: true,
        cursor: null,
        lastAttemptAt: 't',
        lastSuccessAt: null,
        lastError: 'FEED_UNREADABLE',
        itemCount: 0,
      },
    ])
    const audited = await storage.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'feed.source')
      .execute()
    expect(audited).toHaveLength(2)
  })

  it('lists notifications newest first with read marks per user', async () => {
    const n1 = await store.addNotification({
      kind: 'new-match',
      titleJa: '新しい該当: ICSMA-20-049-01',
      titleEn: 'New match: ICSMA-20-049-01',
      body: { advisoryId: 'ICSMA-20-049-01', deviceIds: [s.d1], knownExploited: false },
      createdAt: '2026-12-01T00:00:00Z',
    })
    const n2 = await store.addNotification({
      kind: 'sync-failed',
      titleJa: '取得に失敗: KEV',
      titleEn: 'Sync failed: KEV',
      body: { feed: 'kev', error: 'FEED_FETCH_FAILED' },
      createdAt: '2026-12-02T00:00:00Z',
    })
    expect((await store.notifications(s.userId, { limit: 10 })).map((n) => [n.id, n.read])).toEqual([
      [n2.id, false],
      [n1.id, false],
    ])
    await store.markRead(s.userId, [n1.id, 'stale-id'], '2026-12-02T01:00:00Z')
    await store.markRead(s.userId, [n1.id], '2026-12-02T02:00:00Z')
    const list = await store.notifications(s.userId, { limit: 10 })
    expect(list[1]).toEqual({ ...n1, read: true })
    expect((await store.notifications(s.userId, { unreadOnly: true, limit: 10 })).map((n) => n.id)).toEqual([n2.id])
    expect(await store.notifications(s.userId, { limit: 1 })).toHaveLength(1)
    await store.markRead(s.userId, 'all', '2026-12-02T03:00:00Z')
    expect(await store.notifications(s.userId, { unreadOnly: true, limit: 10 })).toEqual([])
    const reads = await storage.db.selectFrom('notificationReads').selectAll().orderBy('readAt').execute()
    expect(reads.map((r) => r.readAt)).toEqual(['2026-12-02T01:00:00Z', '2026-12-02T03:00:00Z'])
  })

  it('stores settings, audited when asked', async () => {
    expect(await store.setting('advisories.lastVisit.user-1')).toBeNull()
    await store.putSetting('advisories.lastVisit.user-1', '"2026-12-02"', alice, null)
    await store.putSetting('notifications.channels', '{"email":[]}', alice, { action: 'settings.notifications' })
    await store.putSetting('advisories.lastVisit.user-1', '"2026-12-03"', alice, null)
    expect(await store.setting('advisories.lastVisit.user-1')).toBe('"2026-12-03"')
    const audited = await storage.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'like', 'settings.%')
      .execute()
    expect(audited).toEqual([{ action: 'settings.notifications' }])
  })
})
