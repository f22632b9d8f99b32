/**
 * Authentication must not depend on how the request target is spelled. These requests are written byte for byte on
 * a raw socket to a real server on 127.0.0.1, as an attacker's curl --path-as-is would send them: a client library
 * would normalise them first and prove nothing.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.js'

interface RawResponse {
  status: number
  body: string
}

/** Sends one HTTP/1.1 request with `target` exactly as given and reads the whole answer. */
function rawRequest(
  server: TestServer,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body = '',
) {
  const { hostname, port } = new URL(server.url)
  return new Promise<RawResponse>((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) })
    const chunks: Buffer[] = []
    socket.setTimeout(10_000, () => socket.destroy(new Error(`timeout on ${target}`)))
    socket.on('data', (c) => chunks.push(c))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0)
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) })
    })
    const lines = [`${method} ${target} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close']
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`)
    // write, not end: a half-closed client makes Node drop slower (streamed) answers; the server closes instead.
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`)
  })
}

/** Protected reads, each with a string its answer would contain if it leaked. */
const PROTECTED: { path: string; leak: RegExp }[] = [
  { path: '/api/users', leak: /"username"/ },
  { path: '/api/devices', leak: /"assetTag"|"items"/ },
  { path: '/api/devices/export', leak: /資産番号|管理番号|asset/i },
  { path: '/api/devices/facets', leak: /"kind"|"items"/ },
  { path: '/api/dashboard', leak: /"total"|"devices"/ },
  { path: '/api/audit', leak: /"action"/ },
  { path: '/api/audit/export', leak: /action/ },
  { path: '/api/scans', leak: /"items"|\[/ },
  { path: '/api/findings', leak: /"items"|\[/ },
  { path: '/api/scopes', leak: /"items"|\[/ },
  { path: '/api/tokens', leak: /"items"|\[/ },
  { path: '/api/reconciliation', leak: /"hosts"|"items"|\[/ },
]

/** Every way of writing `/api/<rest>` that a lax router or a raw-URL check might treat differently. */
function spellings(path: string, origin: string): string[] {
  const rest = path.slice('/api/'.length)
  const [first, ...others] = rest.split('/')
  const tail = others.length ? `/${others.join('/')}` : ''
  const encodedFirst = `%${first!.charCodeAt(0).toString(16)}${first!.slice(1)}`
  return [
    `/%61pi/${rest}`,
    `/%61%70%69/${rest}`,
    `/%41pi/${rest}`,
    `/api/${encodedFirst}${tail}`,
    `/api/${rest.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    `/%2561pi/${rest}`,
    `/API/${rest}`,
    `/Api/${rest}`,
    `/api/${rest.toUpperCase()}`,
    `/api/./${rest}`,
    `/./api/${rest}`,
    `/x/../api/${rest}`,
    `/api/x/../${rest}`,
    `/api/%2e/${rest}`,
    `/x/%2e%2e/api/${rest}`,
    `//api/${rest}`,
    `/api//${rest}`,
    `///api/${rest}`,
    `/api;x=1/${rest}`,
    `/api/${rest};x=1`,
    `/api/${rest};`,
    `/api/${rest}/`,
    `/api/${rest}%2f`,
    `/api%2f${rest}`,
    `/api/${rest}?`,
    `/api/${rest}#x`,
    `/api/${rest}%00`,
    `/api/${rest}%20`,
    `${origin}/api/${rest}`,
    `${origin}/%61pi/${rest}`,
    `${origin.toUpperCase()}/api/${rest}`,
    `http://evil.example/api/${rest}`,
  ]
}

describe('authentication whatever the spelling of the URL', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer({ demo: true })
  }, 120_000)
  afterAll(async () => server?.close())

  it('reads no protected data without a session, for any spelling of any protected route', async () => {
    const leaks: string[] = []
    for (const { path, leak } of PROTECTED) {
      // Sanity: the plain spelling is refused for the right reason, so the check below can tell a leak from a 404.
      const plain = await rawRequest(server, 'GET', path)
      expect(plain.status, path).toBe(401)
      for (const target of spellings(path, server.url)) {
        const r = await rawRequest(server, 'GET', target)
        // The single-page app's index.html (served for unknown non-API paths) holds no data.
        const spa = r.body.toLowerCase().startsWith('<!doctype html>')
        if (!spa && ((r.status >= 200 && r.status < 300) || leak.test(r.body)))
          leaks.push(`${target} → ${r.status} ${r.body.slice(0, 80)}`)
      }
    }
    expect(leaks).toEqual([])
  }, 120_000)

  it('still serves the public routes and the web UI', async () => {
    expect((await rawRequest(server, 'GET', '/api/health')).status).toBe(200)
    expect((await rawRequest(server, 'GET', '/%61pi/health')).status).toBe(200)
    const ui = await rawRequest(server, 'GET', '/')
    expect(ui.status).toBe(200)
    expect(ui.body.toLowerCase()).toContain('<!doctype html>')
    expect((await rawRequest(server, 'GET', '/devices')).status).toBe(200)
  })

  it('refuses a state change without a session for any spelling', async () => {
    for (const target of spellings('/api/devices', server.url)) {
      const r = await rawRequest(
        server,
        'POST',
        target,
        { 'content-type': 'application/json', 'content-length': '2' },
        '{}',
      )
      expect(r.status >= 400, `${target} → ${r.status}`).toBe(true)
      expect(r.status, target).not.toBe(201)
    }
  }, 60_000)
})
