/**
 * The action plan through the API as a client sends it, on both databases: findings of a scan become actions a
 * person can do; an engineer sets owner, due date and status with the version they saw (409 when stale, 400 with the
 * field for a date that does not exist), accepts a risk (not into the past) and withdraws it; an admin sets the SLA;
 * a viewer only reads; every change is in the audit log.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Action, ActionDetail, ActionList } from '../../api/actions.js'
import type { Storage } from '../../src/storage/database.js'
import { FindingRepository } from '../../src/storage/finding-repository.js'
import { buildDevice, buildFindingDraft } from '../factories.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

describe.each(DIALECTS)('actions API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let engineer: Session
  let viewer: Session
  let telnet: Action

  const send = (s: Session, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    payload === undefined
      ? app.inject({ method, url, headers: s.headers })
      : app.inject({ method, url, headers: s.headers, payload })
  const get = async <T>(url: string, s: Session = viewer): Promise<T> => {
    const res = await app.inject({ url, headers: s.headers })
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
    return res.json() as T
  }

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
    const ids: string[] = []
    for (const [i, tag] of ['MON-01', 'MON-02', 'MON-03'].entries()) {
      const res = await send(
        engineer,
        'POST',
        '/api/devices',
        buildDevice({ assetTag: tag, location: 'ICU 3F', ipAddresses: [`10.0.0.${i + 5}`], macAddresses: [] }),
      )
      expect(res.statusCode, res.body).toBe(201)
      ids.push(res.json().id)
    }
    await new FindingRepository(storage.db).upsertFindings(
      'scan',
      null,
      ids.map((deviceId, i) => ({
        draft: buildFindingDraft({ address: `10.0.0.${i + 5}`, port: 23 }),
        deviceId,
        siteId: 'default',
      })),
    )
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('lists the scan’s Telnet findings as one action for every role to read', async () => {
    const list = await get<ActionList>('/api/actions')
    expect(list.total).toBe(1)
    telnet = list.items[0]!
    expect(telnet).toMatchObject({
      kind: 'scan:telnet-cleartext',
      titleJa: 'Telnet を停止する（または隔離区画へ移す）— 3 台',
      titleEn: 'Turn off Telnet (or move into an isolated segment) — 3 devices',
      deviceCount: 3,
      status: 'open',
      overdue: false,
    })
    const detail = await get<ActionDetail>(`/api/actions/${telnet.id}`)
    expect(detail.devices.map((d) => [d.assetTag, d.location, d.where])).toEqual([
      ['MON-01', 'ICU 3F', ['10.0.0.5:23']],
      ['MON-02', 'ICU 3F', ['10.0.0.6:23']],
      ['MON-03', 'ICU 3F', ['10.0.0.7:23']],
    ])
    expect((await app.inject({ url: '/api/actions/nope', headers: viewer.headers })).statusCode).toBe(404)
  })

  it('lets an engineer, not a viewer, change the owner and due date; a stale version answers 409', async () => {
    const refused = await send(viewer, 'PATCH', `/api/actions/${telnet.id}`, { owner: 'x', version: telnet.version })
    expect(refused.statusCode).toBe(403)
    const ok = await send(engineer, 'PATCH', `/api/actions/${telnet.id}`, {
      owner: '臨床工学技士 山田',
      dueOn: '2027-01-31',
      status: 'in_progress',
      version: telnet.version,
    })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ owner: '臨床工学技士 山田', dueOn: '2027-01-31', status: 'in_progress' })
    const stale = await send(engineer, 'PATCH', `/api/actions/${telnet.id}`, { owner: 'y', version: telnet.version })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().error.code).toBe('ACTION_VERSION_CONFLICT')
    expect(stale.json().error.messageJa).toMatch(/読み込み直して/)
    telnet = ok.json()
  })

  it('answers 400 naming the field for a date that does not exist, in Japanese and English', async () => {
    const bad = await send(engineer, 'PATCH', `/api/actions/${telnet.id}`, {
      dueOn: '2027-02-30',
      version: telnet.version,
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({
      code: 'ACTION_INVALID',
      message: expect.stringContaining('dueOn "2027-02-30" is not a real date'),
      messageJa: expect.stringContaining('実在しない日付'),
      details: [expect.objectContaining({ where: 'dueOn' })],
    })
    const shape = await send(engineer, 'PATCH', `/api/actions/${telnet.id}`, {
      dueOn: 'tomorrow',
      version: telnet.version,
    })
    expect(shape.statusCode).toBe(400)
    const past = await send(engineer, 'POST', `/api/actions/${telnet.id}/accept`, {
      reason: 'r',
      approver: 'a',
      expiresOn: '2000-01-01',
    })
    expect(past.statusCode).toBe(400)
    expect(past.json().error.details[0].where).toBe('expiresOn')
    expect(past.json().error.messageJa).toContain('過去の日付')
  })

  it('accepts a risk with reason, approver and expiry; the findings follow; withdrawing reopens', async () => {
    const refused = await send(viewer, 'POST', `/api/actions/${telnet.id}/accept`, {
      reason: 'r',
      approver: 'a',
      expiresOn: '2099-01-01',
    })
    expect(refused.statusCode).toBe(403)
    const res = await send(engineer, 'POST', `/api/actions/${telnet.id}/accept`, {
      reason: '製造業者の更新（2027 年 3 月）まで専用 VLAN で運用',
      approver: '医療安全管理委員長',
      expiresOn: '2099-03-31',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({
      status: 'accepted',
      acceptance: { approver: '医療安全管理委員長', acceptedBy: 'engineer' },
    })
    const findings = await get<{ items: { status: string; statusReason: string }[] }>('/api/findings?limit=50')
    expect(findings.items.map((f) => f.status)).toEqual(['accepted', 'accepted', 'accepted'])
    expect(findings.items[0]!.statusReason).toBe('製造業者の更新（2027 年 3 月）まで専用 VLAN で運用')
    const list = await get<ActionList>('/api/actions?status=accepted')
    expect(list.counts).toEqual({ open: 0, overdue: 0, accepted: 1 })
    const back = await send(engineer, 'DELETE', `/api/actions/${telnet.id}/accept`)
    expect(back.statusCode).toBe(200)
    expect(back.json()).toMatchObject({ status: 'open', acceptance: null })
  })

  it('lets only an admin change the SLA', async () => {
    expect((await get<{ critical: number }>('/api/actions/sla')).critical).toBe(14)
    const sla = { critical: 7, high: 20, medium: 60, low: 120, info: 365, knownExploited: 3 }
    expect((await send(engineer, 'PUT', '/api/actions/sla', sla)).statusCode).toBe(403)
    const bad = await send(admin, 'PUT', '/api/actions/sla', { ...sla, high: 0 })
    expect(bad.statusCode).toBe(400)
    const ok = await send(admin, 'PUT', '/api/actions/sla', sla)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(await get('/api/actions/sla')).toEqual(sla)
  })

  it('lets an engineer regroup now, not a viewer', async () => {
    expect((await send(viewer, 'POST', '/api/actions/sync')).statusCode).toBe(403)
    const res = await send(engineer, 'POST', '/api/actions/sync')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ created: 0, open: 1 })
  })

  it('keeps every change in the audit log with who made it', async () => {
    const audit = await get<{ items: { action: string; actor: string }[] }>(
      `/api/audit?targetId=${telnet.id}&limit=50`,
      admin,
    )
    const actions = audit.items.map((e) => `${e.action}:${e.actor}`)
    expect(actions).toEqual(
      expect.arrayContaining(['action.update:engineer', 'action.accept:engineer', 'action.accept.withdraw:engineer']),
    )
    // Created by whichever sync came first: the refresh after the ledger edits, or the first read.
    expect(actions.filter((a) => a.startsWith('action.create:'))).toHaveLength(1)
    const all = await get<{ items: { action: string; actor: string }[] }>('/api/audit?action=action.sla', admin)
    expect(all.items.map((e) => e.actor)).toEqual(['admin'])
    const findings = await get<{ total: number }>('/api/audit?action=finding.update', admin)
    // Accepted (3) and back to open (3).
    expect(findings.total).toBe(6)
  })
})
