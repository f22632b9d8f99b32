/** DNS family: AAAA answers, at most 8 questions per packet, mDNS answers; a header whose counts lie is not DNS. */
import { describe, expect, it } from 'vitest'
import { dnsDissector, mdnsDissector } from '../../../src/passive/dissectors/dns.js'
import { bytes, datagram, u16 } from './helpers.js'

const label = (name: string) => name.split('.').flatMap((l) => [l.length, ...new TextEncoder().encode(l)])

describe('DNS family', () => {
  it('an mDNS AAAA answer binds the name (lower-cased, as given) to the IPv6 address', () => {
    const answer = bytes(
      [0, 0, 0x84, 0, ...u16(0), ...u16(1), 0, 0, 0, 0],
      [...label('Infusion-Pump-3.local'), 0, ...u16(28), ...u16(0x8001), 0, 0, 0, 120, ...u16(16)],
      [0xfe, 0x80, ...Array(13).fill(0), 7],
    )
    expect(datagram(mdnsDissector, answer, { src: 5353, dst: 5353 })).toMatchObject([
      { kind: 'name', source: 'mdns', name: 'infusion-pump-3.local', address: 'fe80::7' },
    ])
  })
  it('keeps at most 8 questions of a packet', () => {
    const names = Array.from({ length: 12 }, (_, i) => [...label(`h${i}.example`), 0, ...u16(1), ...u16(1)])
    const query = bytes([0, 1, 1, 0, ...u16(12), 0, 0, 0, 0, 0, 0], ...names)
    const events = datagram(dnsDissector, query, { src: 40000, dst: 53 })
    expect(events.map((e) => e.kind === 'name-query' && e.name)).toEqual(
      Array.from({ length: 8 }, (_, i) => `h${i}.example`),
    )
  })
  it('a header claiming 33 questions, or questions past the end, is not DNS', () => {
    expect(datagram(dnsDissector, bytes([0, 1, 1, 0, ...u16(33), 0, 0, 0, 0, 0, 0]), { src: 1, dst: 53 })).toEqual([])
    const short = bytes([0, 1, 1, 0, ...u16(2), 0, 0, 0, 0, 0, 0], [...label('a.b'), 0, ...u16(1), ...u16(1)])
    expect(datagram(dnsDissector, short, { src: 1, dst: 53 })).toEqual([])
  })
})
