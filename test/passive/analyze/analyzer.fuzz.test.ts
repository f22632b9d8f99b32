/**
 * The analyzer and the observations on arbitrary (well-typed but odd) packets and events: odd addresses
 * (broadcast, multicast, junk, IPv6), missing flows, flows naming the other side, absurd ports, repeated events.
 * Nothing throws, every cap holds, and the rules and identification run on the result without a rule error.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { identifyHost } from '../../../src/core/discovery/identify.js'
import { segmentKey } from '../../../src/core/discovery/rules/hl7-crossing-segments.js'
import { evaluateHost } from '../../../src/core/discovery/rules/index.js'
import { ipv4ToNumber, isExternal, isUnicastHost, segmentOf } from '../../../src/passive/analyze/addresses.js'
import {
  createAnalyzer,
  hostHeaderName,
  MAX_EVENTS_PER_HOST,
  MAX_NAMES_PER_HOST,
} from '../../../src/passive/analyze/index.js'
import { toHostObservations } from '../../../src/passive/analyze/observations.js'
import type { DecodedPacket, PassiveEvent } from '../../../src/passive/contract.js'
import { pkt } from './build.js'

const addr = fc.constantFrom(
  '10.0.0.1',
  '10.0.0.2',
  '10.0.1.3',
  '192.168.5.4',
  '203.0.113.9',
  '8.8.8.8',
  'fe80::1',
  '2001:db8::5',
  'fd00::7',
  '255.255.255.255',
  '0.0.0.0',
  '224.0.0.251',
  'ff02::fb',
  '',
  'junk',
)
const port = fc.oneof(fc.constantFrom(0, 21, 23, 67, 68, 80, 104, 123, 161, 162, 445, 2575, 2762, 3389), fc.nat(70000))
const text = fc.option(fc.string({ maxLength: 12 }), { nil: null })
const mac = fc.option(fc.constantFrom('02:00:00:00:00:01', '02:00:00:00:00:02', 'ff:ff:ff:ff:ff:ff', 'zz'), {
  nil: null,
})
const flow = fc.option(
  fc.record({
    transport: fc.constantFrom('tcp' as const, 'udp' as const),
    client: addr,
    clientPort: port,
    server: addr,
    serverPort: port,
  }),
  { nil: null },
)

const body = fc.oneof(
  fc.record({
    kind: fc.constant('dicom-associate' as const),
    pdu: fc.constantFrom('rq' as const, 'ac' as const, 'rj' as const),
    callingAeTitle: text,
    calledAeTitle: text,
    implementationClassUid: fc.option(fc.constantFrom('1.2.276.0.7230010.3.1', '1.2.840.113619.2', 'x'), {
      nil: null,
    }),
    implementationVersionName: text,
    abstractSyntaxes: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
    reject: fc.constant(null),
  }),
  fc.record({
    kind: fc.constant('hl7-message' as const),
    sendingApplication: text,
    sendingFacility: text,
    receivingApplication: text,
    receivingFacility: text,
    messageType: text,
    version: text,
    ack: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('smb-negotiate' as const),
    side: fc.constantFrom('request' as const, 'response' as const),
    dialects: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
    chosen: text,
    smb1: fc.boolean(),
    signingRequired: fc.option(fc.boolean(), { nil: null }),
  }),
  fc.record({
    kind: fc.constant('ntlm' as const),
    message: fc.constantFrom('challenge' as const, 'authenticate' as const),
    netbiosComputer: text,
    netbiosDomain: text,
    dnsComputer: text,
    dnsDomain: text,
    user: text,
    workstation: text,
    osVersion: fc.option(fc.constantFrom('6.1.7601', '10.0.22631', 'junk'), { nil: null }),
  }),
  fc.record({
    kind: fc.constant('cleartext-login' as const),
    protocol: fc.constantFrom('ftp' as const, 'telnet' as const, 'http-basic' as const, 'pop3' as const),
    user: text,
    accepted: fc.option(fc.boolean(), { nil: null }),
  }),
  fc.record({
    kind: fc.constant('banner' as const),
    protocol: fc.constantFrom('ftp' as const, 'telnet' as const, 'ssh' as const),
    side: fc.constantFrom('client' as const, 'server' as const),
    text: fc.string({ maxLength: 30 }),
  }),
  fc.record({
    kind: fc.constant('snmp' as const),
    version: fc.constantFrom('v1' as const, 'v2c' as const, 'v3' as const),
    pdu: fc.constantFrom('get' as const, 'response' as const, 'trap' as const, 'set' as const),
    community: fc.constantFrom('public' as const, 'private' as const, 'other' as const, null),
    communityHash: text,
    sysDescr: text,
    sysName: text,
  }),
  fc.record({
    kind: fc.constant('http-response' as const),
    status: fc.integer({ min: 100, max: 599 }),
    server: text,
    basicAuthOffered: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('tls-server-hello' as const),
    version: fc.constantFrom('TLS 1.0', 'TLS 1.2', 'TLS 1.3', 'SSL 3.0', '??'),
    cipherSuite: fc.nat(65535),
  }),
  fc.record({
    kind: fc.constant('tls-certificate' as const),
    subject: fc.string({ maxLength: 10 }),
    issuer: fc.string({ maxLength: 10 }),
    notBefore: fc.constantFrom('2020-01-01T00:00:00Z', 'garbage'),
    notAfter: fc.constantFrom('2021-01-01T00:00:00Z', '2090-01-01T00:00:00Z', ''),
    selfSigned: fc.boolean(),
    publicKey: fc.option(fc.constantFrom('RSA 1024', 'EC 256', 'RSA'), { nil: null }),
    signatureAlgorithm: text,
  }),
  fc.record({
    kind: fc.constant('rdp' as const),
    side: fc.constantFrom('request' as const, 'response' as const),
    protocols: fc.option(fc.nat(16), { nil: null }),
    cookieUser: text,
  }),
  fc.record({
    kind: fc.constant('dhcp' as const),
    messageType: fc.integer({ min: 0, max: 9 }),
    clientMac: fc.constantFrom('02:00:00:00:00:01', '02:00:00:00:00:09', ''),
    hostName: text,
    vendorClass: fc.option(fc.constantFrom('MSFT 5.0', 'udhcp 1.36', 'dhcpcd-9'), { nil: null }),
    parameterRequestList: fc.array(fc.nat(255), { maxLength: 5 }),
    requestedAddress: fc.option(addr, { nil: null }),
    assignedAddress: fc.option(addr, { nil: null }),
  }),
  fc.record({
    kind: fc.constant('name' as const),
    source: fc.constantFrom('dns' as const, 'nbns' as const, 'dhcp' as const, 'mdns' as const),
    name: fc.string({ maxLength: 10 }),
    address: fc.option(addr, { nil: null }),
  }),
  fc.record({
    kind: fc.constant('neighbour' as const),
    protocol: fc.constantFrom('lldp' as const, 'cdp' as const),
    chassisId: text,
    portId: text,
    systemName: text,
    systemDescription: text,
    platform: text,
    managementAddress: fc.option(addr, { nil: null }),
    capabilities: fc.constant([]),
  }),
  fc.record({
    kind: fc.constant('arp' as const),
    op: fc.constantFrom('request' as const, 'reply' as const),
    senderMac: fc.constantFrom('02:00:00:00:00:01', 'ff:ff:ff:ff:ff:ff'),
    senderAddress: addr,
    targetAddress: addr,
  }),
)

const event: fc.Arbitrary<PassiveEvent> = fc
  .tuple(body, flow, mac, fc.nat(1000))
  .map(([b, f, m, n]) => ({ ...b, flow: f, mac: m, at: { packet: n, timeUs: n * 1000 } }) as PassiveEvent)

const packet: fc.Arbitrary<DecodedPacket> = fc
  .record({
    src: addr,
    dst: addr,
    srcPort: port,
    dstPort: port,
    protocol: fc.constantFrom(1, 6, 17, 58),
    tcpFlags: fc.nat(63),
    ttl: fc.constantFrom(1, 63, 64, 128, 255),
    srcMac: mac,
    ipVersion: fc.constantFrom(4 as const, 6 as const, null),
    payloadLength: fc.nat(40),
    wireLength: fc.nat(2000),
  })
  .map(({ payloadLength, ...p }) => pkt({ ...p, payload: new Uint8Array(payloadLength) }))

const FILE = { format: 'pcap' as const, gzip: false, linkTypes: [1], interfaces: [], bytes: 0, packets: 0 }

describe('analyzer and observations on arbitrary input', () => {
  it('never throw, keep their caps, and give rules and identification data they can read', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(packet, event), { maxLength: 80 }), (items) => {
        const a = createAnalyzer({ maxHosts: 6, maxConversations: 8 })
        for (const item of items) {
          if ('kind' in item) a.event(item)
          else a.packet(item)
        }
        const r = a.result(FILE)
        expect(r.hosts.length).toBeLessThanOrEqual(6)
        expect(r.conversations.length).toBeLessThanOrEqual(8)
        for (const h of r.hosts) {
          expect(h.events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_HOST)
          expect(h.names.length).toBeLessThanOrEqual(MAX_NAMES_PER_HOST)
        }
        const observations = toHostObservations(r, { label: 'fuzz.pcap', captureId: null })
        for (const o of observations) {
          expect(o.complete).toBe(false)
          const findings = evaluateHost(o)
          expect(findings.filter((f) => f.titleEn.includes('could not run'))).toEqual([])
          for (const f of findings) expect(f.evidence.length).toBeGreaterThan(0)
          const id = identifyHost(o, () => null)
          expect(id.confidence).toBeGreaterThanOrEqual(0)
          expect(id.confidence).toBeLessThanOrEqual(1)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('the same events twice give the same hosts (de-duplication ignores only the time)', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const once = createAnalyzer()
        const twice = createAnalyzer()
        for (const e of events) once.event(e)
        for (const e of events) {
          twice.event(e)
          twice.event({ ...e, at: { packet: e.at.packet + 1, timeUs: e.at.timeUs + 1 } })
        }
        const a = once.result(FILE).hosts.map((h) => [h.address, h.events.length, h.names.length])
        const b = twice.result(FILE).hosts.map((h) => [h.address, h.events.length, h.names.length])
        expect(b).toEqual(a)
      }),
      { numRuns: 200 },
    )
  })
})

describe('address helpers on arbitrary text', () => {
  it('never throw; dotted IPv4 round-trips; segments agree between the analyzer and the rule', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 45 }), (s) => {
        ipv4ToNumber(s)
        isExternal(s)
        isUnicastHost(s)
        segmentOf(s)
        segmentKey(s)
        hostHeaderName(s)
      }),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const n = ipv4ToNumber(ip)
        expect(n).toBeGreaterThanOrEqual(0)
        expect([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')).toBe(ip)
        expect(segmentKey(ip)).toBe(segmentOf(ip))
      }),
      { numRuns: 1000 },
    )
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        expect(ipv4ToNumber(ip)).toBe(-1)
        isExternal(ip)
        if (!ip.includes('.')) expect(segmentKey(ip)).toBe(segmentOf(ip))
      }),
      { numRuns: 1000 },
    )
  })
})
