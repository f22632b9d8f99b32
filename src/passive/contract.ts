/**
 * Passive discovery (issue 12, ADR 0044): the contract between its stages. A capture is read as bytes, never as a
 * file name, and flows one way:
 *
 *   readers/  (pcap, pcapng, gzip; by magic)      bytes      → CapturedPacket   (push parser, chunk by chunk)
 *   decode/   (link, VLAN, IPv4 fragments, IPv6)  packet     → DecodedPacket    (one reused object per packet)
 *   decode/tcp-reassembly.ts                      TCP        → ordered bytes per direction, bounded
 *   dissectors/ (one file per protocol, by content)  bytes   → PassiveEvent     (facts only; never a password)
 *   analyze/  (hosts, services, conversations)    events     → PassiveResult
 *   analyze/observations.ts                       result     → HostObservation[] (the active scan's model), so the
 *                                                              same finding rules, identification and ledger
 *                                                              reconciliation run on what was heard
 *
 * Every stage is synchronous and pure over bytes (no file, socket or clock): `pipeline.ts` joins them, and the
 * service reads files or `tcpdump -w -` into it. Memory is bounded by the flow table and per-flow caps, never by
 * the size of the capture. Views (`Uint8Array`) handed to a callback are valid only during that call: copy what
 * you keep.
 */

// ─── Problems ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Why part of a capture could not be read. Texts: `capture.problem.<code>` in the message catalog (ja/en). */
export const CAPTURE_PROBLEM_CODES = [
  /** The first bytes are no pcap, pcapng or gzip magic number (fatal: nothing read). */
  'unknown-format',
  /** The gzip stream is corrupt or ends early (what was decompressed before it is kept). */
  'gzip-corrupt',
  /** The file ends inside a header, block or packet record (the packets before it are kept). */
  'truncated',
  /** A record or block claims a length that is impossible (beyond 256 MiB for a block, beyond snap length…). */
  'absurd-length',
  /** A pcapng block's two length fields differ, or are not a multiple of 4, or are below the minimum. */
  'corrupt-block-length',
  /** A packet of a link type we do not decode (its bytes are counted, not dissected). */
  'unknown-link-type',
  /** A pcapng packet names an interface that no Interface Description Block declared. */
  'unknown-interface',
  /** A packet shorter than its own headers say (IP total length, header length, options…). */
  'malformed-packet',
  /** IPv4 fragments that never completed, overlapped inconsistently, or exceeded the reassembly limits. */
  'fragment-dropped',
  /** TCP segments overlapping with different bytes (the first copy is kept, as most hosts do). */
  'tcp-overlap-conflict',
  /** The flow table was full: the oldest idle flows were forgotten (their counters are kept). */
  'flow-table-full',
  /** A dissector threw on odd bytes: the flow is counted, not dissected further. */
  'dissector-error',
] as const
export type CaptureProblemCode = (typeof CAPTURE_PROBLEM_CODES)[number]

/** One problem, located: byte offset in the (decompressed) capture and the packet number when there is one. */
export interface CaptureProblem {
  code: CaptureProblemCode
  /** Byte offset in the decompressed stream where the problem starts. */
  offset: number
  /** 1-based packet number (as Wireshark counts), or null for file/block-level problems. */
  packet: number | null
  /** Plain facts for the message: the value seen, the limit, the link type… (English, no sentence). */
  detail: string
  /** `fatal` ends reading; `skipped` drops the part and goes on. */
  severity: 'fatal' | 'skipped'
}

/** Problems are counted always but kept only up to this many per code (a corrupt 10 GB file must not fill memory). */
export const MAX_PROBLEMS_PER_CODE = 50

// ─── Readers ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Link-layer header types (tcpdump.org/linktypes.html) the decoder understands. */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const

export type CaptureFormat = 'pcap' | 'pcapng'

/** One packet record as the file holds it. `data` is a view into the reader's buffer. */
export interface CapturedPacket {
  /** 1-based packet number over the whole file (all interfaces), as Wireshark numbers them. */
  number: number
  /** Offset of the record/block header in the decompressed stream. */
  offset: number
  /** pcapng interface id (0 for pcap). */
  interfaceId: number
  linkType: number
  /** Microseconds since the Unix epoch (nanosecond files are rounded down). */
  timeUs: number
  /** Bytes captured (data.length) and bytes on the wire. */
  capturedLength: number
  originalLength: number
  data: Uint8Array
}

/** What the reader learnt about the file itself (known after the first header; final at `end()`). */
export interface CaptureFileInfo {
  format: CaptureFormat | null
  gzip: boolean
  /** Link types seen (pcap: one; pcapng: one per interface). */
  linkTypes: number[]
  /** pcapng interface names/descriptions when the file gives them. */
  interfaces: { id: number; linkType: number; name: string | null; snapLength: number }[]
  /** Bytes consumed from the decompressed stream so far. */
  bytes: number
  packets: number
}

export interface CaptureReaderHandlers {
  onPacket(packet: CapturedPacket): void
  onProblem(problem: CaptureProblem): void
}

/**
 * A push parser: feed it chunks of any size (gzip detected and inflated inside), then `end()`. Synchronous; keeps at
 * most one incomplete record/block plus one chunk in memory. After a fatal problem it ignores further input.
 * Created by `createCaptureReader(handlers)` in `readers/index.ts`.
 */
export interface CaptureReader {
  push(chunk: Uint8Array): void
  end(): void
  readonly info: CaptureFileInfo
}

// ─── Decoding ────────────────────────────────────────────────────────────────────────────────────────────────────

export const IPPROTO = { ICMP: 1, TCP: 6, UDP: 17, ICMPV6: 58 } as const

/**
 * One packet decoded down to the transport payload. The decoder fills ONE object per call and returns it (reuse
 * it, do not keep it). Fields that do not apply are null/0/''. Created by `createPacketDecoder(onProblem)` in
 * `decode/index.ts`, whose `decode(packet)` returns null for a packet that is an incomplete IPv4 fragment (held
 * until the rest arrives) and otherwise the decoded packet (a reassembled datagram is returned with the last
 * fragment's number and time).
 */
export interface DecodedPacket {
  number: number
  offset: number
  timeUs: number
  wireLength: number
  /** Lower-case `aa:bb:cc:dd:ee:ff`, or null for link types without MACs (raw IP, NULL, SLL's destination). */
  srcMac: string | null
  dstMac: string | null
  /** Outermost 802.1Q VLAN id, or null; QinQ keeps the outer one here and all in `vlans`. */
  vlan: number | null
  vlans: number[]
  /** EtherType after VLAN tags (0x0800 IPv4, 0x86dd IPv6, 0x0806 ARP, 0x88cc LLDP); 0 when unknown. */
  etherType: number
  /**
   * For frames that are not IP: the bytes after the link header (ARP, LLDP) or, for 802.3 with LLC/SNAP (CDP), the
   * bytes after the SNAP header with `snapProtocol` set (0x2000 for CDP). Null for IP packets.
   */
  l2Payload: Uint8Array | null
  snapProtocol: number | null
  ipVersion: 4 | 6 | null
  /** Addresses as text (IPv4 dotted, IPv6 in RFC 5952 form); '' when not IP. */
  src: string
  dst: string
  ttl: number
  /** IPPROTO number of the transport (after IPv6 extension headers). */
  protocol: number
  srcPort: number
  dstPort: number
  /** TCP only: flags byte (FIN 1, SYN 2, RST 4, PSH 8, ACK 16), sequence and acknowledgement numbers. */
  tcpFlags: number
  seq: number
  ack: number
  /** Transport payload (TCP/UDP data, ICMP body), a view. Empty when none. */
  payload: Uint8Array
}

export interface PacketDecoder {
  decode(packet: CapturedPacket): DecodedPacket | null
}

// ─── TCP reassembly ──────────────────────────────────────────────────────────────────────────────────────────────

export type Direction = 'client' | 'server'

/** A TCP or UDP conversation between two endpoints. The client is who sent the first SYN (or first packet). */
export interface FlowKey {
  transport: 'tcp' | 'udp'
  client: string
  clientPort: number
  server: string
  serverPort: number
}

/**
 * What reassembly hands on: bytes of one direction in sequence order, each byte once. `createTcpReassembler(sink,
 * onProblem, limits)` in `decode/tcp-reassembly.ts` takes every decoded TCP packet and calls the sink. Out-of-order
 * segments wait (bounded per flow); retransmissions are dropped; overlaps keep the first copy (and report
 * `tcp-overlap-conflict` when bytes differ); a gap that never fills is skipped past (`gap` tells the sink).
 */
export interface StreamSink {
  /** A new flow was seen (first packet). Return false to only count it (no dissector wants it). */
  open(flow: FlowKey, at: PacketRef): boolean
  data(flow: FlowKey, dir: Direction, bytes: Uint8Array, at: PacketRef, gap: boolean): void
  close(flow: FlowKey, at: PacketRef): void
}

export interface PacketRef {
  packet: number
  timeUs: number
}

export interface ReassemblyLimits {
  /** Flows tracked at once (oldest idle forgotten beyond it, `flow-table-full`). Default 65,536. */
  maxFlows: number
  /** Out-of-order bytes held per direction before the gap is skipped. Default 256 KiB. */
  maxPendingBytes: number
  /** In-order bytes handed to the sink per direction; after it the flow is only counted. Default 1 MiB. */
  maxStreamBytes: number
  /** A flow with no packet for this long (capture time) is closed. Default 120 s. */
  idleUs: number
}

// ─── Dissectors ──────────────────────────────────────────────────────────────────────────────────────────────────

/** The protocols the dissectors name. */
export const PASSIVE_PROTOCOLS = [
  'dicom',
  'dicom-tls',
  'hl7',
  'smb',
  'ftp',
  'telnet',
  'snmp',
  'http',
  'tls',
  'ssh',
  'rdp',
  'ntp',
  'syslog',
  'dhcp',
  'dns',
  'mdns',
  'nbns',
  'llmnr',
  'lldp',
  'cdp',
  'arp',
] as const
export type PassiveProtocol = (typeof PASSIVE_PROTOCOLS)[number]

export type Emit = (event: PassiveEvent) => void

/** Where an event was heard. Flow events carry the flow; link-layer events carry the sender's MAC. */
export interface EventBase {
  at: PacketRef
  /** Null for link-layer events (ARP, LLDP, CDP) and for DHCP before the client has an address. */
  flow: FlowKey | null
  /** The sender's MAC from the frame, when the link has MACs. */
  mac: string | null
}

/** DICOM A-ASSOCIATE-RQ/AC/RJ (PS3.8 §9.3). Abstract syntaxes are SOP class UIDs (no patient data exists here). */
export interface DicomAssociateEvent extends EventBase {
  kind: 'dicom-associate'
  pdu: 'rq' | 'ac' | 'rj'
  callingAeTitle: string | null
  calledAeTitle: string | null
  /** From the user information item of the side that sent this PDU. */
  implementationClassUid: string | null
  implementationVersionName: string | null
  abstractSyntaxes: string[]
  /** A-ASSOCIATE-RJ result/source/reason numbers. */
  reject: { result: number; source: number; reason: number } | null
}

/** An HL7 v2 message's MSH header over MLLP. Only header fields; the body (patient data) is never read. */
export interface Hl7MessageEvent extends EventBase {
  kind: 'hl7-message'
  sendingApplication: string | null
  sendingFacility: string | null
  receivingApplication: string | null
  receivingFacility: string | null
  /** MSH-9 as `ADT^A01`, and MSH-12. */
  messageType: string | null
  version: string | null
  /** True for ACK messages (MSA present / type ACK). */
  ack: boolean
}

/** SMB negotiation: dialects offered by the client, and the one chosen by the server. */
export interface SmbNegotiateEvent extends EventBase {
  kind: 'smb-negotiate'
  side: 'request' | 'response'
  /** Dialect strings (SMB1: 'NT LM 0.12'…) or SMB2 revisions as '2.0.2', '2.1', '3.0', '3.0.2', '3.1.1'. */
  dialects: string[]
  /** The dialect in force after a response; null on requests. */
  chosen: string | null
  /** True when the packet itself is SMB1 (0xFF 'SMB'), or the server chose an SMB1 dialect. */
  smb1: boolean
  /** SMB2 response: signing required by the server. */
  signingRequired: boolean | null
}

/** NTLMSSP CHALLENGE (server's names) or AUTHENTICATE (client's names and user; never the response hashes). */
export interface NtlmEvent extends EventBase {
  kind: 'ntlm'
  message: 'challenge' | 'authenticate'
  netbiosComputer: string | null
  netbiosDomain: string | null
  dnsComputer: string | null
  dnsDomain: string | null
  /** AUTHENTICATE only. */
  user: string | null
  workstation: string | null
  /** Windows version from the VERSION field, e.g. '6.1.7601' (Windows 7 SP1). */
  osVersion: string | null
}

/**
 * A login in clear text was seen crossing the wire (FTP USER/PASS, Telnet login prompt then typed input, HTTP Basic,
 * POP3/IMAP LOGIN). The user name is kept; the password never is, not even its length.
 */
export interface CleartextLoginEvent extends EventBase {
  kind: 'cleartext-login'
  protocol: 'ftp' | 'telnet' | 'http-basic' | 'pop3' | 'imap'
  user: string | null
  /** Whether the server accepted it (FTP 230, Telnet shell prompt, HTTP non-401), or null when unknown. */
  accepted: boolean | null
}

/** A text banner or version line a server (or client) sent: FTP 220, Telnet greeting, SSH identification, … */
export interface BannerEvent extends EventBase {
  kind: 'banner'
  protocol: 'ftp' | 'telnet' | 'ssh' | 'smtp' | 'pop3' | 'imap'
  side: Direction
  /** Printable, at most 256 characters. */
  text: string
}

/** SNMP message: version and community class. Communities other than public/private are kept only as a hash. */
export interface SnmpEvent extends EventBase {
  kind: 'snmp'
  version: 'v1' | 'v2c' | 'v3'
  pdu: 'get' | 'getnext' | 'getbulk' | 'set' | 'response' | 'trap' | 'inform' | 'report' | 'other'
  /** 'public' and 'private' in clear (well-known defaults); any other community is 'other'. */
  community: 'public' | 'private' | 'other' | null
  /** First 12 hex digits of SHA-256 of an 'other' community (to tell two apart), else null. */
  communityHash: string | null
  /** sysDescr.0 / sysName.0 when a response carries them. */
  sysDescr: string | null
  sysName: string | null
}

export interface HttpRequestEvent extends EventBase {
  kind: 'http-request'
  method: string
  host: string | null
  userAgent: string | null
  /** User name from `Authorization: Basic` (the password is dropped at once). */
  basicAuthUser: string | null
}

export interface HttpResponseEvent extends EventBase {
  kind: 'http-response'
  status: number
  server: string | null
  /** `WWW-Authenticate: Basic` offered. */
  basicAuthOffered: boolean
  /** From the first 8 KiB of an HTML body: its <title>, and whether it holds a password field (a login form). */
  title?: string | null
  passwordForm?: boolean
}

export interface TlsClientHelloEvent extends EventBase {
  kind: 'tls-client-hello'
  /** Highest legacy version and supported_versions, as 'TLS 1.0' … 'TLS 1.3' ('SSL 3.0'). */
  versions: string[]
  sni: string | null
  alpn: string[]
  /** JA4 fingerprint (FoxIO's JA4 TLS client, `t13d1516h2_8daaf6152771_e5627efa2ab1`). */
  ja4: string
}

export interface TlsServerHelloEvent extends EventBase {
  kind: 'tls-server-hello'
  /** The version in force ('TLS 1.2'; 1.3 from supported_versions). */
  version: string
  cipherSuite: number
}

/** A server certificate seen in clear (TLS ≤ 1.2; TLS 1.3 encrypts it). */
export interface TlsCertificateEvent extends EventBase {
  kind: 'tls-certificate'
  subject: string
  issuer: string
  notBefore: string
  notAfter: string
  selfSigned: boolean
  /** Public key: 'RSA 1024', 'EC 256'… and the signature algorithm ('sha1WithRSAEncryption'). */
  publicKey: string | null
  signatureAlgorithm: string | null
}

export interface RdpEvent extends EventBase {
  kind: 'rdp'
  side: 'request' | 'response'
  /** Requested (client) or selected (server) protocol bits: 0 standard RDP security, 1 TLS, 2 CredSSP (NLA). */
  protocols: number | null
  /** `Cookie: mstshash=` user name from the client's first packet. */
  cookieUser: string | null
}

export interface NtpEvent extends EventBase {
  kind: 'ntp'
  version: number
  mode: number
  stratum: number
}

export interface SyslogEvent extends EventBase {
  kind: 'syslog'
  hostname: string | null
  appName: string | null
  facility: number
  severity: number
}

/** DHCP / BOOTP message (RFC 2131/2132): the client's own words about itself. */
export interface DhcpEvent extends EventBase {
  kind: 'dhcp'
  messageType: number
  clientMac: string
  hostName: string | null
  vendorClass: string | null
  /** Option 55 in order — the DHCP fingerprint (`1,3,6,15,…`). */
  parameterRequestList: number[]
  requestedAddress: string | null
  /** yiaddr of an OFFER/ACK. */
  assignedAddress: string | null
}

/** A name bound to an address, from any protocol that says so. */
export interface NameEvent extends EventBase {
  kind: 'name'
  source: 'dns' | 'mdns' | 'nbns' | 'llmnr' | 'dhcp' | 'ntlm' | 'lldp' | 'cdp' | 'syslog' | 'snmp' | 'http-host'
  name: string
  /** The address the name belongs to (an answer's address, the sender's own address). */
  address: string | null
  mac: string | null
}

/** A DNS/mDNS/LLMNR/NBNS question (who wanted which name). */
export interface NameQueryEvent extends EventBase {
  kind: 'name-query'
  source: 'dns' | 'mdns' | 'nbns' | 'llmnr'
  name: string
}

/** LLDP or CDP: what a switch or device says about itself. */
export interface NeighbourEvent extends EventBase {
  kind: 'neighbour'
  protocol: 'lldp' | 'cdp'
  chassisId: string | null
  portId: string | null
  systemName: string | null
  systemDescription: string | null
  /** CDP platform / LLDP has none. */
  platform: string | null
  managementAddress: string | null
  capabilities: string[]
}

export interface ArpEvent extends EventBase {
  kind: 'arp'
  op: 'request' | 'reply'
  senderMac: string
  senderAddress: string
  targetAddress: string
}

export type PassiveEvent =
  | DicomAssociateEvent
  | Hl7MessageEvent
  | SmbNegotiateEvent
  | NtlmEvent
  | CleartextLoginEvent
  | BannerEvent
  | SnmpEvent
  | HttpRequestEvent
  | HttpResponseEvent
  | TlsClientHelloEvent
  | TlsServerHelloEvent
  | TlsCertificateEvent
  | RdpEvent
  | NtpEvent
  | SyslogEvent
  | DhcpEvent
  | NameEvent
  | NameQueryEvent
  | NeighbourEvent
  | ArpEvent

/**
 * A dissector of a TCP byte stream. The pipeline offers each new flow's first bytes (client's, then server's) to
 * every stream dissector whose `detect` says yes — by content first, the port only as a hint — and feeds the chosen
 * one. A dissector keeps its own small state per flow and says when it has learnt enough.
 */
export interface StreamDissector {
  readonly protocol: PassiveProtocol
  /** Cheap test on the first bytes seen in `dir` (at most 64 bytes are given). */
  detect(first: Uint8Array, dir: Direction, flow: FlowKey): boolean
  open(flow: FlowKey, emit: Emit, mac: { client: string | null; server: string | null }): StreamParser
}

export interface StreamParser {
  /** In-order bytes of one direction. Return 'done' when nothing more is to be learnt (the flow is then only counted). */
  data(dir: Direction, bytes: Uint8Array, at: PacketRef, gap: boolean): 'more' | 'done'
  end(): void
}

/** A dissector of single UDP datagrams (DNS, DHCP, SNMP, NTP, syslog, NBNS, mDNS, LLMNR). */
export interface DatagramDissector {
  readonly protocol: PassiveProtocol
  detect(payload: Uint8Array, packet: DecodedPacket): boolean
  parse(payload: Uint8Array, packet: DecodedPacket, emit: Emit): void
}

/** A dissector of link-layer frames that are not IP (ARP, LLDP, CDP). */
export interface FrameDissector {
  readonly protocol: PassiveProtocol
  detect(packet: DecodedPacket): boolean
  parse(packet: DecodedPacket, emit: Emit): void
}

// ─── Analysis result ─────────────────────────────────────────────────────────────────────────────────────────────

/** A server port heard answering (SYN-ACK, a response, or a dissector's server-side event). */
export interface PassiveService {
  port: number
  transport: 'tcp' | 'udp'
  /** What the bytes were, by content (not only the port); null when only counted. */
  protocol: PassiveProtocol | null
  /** Distinct clients heard talking to it (at most 50 kept). */
  clients: string[]
  packets: number
  bytes: number
  firstSeenUs: number
  lastSeenUs: number
}

/** One address heard on the wire, with everything the dissectors said about it. */
export interface PassiveHost {
  address: string
  /** The MAC the address was seen from on the local link (ARP, DHCP, or frames whose TTL shows no router hop). */
  mac: string | null
  names: { name: string; source: NameEvent['source'] }[]
  /** Protocols it spoke (either side). */
  protocols: PassiveProtocol[]
  services: PassiveService[]
  /** The dissectors' events about this host (as server or as the sender), de-duplicated, at most 200. */
  events: PassiveEvent[]
  /** True when the address is not private/link-local/loopback (an internet address). */
  external: boolean
  firstSeenUs: number
  lastSeenUs: number
  packetsSent: number
  packetsReceived: number
  bytesSent: number
  bytesReceived: number
}

/** Who talked to whom: one row per (client, server, transport, server port). */
export interface Conversation {
  client: string
  server: string
  transport: 'tcp' | 'udp' | 'other'
  serverPort: number
  protocol: PassiveProtocol | null
  packets: number
  bytes: number
  firstSeenUs: number
  lastSeenUs: number
  /** First packet number where it was heard (evidence). */
  firstPacket: number
}

export interface PassiveStats {
  packets: number
  bytes: number
  /** Packets by link type and by outcome. */
  decoded: number
  notIp: number
  fragmentsReassembled: number
  tcpFlows: number
  udpFlows: number
  /** Events per kind. */
  events: Record<string, number>
  problems: Record<string, number>
}

export interface PassiveResult {
  file: CaptureFileInfo
  firstSeenUs: number | null
  lastSeenUs: number | null
  hosts: PassiveHost[]
  conversations: Conversation[]
  problems: CaptureProblem[]
  stats: PassiveStats
}

/**
 * Folds events and decoded packets into hosts, services and conversations, bounded (at most `maxHosts` hosts and
 * `maxConversations` conversations; beyond them counters only). Created by `createAnalyzer(opts)` in
 * `analyze/index.ts`.
 */
export interface Analyzer {
  packet(p: DecodedPacket): void
  event(e: PassiveEvent): void
  /** A reassembled flow opened / closed (for conversation counters and services). */
  problem(p: CaptureProblem): void
  result(file: CaptureFileInfo): PassiveResult
}

/** Where the capture came from, for findings' evidence ("capture lab.pcapng, packet 1234, 2026-12-03T10:00:00Z"). */
export interface CaptureSource {
  /** File name as the user gave it (no directory), or `live:<interface>`. */
  label: string
  captureId: string | null
}
