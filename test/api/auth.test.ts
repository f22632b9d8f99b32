import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Storage } from '../../src/storage/database.js'
import { buildTestApp, login } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

describe('accounts and security', () => {
  let storage: Storage
  let app: FastifyInstance
  beforeAll(async () => {
    storage = await DIALECTS[0]!.open()
    app = await buildTestApp(storage)
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('sets an HttpOnly SameSite=Strict session cookie and security headers', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'correct-horse-42' },
    })
    expect(res.statusCode).toBe(200)
    const c = res.cookies.find((x) => x.name === 'mamori_session')!
    expect(c.httpOnly).toBe(true)
    expect(c.sameSite).toBe('Strict')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['x-frame-options']).toBeDefined()
  })

  it('logs failed and successful logins in the audit log', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'viewer', password: 'wrong-password-1' },
    })
    expect(bad.statusCode).toBe(401)
    expect(bad.json().error.code).toBe('AUTH_INVALID')
    const admin = await login(app, 'admin')
    const audit = (await app.inject({ url: '/api/audit?action=auth.login', headers: admin.headers })).json()
    const actions = audit.items.map((e: { action: string; actor: string }) => `${e.action}:${e.actor}`)
    expect(actions).toContain('auth.login.failed:viewer')
    expect(actions).toContain('auth.login:admin')
  })

  it('logout ends the session', async () => {
    const s = await login(app, 'viewer')
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers })).statusCode).toBe(204)
    expect((await app.inject({ url: '/api/auth/session', headers: s.headers })).statusCode).toBe(401)
  })

  it('lets admins manage users, enforces the password policy, and ends sessions of disabled users', async () => {
    const admin = await login(app, 'admin')
    const weak = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'nurse', displayName: '看護師', role: 'viewer', password: 'short' },
    })
    expect(weak.statusCode).toBe(400)
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'ce1', displayName: '臨床工学 太郎', role: 'engineer', password: 'Rinsho-Kogaku-2026' },
    })
    expect(created.statusCode).toBe(201)
    const ce = await login(app, 'ce1', 'Rinsho-Kogaku-2026')
    const engineerCannot = await app.inject({ url: '/api/users', headers: ce.headers })
    expect(engineerCannot.statusCode).toBe(403)
    const disable = await app.inject({
      method: 'PATCH',
      url: `/api/users/${created.json().id}`,
      headers: admin.headers,
      payload: { disabled: true },
    })
    expect(disable.json().disabled).toBe(true)
    expect((await app.inject({ url: '/api/devices', headers: ce.headers })).statusCode).toBe(401)
    const self = (await app.inject({ url: '/api/auth/session', headers: admin.headers })).json().user
    const lockout = await app.inject({
      method: 'PATCH',
      url: `/api/users/${self.id}`,
      headers: admin.headers,
      payload: { role: 'viewer' },
    })
    expect(lockout.json().error.code).toBe('USER_SELF_LOCKOUT')
  })

  it('publishes the OpenAPI document', async () => {
    const res = await app.inject('/api/docs/json')
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths)).toContain('/api/devices')
  })

  it('answers unknown API routes with the JSON error shape', async () => {
    const admin = await login(app, 'admin')
    const res = await app.inject({ url: '/api/nope', headers: admin.headers })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('NOT_FOUND')
  })

  it('rate-limits login attempts', async () => {
    const codes: number[] = []
    for (let i = 0; i < 12; i++) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'x', password: 'y' },
        remoteAddress: '127.0.0.9',
      })
      codes.push(r.statusCode)
    }
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(10)
    expect(codes.at(-1)).toBe(429)
  })
})
