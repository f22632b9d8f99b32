/**
 * The README's first start, as a new user runs it: `mamori start` on a data directory that does not exist yet,
 * on SQLite and on an empty PostgreSQL database, through to a first login over HTTP; then a lost password reset
 * from the console. Real binary, real server on 127.0.0.1, real databases.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openStorage } from '../../src/storage/database.js'
import { cliEnv, mamori } from '../helpers/cli.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'mamori.js')
const PG_URL = process.env.MAMORI_TEST_DATABASE_URL

interface Started {
  child: ChildProcessWithoutNullStreams
  url: string
  /** The "First login" line. */
  login: string
  stderr: string
}

/** Starts `mamori start` and waits for its "is running" banner (or its exit). */
function start(
  dataDir: string,
  env: Record<string, string>,
): Promise<Started | { exitCode: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'start', '--port', '0'], { env: cliEnv(env) })
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString()
      // Colours are off without a terminal; match the banner either way.
      const plain = stripVTControlCharacters(stderr)
      const url = /is running: (http:\/\/\S+)/.exec(plain)?.[1]
      const login = /First login[^\n]*/.exec(plain)?.[0]
      if (url && login) resolve({ child, url, login, stderr: plain })
    })
    child.once('exit', (exitCode) => resolve({ exitCode, stderr: stripVTControlCharacters(stderr) }))
  })
}

async function stop(s: Started): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r))
  s.child.kill('SIGINT')
  await exited
}

function running(r: Awaited<ReturnType<typeof start>>): Started {
  if (!('child' in r)) throw new Error(`mamori start exited ${r.exitCode}:\n${r.stderr}`)
  return r
}

async function loginStatus(
  url: string,
  username: string,
  password: string,
): Promise<{ status: number; cookie: string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  return { status: res.status, cookie }
}

async function sessionStatus(url: string, cookie: string): Promise<number> {
  return (await fetch(`${url}/api/auth/session`, { headers: { cookie } })).status
}

interface Db {
  name: string
  env: Record<string, string>
  drop(): Promise<void>
}

async function sqliteDb(): Promise<Db> {
  return { name: 'sqlite', env: {}, drop: async () => undefined }
}

/** An empty PostgreSQL database, as the README's reader creates one. */
async function postgresDb(): Promise<Db> {
  const name = `mamori_first_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(PG_URL!)
  url.pathname = `/${name}`
  return {
    name: 'postgres',
    env: { DATABASE_URL: url.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

const databases: (() => Promise<Db>)[] = PG_URL ? [sqliteDb, postgresDb] : [sqliteDb]
const root = mkdtempSync(join(tmpdir(), 'mamori-first-start-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe.each(databases.map((open) => [open.name.replace('Db', ''), open] as const))(
  'first start on %s',
  (_name, open) => {
    it('starts on the first try in a data directory that does not exist, prints a password that logs in, and a lost password is reset from the console', async () => {
      const db = await open()
      const dataDir = join(root, `${db.name}-${randomBytes(3).toString('hex')}`, 'not', 'yet')
      try {
        // 1. First start: the data directory is created (700), the password printed and kept in the 600 file.
        const first = running(await start(dataDir, db.env))
        const password = /password (\S+)/.exec(first.login)?.[1] ?? ''
        expect(first.login).toMatch(/user admin \/ password \S{16}/)
        expect(statSync(dataDir).mode & 0o777).toBe(0o700)
        const file = join(dataDir, 'initial-admin-password.txt')
        expect(statSync(file).mode & 0o777).toBe(0o600)
        expect(readFileSync(file, 'utf8').trim()).toBe(password)
        expect(first.stderr).toMatch(/Loaded the demo hospital/)
        const firstLogin = await loginStatus(first.url, 'admin', password)
        expect(firstLogin.status).toBe(200)
        expect(await sessionStatus(first.url, firstLogin.cookie)).toBe(200)

        // 2. While the server runs, the admin is locked out (lost the password): reset it from the console.
        const newPassword = 'Reset-From-Console-42'
        const reset = await mamori(dataDir, ['users', 'reset-password', 'admin', '--json'], {
          ...db.env,
          MAMORI_ADMIN_PASSWORD: newPassword,
        })
        expect(reset.code, reset.stderr).toBe(0)
        expect(JSON.parse(reset.stdout)).toMatchObject({ username: 'admin', sessionsEnded: 1, password: null })
        // The open session is over, the old password no longer works, the new one does.
        expect(await sessionStatus(first.url, firstLogin.cookie)).toBe(401)
        expect((await loginStatus(first.url, 'admin', password)).status).toBe(401)
        expect((await loginStatus(first.url, 'admin', newPassword)).status).toBe(200)
        await stop(first)

        // 3. The next start does not offer the stale generated password: it removes the file and names the way back.
        const second = running(await start(dataDir, db.env))
        expect(second.login).toContain('user admin with the password chosen at setup')
        expect(second.login).toContain('mamori users reset-password admin')
        expect(second.login).not.toContain(password)
        expect(existsSync(file)).toBe(false)
        expect(second.stderr).not.toMatch(/Loaded the demo hospital/)
        await stop(second)

        // 4. One admin, and the reset is in the audit log as the operating-system user who ran it.
        const list = await mamori(dataDir, ['users', 'list', '--json'], db.env)
        expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ username: 'admin', role: 'admin' })])
        const storage = openStorage({ dataDir, databaseUrl: db.env.DATABASE_URL })
        try {
          const audit = await storage.db
            .selectFrom('auditLog')
            .select(['action', 'actorName'])
            .where('action', '=', 'user.password.reset')
            .execute()
          expect(audit).toEqual([{ action: 'user.password.reset', actorName: expect.stringMatching(/^cli:/) }])
        } finally {
          await storage.close()
        }
      } finally {
        await db.drop()
      }
    }, 300_000)

    it('creates no admin when the password cannot be handed over, and starts cleanly once it can', async () => {
      const db = await open()
      const dataDir = join(root, `${db.name}-blocked-${randomBytes(3).toString('hex')}`)
      try {
        // A directory where the password file must go: writing the password fails after the admin row is inserted.
        mkdirSync(join(dataDir, 'initial-admin-password.txt'), { recursive: true })
        const failed = await start(dataDir, db.env)
        expect('exitCode' in failed && failed.exitCode).toBe(1)
        expect(failed.stderr).toMatch(/initial-admin-password\.txt/)
        expect(failed.stderr).not.toMatch(/at .*\.(ts|js):\d+/)
        const none = await mamori(dataDir, ['users', 'list', '--json'], db.env)
        expect(JSON.parse(none.stdout)).toEqual([])

        rmSync(join(dataDir, 'initial-admin-password.txt'), { recursive: true })
        const ok = running(await start(dataDir, db.env))
        const password = /password (\S+)/.exec(ok.login)?.[1] ?? ''
        expect((await loginStatus(ok.url, 'admin', password)).status).toBe(200)
        await stop(ok)
      } finally {
        await db.drop()
      }
    }, 300_000)
  },
)

describe('mamori users', () => {
  const dataDir = join(root, 'users')

  it('creates, lists and resets accounts, and refuses bad input with the right exit code', async () => {
    const init = await mamori(dataDir, ['init', '--json'], { MAMORI_ADMIN_PASSWORD: 'First-Kanri-Key-2026' })
    expect(init.code, init.stderr).toBe(0)

    const created = await mamori(dataDir, [
      'users',
      'create',
      'ce-tanaka',
      '--role',
      'engineer',
      '--display-name',
      '田中 臨床工学技士',
      '--generate-password',
      '--json',
    ])
    expect(created.code, created.stderr).toBe(0)
    const { user, password } = JSON.parse(created.stdout)
    expect(user).toMatchObject({ username: 'ce-tanaka', role: 'engineer', displayName: '田中 臨床工学技士' })
    expect(password).toMatch(/^\S{16}$/)

    const list = await mamori(dataDir, ['users', 'list'])
    expect(list.stdout).toMatch(/ce-tanaka\s+engineer\s+田中 臨床工学技士\s+active/)

    // Bad role: a usage error from the parser, before anything is touched.
    const badRole = await mamori(dataDir, ['users', 'create', 'x', '--role', 'root', '--generate-password'])
    expect(badRole.code).toBe(2)
    expect(badRole.stderr).toMatch(/admin, engineer, viewer/)
    // Taken name, weak password, unknown user, no password source without a terminal.
    const taken = await mamori(dataDir, ['users', 'create', 'ce-tanaka', '--role', 'viewer', '--generate-password'])
    expect(taken.code).toBe(3)
    expect(taken.stderr).toContain('already taken')
    const weak = await mamori(dataDir, ['users', 'reset-password', 'ce-tanaka'], { MAMORI_ADMIN_PASSWORD: 'short' })
    expect(weak.code).toBe(3)
    expect(weak.stderr).toContain('12')
    const unknown = await mamori(dataDir, ['users', 'reset-password', 'nobody', '--generate-password'])
    expect(unknown.code).toBe(4)
    const noSource = await mamori(dataDir, ['users', 'reset-password', 'ce-tanaka'])
    expect(noSource.code).toBe(3)
    expect(noSource.stderr).toContain('MAMORI_ADMIN_PASSWORD')
    for (const r of [taken, weak, unknown, noSource]) expect(r.stderr).not.toMatch(/at .*\.(ts|js):\d+/)

    const reset = await mamori(dataDir, ['users', 'reset-password', 'ce-tanaka', '--generate-password', '--json'])
    expect(reset.code).toBe(0)
    expect(JSON.parse(reset.stdout).password).not.toBe(password)
  }, 300_000)
})
