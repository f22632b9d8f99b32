/** NBNS (RFC 1002 §4.2): answers bind a name only when positive and of type NB. */
import { describe, expect, it } from 'vitest'
import { nbnsDissector } from '../../../src/passive/dissectors/nbns.js'
import { bytes, datagram } from './helpers.js'

const encode = (name: string) => {
  const padded = `${name.padEnd(15, ' ')}\0`
  return [32, ...[...padded].flatMap((c) => [0x41 + (c.charCodeAt(0) >> 4), 0x41 + (c.charCodeAt(0) & 15)]), 0]
}
const answer = (flags: [number, number], type: number) =>
  bytes([0x80, 0x02, ...flags, 0, 0, 0, 1, 0, 0, 0, 0], encode('INFUSION-GW'), [
    0,
    type,
    0,
    1,
    0,
    0,
    0,
    60,
    0,
    6,
    0,
    0,
    10,
    77,
    0,
    30,
  ])

describe('NBNS answers', () => {
  it('a positive NB answer binds the name to the NB address of the record', () => {
    expect(
      datagram(
        nbnsDissector,
        answer([0x85, 0x00], 0x20),
        { src: 137, dst: 137 },
        { src: '10.77.0.1', dst: '10.77.0.9' },
      ),
    ).toMatchObject([{ kind: 'name', source: 'nbns', name: 'infusion-gw', address: '10.77.0.30' }])
  })
  it('a negative answer (rcode 3) and a node status answer (type 0x21) bind nothing', () => {
    expect(datagram(nbnsDissector, answer([0x85, 0x03], 0x20), { src: 137, dst: 137 })).toEqual([])
    expect(datagram(nbnsDissector, answer([0x84, 0x00], 0x21), { src: 137, dst: 137 })).toEqual([])
  })
  it('a release (opcode 6) binds nothing', () => {
    const release = bytes(
      [0x00, 0x03, 0x30, 0x00, 0, 1, 0, 0, 0, 0, 0, 1],
      encode('INFUSION-GW'),
      [0, 0x20, 0, 1],
      [0xc0, 12, 0, 0x20, 0, 1, 0, 0, 0, 0, 0, 6, 0, 0, 10, 77, 0, 30],
    )
    expect(datagram(nbnsDissector, release, { src: 137, dst: 137 })).toEqual([])
  })
})
