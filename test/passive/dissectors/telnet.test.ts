import { describe, expect, it } from 'vitest'
import type { Direction, FlowKey, PassiveEvent } from '../../../src/passive/contract.js'
import { telnetDissector } from '../../../src/passive/dissectors/telnet.js'
import { bytes, stream } from './helpers.js'

const TELNET: FlowKey = { transport: 'tcp', client: '10.1.0.5', clientPort: 40000, server: '10.1.0.9', serverPort: 23 }
const facts = (events: PassiveEvent[]) => events.map(({ at: _at, ...rest }) => rest)

/** A login with option negotiation (incl. a subnegotiation) whose option bytes are printable ('#', '$', ' '). */
const session = (typed: string, result: string): [Direction, Uint8Array][] => [
  [
    'server',
    bytes(
      [0xff, 0xfd, 0x23, 0xff, 0xfb, 0x24, 0xff, 0xfa, 0x20, 0x01, 0x24, 0x23, 0xff, 0xf0],
      '\r\nInfusion server\r\nlogin: ',
    ),
  ],
  ['client', bytes([0xff, 0xfc, 0x23, 0xff, 0xfe, 0x24], typed, '\r\n')],
  ['server', bytes('Password: ')],
  ['client', bytes('Secret#9\r\n')],
  ['server', bytes(result)],
]

describe('Telnet dissector', () => {
  it('gives the same facts whatever the packet boundaries, even inside IAC sequences', () => {
    const turns = session('pumpadm', '\r\nLast login: Mon\r\n$ ')
    const whole = facts(stream(telnetDissector, turns, Number.POSITIVE_INFINITY, TELNET))
    expect(whole).toContainEqual(
      expect.objectContaining({ kind: 'cleartext-login', protocol: 'telnet', user: 'pumpadm', accepted: true }),
    )
    expect(whole).toContainEqual(expect.objectContaining({ kind: 'banner', text: 'Infusion server' }))
    for (const piece of [1, 2, 3, 5, 7]) expect(facts(stream(telnetDissector, turns, piece, TELNET))).toEqual(whole)
  })

  it('a split option byte that looks like a prompt does not accept a refused login', () => {
    // After Password:, the server negotiates ECHO with option byte 0x24 ('$') split from its IAC, then refuses.
    const turns: [Direction, Uint8Array][] = [
      ['server', bytes('login: ')],
      ['client', bytes('nurse\r\n')],
      ['server', bytes('Password: ', [0xff, 0xfb])],
      ['server', bytes([0x24])],
      ['client', bytes('x\r\n')],
      ['server', bytes('\r\nLogin incorrect\r\nlogin: ')],
    ]
    const events = stream(telnetDissector, turns, Number.POSITIVE_INFINITY, TELNET)
    expect(events.filter((e) => e.kind === 'cleartext-login')).toEqual([
      expect.objectContaining({ user: 'nurse', accepted: false }),
    ])
  })

  it('never keeps what is typed after Password:', () => {
    const events = stream(telnetDissector, session('pumpadm', '\r\nLogin incorrect\r\n'), 1, TELNET)
    expect(JSON.stringify(events)).not.toContain('Secret')
    expect(events.find((e) => e.kind === 'cleartext-login')).toMatchObject({ accepted: false })
  })
})
