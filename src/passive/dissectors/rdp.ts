import type { Direction, RdpEvent, StreamDissector } from '../contract.js'
import { ByteQueue, latin1, printable, u16be, u32le } from './bytes.js'

/**
 * RDP connection start (MS-RDPBCGR §2.2.1.1–2): TPKT + X.224 Connection Request with the `Cookie: mstshash=`
 * user name and the protocols the client asks for (0 standard RDP security, 1 TLS, 2 CredSSP/NLA), then the server's
 * Connection Confirm with the protocol it selected.
 */
export const rdpDissector: StreamDissector = {
  protocol: 'rdp',
  detect: (first) =>
    first[0] === 0x03 && first[1] === 0x00 && u16be(first, 2) >= 11 && (first[5] === 0xe0 || first[5] === 0xd0),
  open(flow, emit, mac) {
    const q = { client: new ByteQueue(4096), server: new ByteQueue(4096) }
    let confirmed = false
    return {
      data(dir: Direction, bytes, at) {
        const b = q[dir]
        if (!b.append(bytes)) return 'done'
        if (b.length < 4) return 'more'
        const len = u16be(b.bytes, 2)
        if (len < 11 || len > 4096) return 'done'
        if (b.length < len) return 'more'
        const tpkt = b.take(len)
        const type = tpkt[5]
        let cookieUser: string | null = null
        let p = 11
        const txt = latin1(tpkt, p, Math.min(tpkt.length, p + 128))
        const m = /^Cookie: mstshash=([^\r\n]{0,64})\r\n/.exec(txt)
        if (m) {
          cookieUser =
            printable(
              Uint8Array.from(m[1] ?? '', (c) => c.charCodeAt(0) & 0xff),
              64,
            ) || null
          p += m[0].length
        }
        let protocols: number | null = null
        if (p + 8 <= tpkt.length && (tpkt[p] === 0x01 || tpkt[p] === 0x02)) protocols = u32le(tpkt, p + 4)
        emit({
          kind: 'rdp',
          at: { ...at },
          flow,
          mac: dir === 'client' ? mac.client : mac.server,
          side: type === 0xd0 ? 'response' : 'request',
          protocols,
          cookieUser,
        } satisfies RdpEvent)
        if (type === 0xd0) confirmed = true
        return confirmed ? 'done' : 'more'
      },
      end() {},
    }
  },
}
