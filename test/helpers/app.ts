import type { FastifyInstance } from 'fastify'
import type { Role } from '../../api/common.js'
import { loadConfig } from '../../src/config.js'
import { buildApp } from '../../src/server/app.js'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { userService } from './services.js'

export const TEST_PASSWORD = 'correct-horse-42'

/** An app over the given storage (no port opened) with one user per role. */
export async function buildTestApp(storage: Storage): Promise<FastifyInstance> {
  const users = userService(storage)
  for (const role of ['admin', 'engineer', 'viewer'] as Role[]) {
    await users.create({ username: role, displayName: role, role, password: TEST_PASSWORD }, SYSTEM_ACTOR)
  }
  return buildApp({ storage, config: loadConfig({ dataDir: '/nonexistent', maxUploadBytes: 1024 * 1024 }, {}) })
}

export interface Session {
  cookie: string
  csrf: string
  headers: { cookie: string; 'x-csrf-token': string }
}

/** Logs in through the real route and returns the cookie + CSRF header to send. */
export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`)
  const setCookie = res.cookies.find((c) => c.name === 'mamori_session')!
  const cookie = `mamori_session=${setCookie.value}`
  const csrf = res.json().csrfToken as string
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } }
}
