import type { DatagramDissector, DhcpEvent, NameEvent } from '../contract.js'
import { macText } from '../decode/index.js'
import { printable } from './bytes.js'

/**
 * DHCP / BOOTP (RFC 2131, 2132): what a client says about itself when it asks for an address — host name (12),
 * vendor class (60), the parameter request list (55, the DHCP fingerprint), the address it wants (50) — and the
 * address a server hands out. DHCPv6 is not read.
 */
const COOKIE = [0x63, 0x82, 0x53, 0x63]

function ip(b: Uint8Array, o: number): string | null {
  const s = `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`
  return s === '0.0.0.0' ? null : s
}

/** Option 81 (RFC 4702): flags, two rcodes, then the name — DNS wire labels when the E flag (0x04) is set. */
function fqdnText(v: Uint8Array): string | null {
  if (((v[0] ?? 0) & 0x04) === 0) return printable(v.subarray(3), 128) || null
  const labels: string[] = []
  let o = 3
  while (o < v.length && labels.length < 32) {
    const len = v[o] ?? 0
    if (len === 0 || len > 63 || o + 1 + len > v.length) break
    const label = printable(v.subarray(o + 1, o + 1 + len), 63)
    if (label) labels.push(label)
    o += 1 + len
  }
  return labels.join('.').slice(0, 128) || null
}

export const dhcpDissector: DatagramDissector = {
  protocol: 'dhcp',
  detect: (b, p) =>
    (p.dstPort === 67 || p.dstPort === 68 || p.srcPort === 67 || p.srcPort === 68) &&
    b.length >= 240 &&
    (b[0] === 1 || b[0] === 2) &&
    b[1] === 1 &&
    b[2] === 6 &&
    COOKIE.every((c, i) => b[236 + i] === c),
  parse(b, p, emit) {
    const ev: DhcpEvent = {
      kind: 'dhcp',
      at: { packet: p.number, timeUs: p.timeUs },
      flow: null,
      mac: p.srcMac,
      messageType: 0,
      clientMac: macText(b, 28),
      hostName: null,
      vendorClass: null,
      parameterRequestList: [],
      requestedAddress: null,
      assignedAddress: null,
    }
    const ciaddr = ip(b, 12)
    const yiaddr = ip(b, 16)
    let fqdn: string | null = null
    let o = 240
    while (o < b.length) {
      const code = b[o] ?? 255
      if (code === 255) break
      if (code === 0) {
        o++
        continue
      }
      const len = b[o + 1] ?? 0
      const v = b.subarray(o + 2, Math.min(b.length, o + 2 + len))
      if (code === 53) ev.messageType = v[0] ?? 0
      else if (code === 12) ev.hostName = printable(v, 64) || null
      else if (code === 60) ev.vendorClass = printable(v, 128) || null
      else if (code === 55) ev.parameterRequestList = [...v.subarray(0, 64)]
      else if (code === 50 && len === 4) ev.requestedAddress = ip(v, 0)
      else if (code === 81 && v.length > 3) fqdn = fqdnText(v)
      o += 2 + len
    }
    if (ev.messageType === 2 || ev.messageType === 5) ev.assignedAddress = yiaddr
    emit(ev)
    const name = ev.hostName ?? fqdn
    if (name && (b[0] === 1 || ev.assignedAddress))
      emit({
        kind: 'name',
        source: 'dhcp',
        name: name.toLowerCase(),
        address: ev.assignedAddress ?? ev.requestedAddress ?? ciaddr,
        mac: ev.clientMac,
        at: ev.at,
        flow: null,
      } satisfies NameEvent)
  },
}
