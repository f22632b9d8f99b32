/** A fake VNC server: RFB version (RFC 6143 §7.1.1), then the security types (§7.1.2), then waits. */
import { type FakeServer, startTcpServer } from './tcp-server.js'

export interface FakeVncOptions {
  version?: '003.008' | '003.007' | '003.003'
  types: number[]
}

export function startFakeVnc(opts: FakeVncOptions): Promise<FakeServer> {
  const version = opts.version ?? '003.008'
  return startTcpServer((socket) => {
    socket.write(`RFB ${version}\n`)
    let got = 0
    socket.on('data', (d: Buffer) => {
      got += d.length
      if (got < 12) return
      if (version === '003.003') {
        const b = Buffer.alloc(4)
        b.writeUInt32BE(opts.types[0] ?? 0)
        socket.write(b)
      } else socket.write(Buffer.from([opts.types.length, ...opts.types]))
    })
  })
}
