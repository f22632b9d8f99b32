import { randomUUID } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type {
  CaptureDetail,
  CaptureImport,
  CaptureProblemView,
  PassiveHostView,
  TrafficEdge,
  TrafficMap,
  TrafficMapQuery,
  TrafficNode,
} from '../../../api/capture.js'
import type { ScanHost } from '../../../api/discovery.js'
import { MamoriError } from '../../core/errors.js'
import type { JobTrigger } from '../../core/jobs/job.js'
import { bilingual } from '../../core/messages/translate.js'
import type { Actor, AuditLog } from '../../core/ports.js'
import type { CaptureStore, MapDevice } from '../../core/traffic/store.js'
import { trafficCsv, trafficGraphml } from '../../exporters/traffic-map.js'
import { isExternal, isoOfUs } from '../../passive/analyze/addresses.js'
import { toHostObservations } from '../../passive/analyze/observations.js'
import type { CaptureProblem, PassiveResult } from '../../passive/contract.js'
import { analyzeFileInWorker } from '../../passive/worker-client.js'
import { lookupVendor } from '../../scanner/oui.js'
import type { JobRunner } from '../job-runner.js'
import type { ScanService } from '../scan-service.js'

/** Analyses one file (the server uses a worker thread; tests may pass their own). */
export type AnalyzeFile = (
  file: string,
  opts: {
    signal?: AbortSignal
    onProgress?(p: { bytes: number; packets: number }): void
    maxDecompressedBytes?: number
  },
) => Promise<PassiveResult>

export interface CaptureServiceDeps {
  store: CaptureStore
  jobs: JobRunner
  scans: ScanService
  clock: { now(): Date }
  audit: Pick<AuditLog, 'record'>
  analyze?: AnalyzeFile
  /** Most bytes a gzip capture may inflate to (a gzip bomb); the CLI passes none. */
  maxDecompressedBytes?: number
}

/** Problems kept on the record (all are counted). */
const KEPT_PROBLEMS = 100

/** A problem with its words from the catalog (`capture.problem.<code>`). */
export function problemView(p: CaptureProblem): CaptureProblemView {
  const words = bilingual(`capture.problem.${p.code}`, {
    offset: p.offset,
    packet: p.packet ?? '—',
    detail: p.detail,
  })
  return { ...p, messageJa: words.ja, messageEn: words.en }
}

/** Label of a node of the map: the ledger's asset tag and name, else the address. */
function nodeLabel(d: MapDevice | undefined, address: string): string {
  if (!d) return address
  const tag = d.assetTag ?? ''
  const name = d.name ?? ''
  return tag && name ? `${tag} ${name}` : tag || name || address
}

/**
 * Passive discovery (issue 12, ADR 0044): capture files and live periods analysed into hosts, findings and the
 * communications map. Hosts and findings enter through `ScanService.recordPassive` (profile `passive`), so the
 * ledger, the rules and the action plan see them as they see a scan's; the map is summed over every capture.
 */
export class CaptureService {
  /** Called after a capture stored hosts and the map (wired to the risk and action refresh: internet traffic). */
  afterChange: (actor: Actor) => Promise<void> = async () => {}

  private readonly analyze: AnalyzeFile

  constructor(private readonly deps: CaptureServiceDeps) {
    this.analyze = deps.analyze ?? analyzeFileInWorker
  }

  /**
   * Imports a capture file as a `capture` job (progress in bytes of the file, then storing; cancel stores nothing).
   * `done` resolves with the finished record (failed when the file is no capture).
   */
  async importFile(
    file: string,
    actor: Actor,
    opts: { label?: string; trigger?: JobTrigger; maxDecompressedBytes?: number } = {},
  ): Promise<{ capture: CaptureImport; jobId: string; done: Promise<CaptureImport> }> {
    const info = await stat(file).catch(() => null)
    if (!info) throw MamoriError.of('FILE_NOT_FOUND', { file })
    if (!info.isFile()) throw MamoriError.of('FILE_NOT_FOUND', { file })
    const id = randomUUID()
    const label = opts.label ?? basename(file)
    await this.deps.store.createCapture(
      {
        id,
        kind: 'file',
        label,
        fileBytes: info.size,
        createdAt: this.deps.clock.now().toISOString(),
        createdBy: actor.name,
      },
      actor,
    )
    const size = info.size
    const { job, done } = await this.deps.jobs.start(
      'capture',
      {
        subjectId: id,
        actor,
        trigger: opts.trigger ?? 'user',
        summarize: (c: CaptureImport) => ({ status: c.status, hosts: c.hosts, findings: c.findings }),
      },
      async (ctx) => {
        ctx.progress({ done: 0, total: size, phase: 'read' })
        let result: PassiveResult
        try {
          result = await this.analyze(file, {
            signal: ctx.signal,
            maxDecompressedBytes: opts.maxDecompressedBytes ?? this.deps.maxDecompressedBytes,
            onProgress: (p) => ctx.progress({ done: Math.min(p.bytes, size), total: size, phase: 'read' }),
          })
        } catch (error) {
          const cancelled = ctx.signal.aborted
          await this.deps.store.abandonCapture(
            id,
            cancelled ? 'cancelled' : 'failed',
            cancelled ? null : error instanceof Error ? error.message : String(error),
            actor,
          )
          if (cancelled) throw error
          return this.record(id)
        }
        ctx.progress({ done: size, total: size, phase: 'store' })
        return this.store(id, label, result, actor)
      },
    )
    await this.deps.store.setCaptureJob(id, job.id)
    const settled = done.catch(() => this.record(id))
    return { capture: { ...(await this.record(id)), jobId: job.id }, jobId: job.id, done: settled }
  }

  /** Stores one live capture period (`mamori capture live`), through the same path as a file. */
  async importLive(result: PassiveResult, iface: string, actor: Actor): Promise<CaptureImport> {
    const id = randomUUID()
    const label = `live:${iface}`
    await this.deps.store.createCapture(
      {
        id,
        kind: 'live',
        label,
        fileBytes: result.file.bytes,
        createdAt: this.deps.clock.now().toISOString(),
        createdBy: actor.name,
      },
      actor,
    )
    return this.store(id, label, result, actor)
  }

  private async store(id: string, label: string, result: PassiveResult, actor: Actor): Promise<CaptureImport> {
    const fatal = result.problems.find((p) => p.severity === 'fatal')
    const problems = result.problems.slice(0, KEPT_PROBLEMS).map(problemView)
    if (result.file.packets === 0 && fatal) {
      await this.deps.store.finishCapture(
        id,
        {
          summary: {
            status: 'failed',
            format: result.file.format,
            gzip: result.file.gzip,
            bytesRead: result.file.bytes,
            packets: 0,
            linkTypes: result.file.linkTypes,
            firstSeen: null,
            lastSeen: null,
            hosts: 0,
            conversations: 0,
            findings: 0,
            problemCounts: result.stats.problems,
            problems,
            scanId: null,
            error: problemView(fatal).messageEn,
            finishedAt: this.deps.clock.now().toISOString(),
          },
          hosts: [],
          edges: [],
        },
        actor,
        { label, status: 'failed', problem: fatal.code },
      )
      return this.record(id)
    }
    const observations = toHostObservations(result, { label, captureId: id })
    let scanHosts: ScanHost[] = []
    let scanId: string | null = null
    let findings = 0
    if (observations.length > 0) {
      const recorded = await this.deps.scans.recordPassive(observations, { label: 'passive', file: label }, actor)
      scanHosts = recorded.hosts
      scanId = recorded.scan.id
      findings = recorded.scan.progress.findings
    }
    const byAddress = new Map(scanHosts.map((h) => [h.address, h]))
    const ledger = new Map<string, string>()
    for (const d of await this.deps.store.mapDevices()) for (const a of d.addresses) ledger.set(a, d.id)
    const deviceOf = (address: string) => byAddress.get(address)?.deviceId ?? ledger.get(address) ?? null
    const hosts: PassiveHostView[] = result.hosts.map((h) => {
      const s = byAddress.get(h.address)
      return {
        address: h.address,
        mac: h.mac,
        // The OUI registry's entry is the maker's name, then its postal address: the name is enough.
        vendor: h.mac ? (lookupVendor(h.mac)?.split('\n')[0] ?? null) : null,
        names: h.names,
        protocols: h.protocols,
        services: h.services.map((x) => ({
          port: x.port,
          transport: x.transport,
          protocol: x.protocol,
          clients: x.clients.length,
        })),
        identification: s?.identification ?? null,
        deviceId: deviceOf(h.address),
        assetTag: null,
        external: h.external,
        firstSeen: isoOfUs(h.firstSeenUs),
        lastSeen: isoOfUs(h.lastSeenUs),
        bytesSent: h.bytesSent,
        bytesReceived: h.bytesReceived,
      }
    })
    const edges: TrafficEdge[] = result.conversations.map((c) => ({
      client: c.client,
      server: c.server,
      transport: c.transport,
      serverPort: c.serverPort,
      protocol: c.protocol,
      packets: c.packets,
      bytes: c.bytes,
      firstSeen: isoOfUs(c.firstSeenUs),
      lastSeen: isoOfUs(c.lastSeenUs),
      clientDeviceId: deviceOf(c.client),
      serverDeviceId: deviceOf(c.server),
    }))
    await this.deps.store.finishCapture(
      id,
      {
        summary: {
          status: 'completed',
          format: result.file.format,
          gzip: result.file.gzip,
          bytesRead: result.file.bytes,
          packets: result.file.packets,
          linkTypes: result.file.linkTypes,
          firstSeen: result.firstSeenUs === null ? null : isoOfUs(result.firstSeenUs),
          lastSeen: result.lastSeenUs === null ? null : isoOfUs(result.lastSeenUs),
          hosts: hosts.length,
          conversations: edges.length,
          findings,
          problemCounts: result.stats.problems,
          problems,
          scanId,
          error: fatal ? problemView(fatal).messageEn : null,
          finishedAt: this.deps.clock.now().toISOString(),
        },
        hosts,
        edges,
      },
      actor,
      { label, packets: result.file.packets, hosts: hosts.length, conversations: edges.length, findings, scanId },
    )
    // The scan path re-scored before the map was stored; internet traffic is only known now.
    await this.afterChange(actor)
    return this.record(id)
  }

  private async record(id: string): Promise<CaptureImport> {
    const c = await this.deps.store.getCapture(id)
    if (!c) throw MamoriError.of('CAPTURE_NOT_FOUND', { id })
    return c
  }

  list(limit = 50): Promise<CaptureImport[]> {
    return this.deps.store.listCaptures(limit)
  }

  /** One capture with the hosts heard in it. */
  async get(id: string): Promise<CaptureDetail> {
    const capture = await this.record(id)
    return { ...capture, hostList: await this.deps.store.captureHosts(id) }
  }

  /** The communications map, filtered to one device (id or asset tag) or one ledger segment. */
  async trafficMap(q: Pick<TrafficMapQuery, 'device' | 'segment' | 'limit'>): Promise<TrafficMap> {
    const devices = await this.deps.store.mapDevices()
    const byId = new Map(devices.map((d) => [d.id, d]))
    const byAddress = new Map<string, MapDevice>()
    for (const d of devices) for (const a of d.addresses) byAddress.set(a, d)
    let addresses: string[] | undefined
    if (q.device) {
      const d = byId.get(q.device) ?? devices.find((x) => x.assetTag === q.device)
      if (!d) throw MamoriError.of('TRAFFIC_DEVICE_UNKNOWN', { device: q.device })
      addresses = d.addresses
      // Addresses heard for the device but no longer in its ledger row still belong to it.
      const heard = await this.deps.store.trafficEdges({ limit: q.limit })
      for (const e of heard.edges) {
        if (e.clientDeviceId === d.id) addresses.push(e.client)
        if (e.serverDeviceId === d.id) addresses.push(e.server)
      }
      addresses = [...new Set(addresses)]
    } else if (q.segment) {
      addresses = devices.filter((d) => d.segment === q.segment).flatMap((d) => d.addresses)
    }
    const { edges, total } = await this.deps.store.trafficEdges({ addresses, limit: q.limit })
    const nodes = new Map<string, TrafficNode>()
    const node = (address: string, deviceId: string | null) => {
      const d = (deviceId ? byId.get(deviceId) : undefined) ?? byAddress.get(address)
      if (!nodes.has(address))
        nodes.set(address, {
          address,
          deviceId: d?.id ?? null,
          assetTag: d?.assetTag ?? null,
          label: nodeLabel(d, address),
          category: d?.category ?? null,
          segment: d?.segment ?? null,
          external: isExternal(address),
        })
      return nodes.get(address) as TrafficNode
    }
    const linked = edges.map((e) => ({
      ...e,
      clientDeviceId: node(e.client, e.clientDeviceId).deviceId,
      serverDeviceId: node(e.server, e.serverDeviceId).deviceId,
    }))
    return { nodes: [...nodes.values()], edges: linked, truncated: total > edges.length, totalEdges: total }
  }

  /** The map as a CSV or GraphML file, audited as an export. */
  async exportMap(
    q: Pick<TrafficMapQuery, 'device' | 'segment' | 'limit'>,
    format: 'csv' | 'graphml',
    actor: Actor,
  ): Promise<{ fileName: string; body: Buffer }> {
    const map = await this.trafficMap(q)
    const body = format === 'csv' ? trafficCsv(map) : Buffer.from(trafficGraphml(map), 'utf8')
    await this.deps.audit.record(actor, {
      action: 'traffic.export',
      targetType: 'traffic',
      targetId: q.device ?? q.segment ?? null,
      after: { format, edges: map.edges.length, nodes: map.nodes.length },
    })
    const day = this.deps.clock.now().toISOString().slice(0, 10)
    return { fileName: `mamori-traffic-map-${day}.${format}`, body }
  }

  /** Device ids that talked to the internet, and those heard at all (risk's `internetTraffic`). */
  internetTraffic(): Promise<{ heard: Set<string>; external: Set<string> }> {
    return this.deps.store.internetTraffic()
  }
}
