/**
 * The facts each safe probe reports, shared by the probes (src/probes/*, which produce them) and the finding
 * rules and identification (src/core/discovery/*, which read them back from {@link ProbeObservation.facts}).
 * Observations may come from storage or an older version, so rules read them through the narrowing helpers
 * below instead of trusting the shape.
 */
import type { HostObservation, ProbeObservation, ServiceObservation } from '../observation.js'

/** dicom-echo: one association attempt with an arbitrary called AE title (PS3.8 §9.3). */
export type DicomEchoFacts = {
  calledAeTitle: string
  callingAeTitle: string
  /** What the peer answered to A-ASSOCIATE-RQ. */
  association: 'accepted' | 'rejected' | 'aborted' | 'no-reply'
  /** True when the association with our made-up called AE title was accepted. */
  acceptsAnyAet: boolean
  /** A-ASSOCIATE-RJ fields (PS3.8 §9.3.4) with a readable explanation. */
  reject: { result: number; source: number; reason: number; text: string } | null
  /** Presentation context result for Verification (0 = acceptance, PS3.8 §9.3.3.2). */
  presentationResult: number | null
  implementationClassUid: string | null
  implementationVersionName: string | null
  maxPduLength: number | null
  /** C-ECHO-RSP status (0x0000 = success, PS3.7 §9.3.5.2), null when no echo was sent or answered. */
  echoStatus: number | null
  released: boolean
}

/** hl7-mllp: one side-effect-free HL7 v2 message framed in MLLP. */
export type Hl7MllpFacts = {
  /** The reply was framed as MLLP (0x0B … 0x1C 0x0D). */
  mllpFraming: boolean
  /** MSA-1 acknowledgment code (AA/AE/AR, or CA/CE/CR for enhanced mode), null when absent. */
  ackCode: string | null
  ackText: string | null
  sendingApplication: string | null
  sendingFacility: string | null
  messageType: string | null
  version: string | null
}

/** smb-negotiate: SMB1 and SMB2 NEGOTIATE exchanges. */
export type SmbNegotiateFacts = {
  /** The server accepted an SMB1 dialect (CIFS / NT LM 0.12). */
  smbv1: boolean
  smb1Dialect: string | null
  /** SMB2/3 dialects as strings ('2.0.2', '2.1', '3.0', '3.0.2', '3.1.1'); the highest the server chose. */
  smb2Dialect: string | null
  smb2Supported: boolean
  serverGuid: string | null
  signingRequired: boolean | null
  domain: string | null
  serverName: string | null
  os: string | null
}

/** ftp-anon: banner and one anonymous login attempt. */
export type FtpAnonFacts = {
  banner: string
  anonymous: 'allowed' | 'refused' | 'unknown'
  /** Reply lines after USER/PASS, for the evidence. */
  loginReplies: string[]
}

/** telnet-banner: what the service prints after option negotiation (all refused). */
export type TelnetBannerFacts = {
  banner: string
  loginPrompt: string | null
  /** Options the server asked for, e.g. 'DO TERMINAL-TYPE'. */
  negotiation: string[]
}

/** snmp-community: GET of sysDescr.0, sysObjectID.0 and sysName.0 with default communities. */
export type SnmpCommunityFacts = {
  accepted: { version: 'v1' | 'v2c'; community: string }[]
  sysDescr: string | null
  sysObjectID: string | null
  sysName: string | null
}

/** One HTTP exchange (the root page or a default admin path). */
export type HttpPageFacts = {
  path: string
  status: number
  title: string | null
  isLoginPage: boolean
  /** Realm of a `WWW-Authenticate: Basic` challenge (password sent nearly in clear without TLS). */
  basicAuthRealm: string | null
  location: string | null
}

/** http-info: root page and a handful of well-known admin paths. */
export type HttpInfoFacts = {
  tls: boolean
  status: number
  server: string | null
  poweredBy: string | null
  title: string | null
  isLoginPage: boolean
  basicAuthRealm: string | null
  /** The root page redirects to https:// (so a login is not served in clear). */
  redirectsToHttps: boolean
  adminPages: HttpPageFacts[]
}

export type TlsVersionName = 'SSLv3' | 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'

/** tls-info: versions accepted and the certificate. */
export type TlsInfoFacts = {
  /** Per version: offered, refused, or not tested (SSLv3 cannot be spoken by modern OpenSSL). */
  versions: Record<TlsVersionName, 'offered' | 'refused' | 'not-tested'>
  certificate: {
    subject: string
    issuer: string
    validFrom: string
    validTo: string
    selfSigned: boolean
    expired: boolean
    notYetValid: boolean
    keyType: string | null
    keyBits: number | null
    weakKey: boolean
    fingerprint256: string
  } | null
}

/** ssh-banner: the SSH identification string (RFC 4253 §4.2). */
export type SshBannerFacts = {
  banner: string
  protoVersion: string
  software: string
  comments: string | null
}

/** rdp-detect: X.224 Connection Request with RDP negotiation (MS-RDPBCGR 2.2.1.1). */
export type RdpDetectFacts = {
  /** Protocol chosen when we offered TLS + CredSSP: 'rdp' | 'tls' | 'credssp' | 'credssp-ex' | 'rdstls' | 'unknown'. */
  selectedProtocol: string | null
  /** Standard RDP security (no TLS, no NLA) was accepted. */
  acceptsStandardRdp: boolean
  /** TLS without CredSSP was accepted. */
  acceptsTlsWithoutNla: boolean
  /** Network Level Authentication (CredSSP) is required by the server. */
  nlaRequired: boolean
  failures: string[]
}

/** vnc-auth: RFB version and security types (RFC 6143 §7.1). */
export type VncAuthFacts = {
  serverVersion: string
  securityTypes: number[]
  securityTypeNames: string[]
  /** Security type 1 (None) offered: anyone can view and control the screen. */
  noAuth: boolean
  failureReason: string | null
}

/**
 * passive: what a packet capture heard that no active probe can see (issue 12). Only observations made from a
 * capture carry it (src/passive/analyze/observations.ts), on a pseudo-service port 0 in state 'closed' so no
 * port-based rule, drift or ledger comparison mistakes it for an open port; the passive-only rules read it.
 * Every item names the packet it was heard in (`packet`, 1-based as Wireshark counts) and its time (ISO).
 */
export type PassiveFacts = {
  /** The capture's label (file name or `live:<interface>`) and id, for evidence. */
  capture: string
  captureId: string | null
  /** Logins that crossed the wire in clear to this host (the password is never kept). */
  cleartextLogins: PassiveLoginFact[]
  /** DICOM associations this host took part in (cleartext: AE titles read; TLS: only that it was wrapped). */
  dicomAssociations: PassiveDicomFact[]
  /** This host's own DICOM identity, from the PDUs it sent. */
  aeTitles: string[]
  dicomImplementation: { classUid: string | null; versionName: string | null } | null
  /** HL7 v2 exchanges this host sent or received (MSH header only). */
  hl7Messages: PassiveHl7Fact[]
  /** Internet addresses this host exchanged packets with (the largest 20 by bytes) and how many there were. */
  internetPeers: PassiveInternetPeerFact[]
  internetPeerCount: number
  /** Identity hints: names heard, the DHCP request, NTLM, neighbour announcements, SNMP, HTTP, banners. */
  names: { name: string; source: string }[]
  dhcp: { hostName: string | null; vendorClass: string | null; parameterRequestList: number[] } | null
  ntlm: { computer: string | null; domain: string | null; osVersion: string | null } | null
  neighbours: {
    protocol: string
    systemName: string | null
    systemDescription: string | null
    platform: string | null
  }[]
  snmpSysDescr: string | null
  httpServers: string[]
  userAgents: string[]
  banners: { protocol: string; text: string }[]
  protocols: string[]
}

export type PassiveLoginFact = {
  protocol: 'ftp' | 'telnet' | 'http-basic' | 'pop3' | 'imap'
  user: string | null
  accepted: boolean | null
  port: number
  client: string
  packet: number
  time: string
}

export type PassiveDicomFact = {
  /** 'calling': this host opened the association (SCU); 'called': it accepted it (SCP). */
  role: 'calling' | 'called'
  callingAeTitle: string | null
  calledAeTitle: string | null
  tls: boolean
  peer: string
  port: number
  packet: number
  time: string
}

export type PassiveHl7Fact = {
  /** 'sender': this host sent the messages (MSH-3/4 are its own); 'receiver': it received them. */
  role: 'sender' | 'receiver'
  sendingApplication: string | null
  sendingFacility: string | null
  receivingApplication: string | null
  receivingFacility: string | null
  messageTypes: string[]
  version: string | null
  peer: string
  port: number
  packet: number
  time: string
}

export type PassiveInternetPeerFact = {
  address: string
  /** The name DNS gave it in the same capture, when heard. */
  name: string | null
  port: number
  transport: 'tcp' | 'udp' | 'other'
  /** 'outbound' when this host opened the conversation. */
  direction: 'outbound' | 'inbound'
  protocol: string | null
  packets: number
  bytes: number
  packet: number
  time: string
}

/** The `passive` probe results of a host (none when the host was not heard in a capture). */
export function passiveFactsOf(host: HostObservation): { service: ServiceObservation; probe: ProbeObservation }[] {
  const out: { service: ServiceObservation; probe: ProbeObservation }[] = []
  for (const service of host.services)
    for (const probe of service.probes)
      if (probe.probeId === 'passive' && (probe.outcome === 'observed' || probe.outcome === 'incomplete'))
        out.push({ service, probe })
  return out
}

/** Probe ids and the facts they report. */
export interface ProbeFactsById {
  'dicom-echo': DicomEchoFacts
  'hl7-mllp': Hl7MllpFacts
  'smb-negotiate': SmbNegotiateFacts
  'ftp-anon': FtpAnonFacts
  'telnet-banner': TelnetBannerFacts
  'snmp-community': SnmpCommunityFacts
  'http-info': HttpInfoFacts
  'tls-info': TlsInfoFacts
  'ssh-banner': SshBannerFacts
  'rdp-detect': RdpDetectFacts
  'vnc-auth': VncAuthFacts
  passive: PassiveFacts
}

/** Reads one fact as a string (null when missing or of another type). */
export function str<F>(facts: Record<string, unknown>, key: keyof F & string): string | null {
  const v = facts[key]
  return typeof v === 'string' ? v : null
}

/** Reads one fact as a boolean (null when missing). */
export function bool<F>(facts: Record<string, unknown>, key: keyof F & string): boolean | null {
  const v = facts[key]
  return typeof v === 'boolean' ? v : null
}

/** Reads one fact as a finite number (null when missing). */
export function num<F>(facts: Record<string, unknown>, key: keyof F & string): number | null {
  const v = facts[key]
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

/** Reads one fact as an array (empty when missing). */
export function arr<F>(facts: Record<string, unknown>, key: keyof F & string): unknown[] {
  const v = facts[key]
  return Array.isArray(v) ? v : []
}

/** Reads one fact as a plain object (null when missing). */
export function obj<F>(facts: Record<string, unknown>, key: keyof F & string): Record<string, unknown> | null {
  const v = facts[key]
  return isRecord(v) ? v : null
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A probe observation found on one service, with the service it belongs to. */
export interface ProbeHit {
  service: ServiceObservation
  probe: ProbeObservation
}

/**
 * Every usable result of one probe on a host: 'observed' and 'incomplete' (partial facts still count, and the
 * finding is marked incomplete). Closed and filtered services are skipped; UDP services stay 'open|filtered'
 * until a probe gets an answer, so they count too.
 */
export function hitsOf(host: HostObservation, probeId: keyof ProbeFactsById): ProbeHit[] {
  const out: ProbeHit[] = []
  for (const service of host.services) {
    if (service.state !== 'open' && service.state !== 'open|filtered') continue
    for (const probe of service.probes) {
      if (probe.probeId === probeId && (probe.outcome === 'observed' || probe.outcome === 'incomplete')) {
        out.push({ service, probe })
      }
    }
  }
  return out
}
