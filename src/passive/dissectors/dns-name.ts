/**
 * DNS wire format (RFC 1035 §4.1): names with compression (at most 128 pointer jumps, 255 bytes), and the sections.
 * Shared by DNS, mDNS and LLMNR.
 */
import { ipv6Text } from '../decode/index.js'
import { u16be } from './bytes.js'

export function readName(b: Uint8Array, o: number): { name: string; next: number } | null {
  const labels: string[] = []
  let p = o
  let next = -1
  let jumps = 0
  let length = 0
  while (p < b.length) {
    const len = b[p] ?? 0
    if (len === 0) {
      if (next < 0) next = p + 1
      return { name: labels.join('.').toLowerCase(), next }
    }
    if ((len & 0xc0) === 0xc0) {
      if (p + 1 >= b.length || ++jumps > 128) return null
      if (next < 0) next = p + 2
      p = ((len & 0x3f) << 8) | (b[p + 1] ?? 0)
      continue
    }
    if (len & 0xc0 || p + 1 + len > b.length) return null
    length += len + 1
    if (length > 255) return null
    let label = ''
    for (let i = p + 1; i <= p + len; i++) {
      const c = b[i] ?? 0
      label += c >= 0x21 && c < 0x7f ? String.fromCharCode(c) : c === 0x20 ? ' ' : '?'
    }
    labels.push(label)
    p += 1 + len
  }
  return null
}

export interface DnsRecord {
  name: string
  type: number
  /** A/AAAA address text, or the PTR target. */
  value: string | null
}

export interface DnsMessage {
  response: boolean
  questions: string[]
  answers: DnsRecord[]
}

/** Parses header, questions and answer-like records (answers, authority, additional); null when malformed. */
export function parseDns(b: Uint8Array): DnsMessage | null {
  if (b.length < 12) return null
  const qd = u16be(b, 4)
  const an = u16be(b, 6) + u16be(b, 8) + u16be(b, 10)
  if (qd > 32 || an > 256 || qd + an === 0) return null
  const msg: DnsMessage = { response: ((b[2] ?? 0) & 0x80) !== 0, questions: [], answers: [] }
  let p = 12
  for (let i = 0; i < qd; i++) {
    const n = readName(b, p)
    if (!n || n.next + 4 > b.length) return null
    msg.questions.push(n.name)
    p = n.next + 4
  }
  for (let i = 0; i < an; i++) {
    const n = readName(b, p)
    if (!n || n.next + 10 > b.length) return msg
    const type = u16be(b, n.next)
    const rdlen = u16be(b, n.next + 8)
    const rd = n.next + 10
    if (rd + rdlen > b.length) return msg
    let value: string | null = null
    if (type === 1 && rdlen === 4) value = `${b[rd]}.${b[rd + 1]}.${b[rd + 2]}.${b[rd + 3]}`
    else if (type === 28 && rdlen === 16) value = ipv6Text(b, rd)
    else if (type === 12) value = readName(b, rd)?.name ?? null
    msg.answers.push({ name: n.name, type, value })
    p = rd + rdlen
  }
  return msg
}

/** `4.3.2.1.in-addr.arpa` → `1.2.3.4`, or null. */
export function reverseV4(name: string): string | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(name)
  return m ? `${m[4]}.${m[3]}.${m[2]}.${m[1]}` : null
}
