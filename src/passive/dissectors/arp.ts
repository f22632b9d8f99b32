import type { ArpEvent, FrameDissector } from '../contract.js'
import { macText } from '../decode/index.js'

/** ARP over Ethernet for IPv4 (RFC 826): who has which address at which MAC — the most reliable MAC binding. */
export const arpDissector: FrameDissector = {
  protocol: 'arp',
  detect: (p) => p.etherType === 0x0806 && p.l2Payload !== null && p.l2Payload.length >= 28,
  parse(p, emit) {
    const b = p.l2Payload as Uint8Array
    if (b[0] !== 0 || b[1] !== 1 || b[2] !== 0x08 || b[3] !== 0x00 || b[4] !== 6 || b[5] !== 4) return
    const op = b[7]
    if (op !== 1 && op !== 2) return
    emit({
      kind: 'arp',
      at: { packet: p.number, timeUs: p.timeUs },
      flow: null,
      mac: p.srcMac,
      op: op === 1 ? 'request' : 'reply',
      senderMac: macText(b, 8),
      senderAddress: `${b[14]}.${b[15]}.${b[16]}.${b[17]}`,
      targetAddress: `${b[24]}.${b[25]}.${b[26]}.${b[27]}`,
    } satisfies ArpEvent)
  },
}
