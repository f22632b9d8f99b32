import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

/**
 * The lab's infusion-pump management server: an administrator login page over plain HTTP (the planted
 * "http-admin-without-tls"). Every login attempt is refused; there is nothing behind the form.
 *
 * Routes: GET / and GET /login → the login form (200); POST /login → 401 "invalid user ID or password";
 * GET /admin → 302 to /login; anything else → 404.
 */
export interface HttpAdminOptions {
  title: string
  serverHeader: string
}

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

/** The login page HTML (a form with a password field, posted to /login). */
export function loginPage(title: string, message?: string): string {
  const t = escapeHtml(title)
  return `<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>${t}</title></head>
<body>
<h1>${t}</h1>
<p>輸液管理サーバ 管理者ログイン（Mamori トレーニングラボ）</p>
${message ? `<p class="error">${escapeHtml(message)}</p>\n` : ''}<form method="post" action="/login">
<label>User ID <input type="text" name="username" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<button type="submit">Login</button>
</form>
</body>
</html>
`
}

/** Creates (does not start) the admin page server. Call `.listen(port, host)` on the result. */
export function createHttpAdmin(opts: HttpAdminOptions): Server {
  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      Server: opts.serverHeader,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      ...headers,
    })
    res.end(body)
  }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]
    if (req.method === 'POST' && path === '/login') {
      // Read (and cap) the body so the connection stays usable, then refuse: the lab has no valid login.
      let size = 0
      req.on('data', (c: Buffer) => {
        size += c.length
        if (size > 16 * 1024) req.destroy()
      })
      req.on('end', () => send(res, 401, loginPage(opts.title, 'Invalid user ID or password.')))
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed\n', { Allow: 'GET' })
    if (path === '/' || path === '/login') return send(res, 200, loginPage(opts.title))
    if (path === '/admin' || path === '/admin/') return send(res, 302, '', { Location: '/login' })
    return send(res, 404, '<!DOCTYPE html><title>404 Not Found</title><h1>Not Found</h1>\n')
  })
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  return server
}
