import { describe, expect, it } from 'vitest'
import { buildHost } from '../../../../test/factories/hosts.js'
import { buildProbeObservation, buildService } from '../../../../test/factories/observations.js'
import type { FindingText } from '../../findings/finding.js'
import type { Bilingual, MessageParams } from '../../messages/translate.js'
import type { HostObservation, ServiceObservation } from '../observation.js'
import { evaluateHost, FINDING_RULES } from './index.js'
import { type FindingGroup, findingPart, findingText, type LedgerContext } from './rule.js'

const probe = (id: string, facts: Record<string, unknown>, incomplete = false) =>
  buildProbeObservation(id, facts, incomplete ? 'incomplete' : 'observed')
const on = (port: number, probes: ReturnType<typeof probe>[], extra: Partial<ServiceObservation> = {}) =>
  buildHost({ services: [buildService(port, { probes, ...extra })] })

/** The pseudo-service a capture puts its passive facts on (port 0, closed). */
const passiveOn = (facts: Record<string, unknown>) =>
  buildService(0, {
    state: 'closed',
    service: 'passive',
    probes: [buildProbeObservation('passive', { capture: 'lab.pcapng', captureId: null, ...facts })],
  })

/** A catalog part in both languages (`findings.<key>`). */
const part = findingPart
const none: Bilingual = { ja: '', en: '' }
/** The partial-result note for the factories' default reason. */
const partial = part('partial.note', { why: part('partial.why', { reason: 'peer reset' }) })

/** The texts the catalog gives for `group` with these params: what the rule must have produced. */
const fromCatalog = (group: FindingGroup, params: MessageParams): FindingText => findingText(group, params)

interface Case {
  /** The catalog group (the rule id, or `<ruleId>.<variant>`) and the values the rule must put in. */
  group: FindingGroup
  host: HostObservation
  ledger?: LedgerContext
  params: MessageParams
}

/** The rule a case is about: its group up to the first dot (rule ids have none). */
const ruleOf = (c: Case) => c.group.split('.')[0]

const CASES: Case[] = [
  {
    group: 'vnc-no-password',
    host: on(5900, [probe('vnc-auth', { noAuth: true })]),
    params: { port: 5900, note: none },
  },
  {
    group: 'telnet-cleartext',
    host: on(23, [probe('telnet-banner', { loginPrompt: 'login:' })]),
    params: { port: 23, prompt: part('telnet-cleartext.prompt', { prompt: 'login:' }), note: none },
  },
  {
    group: 'telnet-cleartext',
    host: on(23, [], { service: 'telnet' }),
    params: {
      port: 23,
      prompt: none,
      note: part('partial.note', { why: part('partial.why', { reason: part('telnet-cleartext.notRead') }) }),
    },
  },
  {
    group: 'smbv1-enabled',
    host: buildHost({
      services: [
        buildService(139, { probes: [probe('smb-negotiate', { smbv1: true })] }),
        buildService(445, { probes: [probe('smb-negotiate', { smbv1: true, smb1Dialect: 'NT LM 0.12' })] }),
      ],
    }),
    params: { ports: '139/445', dialect: 'NT LM 0.12', note: none },
  },
  {
    group: 'ftp-anonymous',
    host: on(21, [probe('ftp-anon', { anonymous: 'allowed' }, true)]),
    params: { port: 21, note: partial },
  },
  {
    group: 'snmp-default-community',
    host: on(
      161,
      [probe('snmp-community', { accepted: [{ version: 'v2c', community: 'private' }], sysDescr: 'Linux' })],
      {
        transport: 'udp',
      },
    ),
    params: {
      community: 'private',
      versions: { ja: 'v2c', en: 'v2c' },
      sysDescr: part('snmp-default-community.sysDescr', { sysDescr: 'Linux' }),
      risk: part('snmp-default-community.risk.write'),
      note: none,
    },
  },
  {
    group: 'snmp-default-community',
    host: on(
      161,
      [
        probe('snmp-community', {
          accepted: [
            { version: 'v1', community: 'public' },
            { version: 'v2c', community: 'public' },
          ],
        }),
      ],
      { transport: 'udp' },
    ),
    params: {
      community: 'public',
      versions: { ja: 'v1・v2c', en: 'v1, v2c' },
      sysDescr: none,
      risk: part('snmp-default-community.risk.read'),
      note: none,
    },
  },
  {
    group: 'rdp-without-nla',
    host: on(3389, [probe('rdp-detect', { acceptsStandardRdp: false, acceptsTlsWithoutNla: true })]),
    params: { port: 3389, how: part('rdp-without-nla.how.tls'), note: none },
  },
  {
    group: 'dicom-any-aet',
    host: on(104, [probe('dicom-echo', { acceptsAnyAet: true, calledAeTitle: 'X', implementationClassUid: '1.2' })]),
    params: { port: 104, called: 'X', impl: part('dicom-any-aet.impl', { impl: '1.2' }), note: none },
  },
  {
    group: 'http-admin-without-tls',
    host: on(80, [probe('http-info', { tls: false, isLoginPage: true, title: 'Admin' })]),
    params: { port: 80, pages: '/', title: part('http-admin-without-tls.pageTitle', { title: 'Admin' }), note: none },
  },
  {
    group: 'ftp-cleartext',
    host: on(21, [probe('ftp-anon', { banner: '220 ready\nmore', anonymous: 'refused' })]),
    params: { port: 21, banner: part('ftp-cleartext.banner', { banner: '220 ready' }), note: none },
  },
  {
    group: 'tls-old-version',
    host: on(443, [probe('tls-info', { versions: { SSLv3: 'offered', TLSv1: 'refused', 'TLSv1.1': 'offered' } })]),
    params: { port: 443, versions: 'SSL 3.0, TLS 1.1', note: none },
  },
  {
    group: 'tls-weak-certificate',
    host: on(443, [
      probe('tls-info', {
        certificate: { subject: 'CN=a', selfSigned: true, weakKey: true, keyType: 'rsa', keyBits: 1024 },
      }),
    ]),
    params: {
      port: 443,
      subject: part('tls-weak-certificate.subject', { subject: 'CN=a' }),
      problems: {
        ja: `${part('tls-weak-certificate.selfSigned').ja}、${part('tls-weak-certificate.weakKey', { key: 'RSA 1024' }).ja}`,
        en: `${part('tls-weak-certificate.selfSigned').en}, ${part('tls-weak-certificate.weakKey', { key: 'RSA 1024' }).en}`,
      },
      note: none,
    },
  },
  {
    group: 'undeclared-open-port.noPortList',
    host: on(8080, [], { service: 'http' }),
    ledger: { declaredPorts: [] },
    params: { ports: '8080/tcp (http)' },
  },
  {
    group: 'undeclared-open-port.undeclared',
    host: on(8080, []),
    ledger: { declaredPorts: [443, 104] },
    params: { port: 8080, service: '8080/tcp', declared: '104, 443' },
  },
  {
    group: 'undeclared-open-port.undeclaredByModel',
    host: on(8080, []),
    ledger: { declaredPorts: [443, 104], model: { name: 'Example SP-2000', tlsPorts: [443] } },
    params: { port: 8080, service: '8080/tcp', declared: '104, 443', model: 'Example SP-2000' },
  },
  {
    group: 'cleartext-where-tls-declared',
    host: on(443, [probe('http-info', { tls: false })]),
    ledger: { declaredPorts: [443], model: { name: 'Example SP-2000', tlsPorts: [443] } },
    params: { port: 443, service: 'http (no TLS)', model: 'Example SP-2000' },
  },
  {
    group: 'cleartext-credentials',
    host: buildHost({
      services: [
        buildService(21),
        passiveOn({
          cleartextLogins: [
            { protocol: 'ftp', user: 'clinic', accepted: true, port: 21, client: '10.0.0.9', packet: 12, time: 't' },
            { protocol: 'ftp', user: 'clinic', accepted: false, port: 21, client: '10.0.0.9', packet: 14, time: 't' },
          ],
        }),
      ],
    }),
    params: { port: 21, protocols: 'FTP', users: 'clinic', count: 2, outcome: part('cleartext-credentials.accepted') },
  },
  {
    group: 'dicom-without-tls',
    host: buildHost({
      services: [
        passiveOn({
          dicomAssociations: [
            {
              role: 'calling',
              callingAeTitle: 'CT01',
              calledAeTitle: 'PACS',
              tls: false,
              peer: '10.0.0.20',
              port: 104,
              packet: 3,
              time: 't',
            },
            {
              role: 'calling',
              callingAeTitle: null,
              calledAeTitle: null,
              tls: true,
              peer: '10.0.0.21',
              port: 2762,
              packet: 4,
              time: 't',
            },
          ],
        }),
      ],
    }),
    params: { pairs: 'CT01 → PACS (10.0.0.20)', count: 1 },
  },
  {
    group: 'hl7-crossing-segments',
    host: buildHost({
      services: [
        passiveOn({
          hl7Messages: [
            {
              role: 'sender',
              sendingApplication: 'MON',
              messageTypes: ['ORU^R01'],
              peer: '10.0.9.2',
              port: 2575,
              packet: 5,
              time: 't',
            },
          ],
        }),
      ],
    }),
    params: { segment: '10.0.0.0/24', peers: '10.0.9.2 (10.0.9.0/24)' },
  },
  {
    group: 'internet-traffic',
    host: buildHost({
      services: [
        passiveOn({
          internetPeers: [
            {
              address: '203.0.113.9',
              port: 443,
              transport: 'tcp',
              direction: 'outbound',
              protocol: 'tls',
              packets: 1,
              bytes: 60,
              packet: 2,
              time: 't',
            },
            {
              address: '198.51.100.1',
              port: 123,
              transport: 'udp',
              direction: 'outbound',
              protocol: 'ntp',
              packets: 1,
              bytes: 90,
              packet: 9,
              time: 't',
            },
          ],
          internetPeerCount: 2,
        }),
      ],
    }),
    params: { count: 2, peers: '203.0.113.9:443, 198.51.100.1:123' },
  },
  {
    group: 'probe-incomplete',
    host: on(104, [probe('dicom-echo', {}, true)]),
    params: { probe: 'dicom-echo', port: 104, transport: 'tcp', reason: 'peer reset' },
  },
]

describe('finding texts come from the catalog', () => {
  it.each(CASES.map((c) => [c.group, c] as const))('%s', (_, c) => {
    const found = evaluateHost(c.host, c.ledger ?? null).filter((f) => f.ruleId === ruleOf(c))
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject(fromCatalog(c.group, c.params))
  })

  it('covers every rule', () => {
    const covered = new Set(CASES.map(ruleOf))
    expect(FINDING_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([])
  })

  it('a rule that throws is reported with the rule-error texts', () => {
    const host = buildHost({ services: [buildService(80, { probes: [probe('http-info', { tls: false })] })] })
    // A getter that throws stands for observation data of an unexpected shape.
    Object.defineProperty(host.services[0]!.probes[0]!.facts, 'adminPages', {
      get() {
        throw new Error('boom')
      },
    })
    const failed = evaluateHost(host).filter((f) => f.titleEn.includes('could not run'))
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject(fromCatalog('rule-error', { rule: 'http-admin-without-tls', reason: 'boom' }))
  })

  it('reads in plain Japanese first, with every value in place', () => {
    const [f] = evaluateHost(on(21, [probe('ftp-anon', { anonymous: 'allowed' }, true)]))
    expect(f?.titleJa).toBe('FTP に誰でもログインできます(匿名ログイン)')
    expect(f?.detailJa).toBe(
      'ポート21の FTP に、利用者名「anonymous」と任意のパスワードでログインできました。ネットワーク上の誰でもファイルを読めたり、置けたりするおそれがあります。(確認はログインのみで、ファイルの一覧や転送は行っていません。) なお、この確認は途中で終わっています(peer reset)。結果は部分的なものです。',
    )
    expect(f?.detailEn).toBe(
      'The FTP service on port 21 accepted the user name "anonymous" with any password. Anyone on the network may be able to read or upload files. (We only logged in; no files were listed or transferred.) Note: this check stopped part-way (peer reset); the result is partial.',
    )
  })

  it('no text is left with a catalog key or an unfilled parameter', () => {
    for (const c of CASES)
      for (const f of evaluateHost(c.host, c.ledger ?? null))
        for (const text of [f.titleJa, f.titleEn, f.detailJa, f.detailEn, f.recommendationJa, f.recommendationEn]) {
          expect(text, f.ruleId).not.toMatch(/^findings\./)
          expect(text, f.ruleId).not.toContain('{{')
        }
  })
})
