import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CveRecord } from '../../src/core/vulns/model.js'
import { readKev } from '../../src/importers/feeds/kev.js'
import type { Storage } from '../../src/storage/database.js'
import { VulnRepository } from '../../src/storage/vuln-repository.js'
import { cpeVendorProduct } from '../../src/storage/vuln-rows.js'
import { DIALECTS, type TestDialect } from '../helpers/databases.js'
import { advisory, cve } from './vuln-seed.js'

const KEV = readKev(readFileSync(new URL('../fixtures/feeds/kev-subset.json', import.meta.url)), 'kev-subset.json')

describe('cpeVendorProduct', () => {
  it.each([
    ['cpe:2.3:o:Philips:IntelliVue_Firmware:1.0:*:*:*:*:*:*:*', { vendor: 'philips', product: 'intellivue_firmware' }],
    ['cpe:2.3:a:at\\:t:web\\:app:*:*:*:*:*:*:*:*', { vendor: 'at\\:t', product: 'web\\:app' }],
    ['cpe:2.3:h:ge:carescape', { vendor: 'ge', product: 'carescape' }],
    ['cpe:2.3:h:ge', null],
    ['', null],
  ])('%s', (criteria, want) => {
    expect(cpeVendorProduct(criteria)).toEqual(want)
  })
})

describe.each(DIALECTS)('vulnerability feeds on $name', (dialect: TestDialect) => {
  let storage: Storage
  let store: VulnRepository
  const indexRows = async (id: string) =>
    await storage.db
      .selectFrom('cveCpeIndex')
      .select(['vendor', 'product'])
      .where('cveId', '=', id)
      .orderBy('vendor')
      .orderBy('product')
      .execute()

  beforeAll(async () => {
    storage = await dialect.open()
    store = new VulnRepository(storage.db)
  })
  afterAll(async () => {
    await storage.close()
  })

  it('stores an advisory once, says whether a re-import changed it and keeps when it was first imported', async () => {
    const doc = advisory('ICSMA-20-049-01', {
      cves: [
        ['CVE-2020-6961', 9.1],
        ['CVE-2020-6961', 9.1],
        ['CVE-2020-6962', 5.3],
      ],
    })
    const vex = [
      {
        vendor: 'Philips',
        product: 'IntelliVue MX40',
        version: 'B.06.18',
        cpe: null,
        purl: null,
        cve: 'CVE-2020-6961',
        status: 'fixed' as const,
        justification: null,
        detail: 'Update to B.06.18',
        issuedAt: null,
        modelId: null,
      },
    ]
    const first = await store.putAdvisory(doc, { sha256: 'a', feed: null, now: '2026-12-01T01:00:00Z' }, vex)
    expect(first).toEqual({ created: true, changed: false })
    expect(await store.putAdvisory(doc, { sha256: 'a', feed: null, now: '2026-12-01T02:00:00Z' }, vex)).toEqual({
      created: false,
      changed: false,
    })
    const revised = { ...doc, version: '2', title: 'Philips IntelliVue (Update A)' }
    expect(
      await store.putAdvisory(revised, { sha256: 'b', feed: 'csaf:cisa', now: '2026-12-02T00:00:00Z' }, vex),
    ).toEqual({
      created: false,
      changed: true,
    })
    const got = await store.getAdvisory('ICSMA-20-049-01')
    expect(got?.document).toEqual(revised)
    expect(got?.advisory).toMatchObject({
      title: 'Philips IntelliVue (Update A)',
      revision: '2',
      feed: 'csaf:cisa',
      sha256: 'b',
      firstImportedAt: '2026-12-01T01:00:00Z',
      importedAt: '2026-12-02T00:00:00Z',
      cves: ['CVE-2020-6961', 'CVE-2020-6962'],
    })
    // The VEX statements of the advisory were replaced, not added on each import.
    const statements = await store.vexStatements()
    expect(statements).toHaveLength(1)
    expect(statements[0]).toMatchObject({ sourceKind: 'csaf', sourceId: 'ICSMA-20-049-01', status: 'fixed' })
    expect(await store.getAdvisory('ICSMA-00-000-00')).toBeNull()
    expect((await store.advisoryDocuments()).map((d) => d.id)).toEqual(['ICSMA-20-049-01'])
  })

  it('upserts CVEs with one index row per vendor and product, rewritten when the record changes', async () => {
    const a = cve('CVE-2024-0001', [
      'cpe:2.3:o:Philips:IntelliVue_Firmware:*:*:*:*:*:*:*:*',
      'cpe:2.3:o:philips:intellivue_firmware:B.06:*:*:*:*:*:*:*',
      'cpe:2.3:h:philips:mx40:-:*:*:*:*:*:*:*',
    ])
    const b = cve('CVE-2024-0002', ['cpe:2.3:a:at\\:t:web\\:app:1.0:*:*:*:*:*:*:*'])
    expect(await store.putCves([a, b, { ...b, descriptionEn: 'later copy' }])).toBe(2)
    expect(await indexRows(a.id)).toEqual([
      { vendor: 'philips', product: 'intellivue_firmware' },
      { vendor: 'philips', product: 'mx40' },
    ])
    expect(await indexRows(b.id)).toEqual([{ vendor: 'at\\:t', product: 'web\\:app' }])
    const candidates = await store.cveCandidates([{ vendor: 'philips', product: 'mx40' }])
    expect(candidates).toEqual([{ id: a.id, configurations: a.configurations }])
    expect((await store.cveCandidates([{ vendor: 'at\\:t', product: 'web\\:app' }])).map((c) => c.id)).toEqual([b.id])
    expect(await store.cveCandidates([{ vendor: 'acme', product: 'none' }])).toEqual([])
    expect(await store.cveCandidates([])).toEqual([])
    // A newer modification names another product: the old index rows go.
    const a2 = cve(a.id, ['cpe:2.3:h:philips:mx450:-:*:*:*:*:*:*:*'], { modifiedAt: '2024-03-01T00:00:00Z' })
    await store.putCves([a2])
    expect(await indexRows(a.id)).toEqual([{ vendor: 'philips', product: 'mx450' }])
    expect(await store.cveCandidates([{ vendor: 'philips', product: 'mx40' }])).toEqual([])
    const facts = await store.cveFacts([a.id, b.id, 'CVE-1999-0001'])
    expect(facts.get(a.id)?.record).toEqual(a2)
    expect(facts.get(b.id)?.record?.descriptionEn).toBe('later copy')
    expect(facts.get('CVE-1999-0001')).toEqual({ id: 'CVE-1999-0001', record: null, kev: null, epss: null })
  })

  it('finds candidates across many pairs and CVEs (chunked lookups)', async () => {
    const many = Array.from({ length: 6000 }, (_, i) =>
      cve(`CVE-2025-${String(10000 + i)}`, [`cpe:2.3:a:vendor${i % 600}:product${i % 900}:*:*:*:*:*:*:*:*`]),
    )
    expect(await store.putCves(many)).toBe(6000)
    const pairs = Array.from({ length: 900 }, (_, i) => ({ vendor: `vendor${i % 600}`, product: `product${i}` }))
    const found = await store.cveCandidates(pairs)
    // CVE i names (vendor i mod 600, product i mod 900); the pairs are (p mod 600, product p).
    const expected = many.filter((_, i) => i % 600 === (i % 900) % 600)
    expect(expected.length).toBeGreaterThan(1000)
    expect(found.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort())
  })

  it('applies a batch whole or not at all', async () => {
    const before = (await store.counts()).cves
    const good = cve('CVE-2024-0003', ['cpe:2.3:a:acme:pump:*:*:*:*:*:*:*:*'])
    const bad = {
      ...cve('CVE-2024-0004', ['cpe:2.3:a:acme:pump:*:*:*:*:*:*:*:*']),
      source: null,
    } as unknown as CveRecord
    await expect(store.putCves([good, bad])).rejects.toThrow()
    expect((await store.counts()).cves).toBe(before)
    expect(await indexRows(good.id)).toEqual([])
    // The earlier record of CVE-2024-0002 is untouched by a failed batch that re-sent it.
    await expect(store.putCves([cve('CVE-2024-0002', []), bad])).rejects.toThrow()
    expect(await indexRows('CVE-2024-0002')).toEqual([{ vendor: 'at\\:t', product: 'web\\:app' }])
  })

  it('replaces KEV, upserts EPSS, and answers both with the CVE facts', async () => {
    expect(KEV.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(await store.replaceKev(KEV.entries)).toBe(KEV.entries.length)
    expect(await store.replaceKev(KEV.entries.slice(0, 3))).toBe(3)
    const first = KEV.entries[0]!
    await store.putEpss([{ cve: first.cve, score: 0.5, percentile: 0.9 }], {
      modelVersion: 'v2025',
      scoreDate: '2026-11-30',
    })
    await store.putEpss([{ cve: first.cve, score: 0.97, percentile: 0.99 }], {
      modelVersion: 'v2025',
      scoreDate: '2026-12-01',
    })
    const facts = (await store.cveFacts([first.cve])).get(first.cve)!
    expect(facts.kev).toEqual({ ...first, cwes: [] })
    expect(facts.epss).toEqual({ cve: first.cve, score: 0.97, percentile: 0.99, scoreDate: '2026-12-01' })
    expect(await store.counts()).toMatchObject({ advisories: 1, kev: 3, epss: 1, components: 0 })
  })

  it('pages every table for the offline bundle without repeating or skipping rows', async () => {
    const total = (await store.counts()).cves
    const ids: unknown[] = []
    for (let offset = 0; ; offset += 2500) {
      const page = await store.exportPage('cves', offset, 2500)
      ids.push(...page.map((r) => r.id))
      if (page.length < 2500) break
    }
    expect(ids).toHaveLength(total)
    expect(new Set(ids).size).toBe(total)
    expect((await store.exportPage('kevEntries', 0, 10)).map((r) => r.cveId)).toHaveLength(3)
    expect(await store.exportPage('advisories', 0, 10)).toHaveLength(1)
    expect(await store.exportPage('epssScores', 1, 10)).toEqual([])
    expect(await store.exportPage('vexStatements', 0, 10)).toHaveLength(1)
  })

  it('replaces the VEX statements of one source only', async () => {
    const s = {
      vendor: null,
      product: 'openssl',
      version: '1.1.1k',
      cpe: null,
      purl: 'pkg:generic/openssl@1.1.1k',
      cve: 'CVE-2022-0778',
      status: 'not_affected' as const,
      justification: 'vulnerable_code_not_in_execute_path',
      detail: null,
      issuedAt: '2026-01-01',
      modelId: null,
    }
    await store.replaceVex('cyclonedx', 'vex-1', [s, { ...s, cve: 'CVE-2023-0286' }])
    await store.replaceVex('cyclonedx', 'vex-1', [s])
    const all = await store.vexStatements()
    expect(all.filter((v) => v.sourceId === 'vex-1')).toEqual([
      expect.objectContaining({ ...s, sourceKind: 'cyclonedx', sourceId: 'vex-1' }),
    ])
    expect(all.filter((v) => v.sourceId === 'ICSMA-20-049-01')).toHaveLength(1)
  })
})
