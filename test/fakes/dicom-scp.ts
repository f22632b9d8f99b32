/**
 * A fake DICOM SCP: answers A-ASSOCIATE-RQ with AC (when the called AE title is acceptable) or RJ
 * "called AE title not recognized" (PS3.8 §9.3.4), C-ECHO-RQ with a success C-ECHO-RSP, A-RELEASE-RQ with RP.
 */
import { type FakeServer, startTcpServer } from './tcp-server.js'

export interface FakeDicomOptions {
  /** 'any' accepts every called AE title (the weakness); a title accepts only that one. */
  accept: 'any' | string
  implementationUid?: string
  versionName?: string
  /** Misbehave after the association: 'stall' never answers the C-ECHO. */
  afterAccept?: 'normal' | 'stall'
}

function item(type: number, body: Buffer): Buffer {
  const h = Buffer.alloc(4)
  h[0] = type
  h.writeUInt16BE(body.length, 2)
  return Buffer.concat([h, body])
}

function pdu(type: number, body: Buffer): Buffer {
  const h = Buffer.alloc(6)
  h[0] = type
  h.writeUInt32BE(body.length, 2)
  return Buffer.concat([h, body])
}

function ac(rq: Buffer, opts: FakeDicomOptions): Buffer {
  const fixed = Buffer.from(rq.subarray(6, 74)) // echo version + AE titles + reserved
  const maxLen = Buffer.alloc(4)
  maxLen.writeUInt32BE(32768)
  const body = Buffer.concat([
    fixed,
    item(0x10, Buffer.from('1.2.840.10008.3.1.1.1')),
    item(0x21, Buffer.concat([Buffer.from([1, 0, 0, 0]), item(0x40, Buffer.from('1.2.840.10008.1.2'))])),
    item(
      0x50,
      Buffer.concat([
        item(0x51, maxLen),
        item(0x52, Buffer.from(opts.implementationUid ?? '1.2.840.113619.6.999')),
        item(0x55, Buffer.from(opts.versionName ?? 'FAKE_SCP_1')),
      ]),
    ),
  ])
  return pdu(0x02, body)
}

function echoRsp(): Buffer {
  const el = (elem: number, value: Buffer): Buffer => {
    const h = Buffer.alloc(8)
    h.writeUInt16LE(0, 0)
    h.writeUInt16LE(elem, 2)
    h.writeUInt32LE(value.length, 4)
    return Buffer.concat([h, value])
  }
  const us = (v: number): Buffer => {
    const b = Buffer.alloc(2)
    b.writeUInt16LE(v)
    return b
  }
  const cmd = Buffer.concat([el(0x0100, us(0x8030)), el(0x0120, us(1)), el(0x0800, us(0x0101)), el(0x0900, us(0))])
  const pdv = Buffer.alloc(6)
  pdv.writeUInt32BE(cmd.length + 2)
  pdv[4] = 1
  pdv[5] = 0x03
  return pdu(0x04, Buffer.concat([pdv, cmd]))
}

/** Starts the fake SCP. */
export function startFakeDicom(opts: FakeDicomOptions): Promise<FakeServer> {
  return startTcpServer((socket) => {
    let buf = Buffer.alloc(0)
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d])
      while (buf.length >= 6 && buf.length >= 6 + buf.readUInt32BE(2)) {
        const one = buf.subarray(0, 6 + buf.readUInt32BE(2))
        buf = buf.subarray(one.length)
        if (one[0] === 0x01) {
          const called = one.subarray(10, 26).toString('ascii').trim()
          if (opts.accept === 'any' || opts.accept === called) socket.write(ac(one, opts))
          else socket.write(pdu(0x03, Buffer.from([0, 1, 1, 7]))) // permanent, service-user, called AE not recognized
        } else if (one[0] === 0x04) {
          if (opts.afterAccept !== 'stall') socket.write(echoRsp())
        } else if (one[0] === 0x05) {
          socket.end(pdu(0x06, Buffer.alloc(4)))
        }
      }
    })
  })
}
