import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { httpInfo, isLoginPage, pageTitle, parseHttpResponse } from '../../src/probes/http-info.js'
import { analyzeCertificate, tlsInfo } from '../../src/probes/tls-info.js'
import { startBannerServer } from '../fakes/banner-server.js'
import { makeSelfSigned, type TestCertificate } from '../fakes/certificates.js'
import { type FakeHttp, startFakeHttp } from '../fakes/http-server.js'
import type { FakeServer } from '../fakes/tcp-server.js'
import { target } from './helpers.js'
import { loopbackContext } from './loopback-net.js'

let weak: TestCertificate
let strong: TestCertificate
beforeAll(() => {
  weak = makeSelfSigned('old-device', 1024)
  strong = makeSelfSigned('new-device', 2048)
})

let server: FakeHttp | FakeServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

describe('http-info', () => {
  it('finds a login form and a Basic-auth admin page over plain HTTP', async () => {
    const fake = await startFakeHttp({ login: true })
    server = fake
    const r = await httpInfo.run(target(fake.port, { service: 'http' }), loopbackContext())
    expect(r.kind).toBe('observed')
    if (r.kind !== 'observed') return
    expect(r.facts).toMatchObject({
      tls: false,
      status: 200,
      server: 'FakeDevice-httpd/2.1',
      title: 'Monitor Gateway ログイン',
      isLoginPage: true,
      redirectsToHttps: false,
    })
    expect(r.facts.adminPages).toEqual([
      { path: '/admin', status: 401, title: null, isLoginPage: true, basicAuthRealm: 'device admin', location: null },
    ])
    // GET only: the root and the handful of admin paths, each with a Host header.
    expect(fake.requests.map((q) => q.split(' ')[0])).toEqual(Array(6).fill('GET'))
    expect(fake.requests[0]).toBe(`GET / host=127.0.0.1:${fake.port}`)
  })

  it('notices a redirect to HTTPS', async () => {
    server = await startFakeHttp({ login: false, redirectToHttps: true })
    const r = await httpInfo.run(target(server.port), loopbackContext())
    expect(r).toMatchObject({ kind: 'observed', facts: { status: 302, redirectsToHttps: true, isLoginPage: false } })
  })

  it('speaks HTTPS on TLS ports', async () => {
    const fake = await startFakeHttp({
      login: true,
      tls: { cert: strong, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' },
    })
    server = fake
    const r = await httpInfo.run(target(fake.port, { service: 'https' }), loopbackContext())
    expect(r).toMatchObject({ kind: 'observed', facts: { tls: true, isLoginPage: true } })
  })

  it('is absent for a non-HTTP service', async () => {
    server = await startBannerServer('SSH-2.0-OpenSSH_9.2\r\n', true)
    expect((await httpInfo.run(target(server.port), loopbackContext())).kind).toBe('absent')
  })

  it('parses chunked bodies, Shift_JIS titles and entities', () => {
    const sjis = Buffer.from([0x83, 0x8d, 0x83, 0x4f, 0x83, 0x43, 0x83, 0x93]) // ログイン in Shift_JIS
    const body = Buffer.concat([Buffer.from('<title>'), sjis, Buffer.from('</title>')])
    const chunk = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')])
    const raw = Buffer.concat([
      Buffer.from(
        'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=Shift_JIS\r\nTransfer-Encoding: chunked\r\n\r\n',
      ),
      chunk,
    ])
    const r = parseHttpResponse(raw)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(pageTitle(r.value.body)).toBe('ログイン')
    expect(pageTitle('<TITLE> A &amp; B &#x41;\n</TITLE>')).toBe('A & B A')
    expect(isLoginPage('<input type=password>', null)).toBe(true)
    expect(isLoginPage('<p>hello</p>', 'Status')).toBe(false)
  })
})

describe('tls-info', () => {
  it('finds TLS 1.0/1.1 and a weak self-signed certificate', async () => {
    const fake = await startFakeHttp({ login: false, tls: { cert: weak, minVersion: 'TLSv1', maxVersion: 'TLSv1.2' } })
    server = fake
    const r = await tlsInfo.run(target(fake.port, { service: 'https' }), loopbackContext())
    expect(r.kind).toBe('observed')
    if (r.kind !== 'observed') return
    expect(r.facts.versions).toEqual({
      SSLv3: 'not-tested',
      TLSv1: 'offered',
      'TLSv1.1': 'offered',
      'TLSv1.2': 'offered',
      'TLSv1.3': 'refused',
    })
    expect(r.facts.certificate).toMatchObject({
      subject: 'CN=old-device',
      issuer: 'CN=old-device',
      selfSigned: true,
      expired: false,
      keyType: 'rsa',
      keyBits: 1024,
      weakKey: true,
    })
    expect(r.evidence).toContain('SSLv3: not tested')
  })

  it('modern server: only 1.2 and 1.3, 2048-bit key', async () => {
    server = await startFakeHttp({ login: false, tls: { cert: strong, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' } })
    const r = await tlsInfo.run(target(server.port, { service: 'https' }), loopbackContext())
    expect(r).toMatchObject({
      kind: 'observed',
      facts: {
        versions: { TLSv1: 'refused', 'TLSv1.1': 'refused', 'TLSv1.2': 'offered', 'TLSv1.3': 'offered' },
        certificate: { keyBits: 2048, weakKey: false },
      },
    })
  })

  it('is absent on a plain TCP service', async () => {
    server = await startFakeHttp({ login: false })
    expect((await tlsInfo.run(target(server.port), loopbackContext())).kind).toBe('absent')
  })

  it('judges expiry against the given clock', () => {
    const later = new Date(Date.now() + 30 * 86_400_000)
    const earlier = new Date(Date.now() - 30 * 86_400_000)
    expect(analyzeCertificate(strong.der, later)).toMatchObject({
      ok: true,
      value: { expired: true, notYetValid: false },
    })
    expect(analyzeCertificate(strong.der, earlier)).toMatchObject({
      ok: true,
      value: { expired: false, notYetValid: true },
    })
    expect(analyzeCertificate(Buffer.from('not a certificate'), new Date())).toMatchObject({ ok: false })
  })
})

describe('IPv6', () => {
  it('http-info speaks to ::1 with a bracketed Host header', async () => {
    const http = await import('node:http')
    const seen: string[] = []
    const v6 = http.createServer((req, res) => {
      seen.push(req.headers.host ?? '')
      res.end('<title>v6 device</title>')
    })
    await new Promise<void>((resolve) => v6.listen(0, '::1', resolve))
    const address = v6.address()
    const port = typeof address === 'object' && address !== null ? address.port : 0
    try {
      const r = await httpInfo.run(target(port, { address: '::1' }), loopbackContext())
      expect(r).toMatchObject({ kind: 'observed', facts: { title: 'v6 device', tls: false } })
      expect(seen[0]).toBe(`[::1]:${port}`)
    } finally {
      v6.closeAllConnections()
      await new Promise<void>((resolve) => v6.close(() => resolve()))
    }
  })
})
