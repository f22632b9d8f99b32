import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Storage } from '../../src/storage/database.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

describe.each(DIALECTS)('approving huge scopes needs confirmation on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })
  const approve = (target: string, confirmLarge?: boolean) =>
    app.inject({
      method: 'POST',
      url: '/api/scopes',
      headers: admin.headers,
      payload: confirmLarge === undefined ? { target } : { target, confirmLarge },
    })
  const approved = async () =>
    (await app.inject({ url: '/api/scopes', headers: admin.headers })).json().map((s: { target: string }) => s.target)

  it.each([
    ['0.0.0.0/0', 'every IPv4 address', '4,294,967,296'],
    ['::/0', 'every IPv6 address', '340,282,366,920,938,463,463,374,607,431,768,211,456'],
    ['2001:db8::/64', '', '18,446,744,073,709,551,616'],
    ['fd00::/112', '', '65,536'],
    ['10.0.0.0/8', '', '16,777,216'],
    ['10.1.0.0/21', '', '2,048'],
  ])('%s is refused without confirmation, with the address count', async (target, whole, count) => {
    const res = await approve(target)
    expect(res.statusCode).toBe(400)
    const err = res.json().error
    expect(err.code).toBe('SCOPE_NEEDS_CONFIRMATION')
    expect(err.message).toContain(count)
    if (whole) expect(err.message).toContain(whole)
    expect(`${err.message} ${err.messageJa ?? ''}`).toMatch(/確認/)
    expect(await approved()).not.toContain(target)
    const ok = await approve(target, true)
    expect(ok.statusCode, ok.body).toBe(201)
    expect(await approved()).toContain(target)
  })

  it('a scope of up to 1,024 addresses needs no confirmation', async () => {
    expect((await approve('10.2.0.0/22')).statusCode).toBe(201)
    expect((await approve('fd01::/118')).statusCode).toBe(201)
  })

  it('a scan of all of IPv6 inside an approved ::/0 still needs its own confirmation and stays under the hard cap', async () => {
    const eng = await login(app, 'engineer')
    const res = await app.inject({
      method: 'POST',
      url: '/api/scans',
      headers: eng.headers,
      payload: { targets: ['::/0'] },
    })
    expect(res.statusCode).toBe(400)
    expect(['SCAN_CONFIRMATION_REQUIRED', 'SCAN_TOO_LARGE']).toContain(res.json().error.code)
    const confirmed = await app.inject({
      method: 'POST',
      url: '/api/scans',
      headers: eng.headers,
      payload: { targets: ['::/0'], confirmLarge: true },
    })
    expect(confirmed.statusCode).toBe(400)
    expect(confirmed.json().error.code).toBe('SCAN_TOO_LARGE')
  })
})
