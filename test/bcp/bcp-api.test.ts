/**
 * Continuity through the API as a client sends it, on both databases: the seed proposes and creates services from
 * the ledger; an engineer edits them with the version seen (409 when stale); a dependency on a device that does not
 * exist or on the service itself is a 400 naming the field; the impact of losing the PACS server lists the imaging
 * service that stops (and what only degrades), with the path; the ledger changing refreshes the cached graph; an
 * unknown node is a 404 saying what was tried; device plans default by category and are audited on the device;
 * a viewer only reads.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BcpSeedProposal, ClinicalService, DevicePlan, ImpactResult, OutsideParty } from '../../api/bcp.js'
import type { Storage } from '../../src/storage/database.js'
import { buildDevice } from '../factories.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

describe.each(DIALECTS)('BCP API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let engineer: Session
  let viewer: Session
  let admin: Session
  const ids: Record<string, string> = {}

  const send = (s: Session, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload }) })
  const get = async <T>(url: string, s: Session = viewer): Promise<T> => {
    const res = await app.inject({ url, headers: s.headers })
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
    return res.json() as T
  }
  const addDevice = async (tag: string, over: Parameters<typeof buildDevice>[0]) => {
    const res = await send(engineer, 'POST', '/api/devices', buildDevice({ assetTag: tag, ...over }))
    expect(res.statusCode, res.body).toBe(201)
    ids[tag] = res.json().id
  }

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
    await addDevice('PACS-01', {
      category: 'pacs',
      kind: 'server',
      department: '放射線部',
      networkSegment: 'DICOM',
      name: 'PACS サーバ',
    })
    await addDevice('CT-01', { category: 'ct', department: '放射線部', networkSegment: 'DICOM', name: 'CT' })
    await addDevice('BSM-01', { category: 'patient_monitor', department: 'ICU', networkSegment: 'ICU-NET' })
    await addDevice('CM-01', { category: 'central_monitor', department: 'ICU', networkSegment: 'ICU-NET' })
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('proposes services from the ledger, then creates them once (by seedKey)', async () => {
    const proposal = (await (await send(engineer, 'POST', '/api/bcp/seed', {})).json()) as BcpSeedProposal
    expect(proposal.created).toBe(0)
    expect(proposal.services.map((s) => s.seedKey).sort()).toEqual(['seed:icu-monitoring', 'seed:imaging'])
    expect((await get<{ items: ClinicalService[] }>('/api/bcp/services')).items).toEqual([])
    const applied = (await send(engineer, 'POST', '/api/bcp/seed', { apply: true })).json() as BcpSeedProposal
    expect(applied.created).toBe(2)
    const again = (await send(engineer, 'POST', '/api/bcp/seed', { apply: true })).json() as BcpSeedProposal
    expect(again.created).toBe(0)
    expect(again.services.every((s) => s.exists)).toBe(true)
    const list = await get<{ items: ClinicalService[] }>('/api/bcp/services')
    expect(list.items).toHaveLength(2)
    const imaging = list.items.find((s) => s.seedKey === 'seed:imaging')!
    ids.imaging = imaging.id
    ids.icu = list.items.find((s) => s.seedKey === 'seed:icu-monitoring')!.id
    expect(imaging.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['no_owner', 'no_decider', 'no_max_downtime', 'device_without_plan']),
    )
    expect(imaging.dependencies.map((d) => d.label)).toContain('PACS サーバ PACS-01')
  })

  it('the impact of losing the PACS server lists the imaging service that stops, with path and MTD', async () => {
    const svc = await get<ClinicalService>(`/api/bcp/services/${ids.imaging}`)
    const put = await send(engineer, 'PUT', `/api/bcp/services/${ids.imaging}`, {
      ...svc,
      dependencies: svc.dependencies.map(({ target, strength, note }) => ({ target, strength, note })),
      maxDowntimeMinutes: 120,
      owner: '放射線部 技師長',
      decider: '放射線科 当番医',
      version: svc.version,
    })
    expect(put.statusCode, put.body).toBe(200)
    for (const node of ['PACS-01', ids['PACS-01'], `device:${ids['PACS-01']}`]) {
      const r = await get<ImpactResult>(`/api/bcp/impact?node=${encodeURIComponent(node!)}`)
      expect(r.node).toMatchObject({ kind: 'device', id: ids['PACS-01'] })
      expect(r.services.map((s) => [s.name, s.effect, s.maxDowntimeMinutes, s.decider])).toEqual([
        ['画像診断', 'stops', 120, '放射線科 当番医'],
      ])
      expect(r.tightestMinutes).toBe(120)
      expect(r.services[0]?.path.map((p) => p.kind)).toEqual(['device', 'service'])
      expect(r.graph.nodes.find((n) => n.id === ids['PACS-01'])?.state).toBe('lost')
    }
    const seg = await get<ImpactResult>(`/api/bcp/impact?node=${encodeURIComponent('segment:ICU-NET')}`)
    expect(seg.services.map((s) => s.name)).toEqual(['ICU 生体情報モニタリング'])
    expect(seg.devicesAffected).toBe(2)
  })

  it('409 on a stale version; 400 naming the field for a missing device or a self-dependency', async () => {
    const svc = await get<ClinicalService>(`/api/bcp/services/${ids.imaging}`)
    const body = {
      name: svc.name,
      dependencies: [{ target: { kind: 'device', id: 'CT-01' } }],
      version: svc.version - 1,
    }
    const stale = await send(engineer, 'PUT', `/api/bcp/services/${ids.imaging}`, body)
    expect(stale.statusCode).toBe(409)
    expect(stale.json().error.code).toBe('BCP_VERSION_CONFLICT')
    const missing = await send(engineer, 'POST', '/api/bcp/services', {
      name: '手書き',
      dependencies: [{ target: { kind: 'device', id: 'NO-SUCH-TAG' } }],
    })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.code).toBe('BCP_INVALID')
    expect(missing.body).toContain('dependencies[0]')
    expect(missing.body).toContain('NO-SUCH-TAG')
    const self = await send(engineer, 'PUT', `/api/bcp/services/${ids.imaging}`, {
      name: svc.name,
      dependencies: [{ target: { kind: 'service', id: ids.imaging } }],
    })
    expect(self.statusCode).toBe(400)
    expect(self.body).toContain('itself')
    // An asset tag is accepted and stored as the device id.
    const ok = await send(engineer, 'PUT', `/api/bcp/services/${ids.imaging}`, { ...body, version: svc.version })
    expect(ok.statusCode, ok.body).toBe(200)
    expect((ok.json() as ClinicalService).dependencies[0]?.target).toEqual({ kind: 'device', id: ids['CT-01'] })
  })

  it('an unknown node is a 404 saying what was tried', async () => {
    const res = await app.inject({ url: '/api/bcp/impact?node=NOPE-99', headers: viewer.headers })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('BCP_NODE_UNKNOWN')
    expect(res.body).toContain('asset tag')
    expect(res.body).toContain('segment name')
  })

  it('device plans: category default unsaved, saved with dependsOn (audited on the device), and the walk follows it', async () => {
    const def = await get<DevicePlan>('/api/bcp/device-plans/CT-01')
    expect(def.saved).toBe(false)
    expect(def.isolationJa).toContain('LAN ケーブルを抜く')
    expect(def.services.map((s) => s.name)).toEqual(['画像診断'])
    const missing = await get<{ items: DevicePlan[] }>('/api/bcp/device-plans?missing=true')
    expect(missing.items.map((p) => p.device.assetTag)).toContain('CT-01')
    const put = await send(engineer, 'PUT', '/api/bcp/device-plans/CT-01', {
      ...def,
      dependsOn: [{ target: { kind: 'device', id: 'PACS-01' }, strength: 'hard' }],
    })
    expect(put.statusCode, put.body).toBe(200)
    expect((put.json() as DevicePlan).saved).toBe(true)
    const bad = await send(engineer, 'PUT', '/api/bcp/device-plans/CT-01', {
      dependsOn: [{ target: { kind: 'device', id: 'CT-01' } }],
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('dependsOn[0]')
    const r = await get<ImpactResult>('/api/bcp/impact?node=PACS-01')
    expect(r.devicesAffected).toBe(1)
    const audit = await get<{ items: { action: string; actor: string }[] }>(
      `/api/audit?targetId=${ids['CT-01']}&limit=50`,
      admin,
    )
    expect(audit.items.map((e) => `${e.action}:${e.actor}`)).toContain('bcp.device_plan.update:engineer')
    const saved = await get<{ items: DevicePlan[] }>('/api/bcp/device-plans')
    expect(saved.items.map((p) => p.deviceId)).toEqual([ids['CT-01']])
  })

  it('a decommissioned device shows as a retired dependency once the ledger changes (cache refreshed)', async () => {
    const dev = await get<{ version: number }>(`/api/devices/${ids['PACS-01']}`)
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/devices/${ids['PACS-01']}`,
      headers: engineer.headers,
      payload: { patch: { status: 'decommissioned' }, version: dev.version },
    })
    expect(res.statusCode, res.body).toBe(200)
    const svc = await get<ClinicalService>(`/api/bcp/services/${ids.imaging}`)
    expect(svc.warnings.map((w) => w.code)).not.toContain('retired_dependency') // CT-01 only since the last edit
    const icu = await get<ClinicalService>(`/api/bcp/services/${ids.icu}`)
    expect(icu.dependencies.every((d) => !d.broken)).toBe(true)
    const plan = await get<DevicePlan>('/api/bcp/device-plans/CT-01')
    expect(plan.dependsOn[0]).toMatchObject({ broken: true })
    const made = await send(engineer, 'POST', '/api/bcp/services', {
      name: '読影',
      dependencies: [{ target: { kind: 'device', id: 'PACS-01' } }],
    })
    expect(made.statusCode, made.body).toBe(200)
    const reading = made.json() as ClinicalService
    expect(reading.warnings.map((w) => w.code)).toContain('retired_dependency')
    expect(reading.dependencies[0]).toMatchObject({ broken: true, label: 'PACS サーバ PACS-01' })
    expect((await send(engineer, 'DELETE', `/api/bcp/services/${reading.id}`)).statusCode).toBe(204)
  })

  it('parties: a vendor without a 24 h contact warns; a viewer cannot change anything', async () => {
    const created = await send(engineer, 'POST', '/api/bcp/parties', { name: 'PACS 保守回線', kind: 'vendor' })
    expect(created.statusCode, created.body).toBe(200)
    const party = created.json() as OutsideParty
    const list = await get<{ items: OutsideParty[]; warnings: { code: string }[] }>('/api/bcp/parties')
    expect(list.warnings.map((w) => w.code)).toEqual(['party_without_contact'])
    const fixed = await send(engineer, 'PUT', `/api/bcp/parties/${party.id}`, {
      name: 'PACS 保守回線',
      kind: 'vendor',
      contact24h: '0120-000-302',
    })
    expect(fixed.statusCode).toBe(200)
    expect((await get<{ warnings: unknown[] }>('/api/bcp/parties')).warnings).toEqual([])
    expect((await send(viewer, 'POST', '/api/bcp/parties', { name: 'x' })).statusCode).toBe(403)
    expect((await send(viewer, 'DELETE', `/api/bcp/services/${ids.icu}`)).statusCode).toBe(403)
    expect((await send(viewer, 'POST', '/api/bcp/seed', { apply: true })).statusCode).toBe(403)
    expect((await send(engineer, 'DELETE', `/api/bcp/parties/${party.id}`)).statusCode).toBe(204)
    expect((await send(engineer, 'DELETE', `/api/bcp/services/${ids.icu}`)).statusCode).toBe(204)
    expect((await get<{ items: unknown[] }>('/api/bcp/services')).items).toHaveLength(1)
    const graph = await get<{ nodes: { kind: string }[] }>(`/api/bcp/graph?service=${ids.imaging}`)
    expect(graph.nodes[0]).toMatchObject({ kind: 'service' })
  })
})
