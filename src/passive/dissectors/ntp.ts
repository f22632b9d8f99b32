import type { DatagramDissector, NtpEvent } from '../contract.js'

/** NTP (RFC 5905): version, mode (3 client, 4 server, …) and stratum of 48-byte headers on UDP 123. */
export const ntpDissector: DatagramDissector = {
  protocol: 'ntp',
  detect: (b, p) =>
    (p.srcPort === 123 || p.dstPort === 123) &&
    b.length >= 48 &&
    (((b[0] ?? 0) >> 3) & 7) >= 1 &&
    (((b[0] ?? 0) >> 3) & 7) <= 4 &&
    ((b[0] ?? 0) & 7) !== 0,
  parse(b, p, emit) {
    emit({
      kind: 'ntp',
      at: { packet: p.number, timeUs: p.timeUs },
      flow: { transport: 'udp', client: p.src, clientPort: p.srcPort, server: p.dst, serverPort: p.dstPort },
      mac: p.srcMac,
      version: ((b[0] ?? 0) >> 3) & 7,
      mode: (b[0] ?? 0) & 7,
      stratum: b[1] ?? 0,
    } satisfies NtpEvent)
  },
}
