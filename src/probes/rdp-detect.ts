import type { RdpDetectFacts } from '../core/discovery/rules/facts.js'
import type { Probe, ProbeContext, ServiceTarget } from './probe.js'
import { connectFor, readUntilSafe } from './session.js'
import { ByteReader, errorText, type Parsed, ParseError, parseSafely, Transcript } from './wire.js'

const PORTS = [3389] as const

// requestedProtocols / selectedProtocol flags, MS-RDPBCGR 2.2.1.1.1.
const PROTOCOL_RDP = 0x0
const PROTOCOL_SSL = 0x1
const PROTOCOL_HYBRID = 0x2
const PROTOCOL_RDSTLS = 0x4
const PROTOCOL_HYBRID_EX = 0x8

/** RDP_NEG_FAILURE failureCode values, MS-RDPBCGR 2.2.1.2.2. */
const FAILURES: Record<number, string> = {
  1: 'SSL_REQUIRED_BY_SERVER',
  2: 'SSL_NOT_ALLOWED_BY_SERVER',
  3: 'SSL_CERT_NOT_ON_SERVER',
  4: 'INCONSISTENT_FLAGS',
  5: 'HYBRID_REQUIRED_BY_SERVER',
  6: 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER',
}

/** Name of a selectedProtocol value. */
export function protocolName(p: number): string {
  if (p === PROTOCOL_RDP) return 'rdp'
  if (p === PROTOCOL_SSL) return 'tls'
  if (p === PROTOCOL_HYBRID) return 'credssp'
  if (p === PROTOCOL_HYBRID_EX) return 'credssp-ex'
  if (p === PROTOCOL_RDSTLS) return 'rdstls'
  return `unknown(0x${p.toString(16)})`
}

/**
 * Builds the Connection Request PDU (MS-RDPBCGR 2.2.1.1): TPKT header (RFC 1006 §6: version 3, reserved, total
 * length BE), X.224 CR TPDU (X.224 §13.3: LI, 0xE0, DST-REF 0, SRC-REF 0, class 0) and RDP_NEG_REQ
 * (2.2.1.1.1: type 0x01, flags 0, length 8 LE, requestedProtocols LE). No cookie and no routing token.
 */
export function buildConnectionRequest(requestedProtocols: number): Uint8Array {
  const b = Buffer.alloc(19)
  b.writeUInt8(3, 0)
  b.writeUInt16BE(19, 2)
  b.writeUInt8(14, 4) // LI: the 6 fixed header bytes after LI + 8 bytes of RDP_NEG_REQ
  b.writeUInt8(0xe0, 5)
  b.writeUInt8(0x01, 11)
  b.writeUInt16LE(8, 13)
  b.writeUInt32LE(requestedProtocols, 15)
  return b
}

/** What an X.224 Connection Confirm said. */
export type RdpNegotiation =
  | { kind: 'selected'; protocol: number }
  | { kind: 'failure'; code: number; name: string }
  /** A Connection Confirm without negotiation data: an old server that only speaks standard RDP security. */
  | { kind: 'legacy' }

/**
 * Parses the Connection Confirm (MS-RDPBCGR 2.2.1.2): TPKT, X.224 CC TPDU (code 0xD0), then optional
 * RDP_NEG_RSP (type 0x02, 2.2.1.2.1) or RDP_NEG_FAILURE (type 0x03, 2.2.1.2.2).
 */
export function parseConnectionConfirm(bytes: Uint8Array): Parsed<RdpNegotiation> {
  return parseSafely(() => {
    const r = new ByteReader(bytes)
    const version = r.u8('TPKT version')
    if (version !== 3) throw new ParseError(`TPKT version ${version} at offset 0, expected 3`)
    r.skip(1, 'TPKT reserved')
    const length = r.u16be('TPKT length')
    if (length < 11 || length > bytes.length)
      throw new ParseError(`TPKT length ${length} does not fit the ${bytes.length} bytes received`)
    const li = r.u8('X.224 length indicator')
    const code = r.u8('X.224 TPDU code')
    if ((code & 0xf0) !== 0xd0)
      throw new ParseError(`X.224 TPDU code 0x${code.toString(16)} at offset 5, expected 0xD0 (CC)`)
    r.skip(5, 'X.224 DST-REF, SRC-REF, class')
    if (li < 14 || length < 19) return { kind: 'legacy' }
    const type = r.u8('RDP_NEG type')
    r.skip(1, 'RDP_NEG flags')
    const negLength = r.u16le('RDP_NEG length')
    if (negLength !== 8) throw new ParseError(`RDP_NEG length ${negLength} at offset 13, expected 8`)
    const value = r.u32le('RDP_NEG value')
    if (type === 0x02) return { kind: 'selected', protocol: value }
    if (type === 0x03) return { kind: 'failure', code: value, name: FAILURES[value] ?? `failure ${value}` }
    throw new ParseError(`RDP_NEG type 0x${type.toString(16)} at offset 11, expected 0x02 or 0x03`)
  })
}

function isTpktComplete(b: Buffer): boolean {
  return b.length >= 4 && b.length >= b.readUInt16BE(2)
}

async function negotiate(
  target: ServiceTarget,
  ctx: ProbeContext,
  requested: number,
  tr: Transcript,
): Promise<{ ok: true; value: RdpNegotiation } | { ok: false; reason: string; unreachable: boolean }> {
  const conn = await connectFor(target, ctx)
  if ('reason' in conn) return { ok: false, reason: conn.reason, unreachable: true }
  try {
    const req = buildConnectionRequest(requested)
    tr.note(`request protocols 0x${requested.toString(16)}`)
    tr.sent(req, true)
    await conn.socket.write(req)
    const reply = await readUntilSafe(conn.socket, isTpktComplete, ctx.timeoutMs, 512)
    if (reply.length === 0) return { ok: false, reason: 'no reply to the Connection Request', unreachable: false }
    tr.received(reply, true)
    const parsed = parseConnectionConfirm(reply)
    return parsed.ok ? parsed : { ok: false, reason: parsed.reason, unreachable: false }
  } catch (error) {
    return { ok: false, reason: errorText(error), unreachable: false }
  } finally {
    conn.socket.close()
  }
}

/**
 * rdp-detect: sends up to three X.224 Connection Requests (one connection each) to learn which security the
 * server accepts: first TLS + CredSSP (what it prefers), then standard RDP security only, then TLS only if the
 * server demanded TLS. A server that accepts either of the last two lets anyone reach the Windows logon screen
 * without Network Level Authentication.
 *
 * @example Sample output (facts)
 * ```
 * { selectedProtocol: 'credssp', acceptsStandardRdp: false, acceptsTlsWithoutNla: true, nlaRequired: false,
 *   failures: ['SSL_REQUIRED_BY_SERVER'] }
 * ```
 */
export const rdpDetect = {
  id: 'rdp-detect',
  protocol: 'rdp',
  transport: 'tcp',
  safety: 'safe',
  ports: PORTS,
  summary: 'Detects RDP and whether it requires Network Level Authentication (NLA).',
  sends:
    'Up to three 19-byte X.224 Connection Requests with an RDP negotiation request, each on its own connection; no logon.',
  applies: (t) =>
    t.transport === 'tcp' && (t.service === 'rdp' || t.service === 'ms-wbt-server' || PORTS.some((p) => p === t.port)),
  async run(target, ctx) {
    const tr = new Transcript()
    const first = await negotiate(target, ctx, PROTOCOL_SSL | PROTOCOL_HYBRID | PROTOCOL_HYBRID_EX, tr)
    if (!first.ok) {
      if (first.unreachable) return { kind: 'unreachable', reason: first.reason }
      return tr.toString().includes('<')
        ? { kind: 'incomplete', facts: {}, evidence: tr.toString(), reason: first.reason }
        : { kind: 'absent', evidence: first.reason }
    }
    const failures: string[] = []
    let selectedProtocol: string | null = null
    let acceptsStandardRdp = false
    let acceptsTlsWithoutNla = false
    if (first.value.kind === 'selected') selectedProtocol = protocolName(first.value.protocol)
    else if (first.value.kind === 'legacy') {
      selectedProtocol = 'rdp'
      acceptsStandardRdp = true
    } else failures.push(first.value.name)

    let incompleteReason: string | null = null
    if (!acceptsStandardRdp) {
      const standard = await negotiate(target, ctx, PROTOCOL_RDP, tr)
      if (!standard.ok) incompleteReason = standard.reason
      else if (standard.value.kind === 'failure') {
        failures.push(standard.value.name)
        // SSL_REQUIRED_BY_SERVER: TLS is mandatory but NLA may still be optional; ask for TLS alone.
        if (standard.value.code === 1) {
          const tlsOnly = await negotiate(target, ctx, PROTOCOL_SSL, tr)
          if (!tlsOnly.ok) incompleteReason = tlsOnly.reason
          else if (tlsOnly.value.kind === 'failure') failures.push(tlsOnly.value.name)
          else if (tlsOnly.value.kind === 'selected' && tlsOnly.value.protocol === PROTOCOL_SSL)
            acceptsTlsWithoutNla = true
        }
      } else acceptsStandardRdp = true
    }
    const nlaRequired =
      !acceptsStandardRdp &&
      !acceptsTlsWithoutNla &&
      failures.some((f) => f.startsWith('HYBRID_REQUIRED') || f.startsWith('SSL_WITH_USER_AUTH'))
    const facts = { selectedProtocol, acceptsStandardRdp, acceptsTlsWithoutNla, nlaRequired, failures }
    if (incompleteReason) return { kind: 'incomplete', facts, evidence: tr.toString(), reason: incompleteReason }
    return { kind: 'observed', facts, evidence: tr.toString() }
  },
} as const satisfies Probe<RdpDetectFacts>
