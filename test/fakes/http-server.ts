/**
 * Fake embedded web servers: a device page with a login form (or a plain page), a Basic-auth /admin, and
 * HTTPS variants that accept chosen TLS versions (TLS 1.0 needs OpenSSL's security level 0 on the server).
 */
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import type { TestCertificate } from './certificates.js'

export interface FakeHttpOptions {
  login: boolean
  /** Redirect / to https:// instead of serving it. */
  redirectToHttps?: boolean
  tls?: { cert: TestCertificate; minVersion: 'TLSv1' | 'TLSv1.2'; maxVersion: 'TLSv1.2' | 'TLSv1.3' }
}

export interface FakeHttp {
  port: number
  requests: string[]
  close(): Promise<void>
}

const LOGIN_PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><title>Monitor Gateway ログイン</title></head>' +
  '<body><form method="post"><input name="user"><input type="password" name="pw"></form></body></html>'
const PLAIN_PAGE = '<html><head><title>Status &amp; Info</title></head><body>ok</body></html>'

export async function startFakeHttp(opts: FakeHttpOptions): Promise<FakeHttp> {
  const requests: string[] = []
  const handler: http.RequestListener = (req, res) => {
    requests.push(`${req.method} ${req.url} host=${req.headers.host}`)
    res.setHeader('Server', 'FakeDevice-httpd/2.1')
    if (req.url === '/') {
      if (opts.redirectToHttps) {
        res.writeHead(302, { Location: 'https://device.example/' })
        res.end()
        return
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(opts.login ? LOGIN_PAGE : PLAIN_PAGE)
    } else if (req.url === '/admin') {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="device admin"' })
      res.end('unauthorised')
    } else {
      res.writeHead(404)
      res.end('not found')
    }
  }
  const server = opts.tls
    ? https.createServer(
        {
          key: opts.tls.cert.key,
          cert: opts.tls.cert.cert,
          minVersion: opts.tls.minVersion,
          maxVersion: opts.tls.maxVersion,
          ciphers: 'DEFAULT@SECLEVEL=0',
        },
        handler,
      )
    : http.createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
