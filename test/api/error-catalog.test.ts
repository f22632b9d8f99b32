import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ErrorCode, isErrorCode } from '../../src/core/messages/error-codes.js'
import { type MessageParams, translate } from '../../src/core/messages/translate.js'
import type { Storage } from '../../src/storage/database.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

interface ApiError {
  code: string
  message: string
  messageJa?: string
  params?: MessageParams
  details?: { where: string; message: string }[]
}

/**
 * The answer is a catalog error: its code is listed, it carries the params, and its English and Japanese texts are
 * exactly the catalog's `errors.<CODE>` rendered with those params (what the web renders from the same key).
 */
function expectCatalogError(err: ApiError, code: ErrorCode): MessageParams {
  expect(err.code).toBe(code)
  expect(isErrorCode(err.code)).toBe(true)
  expect(err.params, JSON.stringify(err)).toBeDefined()
  const params = err.params ?? {}
  expect(err.message).toBe(translate('en', `errors.${code}`, params))
  expect(err.messageJa).toBe(translate('ja', `errors.${code}`, params))
  expect(`${err.message} ${err.messageJa}`).not.toContain('{{')
  return params
}

describe.each(DIALECTS)('errors answer from the catalog in both languages, with params, on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let viewer: Session
  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
    viewer = await login(app, 'viewer')
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('SCOPE_EXISTS names the scope', async () => {
    const approve = () =>
      app.inject({ method: 'POST', url: '/api/scopes', headers: admin.headers, payload: { target: '10.9.0.0/24' } })
    expect((await approve()).statusCode).toBe(201)
    const again = await approve()
    expect(again.statusCode).toBe(409)
    const params = expectCatalogError(again.json().error, 'SCOPE_EXISTS')
    expect(params).toEqual({ target: '10.9.0.0/24' })
    expect(again.json().error.messageJa).toBe('スコープ 10.9.0.0/24 はすでに承認されています。')
  })

  it('FORBIDDEN for a viewer names the role needed, in each language', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/scopes',
      headers: viewer.headers,
      payload: { target: '10.8.0.0/24' },
    })
    expect(res.statusCode).toBe(403)
    const params = expectCatalogError(res.json().error, 'FORBIDDEN')
    expect(params.role).toEqual({ en: 'admin', ja: '管理者（admin）' })
    expect(res.json().error.message).toBe('This needs the admin role.')
    expect(res.json().error.messageJa).toBe('この操作には「管理者（admin）」の権限が必要です。')
  })

  it('NOT_FOUND for an unknown route names the method and path', async () => {
    for (const headers of [admin.headers, {}]) {
      const res = await app.inject({ method: 'GET', url: '/api/no-such-thing?x=1', headers })
      expect(res.statusCode).toBe(404)
      const params = expectCatalogError(res.json().error, 'NOT_FOUND')
      expect(params.id).toBe('GET /api/no-such-thing')
      expect(res.json().error.message).toBe('Path "GET /api/no-such-thing" was not found.')
    }
  })

  it('VALIDATION_FAILED lists the bad field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/scopes', headers: admin.headers, payload: {} })
    expect(res.statusCode).toBe(400)
    expectCatalogError(res.json().error, 'VALIDATION_FAILED')
    expect(res.json().error.details[0].where).toContain('target')
  })

  it('AUTH_INVALID and AUTH_REQUIRED carry the catalog texts the web shows', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'not-the-password' },
    })
    expect(bad.statusCode).toBe(401)
    expectCatalogError(bad.json().error, 'AUTH_INVALID')
    expect(bad.json().error.messageJa).toBe('ユーザー名またはパスワードが正しくありません。')
    const anon = await app.inject({ url: '/api/auth/session' })
    expect(anon.statusCode).toBe(401)
    expectCatalogError(anon.json().error, 'AUTH_REQUIRED')
  })

  it('USERNAME_TAKEN says when only upper and lower case differ', async () => {
    const create = (username: string) =>
      app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { username, displayName: 'x', role: 'viewer', password: 'Kango-Byoto-7F-Monitor' },
      })
    const same = await create('viewer')
    expect(same.statusCode).toBe(409)
    expectCatalogError(same.json().error, 'USERNAME_TAKEN')
    expect(same.json().error.message).toBe('The user name "viewer" is already taken.')
    const cased = await create('VIEWER')
    expect(cased.statusCode).toBe(409)
    expectCatalogError(cased.json().error, 'USERNAME_TAKEN')
    expect(cased.json().error.message).toContain('already taken as "viewer" (user names do not differ')
  })

  it('USER_SELF_LOCKOUT and IMPORT_NO_FILE come from the catalog', async () => {
    const me = (await app.inject({ url: '/api/auth/session', headers: admin.headers })).json().user.id
    const lockout = await app.inject({
      method: 'PATCH',
      url: `/api/users/${me}`,
      headers: admin.headers,
      payload: { disabled: true },
    })
    expect(lockout.statusCode).toBe(400)
    expectCatalogError(lockout.json().error, 'USER_SELF_LOCKOUT')
    const noFile = await app.inject({ method: 'POST', url: '/api/imports', headers: admin.headers, payload: {} })
    expect(noFile.statusCode).toBe(400)
    expectCatalogError(noFile.json().error, 'IMPORT_NO_FILE')
  })
})
