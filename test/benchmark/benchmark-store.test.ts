/**
 * The benchmark repository on SQLite and PostgreSQL: the set-based counts behind the indicators, settings with their
 * audit entry, and imports stored whole or not at all.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateProfiles } from '../../scripts/generate-benchmark-cohort.js'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import { BenchmarkRepository } from '../../src/storage/benchmark-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { DIALECTS, type TestDialect } from '../helpers/databases.js'
import { seedDevices, seedFinding, seedScanHosts } from './seed.js'

describe.each(DIALECTS)('benchmark store on $name', (dialect: TestDialect) => {
  let storage: Storage
  let store: BenchmarkRepository

  beforeAll(async () => {
    storage = await dialect.open()
    store = new BenchmarkRepository(storage.db)
  })
  afterAll(async () => {
    await storage.close()
  })

  it('counts the facts of every indicator over the ledger, scans, findings, models, disclosures and KEV', async () => {
    const owned = await seedDevices(storage, 6)
    await seedDevices(storage, 2, { location: null }) // no location
    await seedDevices(storage, 1, { responsiblePerson: null, responsibleDepartment: '臨床工学部' }) // department counts
    const old = await seedDevices(storage, 2, { os: 'Windows', osVersion: 'XP SP3' })
    await seedDevices(storage, 1, { supportEnd: '2020-03-31' })
    await seedDevices(storage, 1, { supportEnd: '2030-03-31', ipAddresses: [] }) // not networked
    await seedDevices(storage, 3, { status: 'in_storage' }) // not in use: counted nowhere
    // Seen: 3 ledger devices and 2 unknown hosts (one twice).
    await seedScanHosts(storage, [
      { address: '10.1.0.1', deviceId: owned[0]! },
      { address: '10.1.0.2', deviceId: owned[1]! },
      { address: '10.1.0.3', deviceId: old[0]! },
      { address: '10.1.0.8', deviceId: null },
      { address: '10.1.0.9', deviceId: null },
    ])
    await seedScanHosts(storage, [{ address: '10.1.0.9', deviceId: null }])
    await seedFinding(storage, { ruleId: 'telnet-cleartext' })
    await seedFinding(storage, { ruleId: 'smbv1-enabled' })
    await seedFinding(storage, { ruleId: 'smbv1-enabled', severity: 'medium', status: 'fixed' }) // fixed: not open
    await seedFinding(storage, { ruleId: 'tls-old-version' }) // not a cleartext admin service
    await seedFinding(storage, {
      ruleId: 'tls-old-version',
      severity: 'critical',
      status: 'fixed',
      firstSeenAt: '2026-10-01T00:00:00.000Z',
      lastSeenAt: '2026-10-11T00:00:00.000Z',
    })
    await seedFinding(storage, { ruleId: 'x', severity: 'low', status: 'fixed' }) // low: not counted
    // Two catalog models confirmed on in-use devices; one has a disclosure.
    const at = '2026-11-01T00:00:00.000Z'
    const models = [randomUUID(), randomUUID()]
    for (const [i, id] of models.entries())
      await storage.db
        .insertInto('deviceModels')
        .values({
          id,
          vendor: 'Sakura',
          vendorKey: 'sakura',
          name: `M${i}`,
          nameKey: `m${i}`,
          versionFrom: '',
          versionTo: '',
          createdAt: at,
          updatedAt: at,
        })
        .execute()
    for (const [i, d] of owned.slice(0, 3).entries())
      await storage.db
        .insertInto('deviceModelLinks')
        .values({
          deviceId: d,
          modelId: models[i === 0 ? 0 : 1]!,
          state: 'confirmed',
          confidence: 1,
          reason: 't',
          decidedBy: null,
          decidedAt: null,
        })
        .execute()
    await storage.db
      .insertInto('disclosures')
      .values({
        id: randomUUID(),
        modelId: models[0]!,
        form: 'mds2-2019',
        fileName: null,
        fileSha256: null,
        header: '{}',
        questionCount: 0,
        answeredCount: 0,
        problems: '[]',
        importedAt: at,
        importedBy: null,
      })
      .execute()
    // A KEV match on one device; a ruled-out one on another.
    await storage.db
      .insertInto('kevEntries')
      .values({
        cveId: 'CVE-2020-0001',
        vendorProject: 'v',
        product: 'p',
        name: 'n',
        dateAdded: '2021-01-01',
        dueDate: null,
        ransomware: 0,
        requiredAction: null,
        description: null,
        notes: null,
      })
      .execute()
    for (const [d, decision] of [
      [owned[0]!, 'affected'],
      [owned[1]!, 'ruled-out-by-version'],
    ] as const)
      await storage.db
        .insertInto('vulnMatches')
        .values({
          id: randomUUID(),
          deviceId: d,
          modelId: null,
          cve: 'CVE-2020-0001',
          advisoryId: null,
          componentId: null,
          via: 'cpe',
          reviewKey: randomUUID(),
          productLabel: 'p',
          decision,
          confidence: 1,
          reasons: '[]',
          vex: null,
          firstSeenAt: at,
          lastSeenAt: at,
          notifiedAt: null,
        })
        .execute()

    expect(await store.facts('2026-12-02')).toEqual({
      inUseDevices: 13,
      inUseWithOwnerAndLocation: 11,
      networkedDevices: 12,
      networkedSeen: 3,
      hostsSeen: 5,
      hostsSeenInLedger: 3,
      cleartextAdminFindings: 2,
      pastSupport: 3,
      modelsInUse: 2,
      modelsWithDisclosure: 1,
      daysToCloseHigh: [10],
      inUseWithKev: 1,
    })
  })

  it('saves settings with their audit entry', async () => {
    expect(await store.settings()).toBeNull()
    const s = { bedBand: '200-399' as const, region: 'kanto' as const, minCohort: 5 }
    await store.saveSettings(s, SYSTEM_ACTOR, { action: 'benchmark.settings', after: s })
    await store.saveSettings({ ...s, minCohort: 7 }, SYSTEM_ACTOR, { action: 'benchmark.settings' })
    expect(await store.settings()).toEqual({ ...s, minCohort: 7 })
    const audit = await storage.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'benchmark.settings')
      .execute()
    expect(audit).toHaveLength(2)
  })

  it('stores an import whole, and nothing of it when one profile id is already stored', async () => {
    const [a, b, c] = generateProfiles(3, 11)
    expect(
      await store.saveImport([a!, b!], [], SYSTEM_ACTOR, { action: 'benchmark.import' }, '2026-12-02T00:00:00Z'),
    ).toBe(2)
    await expect(
      store.saveImport([c!, a!], [], SYSTEM_ACTOR, { action: 'benchmark.import' }, '2026-12-02T00:00:00Z'),
    ).rejects.toThrow()
    expect((await store.profiles()).map((p) => p.profileId).sort()).toEqual([a!.profileId, b!.profileId].sort())
    expect(await store.profiles()).toContainEqual(a)
    const audit = await storage.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'benchmark.import')
      .execute()
    expect(audit).toHaveLength(1)
  })
})
