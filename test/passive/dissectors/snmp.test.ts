import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { snmpDissector } from '../../../src/passive/dissectors/snmp.js'
import { bytes, datagram } from './helpers.js'

/** BER TLV with the long length form (0x81/0x82) when needed. */
const tlv = (tag: number, value: number[]): number[] => {
  const n = value.length
  const len = n < 128 ? [n] : n < 256 ? [0x81, n] : [0x82, n >> 8, n & 255]
  return [tag, ...len, ...value]
}
const str = (s: string) => [...s].map((c) => c.charCodeAt(0))
const OID_SYSDESCR = [0x2b, 6, 1, 2, 1, 1, 1, 0]
const OID_SYSNAME = [0x2b, 6, 1, 2, 1, 1, 5, 0]

const response = (community: string, descr: string) =>
  Uint8Array.from(
    tlv(0x30, [
      ...tlv(0x02, [1]),
      ...tlv(0x04, str(community)),
      ...tlv(0xa2, [
        ...tlv(0x02, [0x12, 0x34]),
        ...tlv(0x02, [0]),
        ...tlv(0x02, [0]),
        ...tlv(0x30, [
          ...tlv(0x30, [...tlv(0x06, OID_SYSDESCR), ...tlv(0x04, str(descr))]),
          ...tlv(0x30, [...tlv(0x06, OID_SYSNAME), ...tlv(0x04, str('icu-mon-07'))]),
        ]),
      ]),
    ]),
  )

describe('SNMP dissector', () => {
  it('reads a v2c response with long-form lengths; a non-default community only as its hash', () => {
    const descr = `Patient monitor gateway ${'x'.repeat(150)}`
    const msg = response('publicX', descr)
    const events = datagram(snmpDissector, msg, { src: 161, dst: 40161 }, { src: '10.1.0.9', dst: '10.1.0.5' })
    expect(events.find((e) => e.kind === 'snmp')).toMatchObject({
      version: 'v2c',
      pdu: 'response',
      community: 'other',
      communityHash: createHash('sha256').update('publicX').digest('hex').slice(0, 12),
      sysName: 'icu-mon-07',
    })
    expect(events.find((e) => e.kind === 'name')).toMatchObject({
      source: 'snmp',
      name: 'icu-mon-07',
      address: '10.1.0.9',
    })
    expect(JSON.stringify(events)).not.toContain('publicX')
  })

  it('public stays in clear; every truncation is rejected quietly (never a throw, never a half-read fact)', () => {
    const msg = response('public', 'Infusion pump')
    expect(datagram(snmpDissector, msg, { src: 161, dst: 40161 }).find((e) => e.kind === 'snmp')).toMatchObject({
      community: 'public',
      communityHash: null,
      sysDescr: 'Infusion pump',
    })
    for (let cut = 0; cut < msg.length; cut++) {
      const part = msg.subarray(0, cut)
      expect(snmpDissector.detect(part, { srcPort: 161, dstPort: 40161 } as never)).toBe(false)
      expect(datagram(snmpDissector, bytes(part), { src: 161, dst: 40161 })).toEqual([])
    }
  })
})
