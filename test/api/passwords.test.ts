import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Migrator } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { buildApp } from '../../src/server/app.js'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import { MIGRATIONS, migrate, type Storage } from '../../src/storage/database.js'
import { buildTestApp, type Session, TEST_PASSWORD } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'
import { userService } from '../helpers/services.js'

/** The whole error as one text: English and Japanese, wherever the server puts them (message, messageJa). */
const errorText = (body: { error: unknown }) => JSON.stringify(body.error)

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** Each login from its own loopback address: these tests log in far more than the 10 a minute one address may. */
let addresses = 0
const nextAddress = () => `127.1.${Math.floor(addresses / 250)}.${(addresses++ % 250) + 1}`

async function loginAs(app: FastifyInstance, username: string, password: string) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: nextAddress(),
  })
}

async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await loginAs(app, username, password)
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`)
  const cookie = `mamori_session=${res.cookies.find((c) => c.name === 'mamori_session')!.value}`
  const csrf = res.json().csrfToken as string
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } }
}

describe.each(DIALECTS)('password changes, weak passwords and user names on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let dataDir: string
  let counter = 0
  beforeAll(async () => {
    storage = await dialect.open()
    await buildTestApp(storage).then((a) => a.close()) // creates admin, engineer, viewer
    dataDir = mkdtempSync(join(tmpdir(), 'mamori-passwords-'))
    app = await buildApp({ storage, config: loadConfig({ dataDir }, {}) })
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  /** A fresh viewer with two browser sessions and one API token. */
  async function userWithAccess(password = 'Kango-Byoto-7F-Monitor') {
    const admin = await login(app, 'admin')
    const username = `nurse${++counter}`
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username, displayName: `看護師 ${counter}`, role: 'viewer', password },
    })
    expect(created.statusCode, created.body).toBe(201)
    const a = await login(app, username, password)
    const b = await login(app, username, password)
    const tok = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: a.headers,
      payload: { name: 'script' },
    })
    expect(tok.statusCode).toBe(201)
    return { id: created.json().id as string, username, password, a, b, token: tok.json().token as string, admin }
  }

  const sessionStatus = async (s: Session) =>
    (await app.inject({ url: '/api/auth/session', headers: { cookie: s.cookie } })).statusCode
  const tokenStatus = async (token: string) =>
    (await app.inject({ url: '/api/devices', headers: bearer(token) })).statusCode
  const loginStatus = async (username: string, password: string) => (await loginAs(app, username, password)).statusCode
  const auditFor = async (id: string) =>
    storage.db
      .selectFrom('auditLog')
      .select(['action', 'actorName', 'after'])
      .where('targetId', '=', id)
      .orderBy('id')
      .execute()

  it('an admin reset of another user ends its sessions and revokes its API tokens, audited', async () => {
    const u = await userWithAccess()
    const res = await app.inject({
      method: 'POST',
      url: `/api/users/${u.id}/password`,
      headers: u.admin.headers,
      payload: { password: 'Neue-Pumpe-Station-9' },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ sessionsEnded: 2, tokensRevoked: 1 })
    expect(await sessionStatus(u.a)).toBe(401)
    expect(await sessionStatus(u.b)).toBe(401)
    expect(await tokenStatus(u.token)).toBe(401)
    expect(await loginStatus(u.username, u.password)).toBe(401)
    expect(await loginStatus(u.username, 'Neue-Pumpe-Station-9')).toBe(200)
    const audit = await auditFor(u.id)
    expect(audit.at(-1)).toMatchObject({ action: 'user.password.reset', actorName: 'admin' })
    // Nothing secret in the audit log.
    expect(JSON.stringify(audit)).not.toMatch(/scrypt|Neue-Pumpe/)

    // Only admins, and not for themselves (that needs the current password, on the Account page).
    const engineer = await login(app, 'engineer')
    const notAdmin = await app.inject({
      method: 'POST',
      url: `/api/users/${u.id}/password`,
      headers: engineer.headers,
      payload: { password: 'Neue-Pumpe-Station-10' },
    })
    expect(notAdmin.statusCode).toBe(403)
    const me = (await app.inject({ url: '/api/auth/session', headers: u.admin.headers })).json().user
    for (const req of [
      { method: 'POST' as const, url: `/api/users/${me.id}/password`, payload: { password: 'Neue-Pumpe-Station-11' } },
      { method: 'PATCH' as const, url: `/api/users/${me.id}`, payload: { password: 'Neue-Pumpe-Station-11' } },
    ]) {
      const own = await app.inject({ ...req, headers: u.admin.headers })
      expect(own.statusCode).toBe(400)
      expect(own.json().error.code).toBe('USER_OWN_PASSWORD')
      expect(errorText(own.json())).toContain('アカウント')
    }
    // Without the CSRF header a session cannot reset anything.
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/api/users/${u.id}/password`,
      headers: { cookie: u.admin.cookie },
      payload: { password: 'Neue-Pumpe-Station-12' },
    })
    expect(noCsrf.statusCode).toBe(403)
  })

  it('a password set through PATCH /api/users/:id revokes the API tokens too (they used to survive)', async () => {
    const u = await userWithAccess()
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      headers: u.admin.headers,
      payload: { password: 'Neue-Pumpe-Station-9' },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(await sessionStatus(u.a)).toBe(401)
    expect(await tokenStatus(u.token)).toBe(401)
    expect((await auditFor(u.id)).at(-1)).toMatchObject({ action: 'user.update.password' })
  })

  it('self-service change: needs the current password, keeps the page signed in, ends everything else', async () => {
    const u = await userWithAccess()
    // Wrong current password: refused in both languages, audited, nothing changed.
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/account/password',
      headers: u.a.headers,
      payload: { currentPassword: 'not-my-password-1', newPassword: 'Shiny-Infusion-Pump-42' },
    })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().error.code).toBe('PASSWORD_CURRENT_WRONG')
    expect(errorText(wrong.json())).toContain('current password is wrong')
    expect(errorText(wrong.json())).toContain('現在のパスワードが違います')
    expect((await auditFor(u.id)).at(-1)).toMatchObject({
      action: 'user.password.change.failed',
      actorName: u.username,
    })
    expect(await sessionStatus(u.b)).toBe(200)
    expect(await tokenStatus(u.token)).toBe(200)

    // A state change: without the CSRF header it is refused.
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/account/password',
      headers: { cookie: u.a.cookie },
      payload: { currentPassword: u.password, newPassword: 'Shiny-Infusion-Pump-42' },
    })
    expect(noCsrf.statusCode).toBe(403)
    expect(await loginStatus(u.username, u.password)).toBe(200)

    const ok = await app.inject({
      method: 'POST',
      url: '/api/account/password',
      headers: u.a.headers,
      payload: { currentPassword: u.password, newPassword: 'Shiny-Infusion-Pump-42' },
    })
    expect(ok.statusCode, ok.body).toBe(200)
    // Every session (including the one the change was made from, renewed) and the token.
    expect(ok.json()).toMatchObject({ sessionsEnded: 3, tokensRevoked: 1 })
    const renewed = ok.cookies.find((c) => c.name === 'mamori_session')
    expect(renewed?.httpOnly).toBe(true)
    const csrf = ok.json().csrfToken as string
    expect(csrf).toBeTruthy()
    expect(csrf).not.toBe(u.a.csrf)
    const fresh = { cookie: `mamori_session=${renewed!.value}`, 'x-csrf-token': csrf }
    // The page stays signed in with the renewed session; the old cookie (and its copies) and everything else end.
    const session = await app.inject({ url: '/api/auth/session', headers: fresh })
    expect(session.statusCode).toBe(200)
    expect(session.json().csrfToken).toBe(csrf)
    expect(await sessionStatus(u.a)).toBe(401)
    expect(await sessionStatus(u.b)).toBe(401)
    expect(await tokenStatus(u.token)).toBe(401)
    const tokens = await app.inject({ url: '/api/tokens', headers: fresh })
    expect(tokens.json()).toEqual([expect.objectContaining({ name: 'script', revokedAt: expect.any(String) })])
    expect(await loginStatus(u.username, u.password)).toBe(401)
    expect(await loginStatus(u.username, 'Shiny-Infusion-Pump-42')).toBe(200)
    expect((await auditFor(u.id)).at(-1)).toMatchObject({ action: 'user.password.change', actorName: u.username })

    // The same password again is refused as unchanged.
    const same = await app.inject({
      method: 'POST',
      url: '/api/account/password',
      headers: fresh,
      payload: { currentPassword: 'Shiny-Infusion-Pump-42', newPassword: 'Shiny-Infusion-Pump-42' },
    })
    expect(same.json().error.code).toBe('PASSWORD_UNCHANGED')
  })

  it('self-service change with an API token revokes every token, that one included, and opens no session', async () => {
    const u = await userWithAccess()
    const res = await app.inject({
      method: 'POST',
      url: '/api/account/password',
      headers: bearer(u.token),
      payload: { currentPassword: u.password, newPassword: 'Shiny-Infusion-Pump-42' },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ sessionsEnded: 2, tokensRevoked: 1 })
    expect(res.cookies.find((c) => c.name === 'mamori_session')).toBeUndefined()
    expect(await tokenStatus(u.token)).toBe(401)
  })

  it('refuses common and guessable passwords and the user name, saying why in both languages', async () => {
    const u = await userWithAccess()
    const common = ['Password1234', 'password123!', 'P@ssw0rd2024', 'Qwerty123456!', 'abcdefgh1234']
    // The last one contains both the user name of the account created below and the one changing its password.
    for (const password of [...common, `${u.username}w-Ward-77`]) {
      const create = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: u.admin.headers,
        payload: { username: `${u.username}w`, displayName: 'x', role: 'viewer', password },
      })
      expect(create.statusCode, password).toBe(400)
      expect(create.json().error.code).toBe('PASSWORD_WEAK')
      const self = await app.inject({
        method: 'POST',
        url: '/api/account/password',
        headers: u.a.headers,
        payload: { currentPassword: u.password, newPassword: password },
        remoteAddress: '127.0.0.31', // apart from the other tests' attempts (10 a minute per address)
      })
      expect(self.json().error.code, password).toBe('PASSWORD_WEAK')
      const reset = await app.inject({
        method: 'POST',
        url: `/api/users/${u.id}/password`,
        headers: u.admin.headers,
        payload: { password },
      })
      expect(reset.json().error.code, password).toBe('PASSWORD_WEAK')
      // English and Japanese reasons.
      expect(errorText(reset.json())).toMatch(/[a-z]{4,}.*[\u3040-\u30ff\u4e00-\u9fff]/)
    }
    const named = await app.inject({
      method: 'POST',
      url: `/api/users/${u.id}/password`,
      headers: u.admin.headers,
      payload: { password: `${u.username.toUpperCase()}-Ward-77` },
    })
    expect(errorText(named.json())).toContain('must not contain the user name')
    expect(errorText(named.json())).toContain('ユーザー名を含めないでください')
    const leet = await app.inject({
      method: 'POST',
      url: `/api/users/${u.id}/password`,
      headers: u.admin.headers,
      payload: { password: 'P@ssw0rd2024' },
    })
    expect(errorText(leet.json())).toContain('commonly used password')
    expect(errorText(leet.json())).toContain('よく使われるパスワード')
    // Nothing was changed by any of them.
    expect(await sessionStatus(u.b)).toBe(200)
    expect(await loginStatus(u.username, u.password)).toBe(200)
  }, 60_000)

  it('user names are unique regardless of case, and login finds them regardless of case', async () => {
    const admin = await login(app, 'admin')
    const clash = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'Admin', displayName: 'Other', role: 'viewer', password: 'Kango-Byoto-7F-Monitor' },
    })
    expect(clash.statusCode).toBe(409)
    expect(clash.json().error.code).toBe('USERNAME_TAKEN')
    expect(clash.json().error.message).toContain('as "admin"')
    expect(errorText(clash.json())).toContain('大文字と小文字は区別しません')
    // The database refuses it too, whatever path writes the row.
    const row = await storage.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow()
    await expect(
      storage.db
        .insertInto('users')
        .values({ ...row, id: 'other', username: 'ADMIN' })
        .execute(),
    ).rejects.toThrow(/unique|UNIQUE/)

    const res = await loginAs(app, 'ADMIN', TEST_PASSWORD)
    expect(res.statusCode).toBe(200)
    expect(res.json().user.username).toBe('admin')
  })

  it('deletes the generated initial admin password file once that password is changed', async () => {
    const users = userService(storage)
    const first = await users.create(
      { username: 'first-admin', displayName: 'First', role: 'admin', password: 'Generated-First-Pass-1' },
      SYSTEM_ACTOR,
    )
    const file = join(dataDir, 'initial-admin-password.txt')
    writeFileSync(file, 'Generated-First-Pass-1\n', { mode: 0o600 })
    // Another user's change leaves the file alone.
    const other = await userWithAccess()
    const s = await login(app, other.username, other.password)
    await app.inject({
      method: 'POST',
      url: '/api/account/password',
      headers: s.headers,
      payload: { currentPassword: other.password, newPassword: 'Shiny-Infusion-Pump-42' },
      remoteAddress: '127.0.0.32',
    })
    expect(existsSync(file)).toBe(true)
    // The admin whose password it holds changes it: the file goes.
    const me = await login(app, 'first-admin', 'Generated-First-Pass-1')
    const res = await app.inject({
      method: 'POST',
      url: '/api/account/password',
      headers: me.headers,
      payload: { currentPassword: 'Generated-First-Pass-1', newPassword: 'Shiny-Infusion-Pump-42' },
      remoteAddress: '127.0.0.32',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(existsSync(file)).toBe(false)
    // Same through an admin reset by someone else.
    writeFileSync(file, 'Shiny-Infusion-Pump-42\n', { mode: 0o600 })
    const reset = await app.inject({
      method: 'POST',
      url: `/api/users/${first.id}/password`,
      headers: (await login(app, 'admin')).headers,
      payload: { password: 'Neue-Pumpe-Station-9' },
    })
    expect(reset.statusCode).toBe(200)
    expect(existsSync(file)).toBe(false)
  })

  it('migration 0006 stops with the clashing names when user names differ only in case, dropping nobody', async () => {
    const names = Object.keys(MIGRATIONS)
    const before = names[names.indexOf('0006-username-case') - 1]!
    const migrator = new Migrator({ db: storage.db, provider: { getMigrations: async () => MIGRATIONS } })
    const down = await migrator.migrateTo(before)
    expect(down.error).toBeUndefined()
    const row = await storage.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'viewer')
      .executeTakeFirstOrThrow()
    await storage.db
      .insertInto('users')
      .values({ ...row, id: 'viewer-upper', username: 'Viewer' })
      .execute()
    await expect(migrate(storage.db)).rejects.toThrow(
      /0006-username-case.*differ only in upper and lower case: "Viewer", "viewer"/,
    )
    expect(
      (await storage.db.selectFrom('users').select('username').where('username', 'in', ['Viewer', 'viewer']).execute())
        .length,
    ).toBe(2)
    // Once one is renamed, the migration goes through and the index holds.
    await storage.db.updateTable('users').set({ username: 'viewer-2' }).where('id', '=', 'viewer-upper').execute()
    // 0006 first, then the migrations added after it (0007 jobs, …) that the roll-back to 0005 undid.
    expect(await migrate(storage.db)).toEqual(names.slice(names.indexOf('0006-username-case')))
    await expect(
      storage.db
        .insertInto('users')
        .values({ ...row, id: 'viewer-upper-2', username: 'VIEWER' })
        .execute(),
    ).rejects.toThrow(/unique|UNIQUE/)
  })
})
