import type { DatagramDissector, NameEvent, NameQueryEvent } from '../contract.js'

/**
 * NetBIOS name service (RFC 1002) on UDP 137: queries, registrations and answers; names are first-level decoded
 * (two letters per byte), the 16th byte (the service suffix) and padding dropped.
 */
function decodeName(b: Uint8Array, o: number): { name: string; next: number } | null {
  if ((b[o] ?? 0) !== 32 || o + 34 > b.length) return null
  let s = ''
  for (let i = 0; i < 15; i++) {
    const hi = (b[o + 1 + i * 2] ?? 0) - 0x41
    const lo = (b[o + 2 + i * 2] ?? 0) - 0x41
    if (hi < 0 || hi > 15 || lo < 0 || lo > 15) return null
    s += String.fromCharCode((hi << 4) | lo)
  }
  // The label ends with a zero byte (no scope id) or a scope; skip to after the name.
  let p = o + 33
  while (p < b.length && b[p] !== 0) p += 1 + (b[p] ?? 0)
  return { name: s.replace(/[\s\0]+$/, '').replace(/[^\x21-\x7e]/g, ''), next: p + 1 }
}

export const nbnsDissector: DatagramDissector = {
  protocol: 'nbns',
  detect: (b, p) => (p.dstPort === 137 || p.srcPort === 137) && b.length >= 50 && decodeName(b, 12) !== null,
  parse(b, p, emit) {
    const n = decodeName(b, 12)
    if (!n?.name) return
    const response = ((b[2] ?? 0) & 0x80) !== 0
    const opcode = ((b[2] ?? 0) >> 3) & 0x0f
    const at = { packet: p.number, timeUs: p.timeUs }
    const flow = {
      transport: 'udp' as const,
      client: p.src,
      clientPort: p.srcPort,
      server: p.dst,
      serverPort: p.dstPort,
    }
    if (!response && opcode === 0) {
      emit({ kind: 'name-query', source: 'nbns', name: n.name, at, flow, mac: p.srcMac } satisfies NameQueryEvent)
      return
    }
    // A negative answer (rcode ≠ 0), a release (6) or a wait-for-acknowledgement (7) binds nothing.
    if ((response && ((b[3] ?? 0) & 0x0f) !== 0) || opcode === 6 || opcode === 7) return
    // Registration (5), refresh (8, 9) or a positive answer: the NB address of the record, else the sender.
    let address = p.src
    // A positive answer: name, type, class, ttl, rdlength, then NB flags and the address. A registration: the
    // question (name, type, class), then an additional record whose name is a 2-byte pointer.
    const rdata = response ? n.next + 10 : n.next + 4 + 12
    // Only an NB record (type 0x20) carries addresses; a node status answer (0x21) lists names, not addresses.
    const typeAt = response ? n.next : n.next + 4 + 2
    if (response && ((b[typeAt] ?? 0) !== 0 || (b[typeAt + 1] ?? 0) !== 0x20)) return
    if (rdata + 6 <= b.length) address = `${b[rdata + 2]}.${b[rdata + 3]}.${b[rdata + 4]}.${b[rdata + 5]}`
    emit({
      kind: 'name',
      source: 'nbns',
      name: n.name.toLowerCase(),
      address,
      mac: p.srcMac,
      at,
      flow,
    } satisfies NameEvent)
  },
}
