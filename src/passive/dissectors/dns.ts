import type { DatagramDissector, DecodedPacket, Emit, NameEvent, NameQueryEvent } from '../contract.js'
import { parseDns, reverseV4 } from './dns-name.js'

/**
 * DNS (53), multicast DNS (5353) and LLMNR (5355): who asked for which name, and which names answers bind to which
 * addresses (A, AAAA, and PTR of in-addr.arpa).
 */
function dissector(protocol: 'dns' | 'mdns' | 'llmnr', port: number): DatagramDissector {
  return {
    protocol,
    detect: (b, p) => (p.dstPort === port || p.srcPort === port) && parseDns(b) !== null,
    parse(b, p: DecodedPacket, emit: Emit) {
      const msg = parseDns(b)
      if (!msg) return
      const at = { packet: p.number, timeUs: p.timeUs }
      const flow = {
        transport: 'udp' as const,
        client: p.src,
        clientPort: p.srcPort,
        server: p.dst,
        serverPort: p.dstPort,
      }
      if (!msg.response || protocol === 'mdns')
        for (const name of msg.questions.slice(0, 8))
          emit({ kind: 'name-query', source: protocol, name, at, flow, mac: p.srcMac } satisfies NameQueryEvent)
      for (const r of msg.answers.slice(0, 32)) {
        if ((r.type === 1 || r.type === 28) && r.value)
          emit({
            kind: 'name',
            source: protocol,
            name: r.name,
            address: r.value,
            mac: null,
            at,
            flow,
          } satisfies NameEvent)
        else if (r.type === 12 && r.value) {
          const address = reverseV4(r.name)
          if (address)
            emit({ kind: 'name', source: protocol, name: r.value, address, mac: null, at, flow } satisfies NameEvent)
        }
      }
    },
  }
}

export const dnsDissector = dissector('dns', 53)
export const mdnsDissector = dissector('mdns', 5353)
export const llmnrDissector = dissector('llmnr', 5355)
