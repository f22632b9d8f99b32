/** CDP: only versions 1 and 2 are read; the first IPv4 address of several is the management address. */
import { describe, expect, it } from 'vitest'
import { cdpDissector } from '../../../src/passive/dissectors/cdp.js'
import { bytes, frame, u16 } from './helpers.js'

const tlv = (type: number, value: number[]) => [...u16(type), ...u16(value.length + 4), ...value]
const text = (s: string) => [...new TextEncoder().encode(s)]
const ipEntry = (a: number[]) => [1, 1, 0xcc, ...u16(4), ...a]
// An IPv6 entry (802.2 protocol, 8-byte protocol id) precedes the IPv4 one and must be skipped, not misread.
const v6Entry = [
  2,
  8,
  0xaa,
  0xaa,
  0x03,
  0,
  0,
  0,
  0x86,
  0xdd,
  ...u16(16),
  0x20,
  0x01,
  0x0d,
  0xb8,
  ...Array(11).fill(0),
  1,
]
const body = [
  ...tlv(1, text('sw-ward3')),
  ...tlv(2, [0, 0, 0, 2, ...v6Entry, ...ipEntry([10, 77, 0, 3])]),
  ...tlv(6, text('cisco WS-C2960')),
]

describe('CDP', () => {
  it('version 2: skips the IPv6 address entry and takes the IPv4 one', () => {
    const events = frame(cdpDissector, bytes([2, 180, 0, 0], body), { snapProtocol: 0x2000 })
    expect(events[0]).toMatchObject({
      kind: 'neighbour',
      systemName: 'sw-ward3',
      managementAddress: '10.77.0.3',
      platform: 'cisco WS-C2960',
    })
    expect(events[1]).toMatchObject({ kind: 'name', source: 'cdp', name: 'sw-ward3', address: '10.77.0.3' })
  })
  it('an unknown version is not CDP', () => {
    expect(frame(cdpDissector, bytes([9, 180, 0, 0], body), { snapProtocol: 0x2000 })).toEqual([])
  })
})
