import type { HttpInfoFacts, HttpPageFacts } from '../core/discovery/rules/facts.js'
import type { Probe, ProbeContext, ServiceTarget } from './probe.js'
import { connectFor, readUntilSafe } from './session.js'
import { TLS_PORTS } from './tls-info.js'
import { errorText, type Parsed, ParseError, parseSafely, toEvidence } from './wire.js'

const PORTS = [80, 443, 8080, 8443, 8000, 8008, 8081, 8888, 9443, 4443] as const
const HTTPS_SERVICES = new Set(['https', 'ssl/http', 'https-alt'])
const MAX_RESPONSE = 131_072

/**
 * Well-known default admin pages, a handful only: generic admin/login paths, the Apache Tomcat manager (shipped
 * inside many medical software stacks) and common embedded setup pages. GET only, never a form submission.
 */
export const ADMIN_PATHS = ['/admin', '/login', '/manager/html', '/setup', '/config'] as const

/** A parsed HTTP/1.x response: status, headers (lower-case names, first value wins) and the decoded body. */
export interface HttpResponse {
  status: number
  headers: Record<string, string>
  body: string
}

function decodeChunked(body: Buffer): Buffer {
  // RFC 9112 §7.1: size in hex, CRLF, data, CRLF … "0" CRLF. Stops quietly at the first malformed chunk.
  const parts: Buffer[] = []
  let at = 0
  for (let n = 0; n < 10_000 && at < body.length; n++) {
    const eol = body.indexOf('\r\n', at)
    if (eol < 0) break
    const size = Number.parseInt(body.subarray(at, eol).toString('latin1').split(';')[0]!.trim(), 16)
    if (!Number.isFinite(size) || size <= 0) break
    parts.push(body.subarray(eol + 2, Math.min(body.length, eol + 2 + size)))
    at = eol + 2 + size + 2
  }
  return Buffer.concat(parts)
}

function charsetOf(contentType: string | undefined, head: string): string {
  const m =
    /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '') ?? /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)
  return m?.[1]?.toLowerCase() ?? 'utf-8'
}

function decodeBody(bytes: Buffer, charset: string): string {
  // Japanese devices still serve Shift_JIS and EUC-JP pages; TextDecoder knows both (full ICU in Node.js).
  try {
    return new TextDecoder(charset).decode(bytes)
  } catch {
    return new TextDecoder('utf-8').decode(bytes)
  }
}

/** Parses an HTTP/1.x response (RFC 9112 §4, §5). Never throws. */
export function parseHttpResponse(bytes: Uint8Array): Parsed<HttpResponse> {
  return parseSafely(() => {
    const buf = Buffer.from(bytes.subarray(0, MAX_RESPONSE))
    const end = buf.indexOf('\r\n\r\n')
    const headEnd = end >= 0 ? end : buf.indexOf('\n\n')
    const head = buf.subarray(0, headEnd >= 0 ? headEnd : Math.min(buf.length, 8192)).toString('latin1')
    const lines = head.split(/\r?\n/)
    const m = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(lines[0] ?? '')
    if (!m) throw new ParseError(`not an HTTP status line: ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`)
    const headers: Record<string, string> = {}
    for (const line of lines.slice(1, 200)) {
      const colon = line.indexOf(':')
      if (colon <= 0) continue
      const name = line.slice(0, colon).trim().toLowerCase()
      if (!(name in headers))
        headers[name] = line
          .slice(colon + 1)
          .trim()
          .slice(0, 1024)
    }
    let raw: Buffer = headEnd >= 0 ? buf.subarray(headEnd + (end >= 0 ? 4 : 2)) : Buffer.alloc(0)
    if (/chunked/i.test(headers['transfer-encoding'] ?? '')) raw = decodeChunked(raw)
    const sniff = raw.subarray(0, 2048).toString('latin1')
    return { status: Number(m[1]), headers, body: decodeBody(raw, charsetOf(headers['content-type'], sniff)) }
  })
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/** The page title, entities decoded and whitespace collapsed, at most 200 characters. */
export function pageTitle(body: string): string | null {
  const m = /<title[^>]*>([\s\S]{0,2000}?)<\/title>/i.exec(body)
  if (!m) return null
  const text = m[1]!
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) => {
      if (e.startsWith('#x') || e.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(e.slice(2), 16) % 0x110000)
      if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)) % 0x110000)
      return ENTITIES[e.toLowerCase()] ?? all
    })
    .replace(/\s+/g, ' ')
    .trim()
  return text === '' ? null : text.slice(0, 200)
}

const LOGIN_WORDS = /log\s?-?in|sign\s?-?in|ログイン|サインイン|パスワード|password|admin|管理|administration|認証/i

/** A login or admin page: a password field, or a login/admin word in the title. */
export function isLoginPage(body: string, title: string | null): boolean {
  return /<input[^>]*type\s*=\s*["']?password/i.test(body) || (title !== null && LOGIN_WORDS.test(title))
}

function basicRealm(header: string | undefined): string | null {
  if (!header || !/^\s*basic\b/i.test(header)) return null
  return /realm\s*=\s*"([^"]{0,200})"/i.exec(header)?.[1] ?? ''
}

function isHttpResponseComplete(b: Buffer): boolean {
  const end = b.indexOf('\r\n\r\n')
  if (end < 0) return false
  const head = b.subarray(0, end).toString('latin1')
  const len = /\r\ncontent-length:\s*(\d+)/i.exec(head)
  if (len) return b.length >= end + 4 + Number(len[1])
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return b.includes('\r\n0\r\n\r\n', end)
  return false // read until the server closes (Connection: close)
}

/** Whether this target is spoken to over TLS. */
export function usesTls(t: ServiceTarget): boolean {
  return (t.service !== null && HTTPS_SERVICES.has(t.service)) || TLS_PORTS.some((p) => p === t.port)
}

async function get(
  target: ServiceTarget,
  ctx: ProbeContext,
  path: string,
  tls: boolean,
  log: string[],
): Promise<{ ok: true; response: HttpResponse } | { ok: false; reason: string; connected: boolean }> {
  const conn = await connectFor(target, ctx, tls ? { ciphers: 'DEFAULT@SECLEVEL=0' } : undefined)
  if ('reason' in conn) return { ok: false, reason: conn.reason, connected: false }
  const host = target.address.includes(':') ? `[${target.address}]` : target.address
  const defaultPort = tls ? 443 : 80
  const request =
    `GET ${path} HTTP/1.1\r\nHost: ${host}${target.port === defaultPort ? '' : `:${target.port}`}\r\n` +
    'User-Agent: Mamori-Discovery/0.1 (safe probe)\r\nAccept: text/html,*/*;q=0.5\r\nConnection: close\r\n\r\n'
  try {
    log.push(`> GET ${path}`)
    await conn.socket.write(request)
    const reply = await readUntilSafe(conn.socket, isHttpResponseComplete, ctx.timeoutMs, MAX_RESPONSE)
    const parsed = parseHttpResponse(reply)
    if (!parsed.ok) {
      log.push(`< ${toEvidence(reply, 200)}`)
      return { ok: false, reason: parsed.reason, connected: true }
    }
    const headEnd = reply.indexOf('\r\n\r\n')
    log.push(`< ${toEvidence(reply.subarray(0, headEnd >= 0 ? Math.min(headEnd, 1024) : 512))}`)
    return { ok: true, response: parsed.value }
  } catch (error) {
    return { ok: false, reason: errorText(error), connected: true }
  } finally {
    conn.socket.close()
  }
}

function pageFacts(path: string, r: HttpResponse): HttpPageFacts {
  const title = pageTitle(r.body)
  const realm = basicRealm(r.headers['www-authenticate'])
  return {
    path,
    status: r.status,
    title,
    isLoginPage: isLoginPage(r.body, title) || (r.status === 401 && realm !== null),
    basicAuthRealm: realm,
    location: r.headers.location ?? null,
  }
}

/**
 * http-info: GET / (HTTP, or HTTPS on TLS ports), then GET of a few well-known admin paths. Reports the Server
 * header, the page title, whether a login/admin page is served, and whether that happens without TLS.
 *
 * @example Sample output (facts)
 * ```
 * { tls: false, status: 200, server: 'lighttpd/1.4.69', poweredBy: null, title: 'Monitor Gateway ログイン',
 *   isLoginPage: true, basicAuthRealm: null, redirectsToHttps: false,
 *   adminPages: [{ path: '/admin', status: 401, title: null, isLoginPage: true, basicAuthRealm: 'admin', location: null }] }
 * ```
 */
export const httpInfo = {
  id: 'http-info',
  protocol: 'http',
  transport: 'tcp',
  safety: 'safe',
  ports: PORTS,
  summary: 'Reads the web server name and page title and checks for login/admin pages served without TLS.',
  sends: `One GET / and one GET each for ${ADMIN_PATHS.join(', ')}; each on its own connection. No form is submitted, no password is tried.`,
  applies: (t) =>
    t.transport === 'tcp' &&
    (t.service === 'http' ||
      t.service === 'http-alt' ||
      usesTls(t) ||
      PORTS.some((p) => p === t.port) ||
      Boolean(t.banner?.startsWith('HTTP/'))),
  async run(target, ctx) {
    const tls = usesTls(target)
    const log: string[] = []
    const root = await get(target, ctx, '/', tls, log)
    if (!root.ok) {
      if (!root.connected) return { kind: 'unreachable', reason: root.reason }
      // Connected but no HTTP status line: another protocol, unless some bytes came back and looked like HTTP.
      const evidence = log.join('\n')
      if (evidence.includes('< HTTP/')) return { kind: 'incomplete', facts: { tls }, evidence, reason: root.reason }
      return { kind: 'absent', evidence: `${evidence}\n# ${root.reason}` }
    }
    const r = root.response
    const page = pageFacts('/', r)
    const facts: HttpInfoFacts = {
      tls,
      status: r.status,
      server: r.headers.server ?? null,
      poweredBy: r.headers['x-powered-by'] ?? null,
      title: page.title,
      isLoginPage: page.isLoginPage,
      basicAuthRealm: page.basicAuthRealm,
      redirectsToHttps: r.status >= 300 && r.status < 400 && /^https:/i.test(r.headers.location ?? ''),
      adminPages: [],
    }
    const problems: string[] = []
    // The admin paths are extras: a server that fails twice in a row is left alone. (Not a wall-clock budget:
    // under the gentle profile most of the time is spent waiting for the rate cap, not on the server.)
    let failuresInARow = 0
    for (const path of ADMIN_PATHS) {
      if (ctx.signal.aborted) {
        problems.push('scan stopped')
        break
      }
      if (failuresInARow >= 2) {
        problems.push(`server stopped answering before ${path}`)
        break
      }
      const res = await get(target, ctx, path, tls, log)
      if (!res.ok) {
        failuresInARow++
        problems.push(`${path}: ${res.reason}`)
        continue
      }
      failuresInARow = 0
      // Only pages that exist (or ask for a password) are worth reporting.
      if (res.response.status === 200 || res.response.status === 401 || res.response.status === 403) {
        facts.adminPages.push(pageFacts(path, res.response))
      }
    }
    if (problems.length > 0) return { kind: 'incomplete', facts, evidence: log.join('\n'), reason: problems.join('; ') }
    return { kind: 'observed', facts, evidence: log.join('\n') }
  },
} as const satisfies Probe<HttpInfoFacts>
