/** Datagram and frame dissectors on bytes built from their RFCs and IEEE standards. */
import { describe, expect, it } from 'vitest'
import { cdpDissector } from '../../../src/passive/dissectors/cdp.js'
import { dnsDissector, llmnrDissector, mdnsDissector } from '../../../src/passive/dissectors/dns.js'
import { lldpDissector } from '../../../src/passive/dissectors/lldp.js'
import { nbnsDissector } from '../../../src/passive/dissectors/nbns.js'
import { ntpDissector } from '../../../src/passive/dissectors/ntp.js'
import { snmpDissector } from '../../../src/passive/dissectors/snmp.js'
import { syslogDissector } from '../../../src/passive/dissectors/syslog.js'
import { bytes, datagram, frame, u16 } from './helpers.js'

const label = (name: string) => name.split('.').flatMap((l) => [l.length, ...new TextEncoder().encode(l)])

describe('DNS, mDNS, LLMNR', () => {
  const answer = bytes(
    [0x12, 0x34, 0x81, 0x80, ...u16(1), ...u16(2), ...u16(0), ...u16(0)],
    [...label('pacs.hosp.example'), 0, ...u16(1), ...u16(1)],
    // A record by compression pointer to the question's name, then a PTR of 11.0.77.10.in-addr.arpa.
    [0xc0, 12, ...u16(1), ...u16(1), 0, 0, 0, 60, ...u16(4), 10, 77, 0, 11],
    [...label('11.0.77.10.in-addr.arpa'), 0, ...u16(12), ...u16(1), 0, 0, 0, 60, ...u16(2), 0xc0, 12],
  )

  it('binds answered names to addresses (A and PTR) and keeps questions', () => {
    const events = datagram(dnsDissector, answer, { src: 53, dst: 40000 })
    expect(events.filter((e) => e.kind === 'name').map((e) => e.kind === 'name' && `${e.name}=${e.address}`)).toEqual([
      'pacs.hosp.example=10.77.0.11',
      'pacs.hosp.example=10.77.0.11',
    ])
  })

  it('mDNS and LLMNR by their ports; a compression loop is refused without hanging', () => {
    const query = bytes(
      [0, 0, 0, 0, ...u16(1), 0, 0, 0, 0, 0, 0],
      [...label('ward-printer.local'), 0, ...u16(1), ...u16(1)],
    )
    expect(datagram(mdnsDissector, query, { src: 5353, dst: 5353 })[0]).toMatchObject({
      kind: 'name-query',
      source: 'mdns',
      name: 'ward-printer.local',
    })
    expect(datagram(llmnrDissector, query, { src: 50000, dst: 5355 })[0]).toMatchObject({ source: 'llmnr' })
    const loop = bytes([0, 0, 0x81, 0x80, ...u16(1), 0, 0, 0, 0, 0, 0], [0xc0, 12, ...u16(1), ...u16(1)])
    expect(datagram(dnsDissector, loop, { src: 53, dst: 1234 })).toEqual([])
  })
})

describe('NBNS', () => {
  const encode = (name: string) => {
    const padded = `${name.padEnd(15, ' ')}\0`
    return [32, ...[...padded].flatMap((c) => [0x41 + (c.charCodeAt(0) >> 4), 0x41 + (c.charCodeAt(0) & 15)]), 0]
  }
  it('decodes a registration with its NB address, and a query', () => {
    const reg = bytes(
      [0x80, 0x01, 0x29, 0x10, 0, 1, 0, 0, 0, 0, 0, 1],
      encode('XN-DATASTN'),
      [0, 0x20, 0, 1],
      [0xc0, 12, 0, 0x20, 0, 1, 0, 0, 0, 60, 0, 6, 0, 0, 10, 77, 0, 20],
    )
    expect(
      datagram(nbnsDissector, reg, { src: 137, dst: 137 }, { src: '10.77.0.20', dst: '10.77.0.255' })[0],
    ).toMatchObject({ kind: 'name', name: 'xn-datastn', address: '10.77.0.20' })
    const q = bytes([0x80, 0x02, 0x01, 0x10, 0, 1, 0, 0, 0, 0, 0, 0], encode('PACS'), [0, 0x20, 0, 1])
    expect(datagram(nbnsDissector, q, { src: 137, dst: 137 })[0]).toMatchObject({ kind: 'name-query', name: 'PACS' })
  })
})

describe('SNMP', () => {
  it('never keeps a community other than public/private: only a short hash', () => {
    // v2c get with community "h0spital-ro".
    const community = new TextEncoder().encode('h0spital-ro')
    const pdu = [0xa0, 14, 0x02, 1, 1, 0x02, 1, 0, 0x02, 1, 0, 0x30, 3, 0x30, 1, 0]
    const body = [0x02, 1, 1, 0x04, community.length, ...community, ...pdu]
    const msg = bytes([0x30, body.length, ...body])
    const [e] = datagram(snmpDissector, msg, { src: 40000, dst: 161 })
    expect(e).toMatchObject({ kind: 'snmp', version: 'v2c', pdu: 'get', community: 'other' })
    expect(JSON.stringify(e)).not.toContain('h0spital')
    if (e?.kind !== 'snmp') throw new Error('no event')
    expect(e.communityHash).toMatch(/^[0-9a-f]{12}$/)
  })
})

describe('NTP and syslog', () => {
  it('NTP: version, mode and stratum', () => {
    const ntp = new Uint8Array(48)
    ntp[0] = (4 << 3) | 4
    ntp[1] = 2
    expect(datagram(ntpDissector, ntp, { src: 123, dst: 123 })[0]).toMatchObject({ version: 4, mode: 4, stratum: 2 })
  })

  it('syslog RFC 5424 and 3164: host and app names, facility and severity, never the text', () => {
    const a = datagram(
      syslogDissector,
      bytes('<134>1 2026-12-03T10:00:00Z ct-console scanapp 1 - - patient TARO exam done'),
      { src: 40000, dst: 514 },
    )
    expect(a[0]).toMatchObject({
      kind: 'syslog',
      hostname: 'ct-console',
      appName: 'scanapp',
      facility: 16,
      severity: 6,
    })
    expect(a[1]).toMatchObject({ kind: 'name', name: 'ct-console' })
    expect(JSON.stringify(a)).not.toContain('TARO')
    const b = datagram(syslogDissector, bytes('<30>Dec  3 10:00:00 pump-gw pumpd[12]: started'), {
      src: 40000,
      dst: 514,
    })
    expect(b[0]).toMatchObject({ hostname: 'pump-gw', appName: 'pumpd', facility: 3, severity: 6 })
  })
})

describe('LLDP and CDP', () => {
  const tlv = (type: number, value: number[]) => [(type << 1) | (value.length >> 8), value.length & 255, ...value]
  it('LLDP: chassis MAC, port, system name and description, capabilities, management address', () => {
    const text = (s: string) => [...new TextEncoder().encode(s)]
    const lldp = bytes(
      tlv(1, [4, 0x00, 0x1b, 0x21, 0x01, 0x02, 0x03]),
      tlv(2, [5, ...text('Gi1/0/7')]),
      tlv(3, [0, 120]),
      tlv(5, text('icu-sw-3f')),
      tlv(6, text('Ward switch, firmware 15.2')),
      tlv(7, [0, 0x14, 0, 0x04]),
      tlv(8, [5, 1, 10, 77, 0, 2, 2, 0, 0, 0, 1, 0]),
      [0, 0],
    )
    const [n, name] = frame(lldpDissector, lldp, { etherType: 0x88cc })
    expect(n).toMatchObject({
      kind: 'neighbour',
      protocol: 'lldp',
      chassisId: '00:1b:21:01:02:03',
      portId: 'Gi1/0/7',
      systemName: 'icu-sw-3f',
      managementAddress: '10.77.0.2',
      capabilities: ['bridge'],
    })
    expect(name).toMatchObject({ kind: 'name', source: 'lldp', name: 'icu-sw-3f', address: '10.77.0.2' })
  })

  it('CDP: device id, address, port, software version, platform', () => {
    const t = (type: number, value: number[]) => [...u16(type), ...u16(value.length + 4), ...value]
    const text = (s: string) => [...new TextEncoder().encode(s)]
    const cdp = bytes(
      [2, 180, 0, 0],
      t(1, text('core-sw-1')),
      t(2, [0, 0, 0, 1, 1, 1, 0xcc, 0, 4, 10, 77, 0, 3]),
      t(3, text('Gi0/1')),
      t(5, text('IOS 15.2(4)E')),
      t(6, text('cisco WS-C2960')),
    )
    expect(frame(cdpDissector, cdp, { snapProtocol: 0x2000 })[0]).toMatchObject({
      protocol: 'cdp',
      systemName: 'core-sw-1',
      managementAddress: '10.77.0.3',
      portId: 'Gi0/1',
      platform: 'cisco WS-C2960',
    })
  })
})
