import type { BannerEvent, CleartextLoginEvent, Direction, StreamDissector } from '../contract.js'
import { printable } from './bytes.js'

/**
 * Telnet (RFC 854): option negotiation stripped, the server's greeting, and a login typed in clear — the user name
 * after a `login:` prompt (one character per packet is normal; backspace honoured). What is typed after `Password:`
 * is never collected. Accepted when a shell prompt or "Last login" follows, refused on "Login incorrect".
 */
const IAC = 0xff
const SB = 0xfa
const SE = 0xf0
const LIMIT = 4096

export const telnetDissector: StreamDissector = {
  protocol: 'telnet',
  detect: (first, dir, flow) =>
    (first[0] === IAC && (first[1] ?? 0) >= 0xfb && (first[1] ?? 0) <= 0xfe) ||
    (dir === 'server' && flow.serverPort === 23 && /login:|username:/i.test(String.fromCharCode(...first))),
  open(flow, emit, mac) {
    let serverText = ''
    let seen = { client: 0, server: 0 }
    let phase: 'greeting' | 'user' | 'password' | 'result' = 'greeting'
    let user = ''
    let banner = false
    /**
     * Per direction: 0 plain text, 1 after IAC, 2 after IAC WILL/WONT/DO/DONT (the option byte comes next),
     * 3 inside a subnegotiation, 4 IAC seen inside a subnegotiation. Kept across calls: a sequence may be split
     * between packets (and the option byte, e.g. 0x23 or 0x24, must not pass for a shell prompt).
     */
    const iac = { client: 0, server: 0 }
    /** Bytes without IAC sequences. */
    const strip = (dir: Direction, b: Uint8Array): number[] => {
      const out: number[] = []
      let st = iac[dir]
      for (let i = 0; i < b.length; i++) {
        const c = b[i] ?? 0
        if (st === 0) {
          if (c === IAC) st = 1
          else out.push(c)
        } else if (st === 1) {
          if (c === IAC) {
            out.push(IAC)
            st = 0
          } else if (c === SB) st = 3
          else if (c >= 0xfb) st = 2
          else st = 0
        } else if (st === 2) st = 0
        else if (st === 3) {
          if (c === IAC) st = 4
        } else st = c === SE ? 0 : 3
      }
      iac[dir] = st
      return out
    }
    return {
      data(dir, bytes, at) {
        seen = { ...seen, [dir]: seen[dir] + bytes.length }
        const base = { at: { ...at }, flow, mac: dir === 'client' ? mac.client : mac.server }
        const plain = strip(dir, bytes)
        if (dir === 'server') {
          serverText = (serverText + String.fromCharCode(...plain)).slice(-512)
          if (!banner && /\S/.test(serverText) && /(login|username)\s*:\s*$/i.test(serverText)) {
            banner = true
            const greeting = serverText.replace(/(login|username)\s*:\s*$/i, '')
            emit({
              kind: 'banner',
              ...base,
              protocol: 'telnet',
              side: 'server',
              text: printable(Uint8Array.from(greeting, (c) => c.charCodeAt(0) & 0xff)) || 'login:',
            } satisfies BannerEvent)
          }
          if (phase === 'password' || phase === 'result') {
            // The result first: "Last login:" is not a new login prompt.
            const accepted = /incorrect|denied|failed|invalid/i.test(serverText)
              ? false
              : /last login|[$#>%]\s*$/i.test(serverText)
                ? true
                : null
            if (accepted !== null && user) {
              emit({
                kind: 'cleartext-login',
                ...base,
                protocol: 'telnet',
                user,
                accepted,
              } satisfies CleartextLoginEvent)
              return 'done'
            }
            if (!/password\s*:\s*$/i.test(serverText)) phase = 'result'
          } else if (/(login|username)\s*:\s*$/i.test(serverText)) {
            phase = 'user'
            user = ''
          } else if (/password\s*:\s*$/i.test(serverText) && phase === 'user') {
            phase = 'password'
          }
        } else if (phase === 'user') {
          for (const c of plain) {
            if (c === 0x0d || c === 0x0a) {
              if (user) {
                serverText = ''
                phase = 'user'
              }
            } else if (c === 0x7f || c === 0x08) user = user.slice(0, -1)
            else if (c >= 0x20 && c < 0x7f && user.length < 64) user += String.fromCharCode(c)
          }
        }
        // Typed characters in the password phase are not looked at.
        if (seen.client > LIMIT || seen.server > LIMIT) {
          if (user && phase !== 'user')
            emit({ kind: 'cleartext-login', ...base, protocol: 'telnet', user, accepted: null })
          return 'done'
        }
        return 'more'
      },
      end() {},
    }
  },
}
