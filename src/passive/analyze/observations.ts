/**
 * What a capture heard, as the active scan's model: one {@link HostObservation} per internal host, with the
 * services heard open and probe observations under the active probes' ids and fact shapes (`smb-negotiate`,
 * `telnet-banner`, `ftp-anon`, `snmp-community`, `tls-info`, `rdp-detect`, `http-info`, `ssh-banner`) so the same
 * finding rules and identification run, plus one `passive` probe (on a pseudo-service port 0, state 'closed') with
 * what only listening tells. Never `complete`: not hearing something proves nothing. Evidence always reads
 * "capture <label>, packet <n>, <ISO time>: <what was heard>".
 */
import { windowsVersionName } from '../../core/discovery/identify.js'
import type { HostObservation, ProbeObservation, ServiceObservation } from '../../core/discovery/observation.js'
import type {
  DicomEchoFacts,
  FtpAnonFacts,
  HttpInfoFacts,
  PassiveDicomFact,
  PassiveFacts,
  PassiveHl7Fact,
  PassiveInternetPeerFact,
  PassiveLoginFact,
  RdpDetectFacts,
  SmbNegotiateFacts,
  SnmpCommunityFacts,
  SshBannerFacts,
  TelnetBannerFacts,
  TlsInfoFacts,
  TlsVersionName,
} from '../../core/discovery/rules/facts.js'
import type {
  CaptureSource,
  Conversation,
  NameEvent,
  PassiveEvent,
  PassiveHost,
  PassiveProtocol,
  PassiveResult,
} from '../contract.js'
import { isExternal, isoOfUs } from './addresses.js'

/** Which name wins as the host name: what the device says of itself first, what others call it last. */
const NAME_PRIORITY: readonly NameEvent['source'][] = [
  'dhcp',
  'nbns',
  'ntlm',
  'mdns',
  'llmnr',
  'lldp',
  'cdp',
  'snmp',
  'syslog',
  'dns',
  'http-host',
]

/** Service names as the active side writes them. */
const SERVICE_NAME: Partial<Record<PassiveProtocol, string>> = { tls: 'tls', 'dicom-tls': 'dicom-tls' }

const MAX_INTERNET_PEERS = 20
const MAX_ITEMS = 50

type Ev<K extends PassiveEvent['kind']> = Extract<PassiveEvent, { kind: K }>

/** Windows release names by NT version (re-exported from identification, which owns the table). */
export const windowsName = windowsVersionName

const TLS_NAMES: Record<string, TlsVersionName> = {
  'SSL 3.0': 'SSLv3',
  'TLS 1.0': 'TLSv1',
  'TLS 1.1': 'TLSv1.1',
  'TLS 1.2': 'TLSv1.2',
  'TLS 1.3': 'TLSv1.3',
}

/**
 * Turns a capture's result into host observations for the scan model.
 *
 * @example
 * ```ts
 * const hosts = toHostObservations(result, { label: 'icu.pcapng', captureId })
 * for (const h of hosts) evaluateHost(h)
 * ```
 */
export function toHostObservations(result: PassiveResult, source: CaptureSource): HostObservation[] {
  const out: HostObservation[] = []
  // Each host's conversations, indexed once (not scanned once per host).
  const byHost = new Map<string, Conversation[]>()
  const add = (address: string, c: Conversation) => {
    const list = byHost.get(address)
    if (list) list.push(c)
    else byHost.set(address, [c])
  }
  for (const c of result.conversations) {
    add(c.client, c)
    if (c.server !== c.client) add(c.server, c)
  }
  // Internet peers are shown with the name DNS gave them, when one was heard.
  const names = new Map<string, string>()
  for (const h of result.hosts) {
    if (!h.external) continue
    const name = bestName(h)
    if (name) names.set(h.address, name)
  }
  for (const host of result.hosts) {
    if (host.external) continue
    out.push(observe(host, { conversations: byHost.get(host.address) ?? [], names }, source))
  }
  return out
}

/** What one host's observation needs from the whole result. */
interface HostContext {
  /** The conversations this host is an end of. */
  conversations: Conversation[]
  /** Best names of external hosts. */
  names: Map<string, string>
}

function observe(host: PassiveHost, result: HostContext, source: CaptureSource): HostObservation {
  const where = (packet: number, timeUs: number, what: string) =>
    `capture ${source.label}, packet ${packet}, ${isoOfUs(timeUs)}: ${what}`
  const services = new Map<string, ServiceObservation>()
  const serviceFor = (port: number, transport: 'tcp' | 'udp', heard = true): ServiceObservation => {
    const key = `${transport}/${port}`
    let s = services.get(key)
    if (!s) {
      s = { port, transport, state: heard ? 'open' : 'open|filtered', service: null, banner: null, probes: [] }
      services.set(key, s)
    }
    return s
  }
  for (const svc of host.services) {
    const s = serviceFor(svc.port, svc.transport)
    s.service = svc.protocol ? (SERVICE_NAME[svc.protocol] ?? svc.protocol) : null
  }
  const events = host.events
  const of = <K extends PassiveEvent['kind']>(kind: K): Ev<K>[] => events.filter((e): e is Ev<K> => e.kind === kind)
  const mine = (e: PassiveEvent, side: 'client' | 'server') =>
    e.flow !== null && (side === 'client' ? e.flow.client : e.flow.server) === host.address
  const probe = (
    port: number,
    transport: 'tcp' | 'udp',
    probeId: string,
    facts: object,
    evidence: string[],
    reason?: string,
  ) => {
    const p: ProbeObservation = {
      probeId,
      outcome: reason ? 'incomplete' : 'observed',
      facts: facts as Record<string, unknown>,
      evidence: evidence.join('\n'),
      ...(reason ? { reason } : {}),
    }
    serviceFor(port, transport, transport === 'tcp' || !reason).probes.push(p)
  }

  // Banners (the service's own words) first: several probes quote them.
  const banners = new Map<number, Ev<'banner'>>()
  for (const b of of('banner')) {
    if (b.side !== 'server' || !mine(b, 'server') || banners.has(b.flow!.serverPort)) continue
    banners.set(b.flow!.serverPort, b)
    serviceFor(b.flow!.serverPort, 'tcp').banner = b.text
  }

  // ntlm: the server's names and Windows version (SMB and identity).
  const challenge = of('ntlm').find((e) => e.message === 'challenge' && mine(e, 'server')) ?? null
  const authenticate = of('ntlm').find((e) => e.message === 'authenticate' && mine(e, 'client')) ?? null
  const ntlm = challenge ?? authenticate

  // smb-negotiate: the server's response (SMB1 accepted, or the SMB2/3 dialect).
  const smbByPort = new Map<number, Ev<'smb-negotiate'>[]>()
  for (const e of of('smb-negotiate'))
    if (e.side === 'response' && mine(e, 'server'))
      smbByPort.set(e.flow!.serverPort, [...(smbByPort.get(e.flow!.serverPort) ?? []), e])
  for (const [port, list] of smbByPort) {
    const e = list.find((x) => x.smb1) ?? list[0]!
    const facts: SmbNegotiateFacts = {
      smbv1: e.smb1,
      smb1Dialect: e.smb1 ? (e.chosen ?? 'NT LM 0.12') : null,
      smb2Dialect: e.smb1 ? null : e.chosen,
      smb2Supported: list.some((x) => !x.smb1 && x.chosen !== null),
      serverGuid: null,
      signingRequired: e.signingRequired,
      domain: challenge ? (challenge.netbiosDomain ?? challenge.dnsDomain) : null,
      serverName: challenge ? (challenge.netbiosComputer ?? challenge.dnsComputer) : null,
      os: challenge?.osVersion ? (windowsName(challenge.osVersion) ?? `Windows NT ${challenge.osVersion}`) : null,
    }
    const what = e.smb1
      ? `the server accepted the SMB1 dialect "${facts.smb1Dialect}" (the client offered ${e.dialects.length > 0 ? e.dialects.join(', ') : 'SMB1 dialects'})`
      : `the server chose SMB ${e.chosen ?? '2/3'}${e.signingRequired ? ', signing required' : ''}`
    probe(port, 'tcp', 'smb-negotiate', facts, [where(e.at.packet, e.at.timeUs, what)])
  }

  // Cleartext logins to this host (FTP, Telnet, HTTP Basic, POP3, IMAP): user names, never passwords.
  const logins: PassiveLoginFact[] = []
  for (const e of of('cleartext-login')) {
    if (!mine(e, 'server') || logins.length >= MAX_ITEMS) continue
    logins.push({
      protocol: e.protocol,
      user: e.user,
      accepted: e.accepted,
      port: e.flow!.serverPort,
      client: e.flow!.client,
      packet: e.at.packet,
      time: isoOfUs(e.at.timeUs),
    })
  }

  // telnet-banner: any Telnet heard (a banner or a login).
  const telnetPorts = new Set<number>()
  for (const [port, b] of banners) if (b.protocol === 'telnet') telnetPorts.add(port)
  for (const l of logins) if (l.protocol === 'telnet') telnetPorts.add(l.port)
  for (const svc of host.services) if (svc.protocol === 'telnet' && svc.transport === 'tcp') telnetPorts.add(svc.port)
  for (const port of telnetPorts) {
    const b = banners.get(port)
    const login = logins.find((l) => l.protocol === 'telnet' && l.port === port)
    const facts: TelnetBannerFacts = { banner: b?.text ?? '', loginPrompt: null, negotiation: [] }
    const lines: string[] = []
    if (b) lines.push(where(b.at.packet, b.at.timeUs, `Telnet server greeting "${b.text.slice(0, 200)}"`))
    if (login) lines.push(`capture ${source.label}, packet ${login.packet}, ${login.time}: ${loginWords(login)}`)
    if (lines.length === 0) lines.push(serviceEvidence(host, port, 'tcp', result, source, 'Telnet'))
    probe(port, 'tcp', 'telnet-banner', facts, lines)
  }

  // ftp-anon: FTP heard (banner or login); 'allowed' only when an anonymous login was accepted.
  const ftpPorts = new Set<number>()
  for (const [port, b] of banners) if (b.protocol === 'ftp') ftpPorts.add(port)
  for (const l of logins) if (l.protocol === 'ftp') ftpPorts.add(l.port)
  for (const svc of host.services) if (svc.protocol === 'ftp' && svc.transport === 'tcp') ftpPorts.add(svc.port)
  for (const port of ftpPorts) {
    const b = banners.get(port)
    const ftpLogins = logins.filter((l) => l.protocol === 'ftp' && l.port === port)
    const anon = ftpLogins.find((l) => l.accepted === true && /^(anonymous|ftp)$/i.test(l.user ?? ''))
    const facts: FtpAnonFacts = {
      banner: b?.text ?? '',
      anonymous: anon ? 'allowed' : 'unknown',
      loginReplies: [],
    }
    const lines: string[] = []
    if (b) lines.push(where(b.at.packet, b.at.timeUs, `FTP server greeting "${b.text.slice(0, 200)}"`))
    for (const l of ftpLogins.slice(0, 10))
      lines.push(`capture ${source.label}, packet ${l.packet}, ${l.time}: ${loginWords(l)}`)
    if (lines.length === 0) lines.push(serviceEvidence(host, port, 'tcp', result, source, 'FTP'))
    probe(port, 'tcp', 'ftp-anon', facts, lines)
  }

  // snmp-community: public/private answered (observed) or only sent to this agent (incomplete, said so).
  const snmpByPort = new Map<number, Ev<'snmp'>[]>()
  for (const e of of('snmp')) {
    if (!e.flow) continue
    const port = e.flow.server === host.address ? e.flow.serverPort : e.flow.clientPort
    snmpByPort.set(port, [...(snmpByPort.get(port) ?? []), e])
  }
  let snmpSysDescr: string | null = null
  for (const [port, list] of snmpByPort) {
    const response = list.find((e) => e.pdu === 'response' && e.sysDescr)
    const sysDescr = response?.sysDescr ?? null
    const sysName = list.find((e) => e.pdu === 'response' && e.sysName)?.sysName ?? null
    snmpSysDescr ??= sysDescr
    const answered: SnmpCommunityFacts['accepted'] = []
    const sentOnly: SnmpCommunityFacts['accepted'] = []
    const lines: string[] = []
    for (const community of ['public', 'private'] as const) {
      for (const version of ['v1', 'v2c'] as const) {
        const ans = list.find((e) => e.community === community && e.version === version && e.pdu === 'response')
        const sent = list.find((e) => e.community === community && e.version === version && e.pdu !== 'response')
        if (ans) {
          answered.push({ version, community })
          lines.push(where(ans.at.packet, ans.at.timeUs, `SNMP ${version} answered with community "${community}"`))
        } else if (sent) {
          sentOnly.push({ version, community })
          lines.push(
            where(
              sent.at.packet,
              sent.at.timeUs,
              `SNMP ${version} ${sent.pdu} sent to it with community "${community}" (no answer heard)`,
            ),
          )
        }
      }
    }
    if (answered.length === 0 && sentOnly.length === 0) continue
    const facts: SnmpCommunityFacts = {
      accepted: answered.length > 0 ? answered : sentOnly,
      sysDescr,
      sysObjectID: null,
      sysName,
    }
    probe(
      port,
      'udp',
      'snmp-community',
      facts,
      lines,
      answered.length > 0 ? undefined : 'the agent was sent a default community but no answer was heard',
    )
  }

  // tls-info: the version the server chose and its certificate (TLS ≤ 1.2 only shows it).
  const tlsPorts = new Map<number, { hello: Ev<'tls-server-hello'>[]; cert: Ev<'tls-certificate'> | null }>()
  const tlsAt = (port: number) => {
    let t = tlsPorts.get(port)
    if (!t) {
      t = { hello: [], cert: null }
      tlsPorts.set(port, t)
    }
    return t
  }
  for (const e of of('tls-server-hello')) if (mine(e, 'server')) tlsAt(e.flow!.serverPort).hello.push(e)
  for (const e of of('tls-certificate')) if (mine(e, 'server')) tlsAt(e.flow!.serverPort).cert ??= e
  for (const [port, t] of tlsPorts) {
    const versions: TlsInfoFacts['versions'] = {
      SSLv3: 'not-tested',
      TLSv1: 'not-tested',
      'TLSv1.1': 'not-tested',
      'TLSv1.2': 'not-tested',
      'TLSv1.3': 'not-tested',
    }
    const lines: string[] = []
    for (const h of t.hello) {
      const v = TLS_NAMES[h.version]
      if (v && versions[v] !== 'offered') {
        versions[v] = 'offered'
        lines.push(where(h.at.packet, h.at.timeUs, `the server agreed to ${h.version}`))
      }
    }
    let certificate: TlsInfoFacts['certificate'] = null
    const c = t.cert
    if (c) {
      const key = /^([A-Za-z]+)\s+(\d+)/.exec(c.publicKey ?? '')
      const keyType = key ? key[1]!.toLowerCase() : null
      const keyBits = key ? Number(key[2]) : null
      const heard = c.at.timeUs / 1000
      const to = Date.parse(c.notAfter)
      const from = Date.parse(c.notBefore)
      certificate = {
        subject: c.subject,
        issuer: c.issuer,
        validFrom: c.notBefore,
        validTo: c.notAfter,
        selfSigned: c.selfSigned,
        expired: Number.isFinite(to) && to < heard,
        notYetValid: Number.isFinite(from) && from > heard,
        keyType,
        keyBits,
        weakKey: keyType === 'rsa' && keyBits !== null && keyBits < 2048,
        fingerprint256: '',
      }
      lines.push(
        where(
          c.at.packet,
          c.at.timeUs,
          `certificate "${c.subject}" issued by "${c.issuer}", valid ${c.notBefore} to ${c.notAfter}${c.publicKey ? `, key ${c.publicKey}` : ''}${c.selfSigned ? ', self-signed' : ''}`,
        ),
      )
    }
    if (lines.length === 0) continue
    probe(port, 'tcp', 'tls-info', { versions, certificate } satisfies TlsInfoFacts, lines)
  }

  // rdp-detect: the protocol the server selected (0 standard RDP security, 1 TLS, 2/8 CredSSP).
  const rdpPorts = new Set<number>()
  for (const e of of('rdp')) {
    if (e.side !== 'response' || !mine(e, 'server') || e.protocols === null || rdpPorts.has(e.flow!.serverPort))
      continue
    rdpPorts.add(e.flow!.serverPort)
    const sel = e.protocols
    const name = sel === 0 ? 'rdp' : sel === 1 ? 'tls' : sel === 2 ? 'credssp' : sel === 8 ? 'credssp-ex' : 'unknown'
    const facts: RdpDetectFacts = {
      selectedProtocol: name,
      acceptsStandardRdp: sel === 0,
      acceptsTlsWithoutNla: sel === 1,
      nlaRequired: false,
      failures: [],
    }
    probe(e.flow!.serverPort, 'tcp', 'rdp-detect', facts, [
      where(e.at.packet, e.at.timeUs, `the Remote Desktop server selected security protocol ${sel} (${name})`),
    ])
  }

  // http-info: what the server answered in clear (HTTP Basic offered → a password would cross in clear).
  const httpPorts = new Map<number, Ev<'http-response'>[]>()
  for (const e of of('http-response'))
    if (mine(e, 'server')) httpPorts.set(e.flow!.serverPort, [...(httpPorts.get(e.flow!.serverPort) ?? []), e])
  const httpServers = new Set<string>()
  for (const [port, list] of httpPorts) {
    // A page's title and login form, when the HTTP dissector reads them (optional fields of the event).
    const page = (e: Ev<'http-response'>) => e as { title?: unknown; passwordForm?: unknown }
    const titleOf = (e: Ev<'http-response'>) => {
      const t = page(e).title
      return typeof t === 'string' && t.trim() ? t.trim().slice(0, 200) : null
    }
    const basic = list.find((e) => e.basicAuthOffered)
    const login = list.find((e) => page(e).passwordForm === true)
    const first = basic ?? login ?? list[0]!
    for (const e of list) if (e.server) httpServers.add(e.server)
    const facts: HttpInfoFacts = {
      tls: false,
      status: first.status,
      server: list.find((e) => e.server)?.server ?? null,
      poweredBy: null,
      title: titleOf(first) ?? list.map(titleOf).find((t) => t !== null) ?? null,
      isLoginPage: login !== undefined,
      basicAuthRealm: basic ? '' : null,
      redirectsToHttps: false,
      adminPages: [],
    }
    const what = `HTTP ${first.status} in clear${facts.server ? ` from "${facts.server}"` : ''}${facts.title ? `, page "${facts.title}"` : ''}${basic ? ', asking for a password with HTTP Basic' : ''}${login ? ', a login form with a password field' : ''}`
    probe(port, 'tcp', 'http-info', facts, [where(first.at.packet, first.at.timeUs, what)])
  }

  // ssh-banner: the server's identification string.
  for (const [port, b] of banners) {
    if (b.protocol !== 'ssh') continue
    const m = /^SSH-([\d.]+)-(\S+)(?:\s+(.*))?$/.exec(b.text.trim())
    const facts: SshBannerFacts = {
      banner: b.text,
      protoVersion: m?.[1] ?? '',
      software: m?.[2] ?? '',
      comments: m?.[3] ?? null,
    }
    probe(port, 'tcp', 'ssh-banner', facts, [where(b.at.packet, b.at.timeUs, `SSH server says "${b.text}"`)])
  }

  // DICOM associations: AE titles in clear; conversations recognised as DICOM over TLS.
  const dicom: PassiveDicomFact[] = []
  const aeTitles = new Set<string>()
  let implementation: PassiveFacts['dicomImplementation'] = null
  const dicomSeen = new Set<string>()
  for (const e of of('dicom-associate')) {
    if (!e.flow) continue
    const client = e.flow.client === host.address
    if (e.pdu === 'rq') {
      const own = client ? e.callingAeTitle : e.calledAeTitle
      if (own) aeTitles.add(own)
      if (client && e.implementationClassUid)
        implementation ??= { classUid: e.implementationClassUid, versionName: e.implementationVersionName }
      const peer = client ? e.flow.server : e.flow.client
      const key = `${peer}|${e.flow.serverPort}|${e.callingAeTitle}|${e.calledAeTitle}`
      if (dicomSeen.has(key) || dicom.length >= MAX_ITEMS) continue
      dicomSeen.add(key)
      dicom.push({
        role: client ? 'calling' : 'called',
        callingAeTitle: e.callingAeTitle,
        calledAeTitle: e.calledAeTitle,
        tls: false,
        peer,
        port: e.flow.serverPort,
        packet: e.at.packet,
        time: isoOfUs(e.at.timeUs),
      })
    } else if (e.pdu === 'ac' && !client) {
      if (e.calledAeTitle) aeTitles.add(e.calledAeTitle)
      if (e.implementationClassUid)
        implementation ??= { classUid: e.implementationClassUid, versionName: e.implementationVersionName }
    }
  }
  for (const c of result.conversations) {
    if (c.protocol !== 'dicom-tls' || dicom.length >= MAX_ITEMS) continue
    if (c.client !== host.address && c.server !== host.address) continue
    const client = c.client === host.address
    dicom.push({
      role: client ? 'calling' : 'called',
      callingAeTitle: null,
      calledAeTitle: null,
      tls: true,
      peer: client ? c.server : c.client,
      port: c.serverPort,
      packet: c.firstPacket,
      time: isoOfUs(c.firstSeenUs),
    })
  }

  // dicom-echo (the active probe's shape): a DICOM service heard accepting associations for two or more different
  // called AE titles does not check the title — what the active probe tests with a made-up one.
  const callingOwn = new Set<string>()
  const acceptedCalled = new Map<number, Map<string, Ev<'dicom-associate'>>>()
  for (const e of of('dicom-associate')) {
    if (!e.flow) continue
    if (e.pdu === 'rq' && e.flow.client === host.address && e.callingAeTitle) callingOwn.add(e.callingAeTitle)
    if (e.pdu !== 'ac' || e.flow.server !== host.address || !e.calledAeTitle) continue
    const titles = acceptedCalled.get(e.flow.serverPort) ?? new Map<string, Ev<'dicom-associate'>>()
    if (!titles.has(e.calledAeTitle) && titles.size < 20) titles.set(e.calledAeTitle, e)
    acceptedCalled.set(e.flow.serverPort, titles)
  }
  for (const [port, titles] of acceptedCalled) {
    if (titles.size < 2) continue
    const list = [...titles.values()]
    const foreign = list.find((e) => !callingOwn.has(e.calledAeTitle ?? '')) ?? list[list.length - 1]!
    const facts: DicomEchoFacts = {
      calledAeTitle: foreign.calledAeTitle ?? '',
      callingAeTitle: foreign.callingAeTitle ?? '',
      association: 'accepted',
      acceptsAnyAet: true,
      reject: null,
      presentationResult: null,
      implementationClassUid: foreign.implementationClassUid,
      implementationVersionName: foreign.implementationVersionName,
      maxPduLength: null,
      echoStatus: null,
      released: false,
    }
    const lines = list.map((e) =>
      where(
        e.at.packet,
        e.at.timeUs,
        `the DICOM service accepted an association called "${e.calledAeTitle}" from "${e.callingAeTitle ?? '?'}" (${e.flow!.client})`,
      ),
    )
    lines.push(
      `heard passively: it accepted ${titles.size} different called AE titles on port ${port}, so it does not check the title (no association was made by Mamori)`,
    )
    probe(port, 'tcp', 'dicom-echo', facts, lines)
  }

  // HL7: who sent which messages to whom (MSH-3/4 belong to the sender, MSH-5/6 to the receiver).
  const hl7 = new Map<string, PassiveHl7Fact>()
  for (const e of of('hl7-message')) {
    if (!e.flow) continue
    const isClient = e.flow.client === host.address
    // The frame's sender MAC says who sent it when both are known; otherwise an original message goes
    // client → server over MLLP and its ACK comes back.
    const sender = e.mac !== null && host.mac !== null ? e.mac === host.mac : isClient !== e.ack
    const peer = isClient ? e.flow.server : e.flow.client
    const key = `${sender}|${peer}|${e.flow.serverPort}|${e.sendingApplication}|${e.sendingFacility}|${e.receivingApplication}|${e.receivingFacility}`
    const fact = hl7.get(key)
    if (fact) {
      if (e.messageType && !fact.messageTypes.includes(e.messageType) && fact.messageTypes.length < 20)
        fact.messageTypes.push(e.messageType)
      continue
    }
    if (hl7.size >= MAX_ITEMS) continue
    hl7.set(key, {
      role: sender ? 'sender' : 'receiver',
      sendingApplication: e.sendingApplication,
      sendingFacility: e.sendingFacility,
      receivingApplication: e.receivingApplication,
      receivingFacility: e.receivingFacility,
      messageTypes: e.messageType ? [e.messageType] : [],
      version: e.version,
      peer,
      port: e.flow.serverPort,
      packet: e.at.packet,
      time: isoOfUs(e.at.timeUs),
    })
  }

  // Internet peers: conversations with an external address, the largest first.
  const peers: PassiveInternetPeerFact[] = []
  for (const c of result.conversations) {
    const outbound = c.client === host.address && isExternal(c.server)
    const inbound = c.server === host.address && isExternal(c.client)
    if (!outbound && !inbound) continue
    const peer = outbound ? c.server : c.client
    peers.push({
      address: peer,
      name: result.names.get(peer) ?? null,
      port: c.serverPort,
      transport: c.transport,
      direction: outbound ? 'outbound' : 'inbound',
      protocol: c.protocol,
      packets: c.packets,
      bytes: c.bytes,
      packet: c.firstPacket,
      time: isoOfUs(c.firstSeenUs),
    })
  }
  peers.sort((a, b) => b.bytes - a.bytes || a.packet - b.packet)

  const dhcpEvent =
    of('dhcp').find((e) => e.clientMac === host.mac && (e.messageType === 3 || e.messageType === 1)) ??
    of('dhcp').find((e) => e.messageType !== 2 && e.messageType !== 5 && e.messageType !== 6) ??
    null
  const neighbours = of('neighbour')
    .slice(0, 10)
    .map((e) => ({
      protocol: e.protocol,
      systemName: e.systemName,
      systemDescription: e.systemDescription,
      platform: e.platform,
    }))
  const userAgents = [
    ...new Set(
      of('http-request')
        .filter((e) => mine(e, 'client') && e.userAgent)
        .map((e) => e.userAgent!),
    ),
  ].slice(0, 10)
  const allBanners = of('banner')
    .filter((b) => (b.side === 'server' ? mine(b, 'server') : mine(b, 'client')))
    .slice(0, 10)
    .map((b) => ({ protocol: b.protocol, text: b.text }))

  const passive: PassiveFacts = {
    capture: source.label,
    captureId: source.captureId,
    cleartextLogins: logins,
    dicomAssociations: dicom,
    aeTitles: [...aeTitles].slice(0, 20),
    dicomImplementation: implementation,
    hl7Messages: [...hl7.values()],
    internetPeers: peers.slice(0, MAX_INTERNET_PEERS),
    internetPeerCount: new Set(peers.map((p) => p.address)).size,
    names: host.names.map((n) => ({ name: n.name, source: n.source })),
    dhcp: dhcpEvent
      ? {
          hostName: dhcpEvent.hostName,
          vendorClass: dhcpEvent.vendorClass,
          parameterRequestList: [...dhcpEvent.parameterRequestList],
        }
      : null,
    ntlm: ntlm
      ? {
          computer: ntlm.message === 'challenge' ? (ntlm.netbiosComputer ?? ntlm.dnsComputer) : ntlm.workstation,
          domain: ntlm.netbiosDomain ?? ntlm.dnsDomain,
          osVersion: ntlm.osVersion,
        }
      : null,
    neighbours,
    snmpSysDescr,
    httpServers: [...httpServers].slice(0, 10),
    userAgents,
    banners: allBanners,
    protocols: [...host.protocols],
  }
  const firstPacket = firstPacketOf(host, result)
  const heard = `${host.address} heard (${host.packetsSent} packets sent, ${host.packetsReceived} received; protocols ${host.protocols.join(', ') || 'none recognised'})`
  const summary = [
    firstPacket > 0
      ? where(firstPacket, host.firstSeenUs, heard)
      : `capture ${source.label}, ${isoOfUs(host.firstSeenUs)}: ${heard}`,
  ]
  services.set('passive', {
    port: 0,
    transport: 'tcp',
    state: 'closed',
    service: 'passive',
    banner: null,
    probes: [{ probeId: 'passive', outcome: 'observed', facts: passive, evidence: summary.join('\n') }],
  })

  return {
    address: host.address,
    mac: host.mac,
    hostname: bestName(host),
    state: 'up',
    upReason: 'passive',
    services: [...services.values()].sort((a, b) => a.port - b.port || a.transport.localeCompare(b.transport)),
    complete: false,
  }
}

/** The first packet a host appears in, from its conversations (0 when none is kept). */
function firstPacketOf(host: PassiveHost, result: HostContext): number {
  let first = 0
  for (const c of result.conversations)
    if ((c.client === host.address || c.server === host.address) && (first === 0 || c.firstPacket < first))
      first = c.firstPacket
  return first
}

function serviceEvidence(
  host: PassiveHost,
  port: number,
  transport: 'tcp' | 'udp',
  result: HostContext,
  source: CaptureSource,
  what: string,
): string {
  const c = result.conversations.find(
    (x) => x.server === host.address && x.serverPort === port && x.transport === transport,
  )
  const svc = host.services.find((s) => s.port === port && s.transport === transport)
  const time = isoOfUs(c?.firstSeenUs ?? svc?.firstSeenUs ?? host.firstSeenUs)
  const packet = c ? `, packet ${c.firstPacket}` : ''
  return `capture ${source.label}${packet}, ${time}: ${what} heard on ${port}/${transport}`
}

function loginWords(l: PassiveLoginFact): string {
  const who = l.user ? `user "${l.user}"` : 'a user'
  const outcome = l.accepted === true ? 'accepted' : l.accepted === false ? 'refused' : 'outcome not heard'
  return `${l.protocol} login in clear by ${who} from ${l.client} (${outcome}; the password is not kept)`
}

/** The best of the names heard: the device's own words (DHCP, NetBIOS) before what others call it (DNS). */
export function bestName(host: PassiveHost): string | null {
  for (const source of NAME_PRIORITY) {
    const n = host.names.find((x) => x.source === source)
    if (n) return n.name
  }
  return null
}
