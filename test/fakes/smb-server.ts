/**
 * A fake SMB server answering NEGOTIATE only: SMB1 "NT LM 0.12" when `smb1` is true (with domain and server
 * name, MS-CIFS §2.2.4.52.2), otherwise DialectIndex 0xFFFF or a closed connection, and an SMB2 NEGOTIATE
 * response choosing 3.1.1 (MS-SMB2 §2.2.4). Responses are built here by hand, independent of src/probes.
 */
import { type FakeServer, startTcpServer } from './tcp-server.js'

export interface FakeSmbOptions {
  smb1: boolean
  /** How SMB1 is refused when `smb1` is false. */
  refuse?: 'no-dialect' | 'close'
}

function nb(msg: Buffer): Buffer {
  const h = Buffer.alloc(4)
  h.writeUInt32BE(msg.length)
  return Buffer.concat([h, msg])
}

function smb1Header(): Buffer {
  const h = Buffer.alloc(32)
  h.write('\xffSMB', 0, 'latin1')
  h[4] = 0x72
  h[9] = 0x88
  h.writeUInt16LE(0xc001, 10)
  return h
}

function smb1Nt(): Buffer {
  const words = Buffer.alloc(34)
  words.writeUInt16LE(2, 0) // index of "NT LM 0.12" in the request
  words[2] = 0x03
  words.writeUInt16LE(50, 3)
  words.writeUInt16LE(1, 5)
  words.writeUInt32LE(16644, 7)
  words.writeUInt32LE(65536, 11)
  words.writeUInt32LE(0x0000e3fd, 19) // capabilities, no CAP_EXTENDED_SECURITY
  words[33] = 8 // ChallengeLength
  const bytes = Buffer.concat([
    Buffer.alloc(8, 0x11),
    Buffer.from('HOSPITAL\0', 'utf16le'),
    Buffer.from('LABFILES\0', 'utf16le'),
  ])
  const bc = Buffer.alloc(2)
  bc.writeUInt16LE(bytes.length)
  return nb(Buffer.concat([smb1Header(), Buffer.from([17]), words, bc, bytes]))
}

function smb1NoDialect(): Buffer {
  return nb(Buffer.concat([smb1Header(), Buffer.from([1, 0xff, 0xff, 0, 0])]))
}

function smb2Response(): Buffer {
  const h = Buffer.alloc(64)
  h.write('\xfeSMB', 0, 'latin1')
  h.writeUInt16LE(64, 4)
  h.writeUInt32LE(1, 16) // flags: server to redirector
  const body = Buffer.alloc(65 - 1 + 8)
  body.writeUInt16LE(65, 0)
  body.writeUInt16LE(0x01, 2)
  body.writeUInt16LE(0x0311, 4)
  Buffer.from('6c61622d66696c657300000000000000', 'hex').copy(body, 8)
  return nb(Buffer.concat([h, body]))
}

/** NTLM CHALLENGE_MESSAGE (MS-NLMP §2.2.1.2) of a Windows 7 SP1 host XRAY-WS01 in domain RADIOLOGY. */
export function ntlmChallenge(): Buffer {
  const av = (id: number, text: string): Buffer => {
    const v = Buffer.from(text, 'utf16le')
    const h = Buffer.alloc(4)
    h.writeUInt16LE(id, 0)
    h.writeUInt16LE(v.length, 2)
    return Buffer.concat([h, v])
  }
  const info = Buffer.concat([
    av(2, 'RADIOLOGY'),
    av(1, 'XRAY-WS01'),
    av(4, 'radiology.local'),
    av(3, 'xray-ws01.radiology.local'),
    Buffer.alloc(4),
  ])
  const fixed = Buffer.alloc(56)
  fixed.write('NTLMSSP\0', 0, 'latin1')
  fixed.writeUInt32LE(2, 8)
  fixed.writeUInt32LE(0xe2898215, 20) // flags incl. NEGOTIATE_VERSION
  fixed.writeUInt16LE(info.length, 40)
  fixed.writeUInt16LE(info.length, 42)
  fixed.writeUInt32LE(56, 44)
  fixed[48] = 6
  fixed[49] = 1
  fixed.writeUInt16LE(7601, 50)
  fixed[55] = 15
  return Buffer.concat([fixed, info])
}

function smb2SessionSetupResponse(): Buffer {
  const h = Buffer.alloc(64)
  h.write('\xfeSMB', 0, 'latin1')
  h.writeUInt16LE(64, 4)
  h.writeUInt32LE(0xc0000016, 8) // STATUS_MORE_PROCESSING_REQUIRED
  h.writeUInt16LE(1, 12)
  h.writeUInt32LE(1, 16)
  const blob = ntlmChallenge()
  const body = Buffer.alloc(8)
  body.writeUInt16LE(9, 0)
  body.writeUInt16LE(72, 4)
  body.writeUInt16LE(blob.length, 6)
  return nb(Buffer.concat([h, body, blob]))
}

export function startFakeSmb(opts: FakeSmbOptions): Promise<FakeServer> {
  return startTcpServer((socket) => {
    let buf = Buffer.alloc(0)
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d])
      if (buf.length < 8 || buf.length < 4 + buf.readUInt32BE(0)) return
      const proto = buf[4]
      const command = buf.length >= 18 ? buf.readUInt16LE(16) : -1
      buf = Buffer.alloc(0)
      if (proto === 0xff) {
        if (opts.smb1) socket.write(smb1Nt())
        else if (opts.refuse === 'close') socket.destroy()
        else socket.write(smb1NoDialect())
      } else if (proto === 0xfe) socket.write(command === 1 ? smb2SessionSetupResponse() : smb2Response())
    })
  })
}
