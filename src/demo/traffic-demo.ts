import type { Actor } from '../core/actor.js'
import type { MapDevice } from '../core/traffic/store.js'
import { isExternal } from '../passive/analyze/addresses.js'
import type { Conversation, PassiveHost, PassiveProtocol, PassiveResult } from '../passive/contract.js'
import type { Services } from '../services/index.js'

/**
 * Issue 12 on the demo hospital: one period of listening on the mirror port, so a newcomer sees the communications
 * map at once. It is made up from the ledger (stored as `live:demo-synthetic`, never a real recording): modalities
 * store images to the PACS (DICOM), bedside monitors report to their central monitor, central monitors send results to
 * the HL7 engine, pumps talk to the infusion server over HTTP, analyzers send to the laboratory server — and one
 * ultrasound opens HTTPS to an internet address (a documentation address), so the internet-traffic warning shows.
 * Learning what a real network does: `mamori capture import` or `mamori lab traffic --capture`.
 */
const START_US = Date.parse('2026-11-30T08:00:00Z') * 1000

interface Edge {
  from: MapDevice
  to: MapDevice | string
  port: number
  protocol: PassiveProtocol
  transport: 'tcp' | 'udp'
}

export async function seedDemoTraffic(s: Services, actor: Actor, opts: { reset: boolean }): Promise<string | null> {
  const existing = await s.captures.list(200)
  if (existing.some((c) => c.label === 'live:demo-synthetic') && !opts.reset) return null
  const devices = (await s.ports.captureStore.mapDevices()).filter((d) => d.addresses.length > 0)
  const of = (category: string) => devices.filter((d) => d.category === category)
  const edges: Edge[] = []
  const pacs = of('pacs')[0]
  if (pacs)
    for (const m of [
      ...of('ct'),
      ...of('mri'),
      ...of('xray'),
      ...of('mammography'),
      ...of('angiography'),
      ...of('modality_workstation'),
    ])
      edges.push({ from: m, to: pacs, port: 104, protocol: 'dicom', transport: 'tcp' })
  const centrals = of('central_monitor')
  for (const m of of('patient_monitor')) {
    const central = centrals.find((c) => c.segment === m.segment) ?? centrals[0]
    if (central) edges.push({ from: m, to: central, port: 7000, protocol: 'hl7', transport: 'tcp' })
  }
  const engine = of('server').find((d) => d.segment === segmentOf(centrals[0])) ?? of('server')[0]
  if (engine)
    for (const c of centrals) edges.push({ from: c, to: engine, port: 2575, protocol: 'hl7', transport: 'tcp' })
  const infusionServer = of('server')[1] ?? engine
  if (infusionServer)
    for (const p of [...of('infusion_pump'), ...of('syringe_pump')].slice(0, 30))
      edges.push({ from: p, to: infusionServer, port: 80, protocol: 'http', transport: 'tcp' })
  const lab = of('server').find((d) => d.segment === of('lab_analyzer')[0]?.segment)
  if (lab)
    for (const a of of('lab_analyzer')) edges.push({ from: a, to: lab, port: 2575, protocol: 'hl7', transport: 'tcp' })
  const us = of('ultrasound')[0]
  if (us) edges.push({ from: us, to: '203.0.113.80', port: 443, protocol: 'tls', transport: 'tcp' })
  if (edges.length === 0) return null

  const hosts = new Map<string, PassiveHost>()
  const host = (address: string): PassiveHost => {
    let h = hosts.get(address)
    if (!h) {
      h = {
        address,
        mac: null,
        names: [],
        protocols: [],
        services: [],
        events: [],
        external: isExternal(address),
        firstSeenUs: START_US,
        lastSeenUs: START_US + 15 * 60_000_000,
        packetsSent: 0,
        packetsReceived: 0,
        bytesSent: 0,
        bytesReceived: 0,
      }
      hosts.set(address, h)
    }
    return h
  }
  const conversations: Conversation[] = edges.map((e, i) => {
    const client = e.from.addresses[0] as string
    const server = typeof e.to === 'string' ? e.to : (e.to.addresses[0] as string)
    const bytes = e.protocol === 'dicom' ? 48_000_000 + i * 1_000_000 : 120_000 + i * 997
    const packets = Math.round(bytes / 900)
    const c = host(client)
    const srv = host(server)
    c.bytesSent += Math.round(bytes / 2)
    srv.bytesReceived += Math.round(bytes / 2)
    c.packetsSent += Math.round(packets / 2)
    srv.packetsReceived += Math.round(packets / 2)
    for (const h of [c, srv]) if (!h.protocols.includes(e.protocol)) h.protocols.push(e.protocol)
    const svc = srv.services.find((x) => x.port === e.port)
    if (svc) {
      if (svc.clients.length < 50) svc.clients.push(client)
    } else
      srv.services.push({
        port: e.port,
        transport: e.transport,
        protocol: e.protocol,
        clients: [client],
        packets,
        bytes,
        firstSeenUs: START_US,
        lastSeenUs: START_US + 15 * 60_000_000,
      })
    return {
      client,
      server,
      transport: e.transport,
      serverPort: e.port,
      protocol: e.protocol,
      packets,
      bytes,
      firstSeenUs: START_US + i * 1_000_000,
      lastSeenUs: START_US + 15 * 60_000_000,
      firstPacket: i + 1,
    }
  })
  const packets = conversations.reduce((n, c) => n + c.packets, 0)
  const result: PassiveResult = {
    file: { format: null, gzip: false, linkTypes: [1], interfaces: [], bytes: 0, packets },
    firstSeenUs: START_US,
    lastSeenUs: START_US + 15 * 60_000_000,
    hosts: [...hosts.values()],
    conversations,
    problems: [],
    stats: {
      packets,
      bytes: 0,
      decoded: packets,
      notIp: 0,
      fragmentsReassembled: 0,
      tcpFlows: conversations.length,
      udpFlows: 0,
      events: {},
      problems: {},
    },
  }
  const c = await s.captures.importLive(result, 'demo-synthetic', actor)
  return `Traffic map (synthetic demo period): ${c.conversations} conversations between ${c.hosts} addresses, ${c.findings} findings`
}

function segmentOf(d: MapDevice | undefined): string | null {
  return d?.segment ?? null
}
