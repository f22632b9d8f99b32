/** Hand-made decoded packets and events for the analyzer and observation tests. */
import type { DecodedPacket, FlowKey, PassiveEvent } from '../../../src/passive/contract.js'

const EMPTY = new Uint8Array(0)

let counter = 0

/** A decoded IPv4 packet; by default TCP, TTL 64, 100 bytes on the wire, numbered in order. */
export function pkt(overrides: Partial<DecodedPacket> = {}): DecodedPacket {
  counter++
  return {
    number: counter,
    offset: counter * 100,
    timeUs: 1_780_000_000_000_000 + counter * 1000,
    wireLength: 100,
    srcMac: null,
    dstMac: null,
    vlan: null,
    vlans: [],
    etherType: 0x0800,
    l2Payload: null,
    snapProtocol: null,
    ipVersion: 4,
    src: '10.0.0.1',
    dst: '10.0.0.2',
    ttl: 64,
    protocol: 6,
    srcPort: 40000,
    dstPort: 80,
    tcpFlags: 0x10,
    seq: 0,
    ack: 0,
    payload: EMPTY,
    ...overrides,
  }
}

/** The packets of a TCP handshake and one request/response, client → server:port. */
export function tcpExchange(
  client: string,
  server: string,
  port: number,
  extra: Partial<DecodedPacket> = {},
): DecodedPacket[] {
  const c = { src: client, dst: server, srcPort: 50000, dstPort: port, ...extra }
  const s = { src: server, dst: client, srcPort: port, dstPort: 50000, ...extra }
  return [
    pkt({ ...c, tcpFlags: 0x02 }),
    pkt({ ...s, tcpFlags: 0x12 }),
    pkt({ ...c, tcpFlags: 0x10 }),
    pkt({ ...c, tcpFlags: 0x18, payload: new Uint8Array(10) }),
    pkt({ ...s, tcpFlags: 0x18, payload: new Uint8Array(20) }),
  ]
}

export function flow(client: string, server: string, serverPort: number, transport: 'tcp' | 'udp' = 'tcp'): FlowKey {
  return { transport, client, clientPort: 50000, server, serverPort }
}

/** An event at packet `packet` (time derived from it). */
export function ev<E extends PassiveEvent>(e: Omit<E, 'at' | 'mac'> & { mac?: string | null }, packet = 7): E {
  return { mac: null, ...e, at: { packet, timeUs: 1_780_000_000_000_000 + packet * 1000 } } as unknown as E
}
