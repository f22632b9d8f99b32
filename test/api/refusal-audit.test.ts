import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REFUSALS_PER_IP_PER_MINUTE, RefusalRecorder } from '../../src/server/plugins/refusal-audit.js'
import type { Storage } from '../../src/storage/database.js'
import { buildTestApp, login } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

interface Row {
  action: string
  actorName: string | null
  actorId: string | null
  ip: string | null
  targetId: string | null
  after: string | null
}

async function rows(
  storage: Storage,
  action: string,
  ip?: string,
): Promise<(Row & { data: Record<string, unknown> })[]> {
  let q = storage.db.selectFrom('auditLog').selectAll().where('action', '=', action)
  if (ip) q = q.where('ip', '=', ip)
  const found = (await q.orderBy('id').execute()) as unknown as Row[]
  return found.map((r) => ({ ...r, data: r.after ? JSON.parse(r.after) : {} }))
}

describe.each(DIALECTS)('refusals and exports in the audit log on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('records an unauthenticated read as auth.refused by anonymous, with route, method, address and reason', async () => {
    const res = await app.inject({ url: '/api/devices?limit=1', remoteAddress: '10.1.0.1' })
    expect(res.statusCode).toBe(401)
    const [r, ...more] = await rows(storage, 'auth.refused', '10.1.0.1')
    expect(more).toEqual([])
    expect(r).toMatchObject({ actorName: 'anonymous', actorId: null, targetId: 'GET /api/devices' })
    expect(r!.data).toMatchObject({ status: 401, reason: 'AUTH_REQUIRED', method: 'GET', route: '/api/devices' })
  })

  it('records an unknown API token, a missing role and a missing CSRF token with the reason', async () => {
    const bad = await app.inject({
      url: '/api/devices',
      remoteAddress: '10.1.0.2',
      headers: { authorization: 'Bearer not-a-token' },
    })
    expect(bad.statusCode).toBe(401)
    const viewer = await login(app, 'viewer')
    const denied = await app.inject({
      method: 'POST',
      url: '/api/devices',
      remoteAddress: '10.1.0.2',
      headers: viewer.headers,
      payload: { assetTag: 'X-1' },
    })
    expect(denied.statusCode).toBe(403)
    const eng = await login(app, 'engineer')
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/devices',
      remoteAddress: '10.1.0.2',
      headers: { cookie: eng.cookie },
      payload: { assetTag: 'X-2' },
    })
    expect(noCsrf.statusCode).toBe(403)
    const got = await rows(storage, 'auth.refused', '10.1.0.2')
    expect(got.map((r) => [r.actorName, r.data.status, r.data.reason, r.data.method])).toEqual([
      ['anonymous', 401, 'AUTH_INVALID_TOKEN', 'GET'],
      ['viewer', 403, 'FORBIDDEN', 'POST'],
      ['engineer', 403, 'CSRF_INVALID', 'POST'],
    ])
  })

  it('records the login rate limit as auth.rate_limited', async () => {
    let limited = 0
    for (let i = 0; i < 12; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.1.0.3',
        payload: { username: 'admin', password: 'wrong-password-x' },
      })
      if (res.statusCode === 429) limited++
    }
    expect(limited).toBeGreaterThan(0)
    const got = await rows(storage, 'auth.rate_limited', '10.1.0.3')
    expect(got).toHaveLength(limited)
    expect(got[0]).toMatchObject({ actorName: 'anonymous', targetId: 'POST /api/auth/login' })
    expect(got[0]!.data).toMatchObject({ status: 429, reason: 'RATE_LIMITED' })
  })

  it('a flood of refusals from one address writes a bounded number of rows and one summary', async () => {
    const flood = REFUSALS_PER_IP_PER_MINUTE + 15
    for (let i = 0; i < flood; i++) {
      const res = await app.inject({ url: `/api/users?i=${i}`, remoteAddress: '10.1.0.4' })
      expect(res.statusCode).toBe(401)
    }
    expect(await rows(storage, 'auth.refused', '10.1.0.4')).toHaveLength(REFUSALS_PER_IP_PER_MINUTE)
    expect(await rows(storage, 'auth.refused.summary', '10.1.0.4')).toHaveLength(0)
    await app.refusals.flush(Date.now(), true) // what shutdown (or the end of the minute) does
    const [summary, ...more] = await rows(storage, 'auth.refused.summary', '10.1.0.4')
    expect(more).toEqual([])
    expect(summary!.data).toMatchObject({ notRecordedSeparately: 15, reasons: { '401 AUTH_REQUIRED': 15 } })
  })

  it('records device and audit exports with who, format and count', async () => {
    const eng = await login(app, 'engineer')
    expect((await app.inject({ url: '/api/devices/export?format=xlsx', headers: eng.headers })).statusCode).toBe(200)
    const admin = await login(app, 'admin')
    expect((await app.inject({ url: '/api/audit/export', headers: admin.headers })).statusCode).toBe(200)
    const dev = await rows(storage, 'export.devices')
    expect(dev.at(-1)).toMatchObject({ actorName: 'engineer' })
    expect(dev.at(-1)!.data).toMatchObject({ format: 'xlsx', lang: 'ja', devices: 0 })
    const aud = await rows(storage, 'export.audit')
    expect(aud.at(-1)).toMatchObject({ actorName: 'admin' })
    expect(aud.at(-1)!.data).toMatchObject({ format: 'csv' })
  })

  it("the recorder starts a new minute per address and writes the previous minute's summary then", async () => {
    let t = Date.parse('2026-01-01T00:00:00Z')
    const rec = new RefusalRecorder(storage.db, () => t)
    const refusal = {
      action: 'auth.refused' as const,
      actor: { id: null, name: 'anonymous', ip: '10.2.0.1' },
      status: 401,
      code: 'AUTH_REQUIRED',
      method: 'GET',
      route: '/api/devices',
      url: '/api/devices',
    }
    for (let i = 0; i < REFUSALS_PER_IP_PER_MINUTE + 3; i++) await rec.record(refusal)
    t += 61_000
    await rec.record(refusal)
    expect(await rows(storage, 'auth.refused', '10.2.0.1')).toHaveLength(REFUSALS_PER_IP_PER_MINUTE + 1)
    const [summary] = await rows(storage, 'auth.refused.summary', '10.2.0.1')
    expect(summary!.data).toMatchObject({
      from: '2026-01-01T00:00:00.000Z',
      until: '2026-01-01T00:01:00.000Z',
      notRecordedSeparately: 3,
    })
  })
})
