import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpAdmin, loginPage } from './http-admin.js'

const OPTS = { title: 'Infusion Management Server - Administrator Login', serverHeader: 'InfusionManager/2.4 (lab)' }

describe('HTTP admin page', () => {
  let server: Server
  let base = ''
  beforeAll(async () => {
    server = createHttpAdmin(OPTS)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const addr = server.address()
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('serves a login form with a password field over plain HTTP', async () => {
    const res = await fetch(`${base}/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('server')).toBe(OPTS.serverHeader)
    const html = await res.text()
    expect(html).toContain(`<title>${OPTS.title}</title>`)
    expect(html).toMatch(/<input type="password" name="password"/)
    expect(html).toMatch(/<form method="post" action="\/login">/)
  })

  it('refuses every login', async () => {
    const res = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=admin&password=admin',
    })
    expect(res.status).toBe(401)
    expect(await res.text()).toContain('Invalid user ID or password.')
  })

  it('redirects /admin to the login page and 404s the rest', async () => {
    const admin = await fetch(`${base}/admin`, { redirect: 'manual' })
    expect(admin.status).toBe(302)
    expect(admin.headers.get('location')).toBe('/login')
    expect((await fetch(`${base}/nope`)).status).toBe(404)
    expect((await fetch(`${base}/`, { method: 'PUT' })).status).toBe(405)
  })

  it('escapes the title', () => {
    expect(loginPage('<script>"x"</script>')).toContain('&lt;script&gt;&quot;x&quot;&lt;/script&gt;')
  })
})
