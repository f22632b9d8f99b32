import { describe, expect, it } from 'vitest'
import type { FlowKey, PassiveEvent } from '../../../src/passive/contract.js'
import { rdpDissector } from '../../../src/passive/dissectors/rdp.js'
import { bytes, stream } from './helpers.js'

const RDP: FlowKey = { transport: 'tcp', client: '10.1.0.5', clientPort: 40003, server: '10.1.0.9', serverPort: 3389 }
const facts = (events: PassiveEvent[]) => events.map(({ at: _at, ...rest }) => rest)

describe('RDP dissector', () => {
  it('keeps the cookie user printable only, asks NLA, and gives the same facts at any split', () => {
    const cookie = 'Cookie: mstshash=ward\x01pc\r\n'
    const neg = [0x01, 0x00, 0x08, 0x00, 0x03, 0x00, 0x00, 0x00]
    const len = 11 + cookie.length + 8
    const cr = bytes([0x03, 0x00, len >> 8, len & 0xff, len - 5, 0xe0, 0, 0, 0, 0, 0], cookie, neg)
    const cc = bytes([0x03, 0x00, 0x00, 0x13, 0x0e, 0xd0, 0, 0, 0x12, 0x34, 0], [0x02, 0, 0x08, 0, 0x02, 0, 0, 0])
    const turns: ['client' | 'server', Uint8Array][] = [
      ['client', cr],
      ['server', cc],
    ]
    const whole = stream(rdpDissector, turns, Number.POSITIVE_INFINITY, RDP)
    expect(whole).toEqual([
      expect.objectContaining({ kind: 'rdp', side: 'request', cookieUser: 'wardpc', protocols: 3 }),
      expect.objectContaining({ kind: 'rdp', side: 'response', protocols: 2 }),
    ])
    for (const piece of [1, 2, 5]) expect(facts(stream(rdpDissector, turns, piece, RDP))).toEqual(facts(whole))
  })
})
