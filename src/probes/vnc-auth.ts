import type { VncAuthFacts } from '../core/discovery/rules/facts.js'
import type { Probe } from './probe.js'
import { connectFor, readUntilSafe } from './session.js'
import { ByteReader, errorText, hex, type Parsed, ParseError, parseSafely, Transcript } from './wire.js'

const PORTS = [5900, 5901, 5902, 5903] as const

/** RFB security type names (RFC 6143 §7.1.2 and the IANA "RFB Security Types" registry). */
const SECURITY_NAMES: Record<number, string> = {
  0: 'Invalid',
  1: 'None',
  2: 'VNC Authentication',
  5: 'RA2',
  6: 'RA2ne',
  16: 'Tight',
  17: 'Ultra',
  18: 'TLS',
  19: 'VeNCrypt',
  20: 'SASL',
  21: 'MD5 hash',
  22: 'xvp',
  30: 'Apple Remote Desktop',
}

/** Parses `RFB xxx.yyy\n` (RFC 6143 §7.1.1): exactly 12 bytes. Returns major and minor. */
export function parseRfbVersion(bytes: Uint8Array): Parsed<{ text: string; major: number; minor: number }> {
  return parseSafely(() => {
    const text = Buffer.from(bytes.subarray(0, 12)).toString('latin1')
    const m = /^RFB (\d{3})\.(\d{3})\n$/.exec(text)
    if (!m) throw new ParseError(`not an RFB ProtocolVersion message: ${hex(bytes.subarray(0, 12))}`)
    return { text: text.trim(), major: Number(m[1]), minor: Number(m[2]) }
  })
}

/** Chooses the version we answer with: 3.8 if the server offers ≥ 3.8, else 3.7 or 3.3 (§7.1.1). */
export function clientVersionFor(major: number, minor: number): 3 | 7 | 8 {
  if (major > 3 || minor >= 8) return 8
  if (minor === 7) return 7
  return 3
}

/**
 * Parses the security handshake (RFC 6143 §7.1.2). Version 3.7/3.8: U8 number-of-types, then that many U8
 * types; zero types means a U32 reason-length and reason string follow. Version 3.3 (§7.1.2 note): the server
 * picks one U32 security type itself (0 = failure followed by a reason).
 */
export function parseSecurityTypes(
  bytes: Uint8Array,
  minor: 3 | 7 | 8,
): Parsed<{ types: number[]; reason: string | null }> {
  return parseSafely(() => {
    const r = new ByteReader(bytes)
    if (minor === 3) {
      const type = r.u32be('security-type')
      if (type === 0) return { types: [], reason: readReason(r) }
      return { types: [type], reason: null }
    }
    const count = r.u8('number-of-security-types')
    if (count === 0) return { types: [], reason: readReason(r) }
    return { types: Array.from(r.bytes(count, 'security-types')), reason: null }
  })
}

function readReason(r: ByteReader): string {
  const len = r.u32be('reason-length')
  if (len > 4096) throw new ParseError(`reason-length ${len} is implausible (max 4096)`)
  return Buffer.from(r.bytes(len, 'reason-string')).toString('latin1')
}

/**
 * vnc-auth: RFB ProtocolVersion handshake and the list of security types; reports whether type 1 (None, no
 * password) is offered. It never picks a security type, so no session is opened.
 *
 * @example Sample output (facts)
 * ```
 * { serverVersion: 'RFB 003.008', securityTypes: [1, 2], securityTypeNames: ['None', 'VNC Authentication'],
 *   noAuth: true, failureReason: null }
 * ```
 */
export const vncAuth = {
  id: 'vnc-auth',
  protocol: 'vnc',
  transport: 'tcp',
  safety: 'safe',
  ports: PORTS,
  summary: 'Checks whether a VNC server lets anyone in without a password (security type None).',
  sends: 'One 12-byte RFB ProtocolVersion reply; then closes before choosing a security type.',
  applies: (t) =>
    t.transport === 'tcp' &&
    (t.service === 'vnc' || PORTS.some((p) => p === t.port) || Boolean(t.banner?.startsWith('RFB '))),
  async run(target, ctx) {
    const conn = await connectFor(target, ctx)
    if ('reason' in conn) return { kind: 'unreachable', reason: conn.reason }
    const { socket } = conn
    const tr = new Transcript()
    const facts: Partial<VncAuthFacts> = {}
    try {
      const hello = await readUntilSafe(socket, (b) => b.length >= 12, ctx.timeoutMs, 12)
      tr.received(hello, true)
      const version = parseRfbVersion(hello)
      if (!version.ok) {
        if (hello.length === 0) return { kind: 'absent', evidence: 'no bytes received' }
        return hello.subarray(0, 4).toString('latin1') === 'RFB '
          ? { kind: 'incomplete', facts, evidence: hex(hello), reason: version.reason }
          : { kind: 'absent', evidence: hex(hello) }
      }
      facts.serverVersion = version.value.text
      const minor = clientVersionFor(version.value.major, version.value.minor)
      const answer = `RFB 003.00${minor}\n`
      tr.sent(answer)
      await socket.write(answer)
      const complete = (b: Buffer): boolean => parseSecurityTypes(b, minor).ok
      const sec = await readUntilSafe(socket, complete, ctx.timeoutMs, 4096 + 8)
      tr.received(sec, true)
      const parsed = parseSecurityTypes(sec, minor)
      if (!parsed.ok) return { kind: 'incomplete', facts, evidence: tr.toString(), reason: parsed.reason }
      const names = parsed.value.types.map((t) => SECURITY_NAMES[t] ?? `type ${t}`)
      return {
        kind: 'observed',
        facts: {
          serverVersion: version.value.text,
          securityTypes: parsed.value.types,
          securityTypeNames: names,
          noAuth: parsed.value.types.includes(1),
          failureReason: parsed.value.reason,
        },
        evidence: tr.toString(),
      }
    } catch (error) {
      return { kind: 'incomplete', facts, evidence: tr.toString(), reason: errorText(error) }
    } finally {
      socket.close()
    }
  },
} as const satisfies Probe<VncAuthFacts>
