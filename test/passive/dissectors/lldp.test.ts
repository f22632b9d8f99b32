/** LLDP (IEEE 802.1AB): a management address TLV cut short yields no address, never "undefined". */
import { describe, expect, it } from 'vitest'
import { lldpDissector } from '../../../src/passive/dissectors/lldp.js'
import { bytes, frame } from './helpers.js'

const tlv = (type: number, value: number[]) => [(type << 1) | (value.length >> 8), value.length & 0xff, ...value]

describe('LLDP management address', () => {
  it('IPv4 when whole, none when the TLV is truncated', () => {
    const whole = bytes(
      tlv(5, [...new TextEncoder().encode('sw-icu')]),
      tlv(8, [5, 1, 10, 77, 0, 2, 2, 0, 0, 0, 1, 0]),
      [0, 0],
    )
    expect(frame(lldpDissector, whole, { etherType: 0x88cc })[0]).toMatchObject({
      systemName: 'sw-icu',
      managementAddress: '10.77.0.2',
    })
    const cut = bytes(tlv(5, [...new TextEncoder().encode('sw-icu')]), [(8 << 1) | 0, 12, 5, 1, 10, 77])
    const events = frame(lldpDissector, cut, { etherType: 0x88cc })
    expect(events[0]).toMatchObject({ kind: 'neighbour', systemName: 'sw-icu', managementAddress: null })
    expect(events[1]).toMatchObject({ kind: 'name', source: 'lldp', name: 'sw-icu', address: null })
  })
  it('a chassis id given as an IPv6 network address is written as IPv6 text', () => {
    const chassis = tlv(1, [5, 2, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    expect(frame(lldpDissector, bytes(chassis, [0, 0]), { etherType: 0x88cc })[0]).toMatchObject({
      chassisId: '2001:db8::1',
    })
  })
})
