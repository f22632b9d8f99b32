import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/core/ports.js'
import { DEFAULT_PROFILE } from '../../src/core/risk/profile.js'
import type { ReadingText } from '../../src/core/risk/readings.js'
import type { Storage } from '../../src/storage/database.js'
import { RiskRepository } from '../../src/storage/risk-repository.js'
import { DIALECTS, type TestDialect } from '../helpers/databases.js'
import { type RiskSeed, seedRiskHospital } from './risk-seed.js'

describe.each(DIALECTS)('risk storage on $name', (dialect: TestDialect) => {
  let storage: Storage
  let store: RiskRepository
  let ids: RiskSeed

  beforeAll(async () => {
    storage = await dialect.open()
    store = new RiskRepository(storage.db)
    ids = await seedRiskHospital(storage)
  })
  afterAll(async () => {
    await storage.close()
  })

  it('loads every device’s facts set-wise: findings, ports, matches with KEV/EPSS/CVSS, model link, disclosure', async () => {
    const facts = await store.loadFacts()
    // The decommissioned device is not scored.
    expect(facts.map((f) => f.deviceId).sort()).toEqual([ids.ventilator, ids.labPc, ids.printer].sort())
    const vent = facts.find((f) => f.deviceId === ids.ventilator)!
    expect(vent).toMatchObject({
      assetTag: 'ME-VENT-01',
      category: 'ventilator',
      patientProximity: 1,
      lifeCritical: true,
      hasAddresses: true,
      connectionTypes: ['wired', 'remote_maintenance'],
      networkSegment: 'ICU-LAN',
      os: 'Windows 7',
      supportEnd: '2025-03-31',
      // The accepted finding does not count.
      findings: { critical: 0, high: 1, medium: 1, low: 0 },
      lastSeenAt: '2026-12-01T08:00:00.000Z',
      // The false positive (CVE-2099-9999) is left out, and so is the ruled-out match.
      kevCves: ['CVE-2017-0144'],
      ransomwareCves: ['CVE-2017-0144'],
      publicExploit: true,
      maxEpss: { cve: 'CVE-2017-0144', score: 0.97 },
      cvss: { cve: 'CVE-2020-0001', score: 7.5, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' },
      internetTraffic: null,
      identification: { state: 'confirmed', confidence: 1 },
      // The newest disclosure wins over the older one that said the hospital patches.
      disclosure: {
        notPatchable: true,
        remoteService: true,
        hospitalStartsRemote: null,
        handlesPhi: true,
        controls: ['auditLog', 'authentication'],
      },
    })
    expect(vent.findingRules.slice().sort()).toEqual(['telnet-cleartext', 'undeclared-open-port'])
    // Closed ports are not reachable services.
    expect(vent.openServices).toEqual([
      { port: 23, transport: 'tcp', service: 'telnet' },
      { port: 80, transport: 'tcp', service: 'http' },
    ])
    const printer = facts.find((f) => f.deviceId === ids.printer)!
    expect(printer).toMatchObject({ lastSeenAt: null, openServices: [], disclosure: null, kevCves: [] })
    expect(printer.identification).toEqual({ state: null, confidence: null })
  })

  it('narrows every query to the devices asked for', async () => {
    const facts = await store.loadFacts({ deviceIds: [ids.labPc, ids.retired] })
    expect(facts.map((f) => f.deviceId)).toEqual([ids.labPc])
    expect(facts[0]).toMatchObject({ findings: { high: 1 }, openServices: [{ port: 23 }, { port: 80 }] })
  })

  it('stores profile versions with one active and the audit entry in the same transaction', async () => {
    const p = { ...DEFAULT_PROFILE, createdBy: null }
    const audit = (version: number) => ({ action: 'risk.profile.create', targetId: String(version) })
    expect((await store.addProfile(p, SYSTEM_ACTOR, audit, { ifNone: true }))?.version).toBe(1)
    expect(await store.addProfile(p, SYSTEM_ACTOR, audit, { ifNone: true })).toBeNull()
    const v2 = await store.addProfile({ ...p, name: 'v2', createdBy: 'admin' }, SYSTEM_ACTOR, audit)
    expect(v2).toMatchObject({ version: 2, active: true, name: 'v2', weights: DEFAULT_PROFILE.weights })
    expect((await store.activeProfile())?.version).toBe(2)
    expect((await store.profiles()).map((x) => [x.version, x.active])).toEqual([
      [2, true],
      [1, false],
    ])
    const entries = await storage.db
      .selectFrom('auditLog')
      .select('targetId')
      .where('action', '=', 'risk.profile.create')
      .execute()
    expect(entries.map((e) => e.targetId).sort()).toEqual(['1', '2'])
  })

  it('replaces scores, lists highest first with filters, summarises, keeps one snapshot a day', async () => {
    const row = (deviceId: string, score: number, band: 'critical' | 'high' | 'medium' | 'low', at: string) => ({
      deviceId,
      siteId: 'default',
      score,
      band,
      clinicalFunction: 'it',
      profileVersion: 2,
      readings: {
        clinicalFunction: 'it' as const,
        fractions: [0, 1, ...new Array(22).fill(0)],
        texts: [[1, 'yes', '生命維持', 'life-critical', '生命維持', 'life-critical'] as ReadingText],
        networkSegment: 'VLAN-10',
        lastSeenAt: '2026-11-30T00:00:00.000Z',
        networked: true,
        hasAddresses: false,
      },
      readingsDay: '2026-12-01',
      scoredAt: at,
    })
    const summary = (mean: number, at: string) => ({
      devices: 3,
      byBand: { critical: 1, high: 0, medium: 1, low: 1 },
      meanScore: mean,
      profileVersion: 2,
      scoredAt: at,
    })
    await store.replaceScores(
      [row(ids.ventilator, 70, 'critical', 'T1'), row(ids.labPc, 30, 'medium', 'T1'), row(ids.printer, 5, 'low', 'T1')],
      { date: '2026-12-01', summary: summary(35, 'T1') },
      SYSTEM_ACTOR,
      { action: 'risk.rescore' },
    )
    // A second scoring the same day replaces the scores and the day's snapshot.
    await store.replaceScores(
      [row(ids.ventilator, 72, 'critical', 'T2'), row(ids.labPc, 30, 'medium', 'T2'), row(ids.printer, 5, 'low', 'T2')],
      { date: '2026-12-01', summary: summary(35.7, 'T2') },
      SYSTEM_ACTOR,
      { action: 'risk.rescore' },
    )
    await store.replaceScores(
      [row(ids.ventilator, 72, 'critical', 'T3'), row(ids.labPc, 30, 'medium', 'T3'), row(ids.printer, 5, 'low', 'T3')],
      { date: '2026-12-02', summary: summary(35.7, 'T3') },
      SYSTEM_ACTOR,
      { action: 'risk.rescore' },
    )
    const all = await store.listScores({ limit: 10, offset: 0 })
    expect(all.total).toBe(3)
    expect(all.items.map((i) => [i.assetTag, i.score])).toEqual([
      ['ME-VENT-01', 72],
      ['IT-LABPC-01', 30],
      ['IT-PRN-01', 5],
    ])
    expect(all.items[0]!.readings).toEqual({
      clinicalFunction: 'it',
      fractions: [0, 1, ...new Array(22).fill(0)],
      texts: [[1, 'yes', '生命維持', 'life-critical', '生命維持', 'life-critical']],
      networkSegment: 'VLAN-10',
      lastSeenAt: '2026-11-30T00:00:00.000Z',
      networked: true,
      hasAddresses: false,
    })
    // A profile change reads the compact rows back and writes only the scores that changed.
    const compact = await store.loadReadings()
    const compactRows = compact?.map((r) => [
      r.score,
      r.band,
      r.networkSegment,
      r.networked,
      r.hasAddresses,
      r.readingsDay,
    ])
    expect(compactRows?.sort((a, b) => Number(b[0]) - Number(a[0]))).toEqual([
      [72, 'critical', 'VLAN-10', true, false, '2026-12-01'],
      [30, 'medium', 'VLAN-10', true, false, '2026-12-01'],
      [5, 'low', 'VLAN-10', true, false, '2026-12-01'],
    ])
    await store.updateScores(
      [{ deviceId: ids.labPc, score: 55, band: 'high' }],
      3,
      'T4',
      { date: '2026-12-02', summary: summary(44, 'T4') },
      SYSTEM_ACTOR,
      { action: 'risk.rescore' },
    )
    const after = await store.listScores({ limit: 10, offset: 0 })
    expect(after.items.map((i) => [i.assetTag, i.score, i.band, i.profileVersion, i.scoredAt])).toEqual([
      ['ME-VENT-01', 72, 'critical', 3, 'T4'],
      ['IT-LABPC-01', 55, 'high', 3, 'T4'],
      ['IT-PRN-01', 5, 'low', 3, 'T4'],
    ])
    await store.updateScores(
      [{ deviceId: ids.labPc, score: 30, band: 'medium' }],
      2,
      'T3',
      { date: '2026-12-02', summary: summary(35.7, 'T3') },
      SYSTEM_ACTOR,
      { action: 'risk.rescore' },
    )
    expect((await store.listScores({ band: 'medium', limit: 10, offset: 0 })).items.map((i) => i.assetTag)).toEqual([
      'IT-LABPC-01',
    ])
    expect((await store.listScores({ department: 'ICU', limit: 10, offset: 0 })).total).toBe(1)
    expect((await store.listScores({ q: '人工呼吸器', limit: 10, offset: 0 })).items.map((i) => i.assetTag)).toEqual([
      'ME-VENT-01',
    ])
    expect((await store.listScores({ limit: 1, offset: 1 })).items.map((i) => i.assetTag)).toEqual(['IT-LABPC-01'])
    expect(await store.summary()).toEqual({
      devices: 3,
      byBand: { critical: 1, high: 0, medium: 1, low: 1 },
      meanScore: 35.7,
      profileVersion: 2,
      scoredAt: 'T3',
    })
    expect(await store.trend('2026-11-01')).toEqual([
      { date: '2026-12-01', meanScore: 35.7, byBand: { critical: 1, high: 0, medium: 1, low: 1 } },
      { date: '2026-12-02', meanScore: 35.7, byBand: { critical: 1, high: 0, medium: 1, low: 1 } },
    ])
    const rescores = await storage.db.selectFrom('auditLog').select('id').where('action', '=', 'risk.rescore').execute()
    expect(rescores).toHaveLength(5)
    // Deleting a device deletes its score (ON DELETE CASCADE).
    await storage.db.deleteFrom('devices').where('id', '=', ids.printer).execute()
    expect((await store.listScores({ limit: 10, offset: 0 })).total).toBe(2)
    // A device without a row (or a row of a device no longer scorable): the readings cannot stand for the facts.
    await storage.db.updateTable('devices').set({ status: 'decommissioned' }).where('id', '=', ids.labPc).execute()
    expect(await store.loadReadings()).toBeNull()
    // A re-score writes what changed: the row of a device no longer scored goes, the others take the new time.
    await store.replaceScores(
      [row(ids.ventilator, 72, 'critical', 'T5')],
      { date: '2026-12-02', summary: summary(72, 'T5') },
      SYSTEM_ACTOR,
      { action: 'risk.rescore' },
    )
    const last = await store.listScores({ limit: 10, offset: 0 })
    expect(last.items.map((i) => [i.assetTag, i.score, i.scoredAt, i.readings.texts.length])).toEqual([
      ['ME-VENT-01', 72, 'T5', 1],
    ])
    expect(await storage.db.selectFrom('deviceRiskTexts').select('deviceId').execute()).toEqual([
      { deviceId: ids.ventilator },
    ])
  })
})
