/**
 * Hand-built frames for passive-discovery tests: link headers, IPv4/IPv6, TCP/UDP, and a CapturedPacket around
 * them. Checksums are left zero (the decoder does not check them). Every builder returns a fresh Uint8Array.
 */
import { type CapturedPacket, LINKTYPE } from '../../src/passive/contract.js'

export const text = (s: string): Uint8Array => new TextEncoder().encode(s)

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

const u16 = (v: number) => new Uint8Array([(v >> 8) & 0xff, v & 0xff])

/** `aa:bb:cc:dd:ee:ff` (or `-`) → 6 bytes. */
export function macBytes(mac: string): Uint8Array {
  const parts = mac.split(/[:-]/)
  if (parts.length !== 6) throw new Error(`not a MAC: ${mac}`)
  return new Uint8Array(parts.map((p) => Number.parseInt(p, 16)))
}

/** Dotted IPv4 → 4 bytes. */
export function ipv4Bytes(ip: string): Uint8Array {
  const parts = ip.split('.').map(Number)
  if (parts.length !== 4) throw new Error(`not an IPv4 address: ${ip}`)
  return new Uint8Array(parts)
}

/** Any IPv6 text (with `::`, optionally a dotted tail) → 16 bytes. */
export function ipv6Bytes(ip: string): Uint8Array {
  let s = ip
  if (s.includes('.')) {
    const cut = s.lastIndexOf(':')
    const v4 = ipv4Bytes(s.slice(cut + 1))
    const hi = ((v4[0] as number) << 8) | (v4[1] as number)
    const lo = ((v4[2] as number) << 8) | (v4[3] as number)
    s = `${s.slice(0, cut + 1)}${hi.toString(16)}:${lo.toString(16)}`
  }
  const halves = s.split('::')
  if (halves.length > 2) throw new Error(`not an IPv6 address: ${ip}`)
  const parse = (x: string | undefined) => (x ? x.split(':').map((g) => Number.parseInt(g, 16)) : [])
  const h = parse(halves[0])
  const r = parse(halves[1])
  const groups = halves.length === 1 ? h : [...h, ...new Array<number>(8 - h.length - r.length).fill(0), ...r]
  if (groups.length !== 8 || groups.some((g) => !(g >= 0 && g <= 0xffff))) throw new Error(`not an IPv6 address: ${ip}`)
  const out = new Uint8Array(16)
  groups.forEach((g, i) => {
    out[2 * i] = (g >> 8) & 0xff
    out[2 * i + 1] = g & 0xff
  })
  return out
}

export const ETHERTYPE = { IPV4: 0x0800, IPV6: 0x86dd, ARP: 0x0806, LLDP: 0x88cc, VLAN: 0x8100, QINQ: 0x88a8 }

export interface EthernetOptions {
  src?: string
  dst?: string
  /** One 802.1Q tag (0x8100). */
  vlan?: number
  /** Stacked tags, outermost first: numbers (outer one 0x88a8, inner ones 0x8100) or explicit TPIDs. */
  vlans?: (number | { tpid: number; id: number })[]
  etherType: number
  payload: Uint8Array
}

/** Ethernet II, with optional 802.1Q/802.1ad tags. */
export function ethernet(o: EthernetOptions): Uint8Array {
  const tags: Uint8Array[] = []
  const list = o.vlans ?? (o.vlan !== undefined ? [o.vlan] : [])
  list.forEach((t, i) => {
    const tag = typeof t === 'number' ? { tpid: list.length > 1 && i === 0 ? 0x88a8 : 0x8100, id: t } : t
    tags.push(concat(u16(tag.tpid), u16(tag.id & 0x0fff)))
  })
  return concat(
    macBytes(o.dst ?? '02:00:00:00:00:02'),
    macBytes(o.src ?? '02:00:00:00:00:01'),
    ...tags,
    u16(o.etherType),
    o.payload,
  )
}

/** IEEE 802.3 with LLC/SNAP (AA AA 03, OUI, protocol): CDP is `oui 0x00000c, protocol 0x2000`. */
export function snapFrame(o: { src?: string; dst?: string; oui: number; protocol: number; payload: Uint8Array }) {
  const llc = new Uint8Array([0xaa, 0xaa, 0x03, (o.oui >> 16) & 0xff, (o.oui >> 8) & 0xff, o.oui & 0xff])
  const body = concat(llc, u16(o.protocol), o.payload)
  return concat(macBytes(o.dst ?? '01:00:0c:cc:cc:cc'), macBytes(o.src ?? '02:00:00:00:00:01'), u16(body.length), body)
}

export interface Ipv4Options {
  src: string
  dst: string
  protocol: number
  payload: Uint8Array
  ttl?: number
  id?: number
  /** Fragment offset in bytes (a multiple of 8). */
  fragOffset?: number
  moreFragments?: boolean
  /** IP options (padded to 4 bytes). */
  options?: Uint8Array
  /** Override the total-length field (0 as with segmentation offload). */
  totalLength?: number
}

export function ipv4(o: Ipv4Options): Uint8Array {
  const opts = o.options ?? new Uint8Array(0)
  const optLen = Math.ceil(opts.length / 4) * 4
  const hl = 20 + optLen
  const h = new Uint8Array(hl)
  const dv = new DataView(h.buffer)
  h[0] = 0x40 | (hl / 4)
  dv.setUint16(2, o.totalLength ?? hl + o.payload.length)
  dv.setUint16(4, o.id ?? 1)
  dv.setUint16(6, (o.moreFragments ? 0x2000 : 0) | (((o.fragOffset ?? 0) / 8) & 0x1fff))
  h[8] = o.ttl ?? 64
  h[9] = o.protocol
  h.set(ipv4Bytes(o.src), 12)
  h.set(ipv4Bytes(o.dst), 16)
  h.set(opts, 20)
  return concat(h, o.payload)
}

/** An IPv6 extension header: hop-by-hop 0, routing 43, destination options 60, fragment 44, AH 51. */
export interface ExtHeader {
  type: 0 | 43 | 60 | 44 | 51
  /** Body after the next-header/length bytes (padded as the type needs); for 44 use `fragment`. */
  body?: Uint8Array
  fragment?: { offset: number; more: boolean; id: number }
}

export interface Ipv6Options {
  src: string
  dst: string
  /** Transport protocol (after the extension headers). */
  protocol: number
  payload: Uint8Array
  hopLimit?: number
  extHeaders?: ExtHeader[]
  payloadLength?: number
}

export function ipv6(o: Ipv6Options): Uint8Array {
  const exts = o.extHeaders ?? []
  const encoded: Uint8Array[] = []
  exts.forEach((e, i) => {
    const next = i + 1 < exts.length ? (exts[i + 1] as ExtHeader).type : o.protocol
    if (e.type === 44) {
      const f = e.fragment ?? { offset: 0, more: false, id: 1 }
      const h = new Uint8Array(8)
      const dv = new DataView(h.buffer)
      h[0] = next
      dv.setUint16(2, (f.offset & 0xfff8) | (f.more ? 1 : 0))
      dv.setUint32(4, f.id)
      encoded.push(h)
    } else if (e.type === 51) {
      const body = e.body ?? new Uint8Array(10)
      const len = Math.ceil((body.length + 2) / 4) * 4
      const h = new Uint8Array(len)
      h[0] = next
      h[1] = len / 4 - 2
      h.set(body, 2)
      encoded.push(h)
    } else {
      const body = e.body ?? new Uint8Array(6)
      const len = Math.ceil((body.length + 2) / 8) * 8
      const h = new Uint8Array(len)
      h[0] = next
      h[1] = len / 8 - 1
      h.set(body, 2)
      encoded.push(h)
    }
  })
  const rest = concat(...encoded, o.payload)
  const h = new Uint8Array(40)
  const dv = new DataView(h.buffer)
  h[0] = 0x60
  dv.setUint16(4, o.payloadLength ?? rest.length)
  h[6] = exts.length ? (exts[0] as ExtHeader).type : o.protocol
  h[7] = o.hopLimit ?? 64
  h.set(ipv6Bytes(o.src), 8)
  h.set(ipv6Bytes(o.dst), 24)
  return concat(h, rest)
}

export const TCP_FLAGS = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16 } as const

export interface TcpOptions {
  srcPort: number
  dstPort: number
  seq?: number
  ack?: number
  /** Flags byte, or names: `['SYN','ACK']`. */
  flags?: number | (keyof typeof TCP_FLAGS)[]
  payload?: Uint8Array
  /** TCP options bytes (padded to 4). */
  options?: Uint8Array
}

export function tcp(o: TcpOptions): Uint8Array {
  const opts = o.options ?? new Uint8Array(0)
  const hl = 20 + Math.ceil(opts.length / 4) * 4
  const h = new Uint8Array(hl)
  const dv = new DataView(h.buffer)
  dv.setUint16(0, o.srcPort)
  dv.setUint16(2, o.dstPort)
  dv.setUint32(4, (o.seq ?? 0) >>> 0)
  dv.setUint32(8, (o.ack ?? 0) >>> 0)
  h[12] = (hl / 4) << 4
  h[13] = Array.isArray(o.flags) ? o.flags.reduce((a, f) => a | TCP_FLAGS[f], 0) : (o.flags ?? TCP_FLAGS.ACK)
  dv.setUint16(14, 65535)
  h.set(opts, 20)
  return concat(h, o.payload ?? new Uint8Array(0))
}

export function udp(o: { srcPort: number; dstPort: number; payload?: Uint8Array; length?: number }): Uint8Array {
  const payload = o.payload ?? new Uint8Array(0)
  const h = new Uint8Array(8)
  const dv = new DataView(h.buffer)
  dv.setUint16(0, o.srcPort)
  dv.setUint16(2, o.dstPort)
  dv.setUint16(4, o.length ?? 8 + payload.length)
  return concat(h, payload)
}

/** Linux cooked capture v1 (link type 113): packet type, ARPHRD 1, a 6-byte address, protocol. */
export function sll(o: { src?: string; packetType?: number; protocol: number; payload: Uint8Array }): Uint8Array {
  const h = new Uint8Array(16)
  const dv = new DataView(h.buffer)
  dv.setUint16(0, o.packetType ?? 0)
  dv.setUint16(2, 1)
  dv.setUint16(4, 6)
  h.set(macBytes(o.src ?? '02:00:00:00:00:01'), 6)
  dv.setUint16(14, o.protocol)
  return concat(h, o.payload)
}

/** Linux cooked capture v2 (link type 276): protocol, interface index, ARPHRD, packet type, a 6-byte address. */
export function sll2(o: {
  src?: string
  ifIndex?: number
  packetType?: number
  protocol: number
  payload: Uint8Array
}) {
  const h = new Uint8Array(20)
  const dv = new DataView(h.buffer)
  dv.setUint16(0, o.protocol)
  dv.setUint32(4, o.ifIndex ?? 1)
  dv.setUint16(8, 1)
  h[10] = o.packetType ?? 0
  h[11] = 6
  h.set(macBytes(o.src ?? '02:00:00:00:00:01'), 12)
  return concat(h, o.payload)
}

/**
 * BSD loopback (NULL, link type 0: family in the capturing host's byte order, `littleEndian` default true; LOOP,
 * link type 108: network order — pass `littleEndian: false`). Family 2 = IPv4; 24, 28 or 30 = IPv6.
 */
export function nullLoop(o: { family: number; littleEndian?: boolean; payload: Uint8Array }): Uint8Array {
  const h = new Uint8Array(4)
  new DataView(h.buffer).setUint32(0, o.family, o.littleEndian ?? true)
  return concat(h, o.payload)
}

/** A CapturedPacket around `data` (defaults: packet 1, Ethernet, a fixed time, offset 24 + 16 per packet). */
export function capturedPacket(
  data: Uint8Array,
  o: {
    number?: number
    linkType?: number
    timeUs?: number
    offset?: number
    interfaceId?: number
    originalLength?: number
  } = {},
): CapturedPacket {
  const number = o.number ?? 1
  return {
    number,
    offset: o.offset ?? 24 + (number - 1) * 16,
    interfaceId: o.interfaceId ?? 0,
    linkType: o.linkType ?? LINKTYPE.ETHERNET,
    timeUs: o.timeUs ?? 1_780_000_000_000_000 + number * 1000,
    capturedLength: data.length,
    originalLength: o.originalLength ?? data.length,
    data,
  }
}

/** Ethernet + IPv4 + TCP in one call (the common case in tests). */
export function ethTcp4(o: {
  src: string
  dst: string
  srcPort: number
  dstPort: number
  seq?: number
  ack?: number
  flags?: TcpOptions['flags']
  payload?: Uint8Array
  srcMac?: string
  dstMac?: string
}): Uint8Array {
  return ethernet({
    src: o.srcMac,
    dst: o.dstMac,
    etherType: ETHERTYPE.IPV4,
    payload: ipv4({ src: o.src, dst: o.dst, protocol: 6, payload: tcp(o) }),
  })
}

/** Ethernet + IPv4 + UDP in one call. */
export function ethUdp4(o: {
  src: string
  dst: string
  srcPort: number
  dstPort: number
  payload?: Uint8Array
  srcMac?: string
  dstMac?: string
}): Uint8Array {
  return ethernet({
    src: o.srcMac,
    dst: o.dstMac,
    etherType: ETHERTYPE.IPV4,
    payload: ipv4({ src: o.src, dst: o.dst, protocol: 17, payload: udp(o) }),
  })
}
