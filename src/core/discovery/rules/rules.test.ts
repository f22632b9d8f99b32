import { describe, expect, it } from 'vitest'
import { buildHost } from '../../../../test/factories/hosts.js'
import { buildProbeObservation, buildService } from '../../../../test/factories/observations.js'
import type { HostObservation, ProbeObservation, ServiceObservation } from '../observation.js'
import { evaluateHost, FINDING_RULES } from './index.js'
import type { LedgerContext } from './rule.js'

const probe = (probeId: string, facts: Record<string, unknown>, outcome: ProbeObservation['outcome'] = 'observed') =>
  buildProbeObservation(probeId, facts, outcome)
const svc = (port: number, probes: ProbeObservation[] = [], extra: Partial<ServiceObservation> = {}) =>
  buildService(port, { probes, ...extra })
const host = (services: ServiceObservation[], extra: Partial<HostObservation> = {}) => buildHost({ services, ...extra })

interface Case {
  name: string
  host: HostObservation
  ledger?: LedgerContext | null
  /** Expected findings of this rule: severity, port and incomplete flag each. */
  expect: { severity: string; port: number | null; incomplete: boolean }[]
}

const tls = (versions: Record<string, string>, certificate: Record<string, unknown> | null = null) =>
  probe('tls-info', {
    versions: {
      SSLv3: 'not-tested',
      TLSv1: 'refused',
      'TLSv1.1': 'refused',
      'TLSv1.2': 'offered',
      'TLSv1.3': 'offered',
      ...versions,
    },
    certificate,
  })
const goodCert = {
  subject: 'CN=a',
  issuer: 'CN=ca',
  validFrom: '2025-01-01T00:00:00.000Z',
  validTo: '2027-01-01T00:00:00.000Z',
  selfSigned: false,
  expired: false,
  notYetValid: false,
  keyType: 'rsa',
  keyBits: 2048,
  weakKey: false,
  fingerprint256: 'AA',
}

/** The pseudo-service a capture puts its passive facts on (port 0, closed). */
const passive = (facts: Record<string, unknown>) =>
  svc(0, [probe('passive', { capture: 'lab.pcapng', captureId: null, ...facts })], {
    state: 'closed',
    service: 'passive',
  })
const login = (extra: Record<string, unknown> = {}) => ({
  protocol: 'ftp',
  user: 'clinic',
  accepted: true,
  port: 21,
  client: '10.0.0.9',
  packet: 12,
  time: '2026-12-03T10:00:00.000Z',
  ...extra,
})
const assoc = (extra: Record<string, unknown> = {}) => ({
  role: 'called',
  callingAeTitle: 'CT01',
  calledAeTitle: 'PACS',
  tls: false,
  peer: '10.0.0.20',
  port: 104,
  packet: 30,
  time: '2026-12-03T10:00:01.000Z',
  ...extra,
})
const hl7 = (peer: string) => ({
  role: 'receiver',
  sendingApplication: 'MONITOR',
  sendingFacility: 'ICU',
  receivingApplication: 'EMR',
  receivingFacility: 'HOSP',
  messageTypes: ['ORU^R01'],
  version: '2.5',
  peer,
  port: 2575,
  packet: 40,
  time: '2026-12-03T10:00:02.000Z',
})

const TABLE: Record<string, Case[]> = {
  'telnet-cleartext': [
    {
      name: 'telnet probe observed',
      host: host([svc(23, [probe('telnet-banner', { banner: 'login: ', loginPrompt: 'login:', negotiation: [] })])]),
      expect: [{ severity: 'high', port: 23, incomplete: false }],
    },
    {
      name: 'probe incomplete',
      host: host([svc(23, [probe('telnet-banner', { banner: '' }, 'incomplete')])]),
      expect: [{ severity: 'high', port: 23, incomplete: true }],
    },
    {
      name: 'open port 23 without probe result',
      host: host([svc(23, [], { service: 'telnet' })]),
      expect: [{ severity: 'high', port: 23, incomplete: true }],
    },
    { name: 'closed port 23', host: host([svc(23, [], { state: 'closed' })]), expect: [] },
    { name: 'probe unreachable', host: host([svc(2323, [probe('telnet-banner', {}, 'unreachable')])]), expect: [] },
  ],
  'ftp-cleartext': [
    {
      name: 'ftp observed',
      host: host([svc(21, [probe('ftp-anon', { banner: '220 x', anonymous: 'refused', loginReplies: [] })])]),
      expect: [{ severity: 'medium', port: 21, incomplete: false }],
    },
    {
      name: 'ftp absent',
      host: host([svc(21, [probe('ftp-anon', {}, 'absent')], { service: 'http' })]),
      expect: [{ severity: 'medium', port: 21, incomplete: true }],
    },
    { name: 'no ftp', host: host([svc(80)]), expect: [] },
  ],
  'ftp-anonymous': [
    {
      name: 'allowed',
      host: host([svc(21, [probe('ftp-anon', { banner: '220', anonymous: 'allowed', loginReplies: ['230 ok'] })])]),
      expect: [{ severity: 'high', port: 21, incomplete: false }],
    },
    {
      name: 'refused',
      host: host([svc(21, [probe('ftp-anon', { banner: '220', anonymous: 'refused', loginReplies: ['530 no'] })])]),
      expect: [],
    },
    {
      name: 'allowed but cut short',
      host: host([svc(2121, [probe('ftp-anon', { anonymous: 'allowed' }, 'incomplete')])]),
      expect: [{ severity: 'high', port: 2121, incomplete: true }],
    },
    { name: 'unknown', host: host([svc(21, [probe('ftp-anon', { anonymous: 'unknown' }, 'incomplete')])]), expect: [] },
  ],
  'smbv1-enabled': [
    {
      name: 'smbv1 accepted',
      host: host([svc(445, [probe('smb-negotiate', { smbv1: true, smb1Dialect: 'NT LM 0.12' })])]),
      expect: [{ severity: 'high', port: 445, incomplete: false }],
    },
    {
      name: 'smb2 only',
      host: host([svc(445, [probe('smb-negotiate', { smbv1: false, smb2Dialect: '3.1.1' })])]),
      expect: [],
    },
    { name: 'facts of the wrong type', host: host([svc(445, [probe('smb-negotiate', { smbv1: 'yes' })])]), expect: [] },
    {
      name: 'one finding for 139 and 445 together, on 445',
      host: host([
        svc(139, [probe('smb-negotiate', { smbv1: true })]),
        svc(445, [probe('smb-negotiate', { smbv1: true })]),
      ]),
      expect: [{ severity: 'high', port: 445, incomplete: false }],
    },
    {
      name: 'only 139 answers',
      host: host([svc(139, [probe('smb-negotiate', { smbv1: true }, 'incomplete')])]),
      expect: [{ severity: 'high', port: 139, incomplete: true }],
    },
  ],
  'dicom-any-aet': [
    {
      name: 'accepted',
      host: host([
        svc(104, [
          probe('dicom-echo', {
            acceptsAnyAet: true,
            calledAeTitle: 'MAMORI-ANY',
            implementationVersionName: 'OFFIS_DCMTK_367',
          }),
        ]),
      ]),
      expect: [{ severity: 'medium', port: 104, incomplete: false }],
    },
    {
      name: 'rejected',
      host: host([svc(104, [probe('dicom-echo', { acceptsAnyAet: false, association: 'rejected' })])]),
      expect: [],
    },
    {
      name: 'accepted then stalled',
      host: host([svc(11112, [probe('dicom-echo', { acceptsAnyAet: true }, 'incomplete')])]),
      expect: [{ severity: 'medium', port: 11112, incomplete: true }],
    },
  ],
  'snmp-default-community': [
    {
      name: 'public and private',
      host: host([
        svc(
          161,
          [
            probe('snmp-community', {
              accepted: [
                { version: 'v1', community: 'public' },
                { version: 'v2c', community: 'public' },
                { version: 'v2c', community: 'private' },
              ],
              sysDescr: 'Linux',
            }),
          ],
          { transport: 'udp' },
        ),
      ]),
      expect: [
        { severity: 'medium', port: 161, incomplete: false },
        { severity: 'high', port: 161, incomplete: false },
      ],
    },
    {
      name: 'none accepted',
      host: host([svc(161, [probe('snmp-community', { accepted: [] })], { transport: 'udp' })]),
      expect: [],
    },
    {
      name: 'udp open|filtered still counts',
      host: host([
        svc(161, [probe('snmp-community', { accepted: [{ version: 'v1', community: 'public' }] }, 'incomplete')], {
          transport: 'udp',
          state: 'open|filtered',
        }),
      ]),
      expect: [{ severity: 'medium', port: 161, incomplete: true }],
    },
    {
      name: 'garbage entries ignored',
      host: host([
        svc(161, [probe('snmp-community', { accepted: [42, null, { community: 1 }] })], { transport: 'udp' }),
      ]),
      expect: [],
    },
  ],
  'http-admin-without-tls': [
    {
      name: 'login page over http',
      host: host([
        svc(80, [
          probe('http-info', {
            tls: false,
            isLoginPage: true,
            basicAuthRealm: null,
            redirectsToHttps: false,
            adminPages: [],
          }),
        ]),
      ]),
      expect: [{ severity: 'medium', port: 80, incomplete: false }],
    },
    {
      name: 'basic auth admin path',
      host: host([
        svc(8080, [
          probe('http-info', {
            tls: false,
            isLoginPage: false,
            basicAuthRealm: null,
            redirectsToHttps: false,
            adminPages: [{ path: '/manager/html', status: 401, isLoginPage: true, basicAuthRealm: 'Tomcat' }],
          }),
        ]),
      ]),
      expect: [{ severity: 'medium', port: 8080, incomplete: false }],
    },
    {
      name: 'login page over https',
      host: host([svc(443, [probe('http-info', { tls: true, isLoginPage: true, adminPages: [] })])]),
      expect: [],
    },
    {
      name: 'redirects to https',
      host: host([
        svc(80, [probe('http-info', { tls: false, isLoginPage: true, redirectsToHttps: true, adminPages: [] })]),
      ]),
      expect: [],
    },
    {
      name: 'plain page',
      host: host([
        svc(80, [
          probe('http-info', {
            tls: false,
            isLoginPage: false,
            basicAuthRealm: null,
            redirectsToHttps: false,
            adminPages: [],
          }),
        ]),
      ]),
      expect: [],
    },
  ],
  'tls-old-version': [
    {
      name: 'tls 1.0 offered',
      host: host([svc(443, [tls({ TLSv1: 'offered' })])]),
      expect: [{ severity: 'medium', port: 443, incomplete: false }],
    },
    { name: 'only 1.2/1.3', host: host([svc(443, [tls({})])]), expect: [] },
    { name: 'versions missing', host: host([svc(443, [probe('tls-info', { versions: null })])]), expect: [] },
  ],
  'tls-weak-certificate': [
    {
      name: 'self-signed weak key',
      host: host([svc(443, [tls({}, { ...goodCert, selfSigned: true, weakKey: true, keyBits: 1024 })])]),
      expect: [{ severity: 'low', port: 443, incomplete: false }],
    },
    {
      name: 'expired',
      host: host([svc(8443, [tls({}, { ...goodCert, expired: true })])]),
      expect: [{ severity: 'low', port: 8443, incomplete: false }],
    },
    { name: 'good certificate', host: host([svc(443, [tls({}, goodCert)])]), expect: [] },
    { name: 'no certificate', host: host([svc(443, [tls({}, null)])]), expect: [] },
  ],
  'vnc-no-password': [
    {
      name: 'None offered',
      host: host([svc(5900, [probe('vnc-auth', { noAuth: true, securityTypes: [1, 2] })])]),
      expect: [{ severity: 'critical', port: 5900, incomplete: false }],
    },
    {
      name: 'password only',
      host: host([svc(5900, [probe('vnc-auth', { noAuth: false, securityTypes: [2] })])]),
      expect: [],
    },
  ],
  'rdp-without-nla': [
    {
      name: 'standard rdp accepted',
      host: host([
        svc(3389, [probe('rdp-detect', { acceptsStandardRdp: true, acceptsTlsWithoutNla: false, nlaRequired: false })]),
      ]),
      expect: [{ severity: 'high', port: 3389, incomplete: false }],
    },
    {
      name: 'tls without nla',
      host: host([
        svc(3389, [probe('rdp-detect', { acceptsStandardRdp: false, acceptsTlsWithoutNla: true, nlaRequired: false })]),
      ]),
      expect: [{ severity: 'medium', port: 3389, incomplete: false }],
    },
    {
      name: 'nla required',
      host: host([
        svc(3389, [probe('rdp-detect', { acceptsStandardRdp: false, acceptsTlsWithoutNla: false, nlaRequired: true })]),
      ]),
      expect: [],
    },
  ],
  'undeclared-open-port': [
    { name: 'not in the ledger', host: host([svc(22), svc(104)]), ledger: null, expect: [] },
    {
      name: 'nothing declared',
      host: host([svc(22), svc(104)]),
      ledger: { declaredPorts: [] },
      expect: [{ severity: 'info', port: null, incomplete: false }],
    },
    {
      name: 'one undeclared',
      host: host([svc(22), svc(104), svc(80, [], { state: 'closed' })]),
      ledger: { declaredPorts: [104, 80] },
      expect: [{ severity: 'medium', port: 22, incomplete: false }],
    },
    { name: 'all declared', host: host([svc(104)]), ledger: { declaredPorts: [104] }, expect: [] },
    {
      name: 'partial scan',
      host: host([svc(23)], { complete: false }),
      ledger: { declaredPorts: [104] },
      expect: [{ severity: 'medium', port: 23, incomplete: true }],
    },
    {
      name: "the model's declaration replaces the ledger's",
      host: host([svc(22), svc(104)]),
      ledger: { declaredPorts: [22, 104], model: { name: 'Example SP-2000', tlsPorts: [] } },
      expect: [],
    },
  ],
  'cleartext-where-tls-declared': [
    {
      name: 'no model declaration',
      host: host([svc(443, [], { service: 'http' })]),
      ledger: { declaredPorts: [443] },
      expect: [],
    },
    {
      name: 'plain http where TLS is declared',
      host: host([svc(443, [probe('http-info', { tls: false })])]),
      ledger: { declaredPorts: [443], model: { name: 'M', tlsPorts: [443] } },
      expect: [{ severity: 'high', port: 443, incomplete: false }],
    },
    {
      name: 'telnet by name where TLS is declared',
      host: host([svc(992, [], { service: 'telnet' })]),
      ledger: { declaredPorts: [992], model: { name: 'M', tlsPorts: [992] } },
      expect: [{ severity: 'high', port: 992, incomplete: false }],
    },
    {
      name: 'TLS seen',
      host: host([
        svc(443, [probe('http-info', { tls: true }), probe('tls-info', { versions: {} })], { service: 'http' }),
      ]),
      ledger: { declaredPorts: [443], model: { name: 'M', tlsPorts: [443] } },
      expect: [],
    },
    {
      name: 'tls-info answered, name says http',
      host: host([svc(8443, [probe('tls-info', { versions: {} })], { service: 'http' })]),
      ledger: { declaredPorts: [8443], model: { name: 'M', tlsPorts: [8443] } },
      expect: [],
    },
    {
      name: 'cleartext on a port not declared as TLS',
      host: host([svc(80, [probe('http-info', { tls: false })])]),
      ledger: { declaredPorts: [80, 443], model: { name: 'M', tlsPorts: [443] } },
      expect: [],
    },
  ],
  'cleartext-credentials': [
    {
      name: 'FTP and Telnet logins heard',
      host: host([
        svc(21),
        svc(23),
        passive({
          cleartextLogins: [login(), login({ user: 'admin', packet: 50 }), login({ protocol: 'telnet', port: 23 })],
        }),
      ]),
      expect: [
        { severity: 'high', port: 21, incomplete: false },
        { severity: 'high', port: 23, incomplete: false },
      ],
    },
    { name: 'no login heard', host: host([svc(21), passive({ cleartextLogins: [] })]), expect: [] },
    {
      name: 'an active scan never triggers it',
      host: host([svc(21, [probe('ftp-anon', { banner: '220', anonymous: 'allowed', loginReplies: [] })])]),
      expect: [],
    },
    { name: 'odd facts', host: host([passive({ cleartextLogins: [null, 'x', { port: 'a' }] })]), expect: [] },
  ],
  'dicom-without-tls': [
    {
      name: 'cleartext association as the called AE',
      host: host([
        svc(104),
        passive({ dicomAssociations: [assoc(), assoc({ callingAeTitle: 'MR01', peer: '10.0.0.21' })] }),
      ]),
      expect: [{ severity: 'medium', port: 104, incomplete: false }],
    },
    {
      name: 'cleartext association as the calling AE (no port of its own)',
      host: host([passive({ dicomAssociations: [assoc({ role: 'calling' })] })]),
      expect: [{ severity: 'medium', port: null, incomplete: false }],
    },
    { name: 'DICOM over TLS only', host: host([passive({ dicomAssociations: [assoc({ tls: true })] })]), expect: [] },
  ],
  'hl7-crossing-segments': [
    {
      name: 'peer in another /24',
      host: host([passive({ hl7Messages: [hl7('10.0.1.7'), hl7('10.0.0.8')] })]),
      expect: [{ severity: 'medium', port: null, incomplete: false }],
    },
    { name: 'peer in the same /24', host: host([passive({ hl7Messages: [hl7('10.0.0.8')] })]), expect: [] },
    {
      name: 'IPv6 peers in the same /64',
      host: host([passive({ hl7Messages: [hl7('2001:db8:0:1::9')] })], { address: '2001:db8:0:1::5' }),
      expect: [],
    },
  ],
  'internet-traffic': [
    {
      name: 'talks to an internet address',
      host: host([
        passive({
          internetPeers: [
            {
              address: '203.0.113.9',
              port: 443,
              transport: 'tcp',
              direction: 'outbound',
              protocol: 'tls',
              packets: 10,
              bytes: 4000,
              packet: 3,
              time: '2026-12-03T10:00:00.000Z',
            },
          ],
          internetPeerCount: 1,
        }),
      ]),
      expect: [{ severity: 'medium', port: null, incomplete: false }],
    },
    { name: 'no internet peer', host: host([passive({ internetPeers: [], internetPeerCount: 0 })]), expect: [] },
  ],
  'probe-incomplete': [
    {
      name: 'one incomplete probe',
      host: host([svc(104, [probe('dicom-echo', {}, 'incomplete')])]),
      expect: [{ severity: 'info', port: 104, incomplete: true }],
    },
    { name: 'observed only', host: host([svc(104, [probe('dicom-echo', { acceptsAnyAet: false })])]), expect: [] },
  ],
}

describe('finding rules', () => {
  it('every rule has a table', () => {
    expect(Object.keys(TABLE).sort()).toEqual(FINDING_RULES.map((r) => r.id).sort())
  })

  for (const [ruleId, cases] of Object.entries(TABLE)) {
    describe(ruleId, () => {
      it.each(cases)('$name', (c) => {
        const findings = evaluateHost(c.host, c.ledger).filter((f) => f.ruleId === ruleId)
        expect(findings.map((f) => ({ severity: f.severity, port: f.port, incomplete: f.incomplete }))).toEqual(
          expect.arrayContaining(c.expect),
        )
        expect(findings).toHaveLength(c.expect.length)
        for (const f of findings) {
          expect(f.address).toBe('10.0.0.5')
          for (const k of [
            'titleJa',
            'titleEn',
            'detailJa',
            'detailEn',
            'recommendationJa',
            'recommendationEn',
            'evidence',
          ] as const) {
            expect(f[k].length, `${ruleId} ${k}`).toBeGreaterThan(0)
          }
          // Japanese texts really are Japanese (not a copy of the English).
          expect(f.titleJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
          expect(f.recommendationJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
        }
      })
    })
  }

  it('keeps the exact probe response as evidence', () => {
    const h = host([
      svc(445, [
        { probeId: 'smb-negotiate', outcome: 'observed', facts: { smbv1: true }, evidence: '< 00000071ff534d4272' },
      ]),
    ])
    expect(evaluateHost(h).find((f) => f.ruleId === 'smbv1-enabled')?.evidence).toBe('# port 445\n< 00000071ff534d4272')
  })

  it('orders findings most severe first', () => {
    const h = host([
      svc(443, [tls({}, { ...goodCert, selfSigned: true })]),
      svc(5900, [probe('vnc-auth', { noAuth: true })]),
      svc(21, [probe('ftp-anon', { anonymous: 'refused' })]),
    ])
    expect(evaluateHost(h).map((f) => f.severity)).toEqual(['critical', 'medium', 'low'])
  })

  it('SMBv1 advice says to ask the manufacturer and block 139/445', () => {
    const f = evaluateHost(host([svc(445, [probe('smb-negotiate', { smbv1: true })])]))[0]!
    expect(f.titleJa).toContain('SMBv1')
    expect(f.recommendationJa).toContain('製造販売業者')
    expect(f.recommendationJa).toContain('139/445')
    expect(f.recommendationEn).toContain('block ports 139/445')
  })
})
