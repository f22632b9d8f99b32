import type { FlowKey, NtlmEvent, PacketRef } from '../contract.js'
import { indexOf, latin1, printable, u16le, u32le, utf16le } from './bytes.js'

/**
 * NTLMSSP messages inside SMB, HTTP or RPC security blobs (MS-NLMP §2.2): CHALLENGE (type 2: the server's NetBIOS
 * and DNS names, its Windows version) and AUTHENTICATE (type 3: domain, user and workstation). The LM/NT responses
 * and the session key are never read.
 */
const SIGNATURE = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00] // "NTLMSSP\0"

function field(b: Uint8Array, o: number, unicode: boolean): string | null {
  const len = u16le(b, o)
  const off = u32le(b, o + 4)
  if (len === 0 || off + len > b.length) return null
  const v = b.subarray(off, off + len)
  const s = unicode ? utf16le(v) : printable(Uint8Array.from(latin1(v), (c) => c.charCodeAt(0)))
  return s.length > 0 ? s : null
}

function version(b: Uint8Array, o: number): string | null {
  if (o + 8 > b.length) return null
  const major = b[o] ?? 0
  if (major < 5 || major > 10) return null
  return `${major}.${b[o + 1] ?? 0}.${u16le(b, o + 2)}`
}

/** Finds and parses an NTLMSSP message in `blob`; null when there is none (or it is a NEGOTIATE). */
export function findNtlm(
  blob: Uint8Array,
  base: { at: PacketRef; flow: FlowKey; mac: string | null },
): NtlmEvent | null {
  const start = indexOf(blob, SIGNATURE)
  if (start < 0) return null
  const b = blob.subarray(start)
  const type = u32le(b, 8)
  const ev: NtlmEvent = {
    kind: 'ntlm',
    message: 'challenge',
    ...base,
    netbiosComputer: null,
    netbiosDomain: null,
    dnsComputer: null,
    dnsDomain: null,
    user: null,
    workstation: null,
    osVersion: null,
  }
  if (type === 2 && b.length >= 48) {
    const flags = u32le(b, 20)
    const len = u16le(b, 40)
    const off = u32le(b, 44)
    let p = off
    const end = Math.min(b.length, off + len)
    while (p + 4 <= end) {
      const id = u16le(b, p)
      const l = u16le(b, p + 2)
      if (id === 0 || p + 4 + l > end) break
      const v = utf16le(b.subarray(p + 4, p + 4 + l)) || null
      if (id === 1) ev.netbiosComputer = v
      else if (id === 2) ev.netbiosDomain = v
      else if (id === 3) ev.dnsComputer = v
      else if (id === 4) ev.dnsDomain = v
      p += 4 + l
    }
    if (flags & 0x02000000) ev.osVersion = version(b, 48)
    return ev
  }
  if (type === 3 && b.length >= 64) {
    const flags = u32le(b, 60)
    const unicode = (flags & 1) !== 0
    ev.message = 'authenticate'
    ev.netbiosDomain = field(b, 28, unicode)
    ev.user = field(b, 36, unicode)
    ev.workstation = field(b, 44, unicode)
    if (flags & 0x02000000) ev.osVersion = version(b, 64)
    return ev
  }
  return null
}
