import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FindingDraft } from '../../src/core/findings/finding.js'
import { draftProblem, type FindingSource } from '../../src/core/findings/finding-source.js'
import { FINDING_SOURCES, findingSource } from '../../src/core/findings/sources/index.js'
import type { Storage } from '../../src/storage/database.js'
import { FindingRepository, UPSERT_BATCH_ROWS } from '../../src/storage/finding-repository.js'
import { buildFindingDraft, buildFindingItem } from '../factories/findings.js'
import { DIALECTS } from '../helpers/databases.js'

const actor = { id: null, name: 'engineer' }

describe('the finding source registry', () => {
  it('has unique ids, both labels, and a known id for every lookup', () => {
    const ids = FINDING_SOURCES.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const s of FINDING_SOURCES) {
      expect(s.label.ja.length).toBeGreaterThan(0)
      expect(s.label.en.length).toBeGreaterThan(0)
      expect(findingSource(s.id)).toBe(s)
    }
    expect(findingSource('no-such-source')).toBeUndefined()
  })

  it('says when a source needs an address and the draft has none', () => {
    const addressed: FindingSource = { id: 'a', label: { ja: 'a', en: 'a' }, needsAddress: true, key: (d) => d.ruleId }
    const deviceOnly: FindingSource = { ...addressed, needsAddress: false }
    const draft: FindingDraft = { ...buildFindingDraft(), address: null, port: null }
    expect(draftProblem(addressed, draft)).toMatch(/needs an address/)
    expect(draftProblem(deviceOnly, draft)).toBeNull()
    expect(draftProblem(addressed, buildFindingDraft())).toBeNull()
  })
})

// The contract every source keeps, on every database (Kysely's DIALECTS loop).
describe.each(FINDING_SOURCES.map((s) => [s.id, s] as const))('finding source %s', (_id, source) => {
  it('builds the same key for the same weakness, and different keys for different ones', () => {
    const d = buildFindingDraft()
    expect(source.key({ ...d, evidence: 'other evidence' })).toBe(source.key(d))
    expect(source.key({ ...d, ruleId: 'other-rule' })).not.toBe(source.key(d))
  })

  for (const dialect of DIALECTS) {
    describe(dialect.name, () => {
      let storage: Storage
      let repo: FindingRepository
      beforeAll(async () => {
        storage = await dialect.open()
        repo = new FindingRepository(storage.db)
      })
      afterAll(() => storage.close())

      const all = () => storage.db.selectFrom('findings').selectAll().where('source', '=', source.id).execute()

      it('inserts, then updates by (source, key) on a re-run instead of duplicating', async () => {
        const drafts = [buildFindingDraft(), buildFindingDraft({ port: null })]
        expect(
          await repo.upsertFindings(
            source.id,
            'run-1',
            drafts.map((d) => buildFindingItem(d)),
          ),
        ).toEqual({
          created: 2,
          updated: 0,
        })
        const again = drafts.map((d) => buildFindingItem({ ...d, severity: 'critical' }, { deviceId: 'dev-1' }))
        expect(await repo.upsertFindings(source.id, 'run-2', again)).toEqual({ created: 0, updated: 2 })
        const rows = (await all()).filter((r) => drafts.some((d) => r.key === source.key(d)))
        expect(rows).toHaveLength(2)
        for (const r of rows) {
          expect(r).toMatchObject({ severity: 'critical', deviceId: 'dev-1', lastScanId: 'run-2', status: 'open' })
          expect(r.key).toBe(source.key(drafts.find((d) => d.port === r.port)!))
        }
      })

      it('keeps an accepted risk and its reason; reopens a fixed finding seen again', async () => {
        const accepted = buildFindingDraft()
        const fixed = buildFindingDraft()
        await repo.upsertFindings(source.id, 'run-1', [buildFindingItem(accepted), buildFindingItem(fixed)])
        const byKey = async (d: typeof accepted) => (await all()).find((r) => r.key === source.key(d))!
        const a = await byKey(accepted)
        await repo.updateFinding(a.id, { status: 'accepted', reason: 'isolated VLAN', expiresAt: '2030-01-01' }, actor)
        await repo.updateFinding((await byKey(fixed)).id, { status: 'fixed', reason: 'patched' }, actor)
        await repo.upsertFindings(source.id, 'run-2', [buildFindingItem(accepted), buildFindingItem(fixed)])
        expect(await byKey(accepted)).toMatchObject({
          status: 'accepted',
          statusReason: 'isolated VLAN',
          statusExpiresAt: '2030-01-01',
          firstSeenAt: a.firstSeenAt,
          lastScanId: 'run-2',
        })
        expect((await byKey(fixed)).status).toBe('open')
      })

      it('writes more drafts than one batch holds, and counts repeats of a key as updates', async () => {
        const many = Array.from({ length: UPSERT_BATCH_ROWS + 7 }, () => buildFindingItem())
        expect(await repo.upsertFindings(source.id, 'bulk-1', many)).toEqual({ created: many.length, updated: 0 })
        expect(await repo.upsertFindings(source.id, 'bulk-2', many)).toEqual({ created: 0, updated: many.length })
        const twice = buildFindingDraft()
        const counts = await repo.upsertFindings(source.id, 'dup', [
          buildFindingItem(twice),
          buildFindingItem({ ...twice, titleEn: 'the last one wins' }),
        ])
        expect(counts).toEqual({ created: 1, updated: 1 })
        expect((await all()).find((r) => r.key === source.key(twice))?.titleEn).toBe('the last one wins')
      })

      it('uses an explicit key when the caller gives one', async () => {
        await repo.upsertFindings(source.id, null, [buildFindingItem(buildFindingDraft(), { key: 'explicit:1' })])
        expect((await all()).some((r) => r.key === 'explicit:1')).toBe(true)
      })

      // A source that needs an address refuses a draft without one (storing nothing of the call); one that does not
      // (a disclosure is about a device, not an address) stores it.
      it(`${source.needsAddress ? 'refuses' : 'stores'} a draft without an address`, async () => {
        const before = (await all()).length
        const noAddress = { ...buildFindingDraft(), address: null, port: null }
        const call = repo.upsertFindings(source.id, null, [buildFindingItem(), buildFindingItem(noAddress)])
        if (source.needsAddress) {
          await expect(call).rejects.toThrow(/needs an address/)
          expect((await all()).length).toBe(before)
        } else {
          expect(await call).toEqual({ created: 2, updated: 0 })
          expect((await all()).some((r) => r.key === source.key(noAddress) && r.address === null)).toBe(true)
        }
      })
    })
  }
})

describe('upsertFindings with an unknown source', () => {
  it('refuses it by name', async () => {
    const storage = await DIALECTS[0]!.open()
    try {
      await expect(
        new FindingRepository(storage.db).upsertFindings('no-such-source', null, [buildFindingItem()]),
      ).rejects.toThrow(/Unknown finding source "no-such-source"/)
    } finally {
      await storage.close()
    }
  })
})
