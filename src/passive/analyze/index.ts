/**
 * The analyzer: folds decoded packets and the dissectors' events into hosts, services and conversations. Bounded:
 * at most `maxHosts` hosts, `maxConversations` conversations, `maxFlowRoles` remembered client/server roles,
 * 200 events and 1,024 services per host; beyond them only counters grow (see {@link AnalyzerResult.overflow}).
 * Pure: no clock, no I/O.
 */
import {
  type Analyzer,
  type CaptureFileInfo,
  type CaptureProblem,
  type Conversation,
  type DecodedPacket,
  type FlowKey,
  IPPROTO,
  MAX_PROBLEMS_PER_CODE,
  type NameEvent,
  type PassiveEvent,
  type PassiveHost,
  type PassiveProtocol,
  type PassiveResult,
  type PassiveService,
  type PassiveStats,
} from '../contract.js'
import {
  compareAddresses,
  firstIsServer,
  ipv4ToNumber,
  isExternal,
  isGroupMac,
  isUnicastHost,
  isWellKnownPort,
} from './addresses.js'

export interface AnalyzerOptions {
  /** Hosts kept (default 50,000); packets of further addresses are only counted. */
  maxHosts: number
  /** Conversations kept (default 200,000). */
  maxConversations: number
  /** TCP/UDP flows whose client side is remembered (default 65,536, as many as the reassembler tracks; the oldest generation is forgotten beyond it). */
  maxFlowRoles: number
}

export const DEFAULT_ANALYZER_OPTIONS: AnalyzerOptions = {
  maxHosts: 50_000,
  maxConversations: 200_000,
  maxFlowRoles: 65_536,
}

/** Events kept per host (de-duplicated). */
export const MAX_EVENTS_PER_HOST = 200
/** Services kept per host (a port scan heard must not fill memory). */
export const MAX_SERVICES_PER_HOST = 1024
/** Clients kept per service. */
export const MAX_CLIENTS_PER_SERVICE = 50
/** Names kept per host. */
export const MAX_NAMES_PER_HOST = 20
/** Names and neighbour events waiting for a MAC's address (DHCP before the ACK, LLDP before any IP). */
const MAX_PENDING_MACS = 10_000
/** Addresses named by DNS answers before anyone talked to them. */
const MAX_PENDING_ADDRESSES = 20_000

/** What did not fit under the caps: counted, not kept. */
export interface AnalyzerOverflow {
  /** Times an address was heard that no longer fit (packets and events, not distinct addresses). */
  hosts: number
  conversations: number
  events: number
  services: number
  problems: number
}

/** The result with the overflow counters (a PassiveResult to everyone else). */
export interface AnalyzerResult extends PassiveResult {
  overflow: AnalyzerOverflow
}

/** The analyzer, plus what only the pipeline tells it: which protocol a flow turned out to be. */
export interface PassiveAnalyzer extends Analyzer {
  /** A dissector took this flow (its protocol names the conversation and the server's service). */
  flowProtocol(flow: FlowKey, protocol: PassiveProtocol): void
  /** Hosts and conversations held now (for tests of the caps). */
  readonly size: { hosts: number; conversations: number; flowRoles: number }
  result(file: CaptureFileInfo): AnalyzerResult
}

/** True for a group MAC (the first octet's lowest bit), read from the second hex digit without parsing. */
function groupMac(mac: string): boolean {
  const c = mac.charCodeAt(1)
  const v = c <= 57 ? c - 48 : (c | 32) - 87
  return (v & 1) === 1
}

/** TTLs / hop limits a sender starts with: a frame carrying one came straight from the host that owns the MAC. */
const INITIAL_TTLS = new Set([32, 64, 128, 255])

type MacAuthority = 'none' | 'ttl' | 'arp' | 'dhcp'
const MAC_RANK: Record<MacAuthority, number> = { none: 0, ttl: 1, arp: 2, dhcp: 2 }

/** One TCP/UDP flow (either direction): which side is the client, and its conversation once known. */
interface FlowRole {
  aIsClient: boolean
  conv: Conversation | null
}

interface HostState {
  host: PassiveHost
  macAuthority: MacAuthority
  eventKeys: Set<string>
  services: Map<number, PassiveService>
  protocols: Set<PassiveProtocol>
}

interface PendingByMac {
  names: { name: string; source: NameEvent['source'] }[]
  events: PassiveEvent[]
}

/** The protocol an event shows the flow speaks. */
function protocolOfEvent(e: PassiveEvent): PassiveProtocol | null {
  switch (e.kind) {
    case 'dicom-associate':
      return 'dicom'
    case 'hl7-message':
      return 'hl7'
    case 'smb-negotiate':
      return 'smb'
    case 'ntlm':
      return null // NTLM rides on SMB, HTTP, …
    case 'cleartext-login':
      return e.protocol === 'http-basic' ? 'http' : e.protocol === 'ftp' || e.protocol === 'telnet' ? e.protocol : null
    case 'banner':
      return e.protocol === 'ftp' || e.protocol === 'telnet' || e.protocol === 'ssh' ? e.protocol : null
    case 'snmp':
      return 'snmp'
    case 'http-request':
    case 'http-response':
      return 'http'
    case 'tls-client-hello':
    case 'tls-server-hello':
    case 'tls-certificate':
      return 'tls'
    case 'rdp':
      return 'rdp'
    case 'ntp':
      return 'ntp'
    case 'syslog':
      return 'syslog'
    case 'dhcp':
      return 'dhcp'
    case 'name':
      return e.source === 'dns' || e.source === 'mdns' || e.source === 'nbns' || e.source === 'llmnr' ? e.source : null
    case 'name-query':
      return e.source
    case 'neighbour':
      return e.protocol
    case 'arp':
      return 'arp'
  }
}

/** The name in an HTTP Host header without its port; null for an address literal. */
export function hostHeaderName(host: string): string | null {
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) return null
  const name = h.replace(/:\d+$/, '')
  if (name === '' || ipv4ToNumber(name) >= 0 || name.includes(':')) return null
  return name.slice(0, 253)
}

/** The key that tells two events apart: every field except `at`. */
/**
 * What makes two events the same fact: everything but when it was heard and the client's ephemeral port (the same
 * login or association repeated over new connections is one fact; keeping each would fill memory with copies).
 */
function eventKey(e: PassiveEvent): string {
  const { at: _at, flow, ...rest } = e
  const f = flow ? `${flow.transport}|${flow.client}|${flow.server}|${flow.serverPort}` : '-'
  return `${f}|${JSON.stringify(rest)}`
}

function emptyStats(): PassiveStats {
  return {
    packets: 0,
    bytes: 0,
    decoded: 0,
    notIp: 0,
    fragmentsReassembled: 0,
    tcpFlows: 0,
    udpFlows: 0,
    events: {},
    problems: {},
  }
}

/**
 * Creates an analyzer.
 *
 * @example
 * ```ts
 * const a = createAnalyzer({ maxHosts: 1000 })
 * a.packet(decoded); a.event(event)
 * const { hosts, conversations } = a.result(reader.info)
 * ```
 */
export function createAnalyzer(opts: Partial<AnalyzerOptions> = {}): PassiveAnalyzer {
  const o: AnalyzerOptions = { ...DEFAULT_ANALYZER_OPTIONS, ...opts }
  const stats = emptyStats()
  const overflow: AnalyzerOverflow = { hosts: 0, conversations: 0, events: 0, services: 0, problems: 0 }
  const hosts = new Map<string, HostState>()
  /** The address each MAC was bound to (authoritative or by TTL), for events that carry only a MAC. */
  const addressOfMac = new Map<string, string>()
  const pendingByMac = new Map<string, PendingByMac>()
  /** Names DNS gave for addresses not heard yet (attached if they are). */
  const namesByAddress = new Map<string, { name: string; source: NameEvent['source'] }[]>()
  const conversations = new Map<string, Conversation>()
  /**
   * `t|a|ap|b|bp` (a < b) → true when `a` is the client. Two generations: when the young one holds half the cap it
   * becomes the old one and the previous old one is dropped (O(1), unlike evicting a Map's first key one by one).
   */
  let roles = new Map<string, FlowRole>()
  let oldRoles = new Map<string, FlowRole>()
  const problems: CaptureProblem[] = []
  const keptPerCode = new Map<string, number>()
  let firstSeenUs: number | null = null
  let lastSeenUs: number | null = null

  function hostOf(address: string, timeUs: number, create = true): HostState | null {
    let s = hosts.get(address)
    if (s) return s
    if (!create || !isUnicastHost(address)) return null
    if (hosts.size >= o.maxHosts) {
      overflow.hosts++
      return null
    }
    s = {
      host: {
        address,
        mac: null,
        names: [],
        protocols: [],
        services: [],
        events: [],
        external: isExternal(address),
        firstSeenUs: timeUs,
        lastSeenUs: timeUs,
        packetsSent: 0,
        packetsReceived: 0,
        bytesSent: 0,
        bytesReceived: 0,
      },
      macAuthority: 'none',
      eventKeys: new Set(),
      services: new Map(),
      protocols: new Set(),
    }
    hosts.set(address, s)
    const later = namesByAddress.get(address)
    if (later) {
      namesByAddress.delete(address)
      for (const n of later) addName(s, n.name, n.source)
    }
    return s
  }

  function namesLater(address: string, name: string, source: NameEvent['source']): void {
    let list = namesByAddress.get(address)
    if (!list) {
      if (namesByAddress.size >= MAX_PENDING_ADDRESSES) return
      list = []
      namesByAddress.set(address, list)
    }
    if (list.length < 5 && !list.some((n) => n.name === name)) list.push({ name, source })
  }

  function pending(mac: string): PendingByMac | null {
    let p = pendingByMac.get(mac)
    if (p) return p
    if (pendingByMac.size >= MAX_PENDING_MACS) return null
    p = { names: [], events: [] }
    pendingByMac.set(mac, p)
    return p
  }

  function bindMac(s: HostState, mac: string, authority: MacAuthority): void {
    if (isGroupMac(mac)) return
    if (MAC_RANK[authority] < MAC_RANK[s.macAuthority]) return
    if (s.host.mac === mac && MAC_RANK[authority] <= MAC_RANK[s.macAuthority]) return
    if (authority === 'ttl' && s.macAuthority === 'ttl') return // the first unrouted frame decides
    s.host.mac = mac
    s.macAuthority = authority
    // Bounded: a MAC re-bound again and again (ARP spoofing, DHCP churn) must not grow the table without end.
    if (addressOfMac.size >= o.maxHosts * 2 && !addressOfMac.has(mac)) addressOfMac.clear()
    addressOfMac.set(mac, s.host.address)
    const p = pendingByMac.get(mac)
    if (p) {
      pendingByMac.delete(mac)
      for (const n of p.names) addName(s, n.name, n.source)
      for (const e of p.events) attach(s, e)
    }
  }

  function addName(s: HostState, name: string, source: NameEvent['source']): void {
    const clean = name.trim()
    if (!clean) return
    if (s.host.names.some((n) => n.name === clean && n.source === source)) return
    if (s.host.names.length >= MAX_NAMES_PER_HOST) return
    s.host.names.push({ name: clean, source })
  }

  function addProtocol(s: HostState, p: PassiveProtocol | null): void {
    if (p && !s.protocols.has(p)) {
      s.protocols.add(p)
      s.host.protocols.push(p)
    }
  }

  /** The last event's key: an event attached to both ends is serialised once. */
  let keyed: PassiveEvent | null = null
  let keyOfKeyed = ''

  function attach(s: HostState, e: PassiveEvent): void {
    addProtocol(s, protocolOfEvent(e))
    if (s.host.events.length >= MAX_EVENTS_PER_HOST && keyed !== e) {
      // Full: nothing more is kept for this host, so there is nothing to compare with either.
      overflow.events++
      return
    }
    if (keyed !== e) {
      keyed = e
      keyOfKeyed = eventKey(e)
    }
    const key = keyOfKeyed
    if (s.eventKeys.has(key)) return
    if (s.host.events.length >= MAX_EVENTS_PER_HOST) {
      overflow.events++
      return
    }
    s.eventKeys.add(key)
    s.host.events.push(e)
  }

  function serviceOf(s: HostState, port: number, transport: 'tcp' | 'udp', timeUs: number): PassiveService | null {
    const key = transport === 'tcp' ? port : -port
    let svc = s.services.get(key)
    if (svc) return svc
    if (s.services.size >= MAX_SERVICES_PER_HOST) {
      overflow.services++
      return null
    }
    svc = {
      port,
      transport,
      protocol: null,
      clients: [],
      packets: 0,
      bytes: 0,
      firstSeenUs: timeUs,
      lastSeenUs: timeUs,
    }
    s.services.set(key, svc)
    s.host.services.push(svc)
    return svc
  }

  function convKey(client: string, server: string, transport: string, serverPort: number): string {
    return `${transport}|${client}|${server}|${serverPort}`
  }

  function rememberRole(key: string, role: FlowRole, transport: number | null): void {
    if (roles.size >= Math.max(1, Math.floor(o.maxFlowRoles / 2))) {
      oldRoles = roles
      roles = new Map()
    }
    roles.set(key, role)
    if (transport === IPPROTO.TCP) stats.tcpFlows++
    else if (transport === IPPROTO.UDP) stats.udpFlows++
  }

  function knownRole(key: string): FlowRole | undefined {
    const young = roles.get(key)
    if (young !== undefined) return young
    const old = oldRoles.get(key)
    if (old !== undefined) rememberRole(key, old, null) // still in use: keep it young
    return old
  }

  /** The last packet's flow (a one-entry cache in front of the role tables). */
  const lastFlow = {
    role: null as FlowRole | null,
    protocol: -1,
    src: '',
    dst: '',
    srcPort: -1,
    dstPort: -1,
    srcIsClient: true,
  }

  /** The flow of the packet being handled (set by {@link senderIsClient}). */
  let currentRole: FlowRole = { aIsClient: true, conv: null }

  /** True when the packet's sender is the client of its flow; leaves the flow in `currentRole`. */
  function senderIsClient(p: DecodedPacket): boolean {
    // Packets come in runs of the same flow: the last one is checked before building a key.
    const last = lastFlow
    if (last.role !== null && p.protocol === last.protocol) {
      if (p.srcPort === last.srcPort && p.dstPort === last.dstPort && p.src === last.src && p.dst === last.dst) {
        currentRole = last.role
        return last.srcIsClient
      }
      if (p.srcPort === last.dstPort && p.dstPort === last.srcPort && p.src === last.dst && p.dst === last.src) {
        currentRole = last.role
        return !last.srcIsClient
      }
    }
    const srcIsClient = lookUpRole(p)
    last.role = currentRole
    last.protocol = p.protocol
    last.src = p.src
    last.dst = p.dst
    last.srcPort = p.srcPort
    last.dstPort = p.dstPort
    last.srcIsClient = srcIsClient
    return srcIsClient
  }

  function lookUpRole(p: DecodedPacket): boolean {
    const aFirst = p.src < p.dst || (p.src === p.dst && p.srcPort <= p.dstPort)
    const key = aFirst
      ? `${p.protocol}|${p.src}|${p.srcPort}|${p.dst}|${p.dstPort}`
      : `${p.protocol}|${p.dst}|${p.dstPort}|${p.src}|${p.srcPort}`
    let role = knownRole(key)
    if (role === undefined) {
      let srcIsClient: boolean
      if (p.protocol === IPPROTO.TCP && (p.tcpFlags & 0x02) !== 0) {
        srcIsClient = (p.tcpFlags & 0x10) === 0 // SYN: the sender is the client; SYN-ACK: the receiver
      } else if (p.protocol === IPPROTO.UDP) {
        // The side on a well-known port is the server (the lower one when both are); otherwise whoever spoke
        // first is the client and the one that answers the server.
        const srcKnown = isWellKnownPort(p.srcPort)
        const dstKnown = isWellKnownPort(p.dstPort)
        if (srcKnown !== dstKnown) srcIsClient = dstKnown
        else if (srcKnown && p.srcPort !== p.dstPort) srcIsClient = p.srcPort > p.dstPort
        else srcIsClient = true
      } else {
        srcIsClient = !firstIsServer(p.srcPort, p.dstPort)
      }
      role = { aIsClient: srcIsClient === aFirst, conv: null }
      rememberRole(key, role, p.protocol)
    }
    currentRole = role
    return role.aIsClient === aFirst
  }

  function conversationOf(
    client: string,
    server: string,
    transport: Conversation['transport'],
    serverPort: number,
    p: { number: number; timeUs: number },
  ): Conversation | null {
    const key = convKey(client, server, transport, serverPort)
    let c = conversations.get(key)
    if (c) return c
    if (conversations.size >= o.maxConversations) {
      overflow.conversations++
      return null
    }
    c = {
      client,
      server,
      transport,
      serverPort,
      protocol: null,
      packets: 0,
      bytes: 0,
      firstSeenUs: p.timeUs,
      lastSeenUs: p.timeUs,
      firstPacket: p.number,
    }
    conversations.set(key, c)
    return c
  }

  function packet(p: DecodedPacket): void {
    stats.packets++
    stats.bytes += p.wireLength
    if (firstSeenUs === null || p.timeUs < firstSeenUs) firstSeenUs = p.timeUs
    if (lastSeenUs === null || p.timeUs > lastSeenUs) lastSeenUs = p.timeUs
    if (p.ipVersion === null) {
      stats.notIp++
      return
    }
    stats.decoded++
    const t = p.timeUs
    const len = p.wireLength
    const src = hostOf(p.src, t)
    // A frame to a group MAC (broadcast, multicast) goes to no one host: a subnet broadcast address is no device.
    const dst = p.dstMac !== null && groupMac(p.dstMac) ? (hosts.get(p.dst) ?? null) : hostOf(p.dst, t)
    if (src) {
      src.host.packetsSent++
      src.host.bytesSent += len
      if (t < src.host.firstSeenUs) src.host.firstSeenUs = t
      if (t > src.host.lastSeenUs) src.host.lastSeenUs = t
      if (src.macAuthority === 'none' && p.srcMac !== null && INITIAL_TTLS.has(p.ttl)) bindMac(src, p.srcMac, 'ttl')
    }
    if (dst) {
      dst.host.packetsReceived++
      dst.host.bytesReceived += len
      if (t < dst.host.firstSeenUs) dst.host.firstSeenUs = t
      if (t > dst.host.lastSeenUs) dst.host.lastSeenUs = t
    }

    // Who talks to whom is about devices: broadcast, multicast and unspecified ends (a DHCP discover from 0.0.0.0,
    // mDNS to 224.0.0.251, a subnet broadcast) make no conversation. A missing host state is either such an
    // address or one beyond the host cap, which still counts.
    if (dst === null && (!isUnicastHost(p.dst) || (p.dstMac !== null && groupMac(p.dstMac)))) return
    if (src === null && !isUnicastHost(p.src)) return
    const tcp = p.protocol === IPPROTO.TCP
    const udp = p.protocol === IPPROTO.UDP
    if (!tcp && !udp) {
      // ICMP and the rest: one conversation per pair of addresses, the first sender as the client.
      const first = senderIsClient(p)
      const role = currentRole
      let c = role.conv
      if (c === null) {
        c = conversationOf(first ? p.src : p.dst, first ? p.dst : p.src, 'other', 0, p)
        role.conv = c
      }
      if (c) count(c, p)
      return
    }
    const fromClient = senderIsClient(p)
    const client = fromClient ? p.src : p.dst
    const server = fromClient ? p.dst : p.src
    const serverPort = fromClient ? p.dstPort : p.srcPort
    const role = currentRole
    let c = role.conv
    if (c === null) {
      c = conversationOf(client, server, tcp ? 'tcp' : 'udp', serverPort, p)
      role.conv = c
    }
    if (c) count(c, p)
    const serverState = fromClient ? dst : src
    if (!serverState) return
    const key = tcp ? serverPort : -serverPort
    let svc = serverState.services.get(key) ?? null
    if (!svc && !fromClient) {
      // Heard open: a SYN-ACK or data from the server (TCP); any answer from the server's port (UDP).
      const synAck = (p.tcpFlags & 0x12) === 0x12
      if (!tcp || synAck || p.payload.length > 0) {
        svc = serviceOf(serverState, serverPort, tcp ? 'tcp' : 'udp', t)
        if (svc && c?.protocol) svc.protocol = c.protocol
      }
    }
    if (svc) {
      svc.packets++
      svc.bytes += len
      if (t < svc.firstSeenUs) svc.firstSeenUs = t
      if (t > svc.lastSeenUs) svc.lastSeenUs = t
      if (svc.clients.length < MAX_CLIENTS_PER_SERVICE && !svc.clients.includes(client)) svc.clients.push(client)
    }
  }

  function count(c: Conversation, p: DecodedPacket): void {
    c.packets++
    c.bytes += p.wireLength
    if (p.timeUs < c.firstSeenUs) c.firstSeenUs = p.timeUs
    if (p.timeUs > c.lastSeenUs) c.lastSeenUs = p.timeUs
  }

  function flowProtocol(flow: FlowKey, protocol: PassiveProtocol): void {
    const c = conversations.get(convKey(flow.client, flow.server, flow.transport, flow.serverPort))
    if (c && (c.protocol === null || c.protocol === 'tls')) c.protocol = protocol
    const server = hosts.get(flow.server)
    if (server) {
      addProtocol(server, protocol)
      const svc = server.services.get(flow.transport === 'tcp' ? flow.serverPort : -flow.serverPort)
      if (svc && (svc.protocol === null || svc.protocol === 'tls')) svc.protocol = protocol
    }
    const client = hosts.get(flow.client)
    if (client) addProtocol(client, protocol)
  }

  /** The host an event about `address` belongs to (created if new: an event is proof the address exists). */
  function at(address: string | null | undefined, timeUs: number): HostState | null {
    if (!address) return null
    return hostOf(address, timeUs)
  }

  function event(e: PassiveEvent): void {
    keyed = null // the key cache spans one call only (a dissector may reuse an object)
    stats.events[e.kind] = (stats.events[e.kind] ?? 0) + 1
    const t = e.at.timeUs
    const f = e.flow
    const proto = protocolOfEvent(e)
    if (f && proto && proto !== 'dhcp' && proto !== 'arp') flowProtocol(f, proto)
    switch (e.kind) {
      case 'dicom-associate':
      case 'hl7-message':
      case 'http-request':
      case 'tls-client-hello': {
        // Both ends: each reads its own part (calling AE ↔ called AE, MSH-3/4 ↔ MSH-5/6, user agent ↔ host).
        const client = at(f?.client, t)
        const server = at(f?.server, t)
        if (client) attach(client, e)
        if (server) attach(server, e)
        // The Host header names the server (not when it is only an address).
        if (e.kind === 'http-request' && server && e.host) {
          const name = hostHeaderName(e.host)
          if (name) addName(server, name, 'http-host')
        }
        return
      }
      case 'smb-negotiate':
      case 'rdp': {
        const s = at(e.side === 'request' ? f?.client : f?.server, t)
        if (s) attach(s, e)
        return
      }
      case 'ntlm': {
        const s = at(e.message === 'challenge' ? f?.server : f?.client, t)
        if (!s) return
        attach(s, e)
        const name = e.dnsComputer ?? e.netbiosComputer
        if (name) addName(s, name, 'ntlm')
        if (e.message === 'authenticate' && e.workstation) addName(s, e.workstation, 'ntlm')
        return
      }
      case 'banner': {
        const s = at(e.side === 'server' ? f?.server : f?.client, t)
        if (s) attach(s, e)
        return
      }
      case 'cleartext-login':
      case 'http-response':
      case 'tls-server-hello':
      case 'tls-certificate': {
        const s = at(f?.server, t)
        if (s) attach(s, e)
        return
      }
      case 'snmp': {
        if (!f) return
        // The agent: the side on 161 (or, for traps and informs, the side that is not on 162).
        let agent = f.server
        if (f.clientPort === 161) agent = f.client
        else if (f.serverPort !== 161 && (e.pdu === 'trap' || e.pdu === 'inform')) agent = f.client
        else if (f.serverPort === 162) agent = f.client
        const s = at(agent, t)
        if (!s) return
        attach(s, e)
        if (e.sysName && e.pdu === 'response') addName(s, e.sysName, 'snmp')
        return
      }
      case 'ntp': {
        if (!f) return
        const s = at(e.mode === 4 || e.mode === 5 ? (f.serverPort === 123 ? f.server : f.client) : f.client, t)
        if (s) attach(s, e)
        return
      }
      case 'syslog': {
        const s = at(f?.client, t)
        if (!s) return
        attach(s, e)
        if (e.hostname) addName(s, e.hostname, 'syslog')
        return
      }
      case 'dhcp':
        dhcp(e)
        return
      case 'name': {
        // A DNS answer names an address nobody may ever talk to: it waits until the address is heard.
        const hearsay = e.source === 'dns' || e.source === 'http-host'
        if (hearsay && e.address && !hosts.has(e.address)) {
          if (isUnicastHost(e.address)) namesLater(e.address, e.name, e.source)
          return
        }
        const byAddress = e.address ? at(e.address, t) : null
        const mac = e.mac
        const s = byAddress ?? (mac ? hostOfMac(mac) : null)
        if (s) {
          addName(s, e.name, e.source)
          if (mac && byAddress && e.source !== 'dns' && e.source !== 'http-host') bindMac(s, mac, 'ttl')
        } else if (mac && !e.address) {
          const p = pending(mac)
          if (p && p.names.length < MAX_NAMES_PER_HOST) p.names.push({ name: e.name, source: e.source })
        }
        return
      }
      case 'name-query':
        return
      case 'neighbour': {
        const s = at(e.managementAddress, t) ?? (e.mac ? hostOfMac(e.mac) : null)
        if (s) {
          attach(s, e)
          if (e.systemName) addName(s, e.systemName, e.protocol)
        } else if (e.mac) {
          const p = pending(e.mac)
          if (p && p.events.length < 10) p.events.push(e)
          if (p && e.systemName && p.names.length < MAX_NAMES_PER_HOST)
            p.names.push({ name: e.systemName, source: e.protocol })
        }
        return
      }
      case 'arp': {
        if (!isUnicastHost(e.senderAddress)) return
        const s = at(e.senderAddress, t)
        if (s) {
          bindMac(s, e.senderMac, 'arp')
          addProtocol(s, 'arp')
        }
        return
      }
    }
  }

  function hostOfMac(mac: string): HostState | null {
    const address = addressOfMac.get(mac)
    return address ? (hosts.get(address) ?? null) : null
  }

  function dhcp(e: Extract<PassiveEvent, { kind: 'dhcp' }>): void {
    const mac = e.clientMac
    const t = e.at.timeUs
    // The client's own address: assigned by an ACK, or the source of a renewal; a request's wish is not proof.
    let s: HostState | null = null
    if (e.messageType === 5 && e.assignedAddress && isUnicastHost(e.assignedAddress)) {
      s = at(e.assignedAddress, t)
      if (s) bindMac(s, mac, 'dhcp')
    }
    if (!s && e.flow && isUnicastHost(e.flow.client) && e.flow.serverPort === 67) {
      s = at(e.flow.client, t)
      if (s) bindMac(s, mac, 'dhcp')
    }
    if (!s) s = hostOfMac(mac)
    // Server messages (OFFER 2, ACK 5, NAK 6) carry the server's options, not the client's words.
    const fromClient = e.messageType !== 2 && e.messageType !== 5 && e.messageType !== 6
    if (s) {
      if (fromClient || e.hostName === null) attach(s, e)
      if (e.hostName && fromClient) addName(s, e.hostName, 'dhcp')
      addProtocol(s, 'dhcp')
      return
    }
    if (!fromClient) return
    const p = pending(mac)
    if (!p) return
    if (p.events.length < 10 && !p.events.some((x) => eventKey(x) === eventKey(e))) p.events.push(e)
    if (e.hostName && p.names.length < MAX_NAMES_PER_HOST && !p.names.some((n) => n.name === e.hostName))
      p.names.push({ name: e.hostName, source: 'dhcp' })
  }

  function problem(p: CaptureProblem): void {
    stats.problems[p.code] = (stats.problems[p.code] ?? 0) + 1
    const kept = keptPerCode.get(p.code) ?? 0
    if (kept >= MAX_PROBLEMS_PER_CODE) {
      overflow.problems++
      return
    }
    keptPerCode.set(p.code, kept + 1)
    problems.push(p)
  }

  function result(file: CaptureFileInfo): AnalyzerResult {
    const list = [...hosts.values()]
    // DICOM over TLS: a TLS service on 2762, or TLS to a host that also speaks DICOM in clear.
    for (const s of list) {
      const speaksDicom = s.protocols.has('dicom')
      for (const svc of s.host.services) {
        if (svc.protocol === 'tls' && (svc.port === 2762 || speaksDicom)) {
          svc.protocol = 'dicom-tls'
          addProtocol(s, 'dicom-tls')
        }
      }
    }
    for (const c of conversations.values()) {
      if (c.protocol !== 'tls') continue
      const server = hosts.get(c.server)
      const svc = server?.services.get(c.transport === 'tcp' ? c.serverPort : -c.serverPort)
      if (c.serverPort === 2762 || svc?.protocol === 'dicom-tls') {
        c.protocol = 'dicom-tls'
        if (server) addProtocol(server, 'dicom-tls')
        const client = hosts.get(c.client)
        if (client) addProtocol(client, 'dicom-tls')
      }
    }
    for (const s of list) s.host.services.sort((a, b) => a.transport.localeCompare(b.transport) || a.port - b.port)
    return {
      file,
      firstSeenUs,
      lastSeenUs,
      hosts: list.map((s) => s.host).sort((a, b) => compareAddresses(a.address, b.address)),
      conversations: [...conversations.values()],
      problems: [...problems],
      stats: { ...stats, events: { ...stats.events }, problems: { ...stats.problems } },
      overflow: { ...overflow },
    }
  }

  return {
    packet,
    event,
    problem,
    flowProtocol,
    result,
    get size() {
      return { hosts: hosts.size, conversations: conversations.size, flowRoles: roles.size + oldRoles.size }
    },
  }
}
