import type { BannerEvent, CleartextLoginEvent, Direction, StreamDissector } from '../contract.js'
import { printable } from './bytes.js'
import { LineReader } from './text-lines.js'

/**
 * FTP control connections (RFC 959): the server's 220 greeting, and logins in clear — USER (kept), PASS (its
 * argument is never read) and the answer (230 accepted, 530 refused). AUTH TLS accepted (234) ends the clear part.
 */
const MAX_COMMANDS = 20
const text = (s: string) => printable(Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff))

export const ftpDissector: StreamDissector = {
  protocol: 'ftp',
  detect: (first, dir) => {
    const s = String.fromCharCode(...first.subarray(0, 8)).toUpperCase()
    return dir === 'server' ? /^220[ -]/.test(s) : /^(USER |AUTH |FEAT|SYST)/.test(s)
  },
  open(flow, emit, mac) {
    const lines = { client: new LineReader(), server: new LineReader() }
    let commands = 0
    let user: string | null = null
    let greeted = false
    return {
      data(dir: Direction, bytes, at) {
        const base = { at: { ...at }, flow, mac: dir === 'client' ? mac.client : mac.server }
        for (const line of lines[dir].push(bytes)) {
          if (dir === 'client') {
            if (++commands > MAX_COMMANDS) return 'done'
            const m = /^(\w{3,4})(?: (.*))?$/.exec(line)
            const verb = m?.[1]?.toUpperCase()
            if (verb === 'USER') {
              user = text(m?.[2] ?? '').slice(0, 64) || null
            } // PASS: its argument is never looked at
          } else {
            const code = Number(line.slice(0, 3))
            if (!greeted && code === 220) {
              greeted = true
              emit({
                kind: 'banner',
                ...base,
                protocol: 'ftp',
                side: 'server',
                text: text(line.slice(4)),
              } satisfies BannerEvent)
            } else if (code === 234) return 'done'
            else if ((code === 230 || code === 530) && user !== null) {
              // 230 may also follow USER alone (no password needed): a login all the same.
              emit({
                kind: 'cleartext-login',
                ...base,
                protocol: 'ftp',
                user,
                accepted: code === 230,
              } satisfies CleartextLoginEvent)
              return 'done'
            }
          }
        }
        return 'more'
      },
      end() {},
    }
  },
}
