/**
 * A minimal BER codec for SNMPv1/v2c GetRequest and GetResponse (RFC 1157 §4.1, RFC 3416 §3, X.690 §8).
 * Hand-written instead of reusing net-snmp because net-snmp owns its sockets (probes must send through the
 * engine's ProbeNet) and its message classes are internal; see docs/decisions/0003-hand-written-probe-codecs.md.
 */
import { ByteReader, type Parsed, ParseError, parseSafely } from './wire.js'

const INTEGER = 0x02
const OCTET_STRING = 0x04
const NULL = 0x05
const OID = 0x06
const SEQUENCE = 0x30
const GET_REQUEST = 0xa0
const GET_RESPONSE = 0xa2

function encodeLength(n: number): number[] {
  if (n < 0x80) return [n]
  const out: number[] = []
  let v = n
  while (v > 0) {
    out.unshift(v & 0xff)
    v = Math.floor(v / 256)
  }
  return [0x80 | out.length, ...out]
}

function tlv(tag: number, content: number[]): number[] {
  return [tag, ...encodeLength(content.length), ...content]
}

function encodeInteger(n: number): number[] {
  // Two's complement, minimal length (X.690 §8.3). Only small non-negative values are sent here.
  const out: number[] = []
  let v = n
  do {
    out.unshift(v & 0xff)
    v = Math.floor(v / 256)
  } while (v > 0)
  if ((out[0]! & 0x80) !== 0) out.unshift(0)
  return tlv(INTEGER, out)
}

/** Encodes a dotted OID (X.690 §8.19): first two arcs as 40*a+b, then base-128 arcs. */
export function encodeOid(oid: string): number[] {
  const arcs = oid.split('.').map(Number)
  if (arcs.length < 2 || arcs.some((a) => !Number.isInteger(a) || a < 0)) throw new Error(`invalid OID ${oid}`)
  const out: number[] = []
  const push = (arc: number): void => {
    const bytes = [arc & 0x7f]
    let v = Math.floor(arc / 128)
    while (v > 0) {
      bytes.unshift((v & 0x7f) | 0x80)
      v = Math.floor(v / 128)
    }
    out.push(...bytes)
  }
  push(arcs[0]! * 40 + arcs[1]!)
  for (const a of arcs.slice(2)) push(a)
  return tlv(OID, out)
}

/**
 * Encodes `Message ::= SEQUENCE { version INTEGER, community OCTET STRING, data GetRequest-PDU }` where the PDU
 * is `[0] { request-id, error-status 0, error-index 0, variable-bindings SEQUENCE OF { name, NULL } }`.
 * Version 0 is SNMPv1, 1 is SNMPv2c (RFC 1901 §3).
 */
export function encodeGetRequest(
  version: 0 | 1,
  community: string,
  requestId: number,
  oids: readonly string[],
): Uint8Array {
  const bindings = oids.flatMap((o) => tlv(SEQUENCE, [...encodeOid(o), NULL, 0]))
  const pdu = tlv(GET_REQUEST, [
    ...encodeInteger(requestId),
    ...encodeInteger(0),
    ...encodeInteger(0),
    ...tlv(SEQUENCE, bindings),
  ])
  const message = tlv(SEQUENCE, [
    ...encodeInteger(version),
    ...tlv(OCTET_STRING, [...Buffer.from(community, 'latin1')]),
    ...pdu,
  ])
  return Uint8Array.from(message)
}

/** One decoded variable binding; `value` is text for strings/OIDs/addresses, a number for counters. */
export interface VarBind {
  oid: string
  type: string
  value: string | number | null
}

/** A decoded GetResponse. */
export interface SnmpResponse {
  version: number
  community: string
  requestId: number
  errorStatus: number
  errorIndex: number
  varbinds: VarBind[]
}

function readTlv(r: ByteReader, what: string): { tag: number; body: ByteReader } {
  const tag = r.u8(`${what} tag`)
  const first = r.u8(`${what} length`)
  let len = first
  if (first & 0x80) {
    const n = first & 0x7f
    // Indefinite form (0x80) is not allowed in SNMP (RFC 3417 §8); 4 length bytes is far beyond a datagram.
    if (n === 0 || n > 4)
      throw new ParseError(`${what}: unsupported length form 0x${first.toString(16)} at offset ${r.offset - 1}`)
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + r.u8(`${what} length`)
  }
  return { tag, body: r.sub(len, `${what} value (${len} bytes)`) }
}

function expect(r: ByteReader, tag: number, what: string): ByteReader {
  const at = r.offset
  const t = readTlv(r, what)
  if (t.tag !== tag)
    throw new ParseError(`${what}: tag 0x${t.tag.toString(16)} at offset ${at}, expected 0x${tag.toString(16)}`)
  return t.body
}

function decodeInteger(r: ByteReader, what: string): number {
  const n = r.remaining
  if (n < 1 || n > 6) throw new ParseError(`${what}: integer of ${n} bytes at offset ${r.offset} (expected 1–6)`)
  const bytes = r.bytes(n, what)
  let v = 0
  for (const b of bytes) v = v * 256 + b
  // Two's complement: a set top bit means negative (X.690 §8.3.3).
  return bytes[0]! & 0x80 ? v - 256 ** n : v
}

function decodeUnsigned(r: ByteReader): number {
  let v = 0
  const bytes = r.bytes(Math.min(r.remaining, 9))
  for (const b of bytes) v = v * 256 + b
  return v
}

/** Decodes an OID body (X.690 §8.19), each arc at most 2^53 (arcs longer than 7 bytes are rejected). */
export function decodeOid(r: ByteReader): string {
  if (r.remaining === 0) throw new ParseError(`empty OID at offset ${r.offset}`)
  const arcs: number[] = []
  while (r.remaining > 0) {
    let v = 0
    let n = 0
    for (;;) {
      const b = r.u8('OID arc')
      v = v * 128 + (b & 0x7f)
      n += 1
      if (n > 7) throw new ParseError(`OID arc longer than 7 bytes at offset ${r.offset}`)
      if ((b & 0x80) === 0) break
    }
    if (arcs.length === 0) arcs.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80)
    else arcs.push(v)
  }
  return arcs.join('.')
}

function printable(bytes: Uint8Array): string {
  let out = ''
  for (const ch of Buffer.from(bytes).toString('utf8')) {
    const c = ch.codePointAt(0) ?? 0
    // Drop control characters (keep tab, LF, CR) and U+FFFD from invalid UTF-8.
    if (c === 9 || c === 10 || c === 13 || (c >= 0x20 && c !== 0x7f && c !== 0xfffd)) out += ch
  }
  return out.slice(0, 1024)
}

function decodeValue(tag: number, body: ByteReader): { type: string; value: string | number | null } {
  switch (tag) {
    case INTEGER:
      return { type: 'Integer', value: decodeInteger(body, 'Integer') }
    case OCTET_STRING:
      return { type: 'OctetString', value: printable(body.bytes(body.remaining)) }
    case NULL:
      return { type: 'Null', value: null }
    case OID:
      return { type: 'OID', value: decodeOid(body) }
    case 0x40:
      return { type: 'IpAddress', value: Array.from(body.bytes(body.remaining)).join('.') }
    case 0x41:
      return { type: 'Counter32', value: decodeUnsigned(body) }
    case 0x42:
      return { type: 'Gauge32', value: decodeUnsigned(body) }
    case 0x43:
      return { type: 'TimeTicks', value: decodeUnsigned(body) }
    case 0x46:
      return { type: 'Counter64', value: decodeUnsigned(body) }
    // SNMPv2 exceptions (RFC 3416 §3): the agent answered, but has no such value.
    case 0x80:
      return { type: 'noSuchObject', value: null }
    case 0x81:
      return { type: 'noSuchInstance', value: null }
    case 0x82:
      return { type: 'endOfMibView', value: null }
    default:
      return { type: `tag 0x${tag.toString(16)}`, value: null }
  }
}

/** Decodes an SNMPv1/v2c GetResponse datagram. Never throws; errors name the field and offset. */
export function decodeGetResponse(bytes: Uint8Array): Parsed<SnmpResponse> {
  return parseSafely(() => {
    const msg = expect(new ByteReader(bytes), SEQUENCE, 'Message')
    const version = decodeInteger(expect(msg, INTEGER, 'version'), 'version')
    const communityBody = expect(msg, OCTET_STRING, 'community')
    const community = printable(communityBody.bytes(communityBody.remaining))
    const pduAt = msg.offset
    const pdu = readTlv(msg, 'PDU')
    if (pdu.tag !== GET_RESPONSE)
      throw new ParseError(`PDU tag 0x${pdu.tag.toString(16)} at offset ${pduAt}, expected 0xa2 (GetResponse)`)
    const requestId = decodeInteger(expect(pdu.body, INTEGER, 'request-id'), 'request-id')
    const errorStatus = decodeInteger(expect(pdu.body, INTEGER, 'error-status'), 'error-status')
    const errorIndex = decodeInteger(expect(pdu.body, INTEGER, 'error-index'), 'error-index')
    const list = expect(pdu.body, SEQUENCE, 'variable-bindings')
    const varbinds: VarBind[] = []
    while (list.remaining > 0 && varbinds.length < 64) {
      const vb = expect(list, SEQUENCE, 'VarBind')
      const oid = decodeOid(expect(vb, OID, 'name'))
      const value = readTlv(vb, 'value')
      varbinds.push({ oid, ...decodeValue(value.tag, value.body) })
    }
    return { version, community, requestId, errorStatus, errorIndex, varbinds }
  })
}
