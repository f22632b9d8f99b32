import type { DatagramDissector, NameEvent, SyslogEvent } from '../contract.js'
import { latin1 } from './bytes.js'

/**
 * Syslog over UDP (RFC 5424 and the BSD format of RFC 3164): facility, severity, the sender's host name and
 * application. The message text is never kept.
 */
const PRI = /^<(\d{1,3})>/
const IPV4 = /^\d+\.\d+\.\d+\.\d+$/
/** Printable ASCII only (control and high bytes dropped); null when nothing is left or for the nil value '-'. */
const clean = (s: string | undefined, max: number): string | null => {
  const t = (s ?? '').replace(/[^\x21-\x7e]/g, '').slice(0, max)
  return t && t !== '-' ? t : null
}

export const syslogDissector: DatagramDissector = {
  protocol: 'syslog',
  detect: (b, p) => {
    if (b[0] !== 0x3c) return false
    const m = PRI.exec(latin1(b, 0, Math.min(b.length, 6)))
    return m !== null && Number(m[1]) <= 191 && (p.dstPort === 514 || p.srcPort === 514 || b.length > 8)
  },
  parse(b, p, emit) {
    const head = latin1(b, 0, Math.min(b.length, 256))
    const m = PRI.exec(head)
    if (!m) return
    const pri = Number(m[1])
    const rest = head.slice(m[0].length)
    let hostname: string | null = null
    let appName: string | null = null
    const v5424 = /^1 \S+ (\S+) (\S+) /.exec(rest)
    const v3164 = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d (\S+) ([^:[\s]+)/.exec(rest)
    if (v5424) {
      hostname = clean(v5424[1], 128)
      appName = clean(v5424[2], 64)
    } else if (v3164) {
      hostname = clean(v3164[1], 128)
      appName = clean(v3164[2], 64)
    }
    const at = { packet: p.number, timeUs: p.timeUs }
    const flow = {
      transport: 'udp' as const,
      client: p.src,
      clientPort: p.srcPort,
      server: p.dst,
      serverPort: p.dstPort,
    }
    emit({
      kind: 'syslog',
      at,
      flow,
      mac: p.srcMac,
      hostname: hostname?.slice(0, 128) ?? null,
      appName: appName?.slice(0, 64) ?? null,
      facility: pri >> 3,
      severity: pri & 7,
    } satisfies SyslogEvent)
    if (hostname && !IPV4.test(hostname) && !hostname.includes(':'))
      emit({
        kind: 'name',
        source: 'syslog',
        name: hostname.slice(0, 128).toLowerCase(),
        address: p.src,
        mac: p.srcMac,
        at,
        flow,
      } satisfies NameEvent)
  },
}
