import type {
  CleartextLoginEvent,
  Direction,
  HttpRequestEvent,
  HttpResponseEvent,
  NameEvent,
  StreamDissector,
} from '../contract.js'
import { latin1, printable } from './bytes.js'

/**
 * HTTP/1.x in clear: request line and headers (Host, User-Agent, the user name of `Authorization: Basic` — the
 * password is dropped at once), the response's status, Server and `WWW-Authenticate: Basic`, and from the first
 * 8 KiB of an HTML body only its <title> and whether it has a password field (a login page). Keep-alive: several
 * exchanges per connection, bodies skipped by Content-Length (chunked or unknown lengths end the look).
 */
const METHODS = /^(GET|POST|PUT|HEAD|OPTIONS|DELETE|PATCH|CONNECT) \S+ HTTP\/1\.[01]/
/** The start of a request line (the version may be past the 64 bytes `detect` sees). */
const METHOD_START = /^(GET|POST|PUT|HEAD|OPTIONS|DELETE|PATCH|CONNECT) [/*a-zA-Z]/
const MAX_HEAD = 16 * 1024
const MAX_BODY_LOOK = 8 * 1024
const MAX_EXCHANGES = 20

type Side = { head: string; skip: number; look: string | null; lookFor: HttpResponseEvent | null; broken: boolean }

const text = (s: string, max = 256) =>
  printable(
    Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff),
    max,
  )

function headers(head: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of head.split('\r\n').slice(1)) {
    const i = line.indexOf(':')
    if (i > 0) out.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim())
  }
  return out
}

function basicUser(auth: string | undefined): string | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)/i.exec(auth ?? '')
  if (!m?.[1]) return null
  const decoded = Buffer.from(m[1], 'base64').toString('latin1')
  const colon = decoded.indexOf(':')
  return text(colon >= 0 ? decoded.slice(0, colon) : decoded, 64) || null
}

export const httpDissector: StreamDissector = {
  protocol: 'http',
  detect: (first, dir) => {
    const s = latin1(first, 0, Math.min(first.length, 64))
    return dir === 'client' ? METHOD_START.test(s) : /^HTTP\/1\.[01] \d{3}/.test(s)
  },
  open(flow, emit, mac) {
    const sides: Record<Direction, Side> = {
      client: { head: '', skip: 0, look: null, lookFor: null, broken: false },
      server: { head: '', skip: 0, look: null, lookFor: null, broken: false },
    }
    let exchanges = 0
    const pendingLogins: (Omit<CleartextLoginEvent, 'accepted'> | null)[] = []
    /** Methods of requests not answered yet (a HEAD's answer has no body whatever its Content-Length says). */
    const pendingMethods: string[] = []
    const finishLook = (s: Side) => {
      const ev = s.lookFor
      if (ev && s.look !== null) {
        const t = /<title[^>]*>([^<]{0,300})/i.exec(s.look)
        ev.title = t?.[1] ? text(t[1], 200) || null : null
        ev.passwordForm = /<input[^>]+type\s*=\s*["']?password/i.test(s.look)
        emit(ev)
      }
      s.look = null
      s.lookFor = null
    }
    return {
      data(dir, bytes, at) {
        const s = sides[dir]
        const base = { at: { ...at }, flow, mac: dir === 'client' ? mac.client : mac.server }
        let i = 0
        while (i < bytes.length && !s.broken) {
          if (s.skip > 0) {
            const n = Math.min(s.skip, bytes.length - i)
            if (s.look !== null) {
              s.look += latin1(bytes, i, i + Math.min(n, MAX_BODY_LOOK - s.look.length))
              if (s.look.length >= MAX_BODY_LOOK) finishLook(s)
            }
            s.skip -= n
            i += n
            if (s.skip === 0) finishLook(s)
            continue
          }
          const chunk = latin1(bytes, i, Math.min(bytes.length, i + MAX_HEAD))
          const end = (s.head + chunk).indexOf('\r\n\r\n')
          if (end < 0) {
            s.head += chunk
            if (s.head.length > MAX_HEAD) s.broken = true
            return 'more'
          }
          const used = end + 4 - s.head.length
          const head = (s.head + chunk).slice(0, end)
          s.head = ''
          i += used
          const h = headers(head)
          const length = Number(h.get('content-length') ?? 0)
          if (dir === 'client') {
            const method = head.split(' ')[0] ?? ''
            if (!METHODS.test(head)) {
              s.broken = true
              break
            }
            const host = h.get('host') ?? null
            const user = basicUser(h.get('authorization'))
            emit({
              kind: 'http-request',
              ...base,
              method,
              host: host ? text(host, 255) : null,
              userAgent: h.get('user-agent') ? text(h.get('user-agent') ?? '') : null,
              basicAuthUser: user,
            } satisfies HttpRequestEvent)
            if (host && !/^[\d.:[\]]+$/.test(host))
              emit({
                kind: 'name',
                source: 'http-host',
                name: text(host.replace(/:\d+$/, ''), 255).toLowerCase(),
                address: flow.server,
                mac: mac.server,
                at: base.at,
                flow,
              } satisfies NameEvent)
            if (pendingMethods.length < MAX_EXCHANGES + 1) {
              pendingMethods.push(method)
              pendingLogins.push(user ? { kind: 'cleartext-login', ...base, protocol: 'http-basic', user } : null)
            }
            if (++exchanges > MAX_EXCHANGES) return 'done'
            s.skip = Number.isFinite(length) && length > 0 ? length : 0
            if (/chunked/i.test(h.get('transfer-encoding') ?? '')) s.broken = true
          } else {
            const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0)
            if (!status) {
              s.broken = true
              break
            }
            // 1xx is not the answer yet; HEAD, 204 and 304 answers carry no body.
            const interim = status < 200
            const login = interim ? null : pendingLogins.shift()
            const answered = interim ? undefined : pendingMethods.shift()
            const noBody = interim || status === 204 || status === 304 || answered === 'HEAD'
            if (login) emit({ ...login, accepted: status !== 401 } satisfies CleartextLoginEvent)
            const ev: HttpResponseEvent = {
              kind: 'http-response',
              ...base,
              status,
              server: h.get('server') ? text(h.get('server') ?? '') : null,
              basicAuthOffered: /^\s*basic/i.test(h.get('www-authenticate') ?? ''),
              title: null,
              passwordForm: false,
            }
            const html = /text\/html/i.test(h.get('content-type') ?? '')
            if (noBody) emit(ev)
            else if (/chunked/i.test(h.get('transfer-encoding') ?? '')) {
              emit(ev)
              s.broken = true
            } else if (html && length > 0) {
              s.look = ''
              s.lookFor = ev
              s.skip = length
            } else {
              emit(ev)
              s.skip = Number.isFinite(length) && length > 0 ? length : 0
            }
          }
        }
        if (s.broken) finishLook(s)
        return sides.client.broken && sides.server.broken ? 'done' : 'more'
      },
      end() {
        for (const s of Object.values(sides)) finishLook(s)
        for (const login of pendingLogins) if (login) emit({ ...login, accepted: null } satisfies CleartextLoginEvent)
      },
    }
  },
}
