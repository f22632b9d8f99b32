import type { FrameDissector, NameEvent, NeighbourEvent } from '../contract.js'
import { printable, u16be } from './bytes.js'

/**
 * CDP (Cisco Discovery Protocol, 802.3 LLC/SNAP 00000c/0x2000): device id, addresses, port, capabilities, software
 * version and platform.
 */
const CAPS = ['router', 'transparent-bridge', 'source-route-bridge', 'switch', 'host', 'igmp', 'repeater', 'phone']

export const cdpDissector: FrameDissector = {
  protocol: 'cdp',
  detect: (p) =>
    p.snapProtocol === 0x2000 &&
    p.l2Payload !== null &&
    p.l2Payload.length >= 4 &&
    (p.l2Payload[0] === 1 || p.l2Payload[0] === 2),
  parse(p, emit) {
    const b = p.l2Payload as Uint8Array
    const ev: NeighbourEvent = {
      kind: 'neighbour',
      at: { packet: p.number, timeUs: p.timeUs },
      flow: null,
      mac: p.srcMac,
      protocol: 'cdp',
      chassisId: null,
      portId: null,
      systemName: null,
      systemDescription: null,
      platform: null,
      managementAddress: null,
      capabilities: [],
    }
    let o = 4 // version, ttl, checksum
    for (let n = 0; n < 64 && o + 4 <= b.length; n++) {
      const type = u16be(b, o)
      const len = u16be(b, o + 2)
      if (len < 4) break
      const v = b.subarray(o + 4, Math.min(b.length, o + len))
      if (type === 0x0001) {
        ev.systemName = printable(v, 128) || null
        ev.chassisId = ev.systemName
      } else if (type === 0x0002 && v.length >= 4) {
        // Address count, then (protocol type 1, length 1, protocol 0xcc = IP, address length 4, address).
        let q = 4
        for (let i = 0; i < u16be(v, 2) && q + 9 <= v.length; i++) {
          const pl = v[q + 1] ?? 0
          const al = u16be(v, q + 2 + pl)
          if (pl === 1 && v[q + 2] === 0xcc && al === 4 && !ev.managementAddress) {
            const a = q + 4 + pl
            ev.managementAddress = `${v[a]}.${v[a + 1]}.${v[a + 2]}.${v[a + 3]}`
          }
          q += 4 + pl + al
        }
      } else if (type === 0x0003) ev.portId = printable(v, 64) || null
      else if (type === 0x0004 && v.length >= 4) {
        const bits = u16be(v, 2)
        ev.capabilities = CAPS.filter((_, i) => bits & (1 << i))
      } else if (type === 0x0005) ev.systemDescription = printable(v, 256) || null
      else if (type === 0x0006) ev.platform = printable(v, 128) || null
      o += len
    }
    emit(ev)
    if (ev.systemName)
      emit({
        kind: 'name',
        source: 'cdp',
        name: ev.systemName.toLowerCase(),
        address: ev.managementAddress,
        mac: p.srcMac,
        at: ev.at,
        flow: null,
      } satisfies NameEvent)
  },
}
