import { describe, expect, it } from 'vitest'
import { identifyHost } from '../../src/core/discovery/identify.js'
import { evaluateHost } from '../../src/core/discovery/rules/index.js'
import { createAnalyzer } from '../../src/passive/analyze/index.js'
import { toHostObservations, windowsName } from '../../src/passive/analyze/observations.js'
import type {
  BannerEvent,
  CaptureFileInfo,
  CleartextLoginEvent,
  DhcpEvent,
  DicomAssociateEvent,
  Hl7MessageEvent,
  HttpResponseEvent,
  NameEvent,
  NtlmEvent,
  RdpEvent,
  SmbNegotiateEvent,
  SnmpEvent,
  TlsCertificateEvent,
  TlsServerHelloEvent,
} from '../../src/passive/contract.js'
import { ev, flow, pkt, tcpExchange } from './analyze/build.js'

const FILE: CaptureFileInfo = { format: 'pcap', gzip: false, linkTypes: [1], interfaces: [], bytes: 0, packets: 0 }
const SOURCE = { label: 'lab.pcapng', captureId: null }

const WS = '10.0.0.10' // nurse workstation
const FTP = '10.0.0.21'
const SMB = '10.0.0.22'
const TLS = '10.0.0.23'
const RDP = '10.0.0.24'
const WEB = '10.0.0.25'
const AGENT = '10.0.0.26'
const CT = '10.0.0.30'
const PACS = '10.0.0.40'
const EMR = '10.0.5.50' // another /24

/** A capture's worth of heard traffic: the lab's weaknesses, as the dissectors would report them. */
function heard() {
  const a = createAnalyzer()
  const serve = (client: string, server: string, port: number) => {
    for (const p of tcpExchange(client, server, port)) a.packet(p)
  }
  serve(WS, FTP, 21)
  a.event(
    ev<BannerEvent>(
      { kind: 'banner', flow: flow(WS, FTP, 21), protocol: 'ftp', side: 'server', text: '220 (vsFTPd 3.0.3)' },
      11,
    ),
  )
  a.event(
    ev<CleartextLoginEvent>(
      { kind: 'cleartext-login', flow: flow(WS, FTP, 21), protocol: 'ftp', user: 'clinic', accepted: true },
      15,
    ),
  )
  serve(WS, SMB, 445)
  a.event(
    ev<SmbNegotiateEvent>(
      {
        kind: 'smb-negotiate',
        flow: flow(WS, SMB, 445),
        side: 'response',
        dialects: ['PC NETWORK PROGRAM 1.0', 'NT LM 0.12'],
        chosen: 'NT LM 0.12',
        smb1: true,
        signingRequired: null,
      },
      21,
    ),
  )
  a.event(
    ev<NtlmEvent>(
      {
        kind: 'ntlm',
        flow: flow(WS, SMB, 445),
        message: 'challenge',
        netbiosComputer: 'FILESRV',
        netbiosDomain: 'HOSP',
        dnsComputer: null,
        dnsDomain: null,
        user: null,
        workstation: null,
        osVersion: '6.1.7601',
      },
      22,
    ),
  )
  serve(WS, TLS, 443)
  a.event(
    ev<TlsServerHelloEvent>(
      { kind: 'tls-server-hello', flow: flow(WS, TLS, 443), version: 'TLS 1.0', cipherSuite: 0x2f },
      31,
    ),
  )
  a.event(
    ev<TlsCertificateEvent>(
      {
        kind: 'tls-certificate',
        flow: flow(WS, TLS, 443),
        subject: 'CN=monitor',
        issuer: 'CN=monitor',
        notBefore: '2015-01-01T00:00:00.000Z',
        notAfter: '2020-01-01T00:00:00.000Z',
        selfSigned: true,
        publicKey: 'RSA 1024',
        signatureAlgorithm: 'sha1WithRSAEncryption',
      },
      32,
    ),
  )
  serve(WS, RDP, 3389)
  a.event(
    ev<RdpEvent>({ kind: 'rdp', flow: flow(WS, RDP, 3389), side: 'response', protocols: 0, cookieUser: null }, 41),
  )
  serve(WS, WEB, 80)
  a.event(
    ev<HttpResponseEvent>(
      { kind: 'http-response', flow: flow(WS, WEB, 80), status: 401, server: 'lighttpd', basicAuthOffered: true },
      51,
    ),
  )
  a.event(
    ev<CleartextLoginEvent>(
      { kind: 'cleartext-login', flow: flow(WS, WEB, 80), protocol: 'http-basic', user: 'admin', accepted: null },
      52,
    ),
  )
  a.packet(pkt({ protocol: 17, src: WS, dst: AGENT, srcPort: 50000, dstPort: 161 }))
  a.packet(pkt({ protocol: 17, src: AGENT, dst: WS, srcPort: 161, dstPort: 50000 }))
  const snmp = { kind: 'snmp' as const, version: 'v2c' as const, community: 'public' as const, communityHash: null }
  a.event(ev<SnmpEvent>({ ...snmp, flow: flow(WS, AGENT, 161, 'udp'), pdu: 'get', sysDescr: null, sysName: null }, 61))
  a.event(
    ev<SnmpEvent>(
      {
        ...snmp,
        flow: flow(WS, AGENT, 161, 'udp'),
        pdu: 'response',
        sysDescr: 'Linux sensor 5.10',
        sysName: 'ward-sensor',
      },
      62,
    ),
  )
  serve(CT, PACS, 104)
  a.event(
    ev<DicomAssociateEvent>(
      {
        kind: 'dicom-associate',
        flow: flow(CT, PACS, 104),
        pdu: 'rq',
        callingAeTitle: 'CT_SCANNER',
        calledAeTitle: 'PACS',
        implementationClassUid: '1.2.276.0.7230010.3.0.3.6.7',
        implementationVersionName: 'OFFIS_DCMTK_367',
        abstractSyntaxes: ['1.2.840.10008.1.1'],
        reject: null,
      },
      71,
    ),
  )
  serve(PACS, EMR, 2575)
  a.event(
    ev<Hl7MessageEvent>(
      {
        kind: 'hl7-message',
        flow: flow(PACS, EMR, 2575),
        sendingApplication: 'RIS',
        sendingFacility: 'RAD',
        receivingApplication: 'EMR',
        receivingFacility: 'HOSP',
        messageType: 'ORM^O01',
        version: '2.5',
        ack: false,
      },
      81,
    ),
  )
  a.event(
    ev<NameEvent>({
      kind: 'name',
      flow: null,
      source: 'dns',
      name: 'remote.vendor.example',
      address: '203.0.113.80',
      mac: null,
    }),
  )
  serve(CT, '203.0.113.80', 443)
  a.event(
    ev<DhcpEvent>(
      {
        kind: 'dhcp',
        flow: null,
        clientMac: '02:00:00:00:00:30',
        messageType: 3,
        hostName: 'ct-room1',
        vendorClass: 'udhcp 1.36.1',
        parameterRequestList: [1, 3, 6, 12, 15],
        requestedAddress: CT,
        assignedAddress: null,
      },
      2,
    ),
  )
  a.event(
    ev<DhcpEvent>(
      {
        kind: 'dhcp',
        flow: null,
        clientMac: '02:00:00:00:00:30',
        messageType: 5,
        hostName: null,
        vendorClass: null,
        parameterRequestList: [],
        requestedAddress: null,
        assignedAddress: CT,
      },
      3,
    ),
  )
  return a.result(FILE)
}

const observations = () => toHostObservations(heard(), SOURCE)
const byAddress = (address: string) => observations().find((h) => h.address === address)!
const rulesOn = (address: string) => evaluateHost(byAddress(address)).map((f) => f.ruleId)

describe('toHostObservations', () => {
  it('one observation per internal host, never complete, up by passive listening; external hosts left out', () => {
    const hosts = observations()
    expect(hosts.map((h) => h.address)).not.toContain('203.0.113.80')
    expect(hosts.map((h) => h.address)).toContain(CT)
    for (const h of hosts) {
      expect(h.complete).toBe(false)
      expect(h.state).toBe('up')
      expect(h.upReason).toBe('passive')
      const pseudo = h.services.find((s) => s.port === 0)!
      expect(pseudo.state).toBe('closed')
      expect(pseudo.probes.map((p) => p.probeId)).toEqual(['passive'])
    }
  })

  it('SMBv1 heard → smbv1-enabled with the capture, packet number and time in the evidence', () => {
    const findings = evaluateHost(byAddress(SMB))
    const smb = findings.find((f) => f.ruleId === 'smbv1-enabled')!
    expect(smb.port).toBe(445)
    expect(smb.evidence).toContain('capture lab.pcapng, packet 21, ')
    expect(smb.evidence).toMatch(
      /packet 21, \d{4}-\d\d-\d\dT[\d:.]+Z: the server accepted the SMB1 dialect "NT LM 0.12"/,
    )
  })

  it('FTP login heard → cleartext-credentials (user, packet, no password) and ftp-cleartext as the active side would', () => {
    const findings = evaluateHost(byAddress(FTP))
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['cleartext-credentials', 'ftp-cleartext'])
    const cred = findings.find((f) => f.ruleId === 'cleartext-credentials')!
    expect(cred.severity).toBe('high')
    expect(cred.port).toBe(21)
    expect(cred.detailEn).toContain('clinic')
    expect(cred.evidence).toContain('packet 15')
    expect(cred.evidence).toContain('"clinic"')
    const ftp = findings.find((f) => f.ruleId === 'ftp-cleartext')!
    expect(ftp.incomplete).toBe(false)
    expect(ftp.detailEn).toContain('220 (vsFTPd 3.0.3)')
    expect(ftp.evidence).toContain('packet 11')
  })

  it('an anonymous FTP login accepted is ftp-anonymous too', () => {
    const a = createAnalyzer()
    for (const p of tcpExchange(WS, FTP, 21)) a.packet(p)
    a.event(
      ev<CleartextLoginEvent>({
        kind: 'cleartext-login',
        flow: flow(WS, FTP, 21),
        protocol: 'ftp',
        user: 'anonymous',
        accepted: true,
      }),
    )
    const [h] = toHostObservations(a.result(FILE), SOURCE).filter((x) => x.address === FTP)
    expect(evaluateHost(h!).map((f) => f.ruleId)).toContain('ftp-anonymous')
  })

  it('old TLS and a weak certificate, standard RDP security and HTTP Basic in clear fire the active rules', () => {
    expect(rulesOn(TLS).sort()).toEqual(['tls-old-version', 'tls-weak-certificate'])
    const weak = evaluateHost(byAddress(TLS)).find((f) => f.ruleId === 'tls-weak-certificate')!
    expect(weak.detailEn).toMatch(/self-signed/i)
    expect(rulesOn(RDP)).toEqual(['rdp-without-nla'])
    expect(rulesOn(WEB).sort()).toEqual(['cleartext-credentials', 'http-admin-without-tls'])
  })

  it('SNMP public answered → snmp-default-community, evidence says it was answered', () => {
    const f = evaluateHost(byAddress(AGENT)).find((x) => x.ruleId === 'snmp-default-community')!
    expect(f.severity).toBe('medium')
    expect(f.incomplete).toBe(false)
    expect(f.evidence).toContain('packet 62')
    expect(f.evidence).toContain('answered with community "public"')
  })

  it('SNMP public only sent, never answered → the finding is marked incomplete and says so', () => {
    const a = createAnalyzer()
    a.packet(pkt({ protocol: 17, src: WS, dst: AGENT, srcPort: 50000, dstPort: 161 }))
    a.event(
      ev<SnmpEvent>({
        kind: 'snmp',
        flow: flow(WS, AGENT, 161, 'udp'),
        version: 'v1',
        pdu: 'get',
        community: 'private',
        communityHash: null,
        sysDescr: null,
        sysName: null,
      }),
    )
    const h = toHostObservations(a.result(FILE), SOURCE).find((x) => x.address === AGENT)!
    const f = evaluateHost(h).find((x) => x.ruleId === 'snmp-default-community')!
    expect(f.incomplete).toBe(true)
    expect(f.evidence).toContain('no answer heard')
  })

  it('DICOM in clear fires on both ends; HL7 to another /24 and internet traffic on the hosts concerned', () => {
    expect(rulesOn(CT)).toEqual(expect.arrayContaining(['dicom-without-tls', 'internet-traffic']))
    expect(rulesOn(PACS)).toEqual(expect.arrayContaining(['dicom-without-tls', 'hl7-crossing-segments']))
    expect(rulesOn(EMR)).toContain('hl7-crossing-segments')
    const dicom = evaluateHost(byAddress(PACS)).find((f) => f.ruleId === 'dicom-without-tls')!
    expect(dicom.port).toBe(104)
    expect(dicom.detailEn).toContain('CT_SCANNER → PACS')
    const internet = evaluateHost(byAddress(CT)).find((f) => f.ruleId === 'internet-traffic')!
    expect(internet.detailEn).toContain('203.0.113.80:443 (remote.vendor.example)')
    expect(internet.evidence).toMatch(
      /capture lab\.pcapng, packet \d+, .*this host → 203\.0\.113\.80 \(remote\.vendor\.example\) tcp\/443/,
    )
    // A nurse workstation that only talked to internal servers gets none of the passive findings.
    expect(rulesOn(WS)).toEqual([])
  })

  it('hostname from DHCP, MAC from the ACK, services heard named by protocol', () => {
    const ct = byAddress(CT)
    expect(ct.hostname).toBe('ct-room1')
    expect(ct.mac).toBe('02:00:00:00:00:30')
    const pacs = byAddress(PACS)
    expect(pacs.services.find((s) => s.port === 104)).toMatchObject({ state: 'open', service: 'dicom' })
    expect(byAddress(FTP).services.find((s) => s.port === 21)!.banner).toBe('220 (vsFTPd 3.0.3)')
  })

  it('names Windows versions from NTLM', () => {
    expect(windowsName('6.1.7601')).toBe('Windows 7')
    expect(windowsName('10.0.19045')).toBe('Windows 10')
    expect(windowsName('10.0.22631')).toBe('Windows 11')
    expect(windowsName('junk')).toBeNull()
  })

  it('identification reads the passive evidence, each piece with its source', () => {
    const ct = identifyHost(byAddress(CT), () => null)
    const sources = ct.evidence.map((e) => e.source)
    expect(sources).toEqual(
      expect.arrayContaining([
        'passive-dicom-implementation-uid',
        'passive-dicom-ae-title',
        'passive-dhcp-vendor-class',
      ]),
    )
    expect(ct.category).toBe('ct')
    expect(ct.os).toBe('Linux')
    const smb = identifyHost(byAddress(SMB), () => null)
    expect(smb.os).toBe('Windows 7')
    expect(smb.evidence).toEqual(expect.arrayContaining([{ source: 'passive-ntlm-os', value: '6.1.7601 (Windows 7)' }]))
    const agent = identifyHost(byAddress(AGENT), () => null)
    expect(agent.os).toBe('Linux')
  })

  it('a DICOM service heard accepting two different called AE titles → dicom-any-aet, said to be heard', () => {
    const a = createAnalyzer()
    for (const p of tcpExchange(WS, CT, 104)) a.packet(p)
    const assoc = (pdu: 'rq' | 'ac', called: string, packet: number) =>
      ev<DicomAssociateEvent>(
        {
          kind: 'dicom-associate',
          flow: flow(WS, CT, 104),
          pdu,
          callingAeTitle: 'NURSE_WS',
          calledAeTitle: called,
          implementationClassUid: pdu === 'ac' ? '1.2.276.0.7230010.3.0.3.6.8' : '1.2.276.0.7230010.3.0.3.6.7',
          implementationVersionName: pdu === 'ac' ? 'OFFIS_DCMTK_368' : 'OFFIS_DCMTK_367',
          abstractSyntaxes: [],
          reject: null,
        },
        packet,
      )
    a.event(assoc('rq', 'CT_SCANNER01', 4))
    a.event(assoc('ac', 'CT_SCANNER01', 5))
    const one = toHostObservations(a.result(FILE), SOURCE).find((h) => h.address === CT)!
    expect(evaluateHost(one).map((f) => f.ruleId)).not.toContain('dicom-any-aet')
    a.event(assoc('rq', 'ANY-SCP', 14))
    a.event(assoc('ac', 'ANY-SCP', 15))
    const two = toHostObservations(a.result(FILE), SOURCE).find((h) => h.address === CT)!
    const f = evaluateHost(two).find((x) => x.ruleId === 'dicom-any-aet')!
    expect(f.port).toBe(104)
    expect(f.evidence).toContain('packet 15')
    expect(f.evidence).toContain('heard passively')
    expect(f.detailEn).toContain('OFFIS_DCMTK_368')
    // Heard, not probed: the words say so and do not claim a C-ECHO was sent.
    expect(f.detailEn).toContain('nothing was sent')
    expect(f.detailEn).not.toContain('C-ECHO')
    expect(f.detailJa).toContain('何も送っていません')
    // The CT's own DCMTK root is evidence once, not twice.
    const id = identifyHost(two, () => null)
    expect(id.evidence.filter((e) => e.value === '1.2.276.0.7230010.3.0.3.6.8')).toHaveLength(1)
  })

  it('a Telnet login heard → telnet-cleartext and cleartext-credentials', () => {
    const a = createAnalyzer()
    for (const p of tcpExchange(WS, FTP, 23)) a.packet(p)
    a.event(
      ev<BannerEvent>(
        { kind: 'banner', flow: flow(WS, FTP, 23), protocol: 'telnet', side: 'server', text: 'Debian GNU/Linux 12' },
        4,
      ),
    )
    a.event(
      ev<CleartextLoginEvent>(
        { kind: 'cleartext-login', flow: flow(WS, FTP, 23), protocol: 'telnet', user: 'service', accepted: true },
        9,
      ),
    )
    const h = toHostObservations(a.result(FILE), SOURCE).find((x) => x.address === FTP)!
    const findings = evaluateHost(h)
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['cleartext-credentials', 'telnet-cleartext'])
    const telnet = findings.find((f) => f.ruleId === 'telnet-cleartext')!
    expect(telnet.incomplete).toBe(false)
    expect(telnet.evidence).toContain('packet 4')
    expect(telnet.evidence).toContain('packet 9')
    expect(identifyHost(h, () => null).os).toBe('Linux (Debian)')
  })

  it("HL7: the frame's sender MAC decides who sent a message when both MACs are known", () => {
    const a = createAnalyzer()
    const gw = '02:00:00:00:00:40'
    const engine = '02:00:00:00:00:70'
    a.packet(pkt({ src: '10.0.0.40', dst: '10.0.5.70', srcMac: gw, srcPort: 50000, dstPort: 2575, tcpFlags: 0x02 }))
    a.packet(pkt({ src: '10.0.5.70', dst: '10.0.0.40', srcMac: engine, srcPort: 2575, dstPort: 50000, tcpFlags: 0x12 }))
    // A query sent by the server side of the connection (not an ACK): only the MAC says the engine sent it.
    a.event(
      ev<Hl7MessageEvent>({
        kind: 'hl7-message',
        flow: flow('10.0.0.40', '10.0.5.70', 2575),
        mac: engine,
        sendingApplication: 'ENGINE',
        sendingFacility: null,
        receivingApplication: 'GATEWAY',
        receivingFacility: null,
        messageType: 'QRY^A19',
        version: '2.3',
        ack: false,
      }),
    )
    const hosts = toHostObservations(a.result(FILE), SOURCE)
    const facts = (address: string) =>
      hosts.find((h) => h.address === address)!.services.find((s) => s.port === 0)!.probes[0]!.facts as {
        hl7Messages: { role: string }[]
      }
    expect(facts('10.0.5.70').hl7Messages.map((m) => m.role)).toEqual(['sender'])
    expect(facts('10.0.0.40').hl7Messages.map((m) => m.role)).toEqual(['receiver'])
    const engineId = identifyHost(hosts.find((h) => h.address === '10.0.5.70')!, () => null)
    expect(engineId.evidence).toEqual(expect.arrayContaining([{ source: 'passive-hl7-application', value: 'ENGINE' }]))
  })

  it('the pseudo-service of the passive facts is never taken for an open port by the ledger comparison', () => {
    const pacs = byAddress(PACS)
    const undeclared = evaluateHost(pacs, { declaredPorts: [] }).filter((f) => f.ruleId === 'undeclared-open-port')
    expect(undeclared).toHaveLength(1)
    expect(undeclared[0]!.detailEn).toContain('104/tcp')
    expect(undeclared[0]!.detailEn).not.toMatch(/\b0\/tcp/)
    // Heard, not scanned: the comparison is marked incomplete.
    expect(undeclared[0]!.incomplete).toBe(true)
    expect(evaluateHost(pacs, { declaredPorts: [104] }).filter((f) => f.ruleId === 'undeclared-open-port')).toEqual([])
  })

  it('an HTTP login form heard in clear (title and password field) → http-admin-without-tls with the title', () => {
    const a = createAnalyzer()
    for (const p of tcpExchange(WS, WEB, 8080)) a.packet(p)
    const response = ev<HttpResponseEvent>({
      kind: 'http-response',
      flow: flow(WS, WEB, 8080),
      status: 200,
      server: null,
      basicAuthOffered: false,
    })
    a.event({ ...response, title: 'Infusion Pump Admin', passwordForm: true } as HttpResponseEvent)
    const h = toHostObservations(a.result(FILE), SOURCE).find((x) => x.address === WEB)!
    const f = evaluateHost(h).find((x) => x.ruleId === 'http-admin-without-tls')!
    expect(f.port).toBe(8080)
    expect(f.detailEn).toContain('Infusion Pump Admin')
    expect(f.evidence).toContain('a login form with a password field')
    expect(identifyHost(h, () => null).category).toBe('infusion_pump')
  })
})
