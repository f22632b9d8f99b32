/**
 * A fake RDP listener answering X.224 Connection Requests (MS-RDPBCGR 2.2.1.2) according to its security
 * policy: NLA required, TLS required (NLA optional), standard RDP allowed, or a legacy server without
 * negotiation.
 */
import { type FakeServer, startTcpServer } from './tcp-server.js'

export type FakeRdpMode = 'nla-required' | 'tls-required' | 'standard-allowed' | 'legacy'

function cc(neg: Buffer | null): Buffer {
  const x224 = Buffer.from([neg ? 14 : 6, 0xd0, 0, 0, 0x12, 0x34, 0])
  const body = neg ? Buffer.concat([x224, neg]) : x224
  const tpkt = Buffer.from([3, 0, 0, 0])
  tpkt.writeUInt16BE(body.length + 4, 2)
  return Buffer.concat([tpkt, body])
}

function neg(type: 2 | 3, value: number): Buffer {
  const b = Buffer.from([type, 0, 8, 0, 0, 0, 0, 0])
  b.writeUInt32LE(value, 4)
  return b
}

export function startFakeRdp(mode: FakeRdpMode): Promise<FakeServer & { requests: number[] }> {
  const requests: number[] = []
  return startTcpServer((socket) => {
    socket.once('data', (d: Buffer) => {
      const requested = d.length >= 19 ? d.readUInt32LE(15) : 0
      requests.push(requested)
      if (mode === 'legacy') return void socket.write(cc(null))
      if (requested & 0x2) return void socket.write(cc(neg(2, 0x2)))
      if (mode === 'nla-required') return void socket.write(cc(neg(3, 5))) // HYBRID_REQUIRED_BY_SERVER
      if (mode === 'tls-required') {
        if (requested & 0x1) return void socket.write(cc(neg(2, 0x1)))
        return void socket.write(cc(neg(3, 1))) // SSL_REQUIRED_BY_SERVER
      }
      socket.write(cc(neg(2, requested & 0x1 ? 0x1 : 0x0)))
    })
  }).then((s) => Object.assign(s, { requests }))
}
