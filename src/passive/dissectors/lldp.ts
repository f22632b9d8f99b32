import type { FrameDissector, NameEvent, NeighbourEvent } from '../contract.js'
import { ipv6Text, macText } from '../decode/index.js'
import { printable, u16be } from './bytes.js'

/**
 * LLDP (IEEE 802.1AB, EtherType 0x88cc): chassis and port ids, system name and description, capabilities and the
 * management address — what a switch or a device says about itself.
 */
const CAPS = [
  'other',
  'repeater',
  'bridge',
  'wlan-ap',
  'router',
  'telephone',
  'docsis',
  'station',
  'cvlan',
  'svlan',
  'tpmr',
]

function id(b: Uint8Array): string | null {
  const sub = b[0]
  const v = b.subarray(1)
  if ((sub === 4 || sub === 3) && v.length === 6) return macText(v, 0)
  if (sub === 5 && v[0] === 1 && v.length >= 5) return `${v[1]}.${v[2]}.${v[3]}.${v[4]}`
  if (sub === 5 && v[0] === 2 && v.length >= 17) return ipv6Text(v, 1)
  return printable(v, 128) || null
}

export const lldpDissector: FrameDissector = {
  protocol: 'lldp',
  detect: (p) => p.etherType === 0x88cc && p.l2Payload !== null,
  parse(p, emit) {
    const b = p.l2Payload as Uint8Array
    const ev: NeighbourEvent = {
      kind: 'neighbour',
      at: { packet: p.number, timeUs: p.timeUs },
      flow: null,
      mac: p.srcMac,
      protocol: 'lldp',
      chassisId: null,
      portId: null,
      systemName: null,
      systemDescription: null,
      platform: null,
      managementAddress: null,
      capabilities: [],
    }
    let o = 0
    for (let n = 0; n < 64 && o + 2 <= b.length; n++) {
      const head = u16be(b, o)
      const type = head >> 9
      const len = head & 0x1ff
      if (type === 0) break
      const v = b.subarray(o + 2, Math.min(b.length, o + 2 + len))
      if (type === 1) ev.chassisId = id(v)
      else if (type === 2) ev.portId = id(v)
      else if (type === 5) ev.systemName = printable(v, 128) || null
      else if (type === 6) ev.systemDescription = printable(v, 256) || null
      else if (type === 7 && v.length >= 4) {
        const enabled = u16be(v, 2) || u16be(v, 0)
        ev.capabilities = CAPS.filter((_, i) => enabled & (1 << i))
      } else if (type === 8 && v.length >= 2) {
        const alen = v[0] ?? 0
        const family = v[1]
        if (family === 1 && alen === 5 && v.length >= 6) ev.managementAddress = `${v[2]}.${v[3]}.${v[4]}.${v[5]}`
        else if (family === 2 && alen === 17 && v.length >= 18) ev.managementAddress = ipv6Text(v, 2)
      }
      o += 2 + len
    }
    emit(ev)
    if (ev.systemName)
      emit({
        kind: 'name',
        source: 'lldp',
        name: ev.systemName.toLowerCase(),
        address: ev.managementAddress,
        mac: p.srcMac,
        at: ev.at,
        flow: null,
      } satisfies NameEvent)
  },
}
