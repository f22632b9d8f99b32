import { describe, expect, it } from 'vitest'
import { isExternal, segmentOf } from '../../../src/passive/analyze/addresses.js'
import { createAnalyzer, hostHeaderName } from '../../../src/passive/analyze/index.js'
import type {
  ArpEvent,
  CaptureFileInfo,
  DhcpEvent,
  DicomAssociateEvent,
  Hl7MessageEvent,
  HttpRequestEvent,
  NameEvent,
  SmbNegotiateEvent,
} from '../../../src/passive/contract.js'
import { ev, flow, pkt, tcpExchange } from './build.js'

const FILE: CaptureFileInfo = { format: 'pcap', gzip: false, linkTypes: [1], interfaces: [], bytes: 0, packets: 0 }

describe('addresses', () => {
  it('tells internet addresses from private, CGNAT, loopback, link-local, multicast and ULA', () => {
    for (const a of ['8.8.8.8', '203.0.113.5', '2001:4860:4860::8888', '100.128.0.1', '172.32.0.1'])
      expect(isExternal(a), a).toBe(true)
    for (const a of [
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '100.64.0.1',
      '100.127.255.1',
      '127.0.0.1',
      '169.254.1.1',
      '224.0.0.251',
      '255.255.255.255',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'ff02::fb',
      'fd12:3456::1',
      'fc00::1',
      'not-an-address',
    ])
      expect(isExternal(a), a).toBe(false)
  })

  it('names segments as IPv4 /24 and IPv6 /64', () => {
    expect(segmentOf('192.168.10.37')).toBe('192.168.10.0/24')
    expect(segmentOf('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64')
    expect(segmentOf('fe80::1')).toBe('fe80:0:0:0::/64')
  })
})

describe('analyzer', () => {
  it('counts hosts, conversations and services from a TCP exchange, the SYN sender being the client', () => {
    const a = createAnalyzer()
    for (const p of tcpExchange('10.0.0.1', '10.0.0.2', 2575)) a.packet(p)
    const r = a.result(FILE)
    expect(r.hosts.map((h) => h.address)).toEqual(['10.0.0.1', '10.0.0.2'])
    const [client, server] = r.hosts
    expect(client!.packetsSent).toBe(3)
    expect(client!.packetsReceived).toBe(2)
    expect(client!.bytesSent).toBe(300)
    expect(server!.services.map((s) => [s.port, s.transport, s.clients])).toEqual([[2575, 'tcp', ['10.0.0.1']]])
    expect(client!.services).toEqual([])
    expect(r.conversations).toHaveLength(1)
    expect(r.conversations[0]).toMatchObject({
      client: '10.0.0.1',
      server: '10.0.0.2',
      transport: 'tcp',
      serverPort: 2575,
      packets: 5,
      bytes: 500,
    })
    expect(r.stats.tcpFlows).toBe(1)
  })

  it('a SYN without an answer opens no service; a mid-flow packet guesses the server by its well-known port', () => {
    const a = createAnalyzer()
    a.packet(pkt({ src: '10.0.0.1', dst: '10.0.0.3', srcPort: 40001, dstPort: 23, tcpFlags: 0x02 }))
    a.packet(pkt({ src: '10.0.0.4', dst: '10.0.0.1', srcPort: 104, dstPort: 40002, payload: new Uint8Array(5) }))
    const r = a.result(FILE)
    expect(r.hosts.find((h) => h.address === '10.0.0.3')!.services).toEqual([])
    expect(r.hosts.find((h) => h.address === '10.0.0.4')!.services.map((s) => s.port)).toEqual([104])
    expect(r.conversations.map((c) => `${c.client}>${c.server}:${c.serverPort}`)).toEqual([
      '10.0.0.1>10.0.0.3:23',
      '10.0.0.1>10.0.0.4:104',
    ])
  })

  it('UDP: the side on the well-known port is the server, and its service exists once it answers', () => {
    const a = createAnalyzer()
    const q = { protocol: 17, src: '10.0.0.1', dst: '10.0.0.9', srcPort: 50123, dstPort: 161 }
    a.packet(pkt(q))
    expect(a.result(FILE).hosts.find((h) => h.address === '10.0.0.9')!.services).toEqual([])
    a.packet(pkt({ protocol: 17, src: '10.0.0.9', dst: '10.0.0.1', srcPort: 161, dstPort: 50123 }))
    const r = a.result(FILE)
    expect(r.hosts.find((h) => h.address === '10.0.0.9')!.services.map((s) => [s.port, s.transport])).toEqual([
      [161, 'udp'],
    ])
    expect(r.conversations).toHaveLength(1)
    expect(r.stats.udpFlows).toBe(1)
  })

  it('UDP between two high ports: whoever spoke first is the client, the one that answers the server', () => {
    const a = createAnalyzer()
    a.packet(pkt({ protocol: 17, src: '10.0.0.5', dst: '10.0.0.6', srcPort: 40000, dstPort: 45000 }))
    a.packet(pkt({ protocol: 17, src: '10.0.0.6', dst: '10.0.0.5', srcPort: 45000, dstPort: 40000 }))
    const r = a.result(FILE)
    expect(r.conversations.map((c) => [c.client, c.server, c.serverPort])).toEqual([['10.0.0.5', '10.0.0.6', 45000]])
    expect(r.hosts.find((h) => h.address === '10.0.0.6')!.services.map((s) => s.port)).toEqual([45000])
  })

  it('binds a MAC from frames only at an initial TTL; ARP overrides a routed guess', () => {
    const a = createAnalyzer()
    // Routed: TTL 63 carries the router's MAC, not the sender's.
    a.packet(pkt({ src: '198.51.100.7', dst: '10.0.0.1', srcMac: '00:00:5e:00:01:01', ttl: 63 }))
    a.packet(pkt({ src: '10.0.0.2', dst: '10.0.0.1', srcMac: '02:00:00:00:00:02', ttl: 128 }))
    a.packet(pkt({ src: '10.0.0.3', dst: '10.0.0.1', srcMac: '02:00:00:00:00:99', ttl: 64 }))
    a.event(
      ev<ArpEvent>({
        kind: 'arp',
        flow: null,
        op: 'reply',
        senderMac: '02:00:00:00:00:03',
        senderAddress: '10.0.0.3',
        targetAddress: '10.0.0.1',
      }),
    )
    // A later unrouted frame does not undo ARP.
    a.packet(pkt({ src: '10.0.0.3', dst: '10.0.0.1', srcMac: '02:00:00:00:00:98', ttl: 64 }))
    const r = a.result(FILE)
    const mac = (addr: string) => r.hosts.find((h) => h.address === addr)?.mac
    expect(mac('198.51.100.7')).toBeNull()
    expect(mac('10.0.0.2')).toBe('02:00:00:00:00:02')
    expect(mac('10.0.0.3')).toBe('02:00:00:00:00:03')
    expect(r.hosts.find((h) => h.address === '198.51.100.7')!.external).toBe(true)
    expect(r.hosts.find((h) => h.address === '10.0.0.2')!.external).toBe(false)
  })

  it('broadcast, multicast and unspecified addresses are no hosts', () => {
    const a = createAnalyzer()
    a.packet(pkt({ protocol: 17, src: '0.0.0.0', dst: '255.255.255.255', srcPort: 68, dstPort: 67 }))
    a.packet(pkt({ protocol: 17, src: '10.0.0.8', dst: '224.0.0.251', srcPort: 5353, dstPort: 5353 }))
    const r = a.result(FILE)
    expect(r.hosts.map((h) => h.address)).toEqual(['10.0.0.8'])
    // …and no conversation: the communications map is between devices.
    expect(r.conversations).toEqual([])
    expect(r.stats.packets).toBe(2)
  })

  it('attaches DICOM and HL7 events to both ends, SMB responses to the server, de-duplicated', () => {
    const a = createAnalyzer()
    for (const p of tcpExchange('10.0.1.5', '10.0.2.9', 104)) a.packet(p)
    const rq = ev<DicomAssociateEvent>({
      kind: 'dicom-associate',
      flow: flow('10.0.1.5', '10.0.2.9', 104),
      pdu: 'rq',
      callingAeTitle: 'CT01',
      calledAeTitle: 'PACS',
      implementationClassUid: '1.2.276.0.7230010.3.0.3.6.7',
      implementationVersionName: 'OFFIS_DCMTK_367',
      abstractSyntaxes: ['1.2.840.10008.1.1'],
      reject: null,
    })
    a.event(rq)
    a.event({ ...rq, at: { packet: 99, timeUs: 1 } }) // same but later: one event kept
    a.event(
      ev<Hl7MessageEvent>({
        kind: 'hl7-message',
        flow: flow('10.0.1.5', '10.0.2.9', 104),
        sendingApplication: 'MONITOR',
        sendingFacility: 'ICU',
        receivingApplication: 'EMR',
        receivingFacility: 'HOSP',
        messageType: 'ORU^R01',
        version: '2.5',
        ack: false,
      }),
    )
    a.event(
      ev<SmbNegotiateEvent>({
        kind: 'smb-negotiate',
        flow: flow('10.0.1.5', '10.0.2.9', 104),
        side: 'response',
        dialects: [],
        chosen: 'NT LM 0.12',
        smb1: true,
        signingRequired: null,
      }),
    )
    const r = a.result(FILE)
    const kinds = (addr: string) => r.hosts.find((h) => h.address === addr)!.events.map((e) => e.kind)
    expect(kinds('10.0.1.5')).toEqual(['dicom-associate', 'hl7-message'])
    expect(kinds('10.0.2.9')).toEqual(['dicom-associate', 'hl7-message', 'smb-negotiate'])
    expect(r.stats.events['dicom-associate']).toBe(2)
    // The first event named the flow: conversation and service read DICOM.
    expect(r.conversations[0]!.protocol).toBe('dicom')
    expect(r.hosts.find((h) => h.address === '10.0.2.9')!.services[0]!.protocol).toBe('dicom')
  })

  it('DHCP: a request before any address waits on the MAC; the ACK binds it and brings the host name', () => {
    const a = createAnalyzer()
    const base = {
      kind: 'dhcp' as const,
      clientMac: '02:11:22:33:44:55',
      vendorClass: 'udhcp 1.36.1',
      parameterRequestList: [1, 3, 6],
      requestedAddress: null,
      assignedAddress: null,
    }
    a.event(ev<DhcpEvent>({ ...base, flow: null, messageType: 3, hostName: 'infusion-07' }))
    expect(a.result(FILE).hosts).toEqual([])
    a.event(ev<DhcpEvent>({ ...base, flow: null, messageType: 5, hostName: null, assignedAddress: '10.0.3.7' }))
    const r = a.result(FILE)
    expect(r.hosts).toHaveLength(1)
    expect(r.hosts[0]!.mac).toBe('02:11:22:33:44:55')
    expect(r.hosts[0]!.names).toEqual([{ name: 'infusion-07', source: 'dhcp' }])
    expect(r.hosts[0]!.events.filter((e) => e.kind === 'dhcp').map((e) => (e as DhcpEvent).messageType)).toContain(3)
  })

  it('names attach by address, or by MAC once the MAC is bound', () => {
    const a = createAnalyzer()
    a.event(
      ev<NameEvent>({
        kind: 'name',
        flow: null,
        source: 'nbns',
        name: 'WS-12',
        address: null,
        mac: '02:00:00:00:00:0c',
      }),
    )
    a.packet(pkt({ src: '10.0.0.12', dst: '10.0.0.1', srcMac: '02:00:00:00:00:0c', ttl: 128 }))
    a.event(
      ev<NameEvent>({ kind: 'name', flow: null, source: 'dns', name: 'pacs.local', address: '10.0.0.1', mac: null }),
    )
    const r = a.result(FILE)
    expect(r.hosts.find((h) => h.address === '10.0.0.12')!.names).toEqual([{ name: 'WS-12', source: 'nbns' }])
    expect(r.hosts.find((h) => h.address === '10.0.0.1')!.names).toEqual([{ name: 'pacs.local', source: 'dns' }])
  })

  it('TLS on 2762 is DICOM over TLS', () => {
    const a = createAnalyzer()
    for (const p of tcpExchange('10.0.0.1', '10.0.0.2', 2762)) a.packet(p)
    a.flowProtocol(flow('10.0.0.1', '10.0.0.2', 2762), 'tls')
    const r = a.result(FILE)
    expect(r.conversations[0]!.protocol).toBe('dicom-tls')
    expect(r.hosts.find((h) => h.address === '10.0.0.2')!.protocols).toContain('dicom-tls')
  })

  it('keeps at most 200 events per host and at most MAX_PROBLEMS_PER_CODE problems per code, counting the rest', () => {
    const a = createAnalyzer()
    for (let i = 0; i < 300; i++)
      a.event(
        ev<NameEvent>({
          kind: 'name',
          flow: flow('10.0.0.1', '10.0.0.2', 53, 'udp'),
          source: 'dns',
          name: `n${i}`,
          address: '10.0.0.2',
          mac: null,
        }),
      )
    for (let i = 0; i < 300; i++)
      a.event({
        ...ev<SmbNegotiateEvent>({
          kind: 'smb-negotiate',
          flow: flow('10.0.0.1', '10.0.0.2', 445),
          side: 'response',
          dialects: [`d${i}`],
          chosen: null,
          smb1: false,
          signingRequired: null,
        }),
      })
    for (let i = 0; i < 120; i++)
      a.problem({ code: 'truncated', offset: i, packet: i, detail: '', severity: 'skipped' })
    const r = a.result(FILE)
    const host = r.hosts.find((h) => h.address === '10.0.0.2')!
    expect(host.events).toHaveLength(200)
    expect(host.names.length).toBeLessThanOrEqual(20)
    expect(r.overflow.events).toBe(100)
    expect(r.problems).toHaveLength(50)
    expect(r.stats.problems.truncated).toBe(120)
  })

  it('stops adding hosts and conversations at their caps and counts what did not fit', () => {
    const a = createAnalyzer({ maxHosts: 10, maxConversations: 5, maxFlowRoles: 8 })
    for (let i = 0; i < 100; i++)
      a.packet(pkt({ src: `10.0.1.${i}`, dst: '10.0.0.1', srcPort: 40000 + i, dstPort: 80, tcpFlags: 0x02 }))
    expect(a.size).toEqual({ hosts: 10, conversations: 5, flowRoles: 8 })
    const r = a.result(FILE)
    expect(r.hosts).toHaveLength(10)
    expect(r.conversations).toHaveLength(5)
    // 10.0.0.1 and 10.0.1.0–8 fit; each of the other 91 packets brought an address that did not.
    expect(r.overflow.hosts).toBe(91)
    expect(r.stats.packets).toBe(100)
  })

  it('a DNS answer names an address only once that address is heard; a frame to a group MAC makes no host', () => {
    const a = createAnalyzer()
    a.event(
      ev<NameEvent>({
        kind: 'name',
        flow: null,
        source: 'dns',
        name: 'update.vendor.example',
        address: '203.0.113.9',
        mac: null,
      }),
    )
    a.event(
      ev<NameEvent>({
        kind: 'name',
        flow: null,
        source: 'dns',
        name: 'never.example',
        address: '198.51.100.1',
        mac: null,
      }),
    )
    expect(a.result(FILE).hosts).toEqual([])
    a.packet(pkt({ src: '10.0.0.7', dst: '203.0.113.9', srcPort: 40000, dstPort: 443, tcpFlags: 0x02 }))
    // A subnet broadcast: sent to ff:ff:ff:ff:ff:ff, so 10.0.0.255 is no device.
    a.packet(
      pkt({
        protocol: 17,
        src: '10.0.0.7',
        dst: '10.0.0.255',
        dstMac: 'ff:ff:ff:ff:ff:ff',
        srcPort: 138,
        dstPort: 138,
      }),
    )
    const r = a.result(FILE)
    expect(r.hosts.map((h) => h.address)).toEqual(['10.0.0.7', '203.0.113.9'])
    expect(r.hosts[1]!.names).toEqual([{ name: 'update.vendor.example', source: 'dns' }])
  })

  it('ICMP: an echo and its reply are one conversation, the first sender as the client', () => {
    const a = createAnalyzer()
    a.packet(pkt({ protocol: 1, src: '10.0.0.1', dst: '10.0.0.2', srcPort: 0, dstPort: 0 }))
    a.packet(pkt({ protocol: 1, src: '10.0.0.2', dst: '10.0.0.1', srcPort: 0, dstPort: 0 }))
    const r = a.result(FILE)
    expect(r.conversations.map((c) => [c.client, c.server, c.transport, c.serverPort, c.packets])).toEqual([
      ['10.0.0.1', '10.0.0.2', 'other', 0, 2],
    ])
    expect(r.hosts.every((h) => h.services.length === 0)).toBe(true)
    expect(r.stats.tcpFlows + r.stats.udpFlows).toBe(0)
  })

  it('the HTTP Host header names the server, unless it is an address', () => {
    const a = createAnalyzer()
    for (const p of tcpExchange('10.0.0.1', '10.0.0.60', 80)) a.packet(p)
    for (const p of tcpExchange('10.0.0.1', '10.0.0.61', 8080)) a.packet(p)
    const req = (server: string, port: number, host: string) =>
      ev<HttpRequestEvent>({
        kind: 'http-request',
        flow: flow('10.0.0.1', server, port),
        method: 'GET',
        host,
        userAgent: 'curl/8.5.0',
        basicAuthUser: null,
      })
    a.event(req('10.0.0.60', 80, 'Infusion-Server.hosp.local:80'))
    a.event(req('10.0.0.61', 8080, '10.0.0.61:8080'))
    const r = a.result(FILE)
    expect(r.hosts.find((h) => h.address === '10.0.0.60')!.names).toEqual([
      { name: 'infusion-server.hosp.local', source: 'http-host' },
    ])
    expect(r.hosts.find((h) => h.address === '10.0.0.61')!.names).toEqual([])
    expect(hostHeaderName('[fe80::1]:80')).toBeNull()
  })
})
