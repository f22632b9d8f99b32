/**
 * Packet decoding (ADR 0044): link layer (Ethernet II with stacked 802.1Q/802.1ad tags, 802.3 LLC/SNAP, Linux SLL
 * and SLL2, BSD NULL/LOOP, raw IP) → IPv4 (options, fragments reassembled) or IPv6 (extension headers, fragments)
 * → TCP/UDP/ICMP. One `DecodedPacket` object is filled per call and returned; views point into the packet's bytes
 * (or a reassembled datagram). Addresses become text once per distinct address (a small cache).
 */
import {
  type CapturedPacket,
  type CaptureProblem,
  type DecodedPacket,
  LINKTYPE,
  type PacketDecoder,
} from '../contract.js'
import { createFragmentTable } from './fragments.js'

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))
const EMPTY = new Uint8Array(0)

/** `aa:bb:cc:dd:ee:ff` of six bytes at `o`. */
export function macText(b: Uint8Array, o: number): string {
  return `${HEX[b[o] ?? 0]}:${HEX[b[o + 1] ?? 0]}:${HEX[b[o + 2] ?? 0]}:${HEX[b[o + 3] ?? 0]}:${HEX[b[o + 4] ?? 0]}:${HEX[b[o + 5] ?? 0]}`
}

/** RFC 5952 text of 16 bytes at `o`: lower case, leading zeros dropped, the longest run of ≥ 2 zero groups as `::`. */
export function ipv6Text(b: Uint8Array, o: number): string {
  const g: number[] = []
  for (let i = 0; i < 8; i++) g.push(((b[o + 2 * i] ?? 0) << 8) | (b[o + 2 * i + 1] ?? 0))
  let bestStart = -1
  let bestLen = 0
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && g[j] === 0) j++
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i
      bestLen = j - i
    }
    i = j
  }
  // IPv4-mapped addresses keep the dotted tail (RFC 5952 §5).
  if (bestStart === 0 && bestLen === 5 && g[5] === 0xffff)
    return `::ffff:${b[o + 12]}.${b[o + 13]}.${b[o + 14]}.${b[o + 15]}`
  const parts = g.map((x) => x.toString(16))
  if (bestStart < 0) return parts.join(':')
  return `${parts.slice(0, bestStart).join(':')}::${parts.slice(bestStart + bestLen).join(':')}`
}

function newPacket(): DecodedPacket {
  return {
    number: 0,
    offset: 0,
    timeUs: 0,
    wireLength: 0,
    srcMac: null,
    dstMac: null,
    vlan: null,
    vlans: [],
    etherType: 0,
    l2Payload: null,
    snapProtocol: null,
    ipVersion: null,
    src: '',
    dst: '',
    ttl: 0,
    protocol: 0,
    srcPort: 0,
    dstPort: 0,
    tcpFlags: 0,
    seq: 0,
    ack: 0,
    payload: EMPTY,
  }
}

const VLAN_TYPES = new Set([0x8100, 0x88a8, 0x9100])

/** Counters over every packet decoded (problems are reported once per link type, counted here always). */
export interface DecoderStats {
  packets: number
  malformed: number
  unknownLinkType: number
  /** IP datagrams waiting for more fragments now (at most 1,024). */
  fragmentsPending: number
}

/** Creates a decoder; problems (unknown link types once each, malformed packets, fragments) go to `onProblem`. */
export function createPacketDecoder(
  onProblem: (p: CaptureProblem) => void,
): PacketDecoder & { readonly stats?: DecoderStats } {
  const d = newPacket()
  let packets = 0
  let malformedCount = 0
  let unknownLinkTypeCount = 0
  const unknownLinkTypes = new Set<number>()
  const v4Cache = new Map<number, string>()
  const fragments = createFragmentTable(onProblem)
  let current: CapturedPacket | null = null

  const malformed = (detail: string) => {
    malformedCount++
    onProblem({
      code: 'malformed-packet',
      offset: current?.offset ?? 0,
      packet: current?.number ?? null,
      detail,
      severity: 'skipped',
    })
    return null
  }

  function v4(b: Uint8Array, o: number): string {
    const key = (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0
    let s = v4Cache.get(key)
    if (s === undefined) {
      s = `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`
      if (v4Cache.size >= 65_536) v4Cache.clear()
      v4Cache.set(key, s)
    }
    return s
  }

  // MACs: the 48 bits as one exact number → text. IPv6: a hash of the 16 bytes → bytes and text, checked on a hit.
  const macCache = new Map<number, string>()
  function mac(b: Uint8Array, o: number): string {
    const key =
      ((b[o] ?? 0) * 256 + (b[o + 1] ?? 0)) * 4_294_967_296 +
      ((((b[o + 2] ?? 0) << 24) | ((b[o + 3] ?? 0) << 16) | ((b[o + 4] ?? 0) << 8) | (b[o + 5] ?? 0)) >>> 0)
    let s = macCache.get(key)
    if (s === undefined) {
      s = macText(b, o)
      if (macCache.size >= 65_536) macCache.clear()
      macCache.set(key, s)
    }
    return s
  }
  const v6Cache = new Map<number, { bytes: Uint8Array; text: string }>()
  function v6(b: Uint8Array, o: number): string {
    let h = 0x811c9dc5
    for (let i = 0; i < 16; i++) h = Math.imul(h ^ (b[o + i] ?? 0), 16_777_619)
    const hit = v6Cache.get(h)
    if (hit) {
      const x = hit.bytes
      let same = true
      for (let i = 0; i < 16; i++) {
        if (x[i] !== b[o + i]) {
          same = false
          break
        }
      }
      if (same) return hit.text
    }
    const text = ipv6Text(b, o)
    if (v6Cache.size >= 16_384) v6Cache.clear()
    v6Cache.set(h, { bytes: b.slice(o, o + 16), text })
    return text
  }

  function reset(p: CapturedPacket): void {
    d.number = p.number
    d.offset = p.offset
    d.timeUs = p.timeUs
    d.wireLength = p.originalLength
    d.srcMac = null
    d.dstMac = null
    d.vlan = null
    if (d.vlans.length) d.vlans = []
    d.etherType = 0
    d.l2Payload = null
    d.snapProtocol = null
    d.ipVersion = null
    d.src = ''
    d.dst = ''
    d.ttl = 0
    d.protocol = 0
    d.srcPort = 0
    d.dstPort = 0
    d.tcpFlags = 0
    d.seq = 0
    d.ack = 0
    d.payload = EMPTY
  }

  /** TCP/UDP/ICMP over `b[o..end)`; fills ports, flags and the payload. */
  function transport(b: Uint8Array, o: number, end: number): DecodedPacket | null {
    const len = end - o
    if (d.protocol === 6) {
      if (len < 20) return malformed(`TCP header needs 20 bytes, ${len} captured`)
      const off = ((b[o + 12] ?? 0) >> 4) * 4
      if (off < 20 || off > len) return malformed(`TCP data offset ${off} with ${len} bytes`)
      // Index arithmetic, no DataView per packet.
      d.srcPort = ((b[o] as number) << 8) | (b[o + 1] as number)
      d.dstPort = ((b[o + 2] as number) << 8) | (b[o + 3] as number)
      d.seq =
        (((b[o + 4] as number) << 24) |
          ((b[o + 5] as number) << 16) |
          ((b[o + 6] as number) << 8) |
          (b[o + 7] as number)) >>>
        0
      d.ack =
        (((b[o + 8] as number) << 24) |
          ((b[o + 9] as number) << 16) |
          ((b[o + 10] as number) << 8) |
          (b[o + 11] as number)) >>>
        0
      d.tcpFlags = b[o + 13] ?? 0
      d.payload = b.subarray(o + off, end)
    } else if (d.protocol === 17) {
      if (len < 8) return malformed(`UDP header needs 8 bytes, ${len} captured`)
      d.srcPort = ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0)
      d.dstPort = ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)
      const ulen = ((b[o + 4] ?? 0) << 8) | (b[o + 5] ?? 0)
      // A UDP length beyond what was captured: a cut packet (snap length); keep what is there.
      d.payload = b.subarray(o + 8, ulen >= 8 && ulen <= len ? o + ulen : end)
    } else {
      d.payload = b.subarray(o, end)
    }
    return d
  }

  function ipv4(b: Uint8Array, o: number): DecodedPacket | null {
    const avail = b.length - o
    if (avail < 20) return malformed(`IPv4 header needs 20 bytes, ${avail} captured`)
    const ihl = ((b[o] ?? 0) & 0x0f) * 4
    if (ihl < 20 || ihl > avail) return malformed(`IPv4 header length ${ihl} with ${avail} bytes`)
    let total = ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)
    // Total length 0: segmentation offload captured before the NIC split it; trust what was captured.
    if (total === 0) total = avail
    if (total < ihl) return malformed(`IPv4 total length ${total} below its header length ${ihl}`)
    const end = o + Math.min(total, avail)
    d.ipVersion = 4
    d.ttl = b[o + 8] ?? 0
    d.protocol = b[o + 9] ?? 0
    d.src = v4(b, o + 12)
    d.dst = v4(b, o + 16)
    const flags = ((b[o + 6] ?? 0) << 8) | (b[o + 7] ?? 0)
    const more = (flags & 0x2000) !== 0
    const fragOff = (flags & 0x1fff) * 8
    if (more || fragOff > 0) {
      const id = ((b[o + 4] ?? 0) << 8) | (b[o + 5] ?? 0)
      const whole = fragments.add(
        `4|${d.src}|${d.dst}|${id}|${d.protocol}`,
        fragOff,
        more,
        b.subarray(o + ihl, end),
        current as CapturedPacket,
      )
      if (!whole) return null
      return transport(whole, 0, whole.length)
    }
    return transport(b, o + ihl, end)
  }

  function ipv6(b: Uint8Array, o: number): DecodedPacket | null {
    const avail = b.length - o
    if (avail < 40) return malformed(`IPv6 header needs 40 bytes, ${avail} captured`)
    const plen = ((b[o + 4] ?? 0) << 8) | (b[o + 5] ?? 0)
    const end = o + 40 + Math.min(plen === 0 ? avail - 40 : plen, avail - 40)
    d.ipVersion = 6
    d.ttl = b[o + 7] ?? 0
    d.src = v6(b, o + 8)
    d.dst = v6(b, o + 24)
    return ipv6Chain(b, o + 40, end, b[o + 6] ?? 59, true)
  }

  /** Walks IPv6 extension headers from `p` (next header `next`) to the transport; `frag` false after reassembly. */
  function ipv6Chain(b: Uint8Array, p: number, end: number, next: number, frag: boolean): DecodedPacket | null {
    for (let hops = 0; hops < 16; hops++) {
      if (next === 0 || next === 43 || next === 60) {
        if (p + 2 > end) return malformed(`IPv6 extension header ${next} cut short`)
        const len = ((b[p + 1] ?? 0) + 1) * 8
        if (p + len > end) return malformed(`IPv6 extension header ${next} of ${len} bytes cut short`)
        next = b[p] ?? 59
        p += len
      } else if (next === 51) {
        if (p + 2 > end) return malformed('IPv6 AH cut short')
        const len = ((b[p + 1] ?? 0) + 2) * 4
        next = b[p] ?? 59
        p += len
        if (p > end) return malformed('IPv6 AH cut short')
      } else if (next === 44 && frag) {
        if (p + 8 > end) return malformed('IPv6 fragment header cut short')
        const nh = b[p] ?? 59
        const offFlags = ((b[p + 2] ?? 0) << 8) | (b[p + 3] ?? 0)
        const id = (((b[p + 4] ?? 0) << 24) | ((b[p + 5] ?? 0) << 16) | ((b[p + 6] ?? 0) << 8) | (b[p + 7] ?? 0)) >>> 0
        d.protocol = nh
        const whole = fragments.add(
          `6|${d.src}|${d.dst}|${id}`,
          offFlags & 0xfff8,
          (offFlags & 1) === 1,
          b.subarray(p + 8, end),
          current as CapturedPacket,
        )
        if (!whole) return null
        // The reassembled payload may itself start with further extension headers (destination options, AH).
        return ipv6Chain(whole, 0, whole.length, nh, false)
      } else {
        break
      }
    }
    d.protocol = next
    if (next === 50 || next === 59 || next === 44) {
      d.payload = b.subarray(p, end)
      return d
    }
    return transport(b, p, end)
  }

  function network(b: Uint8Array, o: number, etherType: number): DecodedPacket | null {
    d.etherType = etherType
    if (etherType === 0x0800) return ipv4(b, o)
    if (etherType === 0x86dd) return ipv6(b, o)
    d.l2Payload = b.subarray(o)
    return d
  }

  function rawIp(b: Uint8Array, o: number): DecodedPacket | null {
    const v = (b[o] ?? 0) >> 4
    if (v === 4) return network(b, o, 0x0800)
    if (v === 6) return network(b, o, 0x86dd)
    return malformed(`raw IP packet of version ${v}`)
  }

  function ethernet(b: Uint8Array): DecodedPacket | null {
    if (b.length < 14) return malformed(`Ethernet header needs 14 bytes, ${b.length} captured`)
    d.dstMac = mac(b, 0)
    d.srcMac = mac(b, 6)
    let o = 12
    let type = ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0)
    while (VLAN_TYPES.has(type)) {
      if (o + 6 > b.length) return malformed('VLAN tag cut short')
      const vid = (((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) & 0x0fff
      if (d.vlans.length === 0) d.vlans = []
      d.vlans.push(vid)
      if (d.vlan === null) d.vlan = vid
      o += 4
      type = ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0)
    }
    o += 2
    if (type <= 1500) {
      // 802.3 with an LLC header; SNAP (AA AA 03) carries an OUI and a protocol (CDP: 00000c / 0x2000).
      if (b[o] === 0xaa && b[o + 1] === 0xaa && b[o + 2] === 0x03 && o + 8 <= b.length) {
        const oui = ((b[o + 3] ?? 0) << 16) | ((b[o + 4] ?? 0) << 8) | (b[o + 5] ?? 0)
        const proto = ((b[o + 6] ?? 0) << 8) | (b[o + 7] ?? 0)
        if (oui === 0) return network(b, o + 8, proto)
        d.snapProtocol = proto
        d.l2Payload = b.subarray(o + 8)
        return d
      }
      d.l2Payload = b.subarray(Math.min(o + 3, b.length))
      return d
    }
    return network(b, o, type)
  }

  return {
    get stats(): DecoderStats {
      return {
        packets,
        malformed: malformedCount,
        unknownLinkType: unknownLinkTypeCount,
        fragmentsPending: fragments.pending,
      }
    },
    decode(p) {
      packets++
      current = p
      reset(p)
      const b = p.data
      switch (p.linkType) {
        case LINKTYPE.ETHERNET:
          return ethernet(b)
        case LINKTYPE.RAW:
        case LINKTYPE.IPV4:
        case LINKTYPE.IPV6:
          return rawIp(b, 0)
        case LINKTYPE.NULL:
        case LINKTYPE.LOOP: {
          if (b.length < 4) return malformed('loopback header cut short')
          // NULL: the family in the capturing host's byte order; LOOP: network order. Either way small.
          const le = (b[0] ?? 0) | ((b[1] ?? 0) << 8)
          const be = ((b[2] ?? 0) << 8) | (b[3] ?? 0)
          const family = le !== 0 ? le : be
          if (family === 2) return network(b, 4, 0x0800)
          if (family === 24 || family === 28 || family === 30) return network(b, 4, 0x86dd)
          return rawIp(b, 4)
        }
        case LINKTYPE.LINUX_SLL: {
          if (b.length < 16) return malformed('Linux cooked header cut short')
          const alen = ((b[4] ?? 0) << 8) | (b[5] ?? 0)
          if (alen === 6) d.srcMac = mac(b, 6)
          return network(b, 16, ((b[14] ?? 0) << 8) | (b[15] ?? 0))
        }
        case LINKTYPE.LINUX_SLL2: {
          if (b.length < 20) return malformed('Linux cooked v2 header cut short')
          if (b[11] === 6) d.srcMac = mac(b, 12)
          return network(b, 20, ((b[0] ?? 0) << 8) | (b[1] ?? 0))
        }
        default:
          unknownLinkTypeCount++
          if (!unknownLinkTypes.has(p.linkType)) {
            unknownLinkTypes.add(p.linkType)
            onProblem({
              code: 'unknown-link-type',
              offset: p.offset,
              packet: p.number,
              detail: `link type ${p.linkType}`,
              severity: 'skipped',
            })
          }
          return d
      }
    },
  }
}
