import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditRepository } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { VulnRepository } from '../../src/storage/vuln-repository.js'
import { DIALECTS, type TestDialect } from '../helpers/databases.js'
import { advisory, alice, match, type Seeded, seed } from './vuln-seed.js'

const T1 = '2026-12-01T08:00:00.000Z'
const T2 = '2026-12-02T08:00:00.000Z'
const T3 = '2026-12-03T08:00:00.000Z'

describe.each(DIALECTS)('vulnerability matches and reviews on $name', (dialect: TestDialect) => {
  let storage: Storage
  let store: VulnRepository
  let s: Seeded
  const audit = async (action: string) =>
    await storage.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id').execute()

  beforeAll(async () => {
    storage = await dialect.open()
    store = new VulnRepository(storage.db)
    s = await seed(storage)
  })
  afterAll(async () => {
    await storage.close()
  })

  it('replaces a run: answers new, changed and removed matches, keeps first seen and notified', async () => {
    const m1 = match('m1', s.d1, { modelId: s.modelA, reviewKey: 'K1' })
    const m2 = match('m2', s.d2, { modelId: s.modelA, reviewKey: 'K1' })
    const m3 = match('m3', s.d3, { modelId: s.modelB, reviewKey: 'K3', decision: 'needs-review' })
    const first = await store.replaceMatches([m1, m2, m3], T1)
    expect(first.added.map((m) => m.id).sort()).toEqual(['m1', 'm2', 'm3'])
    expect(first).toMatchObject({ changed: 0, removed: 0 })
    await store.markNotified(['m1'], T1)
    // Next run: m1 again (now ruled out by version), m2 gone, m4 new.
    const m4 = match('m4', s.d2, { modelId: s.modelA, reviewKey: 'K4', cve: 'CVE-2020-6962' })
    const second = await store.replaceMatches([{ ...m1, decision: 'ruled-out-by-version' }, m3, m4], T2)
    expect(second.added.map((m) => m.id)).toEqual(['m4'])
    expect(second).toMatchObject({ changed: 1, removed: 1 })
    const stored = await store.matches({})
    expect(stored.map((m) => m.id).sort()).toEqual(['m1', 'm3', 'm4'])
    const one = stored.find((m) => m.id === 'm1')!
    expect(one).toMatchObject({ decision: 'ruled-out-by-version', firstSeenAt: T1, lastSeenAt: T2, review: null })
    const row = await storage.db
      .selectFrom('vulnMatches')
      .select('notifiedAt')
      .where('id', '=', 'm1')
      .executeTakeFirst()
    expect(row?.notifiedAt).toBe(T1)
    expect(stored.find((m) => m.id === 'm4')?.firstSeenAt).toBe(T2)
  })

  it('replaces only the devices a run covers', async () => {
    // A run for d3 alone that finds nothing removes d3's match and leaves d1 and d2 alone.
    const r = await store.replaceMatches([], T3, [s.d3])
    expect(r).toEqual({ added: [], changed: 0, removed: 1 })
    expect((await store.matches({})).map((m) => m.id).sort()).toEqual(['m1', 'm4'])
    const again = await store.replaceMatches([match('m5', s.d3, { modelId: s.modelB, reviewKey: 'K3' })], T3, [s.d3])
    expect(again.added.map((m) => m.id)).toEqual(['m5'])
    expect((await store.matches({ deviceId: s.d3 })).map((m) => m.id)).toEqual(['m5'])
    expect((await store.matches({ cve: 'CVE-2020-6962' })).map((m) => m.id)).toEqual(['m4'])
    expect((await store.matches({ id: 'm5' })).map((m) => m.deviceId)).toEqual([s.d3])
    expect((await store.matches({ advisoryId: 'ICSMA-20-049-01', deviceId: s.d1 })).map((m) => m.id)).toEqual(['m1'])
  })

  it("applies a model's review to every device of the model, a device review to that device only", async () => {
    await store.replaceMatches(
      [
        match('a1', s.d1, { modelId: s.modelA, reviewKey: 'KA' }),
        match('a2', s.d2, { modelId: s.modelA, reviewKey: 'KA' }),
        match('a3', s.d3, { modelId: null, reviewKey: 'KA' }),
      ],
      T3,
    )
    const review = await store.putReview(
      {
        modelId: s.modelA,
        deviceId: null,
        reviewKey: 'KA',
        decision: 'false-positive',
        note: 'MX40 has no such port',
        decidedBy: 'alice',
        decidedAt: T3,
      },
      alice,
      (before, after) => ({ action: 'match.review', targetType: 'match_review', targetId: after.id, before, after }),
    )
    const byId = new Map((await store.matches({})).map((m) => [m.id, m]))
    expect(byId.get('a1')?.review).toEqual(review)
    expect(byId.get('a2')?.review).toEqual(review)
    expect(byId.get('a3')?.review).toBeNull()
    const own = await store.putReview(
      {
        modelId: null,
        deviceId: s.d3,
        reviewKey: 'KA',
        decision: 'accepted',
        note: null,
        decidedBy: 'alice',
        decidedAt: T3,
      },
      alice,
      (before, after) => ({ action: 'match.review', targetType: 'match_review', targetId: after.id, before, after }),
    )
    expect((await store.matches({ deviceId: s.d3 }))[0]?.review).toEqual(own)
    // A second decision on the same key and model replaces the first (one review, audited with before and after).
    const changed = await store.putReview(
      { ...review, decision: 'accepted', note: 'confirmed by the maker' },
      alice,
      (before, after) => ({ action: 'match.review', targetType: 'match_review', targetId: after.id, before, after }),
    )
    expect(changed.id).toBe(review.id)
    expect(await store.reviews()).toHaveLength(2)
    const entries = await audit('match.review')
    expect(entries).toHaveLength(3)
    expect(JSON.parse(entries[2]!.before!)).toMatchObject({ decision: 'false-positive' })
    await store.removeReview(own.id, alice, (r) => ({
      action: 'match.review.remove',
      targetType: 'match_review',
      targetId: r.id,
      before: r,
    }))
    expect((await store.matches({ deviceId: s.d3 })).find((m) => m.id === 'a3')?.review).toBeNull()
    await expect(store.removeReview('nope', alice, () => ({ action: 'x' }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(await audit('match.review.remove')).toHaveLength(1)
    const repo = new AuditRepository(storage.db)
    const items = await repo.withTargetLabels((await repo.list({ limit: 10, offset: 0, action: 'match.review' })).items)
    expect(items.map((e) => e.targetLabel)).toContain('KA — Philips IntelliVue MX40')
  })

  it('lists advisories: affected devices without false positives, KEV, newest first, filters', async () => {
    await store.putAdvisory(
      advisory('ICSMA-20-049-01', { cves: [['CVE-2020-6961', 9.1]], title: 'Philips IntelliVue Patient Monitors' }),
      { sha256: 'a', feed: null, now: T1 },
      [],
    )
    await store.putAdvisory(
      advisory('ICSMA-21-100-01', {
        cves: [['CVE-2021-1000', 5]],
        title: 'Acme Pump',
        titleJa: 'アクメ輸液ポンプの脆弱性',
        updated: '2021-04-10T00:00:00Z',
      }),
      { sha256: 'b', feed: null, now: T2 },
      [],
    )
    await store.replaceKev([
      {
        cve: 'CVE-2021-1000',
        vendorProject: 'Acme',
        product: 'Pump',
        name: 'Acme Pump flaw',
        dateAdded: '2021-05-01',
        shortDescription: '',
        requiredAction: 'Apply updates',
        dueDate: null,
        ransomware: true,
        notes: null,
        cwes: [],
      },
    ])
    await store.putCves([
      {
        id: 'CVE-2021-1000',
        source: 'nvd',
        publishedAt: null,
        modifiedAt: null,
        descriptionEn: null,
        descriptionJa: null,
        cvss3: { version: '3.1', vector: 'CVSS:3.1/AV:N', baseScore: 6.1 },
        cvss4: null,
        cwes: [],
        configurations: [],
      },
    ])
    await store.replaceMatches(
      [
        match('x1', s.d1, { modelId: s.modelA, reviewKey: 'KX' }),
        match('x2', s.d2, { modelId: s.modelA, reviewKey: 'KX', decision: 'needs-review' }),
        match('x3', s.d3, { modelId: s.modelB, reviewKey: 'KY', decision: 'ruled-out-by-version' }),
        match('y1', s.d3, { modelId: s.modelB, reviewKey: 'KZ', advisoryId: 'ICSMA-21-100-01', cve: 'CVE-2021-1000' }),
        match('y2', s.d1, { modelId: s.modelA, reviewKey: 'KW', advisoryId: 'ICSMA-21-100-01', cve: 'CVE-2021-1000' }),
      ],
      T3,
    )
    const page = { limit: 50, offset: 0 }
    const all = await store.listAdvisories(page)
    expect(all.total).toBe(2)
    expect(all.items.map((a) => a.id)).toEqual(['ICSMA-21-100-01', 'ICSMA-20-049-01'])
    expect(all.items[0]).toMatchObject({
      affectedDevices: 2,
      knownExploited: true,
      maxCvss: 6.1,
      cves: ['CVE-2021-1000'],
    })
    expect(all.items[1]).toMatchObject({ affectedDevices: 2, knownExploited: false, maxCvss: 9.1 })
    // A device ruled out by a person (its own review, no model review for the key) drops from the count and list.
    await store.putReview(
      {
        modelId: null,
        deviceId: s.d1,
        reviewKey: 'KW',
        decision: 'false-positive',
        note: null,
        decidedBy: 'alice',
        decidedAt: T3,
      },
      alice,
      (_b, after) => ({ action: 'match.review', targetId: after.id }),
    )
    // A model-level false positive covers both devices of model A for KX.
    await store.putReview(
      {
        modelId: s.modelA,
        deviceId: null,
        reviewKey: 'KX',
        decision: 'false-positive',
        note: null,
        decidedBy: 'alice',
        decidedAt: T3,
      },
      alice,
      (_b, after) => ({ action: 'match.review', targetId: after.id }),
    )
    const after = await store.listAdvisories(page)
    expect(after.items.map((a) => [a.id, a.affectedDevices])).toEqual([
      ['ICSMA-21-100-01', 1],
      ['ICSMA-20-049-01', 0],
    ])
    expect((await store.listAdvisories({ ...page, kev: true })).items.map((a) => a.id)).toEqual(['ICSMA-21-100-01'])
    expect((await store.listAdvisories({ ...page, since: T2 })).items.map((a) => a.id)).toEqual(['ICSMA-21-100-01'])
    expect((await store.listAdvisories({ ...page, deviceId: s.d3 })).items.map((a) => a.id)).toEqual([
      'ICSMA-21-100-01',
    ])
    expect((await store.listAdvisories({ ...page, deviceId: s.d1 })).total).toBe(0)
    expect((await store.listAdvisories({ ...page, q: 'intellivue' })).items.map((a) => a.id)).toEqual([
      'ICSMA-20-049-01',
    ])
    expect((await store.listAdvisories({ ...page, q: 'icsma-21' })).items.map((a) => a.id)).toEqual(['ICSMA-21-100-01'])
    expect((await store.listAdvisories({ ...page, q: '輸液ポンプ' })).items.map((a) => a.id)).toEqual([
      'ICSMA-21-100-01',
    ])
    expect((await store.listAdvisories({ ...page, q: '100%' })).total).toBe(0)
    const second = await store.listAdvisories({ limit: 1, offset: 1 })
    expect(second).toMatchObject({ total: 2, items: [{ id: 'ICSMA-20-049-01' }] })
  })

  it('replaces a run of 12,000 matches in chunks', async () => {
    const many = Array.from({ length: 12_000 }, (_, i) =>
      match(`bulk-${i}`, [s.d1, s.d2, s.d3][i % 3]!, { reviewKey: `B${i % 50}`, cve: `CVE-2026-${10000 + i}` }),
    )
    const r = await store.replaceMatches(many, T3)
    expect(r.added).toHaveLength(12_000)
    expect(r.removed).toBeGreaterThan(0)
    const again = await store.replaceMatches(many.slice(0, 11_000), T3)
    expect(again).toEqual({ added: [], changed: 0, removed: 1000 })
    expect((await store.matches({})).length).toBe(11_000)
  })
})
