import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeviceRisk, RiskList, RiskProfile, RiskSummary } from '../../api/risk.js'
import { DEFAULT_PROFILE } from '../../src/core/risk/profile.js'
import type { Storage } from '../../src/storage/database.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'
import { type RiskSeed, seedRiskHospital } from './risk-seed.js'

describe.each(DIALECTS)('risk API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let engineer: Session
  let viewer: Session
  let ids: RiskSeed

  const get = async <T>(url: string, s: Session = viewer): Promise<T> => {
    const res = await app.inject({ url, headers: s.headers })
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
    return res.json() as T
  }
  const put = (payload: unknown, s: Session = admin) =>
    app.inject({ method: 'PUT', url: '/api/risk/profile', headers: s.headers, payload: payload as object })

  beforeAll(async () => {
    storage = await dialect.open()
    ids = await seedRiskHospital(storage)
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('scores on first use and lists devices highest first: the ventilator above the lab PC with the same ports', async () => {
    const list = await get<RiskList>('/api/risk')
    expect(list.profileVersion).toBe(1)
    expect(list.total).toBe(3)
    expect(list.items.map((i) => i.assetTag)).toEqual(['ME-VENT-01', 'IT-LABPC-01', 'IT-PRN-01'])
    const [vent, pc] = list.items
    expect(vent!.score).toBeGreaterThan(pc!.score)
    expect(vent!.clinicalFunction).toBe('therapy')
    expect(vent!.headlineJa).toContain('生命維持')
    expect(vent!.headlineEn).toContain('life-critical')
    const points = (d: DeviceRisk, f: string) => d.contributions.find((c) => c.factor === f)?.points ?? 0
    // Same exposure, different patient impact.
    expect(points(vent!, 'reachableServices')).toBe(points(pc!, 'reachableServices'))
    expect(points(vent!, 'cleartextServices')).toBe(points(pc!, 'cleartextServices'))
    expect((await get<RiskList>('/api/risk?band=low')).items.every((i) => i.band === 'low')).toBe(true)
    expect((await get<RiskList>('/api/risk?department=ICU')).items.map((i) => i.assetTag)).toEqual(['ME-VENT-01'])
  })

  it('explains one device with every factor in Japanese and English', async () => {
    const d = await get<DeviceRisk>(`/api/risk/devices/${ids.ventilator}`)
    const byFactor = Object.fromEntries(d.contributions.map((c) => [c.factor, c]))
    expect(byFactor.knownExploited).toMatchObject({ points: 7, observedJa: expect.stringContaining('CVE-2017-0144') })
    expect(byFactor.cvss!.observedJa).toContain('医療機器として補正')
    expect(byFactor.notPatchable!.explanationJa).toContain('パッチ')
    expect(byFactor.osEndOfSupport!.observedEn).toContain('Windows 7')
    expect(byFactor.declaredControls!.points).toBeLessThan(0)
    expect(d.contributions.every((c) => c.explanationJa && c.explanationEn && c.observedJa && c.observedEn)).toBe(true)
    const res = await app.inject({ url: '/api/risk/devices/no-such-device', headers: viewer.headers })
    expect(res.statusCode).toBe(404)
    // A decommissioned device has no score.
    expect((await app.inject({ url: `/api/risk/devices/${ids.retired}`, headers: viewer.headers })).statusCode).toBe(
      404,
    )
  })

  it('summarises and keeps a trend point', async () => {
    const s = await get<RiskSummary>('/api/risk/summary')
    expect(s.devices).toBe(3)
    expect(s.byBand.critical + s.byBand.high + s.byBand.medium + s.byBand.low).toBe(3)
    const trend = await get<{ items: { date: string }[] }>('/api/risk/trend?days=30')
    expect(trend.items).toHaveLength(1)
  })

  it('refuses a profile that does not add up, naming every problem, and changes nothing', async () => {
    const before = await get<RiskList>('/api/risk')
    const res = await put({
      name: '壊れた案',
      weights: { ...DEFAULT_PROFILE.weights, lifeCritical: 30, bogus: 2 },
      bands: { critical: 60, high: 45, medium: 25 },
    })
    expect(res.statusCode).toBe(422)
    const body = res.json()
    expect(body.error.code).toBe('RISK_PROFILE_INVALID')
    const where = body.error.details.map((d: { where: string }) => d.where)
    expect(where).toEqual(expect.arrayContaining(['weights.bogus', 'weights']))
    expect(JSON.stringify(body.error.details)).toContain('120')
    expect((await get<RiskProfile>('/api/risk/profile')).version).toBe(1)
    expect((await get<{ items: RiskProfile[] }>('/api/risk/profiles')).items).toHaveLength(1)
    expect(await get<RiskList>('/api/risk')).toEqual(before)
  })

  it('lets only an admin publish a profile; a new version re-scores everything and is audited', async () => {
    const input = {
      name: 'ICU 隔離後',
      weights: DEFAULT_PROFILE.weights,
      bands: DEFAULT_PROFILE.bands,
      isolatedSegments: ['ICU-LAN'],
      staleAfterDays: 60,
      reason: 'ICU-LAN を隔離した',
    }
    expect((await put(input, engineer)).statusCode).toBe(403)
    expect((await put(input, viewer)).statusCode).toBe(403)
    const before = await get<DeviceRisk>(`/api/risk/devices/${ids.ventilator}`)
    const res = await put(input)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ version: 2, active: true, isolatedSegments: ['ICU-LAN'], createdBy: 'admin' })
    const after = await get<DeviceRisk>(`/api/risk/devices/${ids.ventilator}`)
    expect(after.profileVersion).toBe(2)
    expect(after.score).toBeLessThan(before.score)
    expect(after.contributions.find((c) => c.factor === 'isolatedSegment')?.points).toBe(-10)
    const audit = await get<{ items: { action: string; before: unknown; after: unknown; actor: string }[] }>(
      '/api/audit?action=risk.profile.update',
      admin,
    )
    expect(audit.items).toHaveLength(1)
    expect(audit.items[0]).toMatchObject({
      actor: 'admin',
      before: { version: 1, weights: DEFAULT_PROFILE.weights, isolatedSegments: [] },
      after: { version: 2, isolatedSegments: ['ICU-LAN'], reason: 'ICU-LAN を隔離した' },
    })
  })

  it('re-scores on request by an engineer, not a viewer', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/risk/rescore', headers: viewer.headers })).statusCode).toBe(
      403,
    )
    // The profile change above re-scored from the stored readings: reading the facts again changes nothing.
    const withoutTime = (l: RiskList) => l.items.map(({ scoredAt: _, ...rest }) => rest)
    const fromReadings = await get<RiskList>('/api/risk?limit=50')
    const res = await app.inject({ method: 'POST', url: '/api/risk/rescore', headers: engineer.headers })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ devices: 3, profileVersion: 2 })
    expect(withoutTime(await get<RiskList>('/api/risk?limit=50'))).toEqual(withoutTime(fromReadings))
    const audit = await get<{ items: { actor: string; after: unknown }[] }>('/api/audit?action=risk.rescore', admin)
    expect(audit.items[0]).toMatchObject({ actor: 'engineer', after: { devices: 3 } })
  })
})
