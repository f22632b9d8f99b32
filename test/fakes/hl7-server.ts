/** A fake HL7 v2 MLLP listener: answers every framed message with an ACK (MSA-1 configurable). */
import { type FakeServer, startTcpServer } from './tcp-server.js'

export interface FakeHl7Options {
  ack: 'AA' | 'AE' | 'AR'
  /** Reply without MLLP framing (some test tools do). */
  unframed?: boolean
}

export function startFakeHl7(opts: FakeHl7Options): Promise<FakeServer & { received: string[] }> {
  const received: string[] = []
  return startTcpServer((socket) => {
    let buf = Buffer.alloc(0)
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d])
      const end = buf.indexOf(Buffer.from([0x1c, 0x0d]))
      if (end < 0) return
      const msg = buf.subarray(1, end).toString('latin1')
      received.push(msg)
      buf = Buffer.alloc(0)
      const control = msg.split('\r')[0]?.split('|')[9] ?? ''
      const ack = `MSH|^~\\&|LABSYS|CENTRAL-LAB|MAMORI|SCAN|20260101120000||ACK^N01|A${control}|P|2.3\rMSA|${opts.ack}|${control}|Unsupported message type\r`
      socket.write(
        opts.unframed
          ? ack
          : Buffer.concat([Buffer.from([0x0b]), Buffer.from(ack, 'latin1'), Buffer.from([0x1c, 0x0d])]),
      )
    })
  }).then((s) => Object.assign(s, { received }))
}
