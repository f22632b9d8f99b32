import { describe, expect, it } from 'vitest'
import type { Direction, FlowKey } from '../../../src/passive/contract.js'
import { ftpDissector } from '../../../src/passive/dissectors/ftp.js'
import { bytes, stream } from './helpers.js'

const FTP: FlowKey = { transport: 'tcp', client: '10.1.0.5', clientPort: 40001, server: '10.1.0.9', serverPort: 2121 }

describe('FTP dissector', () => {
  it('stops after the login result: a later USER on the same connection is not read', () => {
    const turns: [Direction, Uint8Array][] = [
      ['server', bytes('220 Analyzer FTP\r\n')],
      ['client', bytes('USER anonymous\r\n')],
      ['server', bytes('331 Guest login ok\r\n')],
      ['client', bytes('PASS guest@\r\n')],
      ['server', bytes('230 Guest login ok\r\n')],
      ['client', bytes('USER second\r\n')],
      ['server', bytes('230 ok\r\n')],
    ]
    for (const piece of [Number.POSITIVE_INFINITY, 1, 4]) {
      const logins = stream(ftpDissector, turns, piece, FTP).filter((e) => e.kind === 'cleartext-login')
      expect(logins).toEqual([expect.objectContaining({ protocol: 'ftp', user: 'anonymous', accepted: true })])
    }
  })

  it('AUTH TLS accepted ends the clear part: no login is reported', () => {
    const turns: [Direction, Uint8Array][] = [
      ['server', bytes('220 Secure FTP\r\n')],
      ['client', bytes('AUTH TLS\r\n')],
      ['server', bytes('234 Proceed\r\n')],
      ['client', bytes('USER x\r\n')],
      ['server', bytes('230 ok\r\n')],
    ]
    const events = stream(ftpDissector, turns, 1, FTP)
    expect(events.map((e) => e.kind)).toEqual(['banner'])
  })
})
