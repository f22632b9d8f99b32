import {
  EMPTY_SCAN_PROGRESS,
  type Scan,
  type ScanCreate,
  type ScanHost,
  type ScanProgress,
} from '../../api/discovery.js'
import { computeDrift, type DriftReport } from '../core/discovery/drift.js'
import { identifyHost } from '../core/discovery/identify.js'
import type { HostObservation, ProbeObservation } from '../core/discovery/observation.js'
import { parsePortSpec } from '../core/discovery/ports.js'
import { reconcile } from '../core/discovery/reconcile.js'
import { evaluateHost, type LedgerContext } from '../core/discovery/rules/index.js'
import type { JobTrigger } from '../core/jobs/job.js'
import type { Actor, AuditLog, DiscoveryStore, LedgerDevice, ScanStore, StoredHost } from '../core/ports.js'
import { type EngineProgress, runScan, type ScanRequest, type ScanResult } from '../scanner/engine.js'
import { lookupVendor } from '../scanner/oui.js'
import type { JobRunner } from './job-runner.js'
import { planScan, type ScanPlan, type ScanPlanSources } from './scan-plan.js'

export type { ScanPlan }

export type ScanEngine = (
  request: ScanRequest,
  deps: { signal?: AbortSignal; onProgress?: (p: EngineProgress) => void },
) => Promise<ScanResult>

export interface ScanServiceDeps {
  discovery: DiscoveryStore & ScanStore
  /** The whole ledger (reconciliation) and its never-scan/fragile devices (planning). */
  ledger: { ledgerEntries(): Promise<LedgerDevice[]>; scanFlagged: ScanPlanSources['scanFlagged'] }
  audit: Pick<AuditLog, 'record'>
  jobs: JobRunner
  /** The engine; tests may pass one that scans loopback fakes. */
  engine?: ScanEngine
  /** Least time between two writes of a running scan's detailed progress (default 1 s). */
  progressWriteMs?: number
  confirmThreshold?: number
}

const PROGRESS_KEYS = [
  'hostsTotal',
  'hostsDone',
  'hostsUp',
  'portsScanned',
  'openPorts',
  'probesRun',
  'probesPerSecond',
] as const

/**
 * Runs scans as `scan` jobs on the job runner: plans inside the approved scope, runs the engine with the job's
 * signal and progress, then stores hosts, reconciles them with the ledger, evaluates findings and writes the audit
 * log. The same service serves the API, the CLI and the scheduler (trigger `user`, `cli`, `schedule`), so they all
 * show the same progress in `GET /api/jobs` and obey the same rules; stopping a scan cancels its job.
 */
export class ScanService {
  /** Called after this service changed findings or devices (wired to the action plan and risk refresh). */
  afterChange: (actor: Actor) => Promise<void> = async () => {}

  private readonly engine: ScanEngine

  constructor(private readonly deps: ScanServiceDeps) {
    this.engine = deps.engine ?? runScan
  }

  /** Checks targets against scopes, exclusions and "never scan" devices. Throws with the reason when refused. */
  plan(raw: ScanCreate): Promise<ScanPlan> {
    const { discovery, ledger, confirmThreshold } = this.deps
    return planScan(
      raw,
      {
        scopes: () => discovery.scopes(),
        exclusions: () => discovery.exclusions(),
        scanFlagged: () => ledger.scanFlagged(),
      },
      confirmThreshold,
    )
  }

  /**
   * Plans, records and starts a scan as a job. `done` resolves when it has finished and its results are stored;
   * the scan carries its `jobId`.
   */
  async start(
    raw: ScanCreate,
    actor: Actor,
    opts: { scheduleId?: string; trigger?: JobTrigger } = {},
  ): Promise<{ scan: Scan; jobId: string; done: Promise<Scan> }> {
    const plan = await this.plan(raw)
    const scan = await this.deps.discovery.createScan(
      { targets: plan.targets, profile: plan.profile, portSpec: plan.ports, scheduleId: opts.scheduleId ?? null },
      actor,
    )
    const { job, done } = await this.deps.jobs.start(
      'scan',
      {
        subjectId: scan.id,
        actor,
        trigger: opts.trigger ?? (opts.scheduleId ? 'schedule' : 'user'),
        summarize: summarizeScan,
      },
      (ctx) => this.execute(scan.id, plan, actor, ctx),
    )
    // A failure is stored on the scan (status failed) and its job: `done` resolves with the failed scan, and the API,
    // which does not wait, cannot crash the server with it.
    const stored = done.catch(() => this.deps.discovery.scan(scan.id))
    return { scan: { ...scan, jobId: job.id }, jobId: job.id, done: stored }
  }

  /** Stops a scan wherever it runs: cancels its job (this process aborts at once; another sees it on its heartbeat). */
  async stop(id: string, actor: Actor): Promise<Scan> {
    const scan = await this.deps.discovery.scan(id)
    const jobId = (await this.deps.jobs.latestBySubject([id])).get(id)
    if (jobId && (scan.status === 'running' || scan.status === 'queued'))
      await this.deps.jobs.cancel(jobId, actor).catch(() => {}) // already finished: the scan's status says how
    return { ...(await this.deps.discovery.requestStop(id, actor)), jobId: jobId ?? null }
  }

  /** One scan with the id of its job. */
  async get(id: string): Promise<Scan> {
    const scan = await this.deps.discovery.scan(id)
    return { ...scan, jobId: (await this.deps.jobs.latestBySubject([id])).get(id) ?? null }
  }

  /** Recent scans with the ids of their jobs. */
  async list(limit?: number): Promise<Scan[]> {
    const scans = await this.deps.discovery.scans(limit)
    const jobs = await this.deps.jobs.latestBySubject(scans.map((s) => s.id))
    return scans.map((s) => ({ ...s, jobId: jobs.get(s.id) ?? null }))
  }

  /** Stops every scan this process runs (server shutdown): the job runner cancels them and waits. */
  async shutdown(): Promise<void> {
    await this.deps.jobs.shutdown()
  }

  private async execute(
    scanId: string,
    plan: ScanPlan,
    actor: Actor,
    ctx: { signal: AbortSignal; progress(p: { done: number; total?: number | null; phase?: string | null }): void },
  ): Promise<Scan> {
    const { discovery } = this.deps
    let progress: ScanProgress = { ...EMPTY_SCAN_PROGRESS, hostsTotal: plan.allowed.length, refused: plan.refused }
    await discovery.setScanState(scanId, { status: 'running', startedAt: new Date().toISOString(), progress })
    ctx.progress({ done: 0, total: plan.allowed.length, phase: 'discovery' })
    // The scan's detailed counters (open ports, probes/s) are written at most every progressWriteMs, one at a time.
    let lastWrite = 0
    let writing: Promise<void> = Promise.resolve()
    const save = () => {
      const now = Date.now()
      if (now - lastWrite < (this.deps.progressWriteMs ?? 1000)) return
      lastWrite = now
      const snapshot = progress
      writing = writing.then(() => discovery.setScanState(scanId, { progress: snapshot })).catch(() => {})
    }
    try {
      const result = await this.engine(
        {
          targets: plan.allowed,
          approvedScopes: plan.approvedScopes,
          exclusions: plan.exclusions,
          ports: plan.ports,
          profile: plan.profile,
          fragileAddresses: plan.fragileAddresses,
        },
        {
          signal: ctx.signal,
          onProgress: (p) => {
            const next = { ...progress, currentHost: p.currentHost }
            for (const k of PROGRESS_KEYS) next[k] = p[k]
            progress = next
            ctx.progress({ done: p.hostsDone, total: p.hostsTotal, phase: p.phase })
            save()
          },
        },
      )
      await writing
      const stopped = ctx.signal.aborted || result.stopped
      ctx.progress({ done: result.hosts.length, phase: 'store' })
      const ports = parsePortSpec(plan.ports)
      const findings = await this.store(
        scanId,
        result.hosts,
        new Set(plan.allowed),
        new Set([...ports.tcp, ...ports.udp]),
      )
      progress = {
        ...progress,
        hostsDone: result.hosts.length,
        hostsUp: result.hosts.filter((h) => h.state === 'up').length,
        openPorts: result.hosts.reduce((n, h) => n + h.services.filter((s) => s.state === 'open').length, 0),
        findings,
        currentHost: null,
        refused: [...plan.refused, ...result.skipped.map((s) => ({ target: s.address, reason: s.reason }))],
      }
      await discovery.setScanState(scanId, {
        status: stopped ? 'stopped' : 'completed',
        finishedAt: new Date().toISOString(),
        progress,
      })
      await this.deps.audit.record(actor, {
        action: stopped ? 'scan.stopped' : 'scan.complete',
        targetType: 'scan',
        targetId: scanId,
        after: { hostsUp: progress.hostsUp, openPorts: progress.openPorts, findings, skipped: progress.refused.length },
      })
      await this.afterChange(actor)
    } catch (err) {
      await writing
      const message = err instanceof Error ? err.message : String(err)
      // Recording the failure can fail too (database gone): then the caller gets the original error.
      await discovery
        .setScanState(scanId, { status: 'failed', finishedAt: new Date().toISOString(), error: message, progress })
        .then(() =>
          this.deps.audit.record(actor, {
            action: 'scan.fail',
            targetType: 'scan',
            targetId: scanId,
            after: { error: message },
          }),
        )
        .catch(() => {})
      throw err
    }
    return discovery.scan(scanId)
  }

  /** Saves hosts, reconciles with the ledger and evaluates findings. Returns the number of findings observed. */
  private async store(
    scanId: string,
    hosts: HostObservation[],
    scanned: ReadonlySet<string>,
    covered: ReadonlySet<number>,
  ): Promise<number> {
    const { discovery } = this.deps
    const ledger = await this.ledger()
    const rec = reconcile(hosts, ledger.entries, scanned)
    const deviceOf = new Map(rec.matched.map((m) => [m.address, m.deviceId]))
    const stored: StoredHost[] = hosts.map((h) => ({
      observation: h,
      deviceId: deviceOf.get(h.address) ?? null,
      identification: h.state === 'up' ? identifyHost(h, lookupVendor) : null,
    }))
    await discovery.saveHosts(scanId, stored)
    const items = stored
      .filter((h) => h.observation.state === 'up')
      .flatMap((h) => {
        const device = h.deviceId ? ledger.byId.get(h.deviceId) : undefined
        return evaluateHost(h.observation, device ? ledgerContext(device) : null).map((draft) => ({
          key: `${draft.ruleId}|${draft.address}|${draft.port ?? ''}`,
          draft,
          deviceId: h.deviceId,
          siteId: device?.siteId ?? 'default',
        }))
      })
    await discovery.upsertFindings('scan', scanId, items)
    // Findings on fully scanned hosts that this scan did not see again are fixed (only for ports this scan covered).
    const complete = hosts.filter((h) => h.complete && h.state === 'up').map((h) => h.address)
    await discovery.resolveUnseen('scan', scanId, complete, covered)
    return items.length
  }

  /**
   * Stores hosts observed elsewhere (an nmap XML file) as a finished scan, through the same reconciliation and
   * finding rules as an active scan. Runs as a `scan` job (trigger `cli` from `mamori import nmap`).
   */
  async importObservations(
    hosts: HostObservation[],
    source: { label: string; file: string },
    actor: Actor,
    opts: { trigger?: JobTrigger } = {},
  ): Promise<Scan> {
    const targets = [...new Set(hosts.map((h) => h.address))]
    const scan = await this.deps.discovery.createScan({ targets, profile: source.label, portSpec: null }, actor)
    const { job, done } = await this.deps.jobs.start(
      'scan',
      { subjectId: scan.id, actor, trigger: opts.trigger ?? 'user', summarize: summarizeScan },
      async (ctx) => {
        ctx.progress({ done: 0, total: hosts.length, phase: 'store' })
        const stored = await this.storeImported(scan.id, hosts, targets, source, actor)
        ctx.progress({ done: hosts.length })
        return stored
      },
    )
    return { ...(await done), jobId: job.id }
  }

  /**
   * Records what a capture heard (issue 12) as a finished scan with profile `passive`, inside the caller's job: the
   * same reconciliation with the ledger, identification and finding rules as an active scan, and the same finding
   * keys, so a weakness heard and scanned is one finding. Passive hosts are never complete, so nothing is closed.
   */
  async recordPassive(
    hosts: HostObservation[],
    source: { label: string; file: string },
    actor: Actor,
  ): Promise<{ scan: Scan; hosts: ScanHost[] }> {
    const targets = [...new Set(hosts.map((h) => h.address))]
    const created = await this.deps.discovery.createScan({ targets, profile: 'passive', portSpec: null }, actor)
    const scan = await this.storeImported(created.id, hosts, targets, source, actor)
    return { scan, hosts: await this.deps.discovery.hosts(created.id) }
  }

  private async storeImported(
    scanId: string,
    hosts: HostObservation[],
    targets: string[],
    source: { label: string; file: string },
    actor: Actor,
  ): Promise<Scan> {
    const { discovery } = this.deps
    const scan = { id: scanId }
    const covered = new Set(hosts.flatMap((h) => h.services.map((s) => s.port)))
    const findings = await this.store(scan.id, hosts, new Set(targets), covered)
    const now = new Date().toISOString()
    const up = hosts.filter((h) => h.state === 'up')
    await discovery.setScanState(scan.id, {
      status: 'completed',
      startedAt: now,
      finishedAt: now,
      progress: {
        ...EMPTY_SCAN_PROGRESS,
        hostsTotal: hosts.length,
        hostsDone: hosts.length,
        hostsUp: up.length,
        openPorts: up.reduce((n, h) => n + h.services.filter((s) => s.state === 'open').length, 0),
        findings,
      },
    })
    await this.deps.audit.record(actor, {
      action: 'scan.import',
      targetType: 'scan',
      targetId: scan.id,
      after: { file: source.file, hosts: hosts.length, findings },
    })
    await this.afterChange(actor)
    return discovery.scan(scan.id)
  }

  private async ledger() {
    const entries = await this.deps.ledger.ledgerEntries()
    return { entries, byId: new Map(entries.map((e) => [e.id, e])) }
  }

  /** Changes since the previous scan of the same targets. */
  async drift(scanId: string): Promise<DriftReport & { previousScanId: string | null }> {
    const { discovery } = this.deps
    const scan = await discovery.scan(scanId)
    const previous = await discovery.previousScan(scan)
    const current = (await discovery.hosts(scanId)).map(toObservation)
    const before = previous ? (await discovery.hosts(previous.id)).map(toObservation) : []
    return { ...computeDrift(before, current), previousScanId: previous?.id ?? null }
  }
}

/** A scan job's result: how it ended and what it found. */
function summarizeScan(s: Scan): Record<string, unknown> {
  return {
    status: s.status,
    hostsUp: s.progress.hostsUp,
    openPorts: s.progress.openPorts,
    findings: s.progress.findings,
  }
}

/** A stored host back into the engine's shape (for drift). */
export function toObservation(h: ScanHost): HostObservation {
  return {
    address: h.address,
    mac: h.mac,
    hostname: h.hostname,
    state: h.state === 'up' ? 'up' : 'down',
    upReason: null,
    complete: h.complete,
    services: h.services.map((s) => ({
      port: s.port,
      transport: s.transport,
      state: s.state as HostObservation['services'][number]['state'],
      service: s.service,
      banner: s.banner,
      probes: Array.isArray(s.facts) ? (s.facts as ProbeObservation[]) : [],
    })),
  }
}

/** What the scan rules know of a matched device: its model's declaration when confirmed, else the ledger's ports. */
function ledgerContext(device: LedgerDevice): LedgerContext {
  const m = device.modelDeclaration
  return m
    ? { declaredPorts: m.ports, model: { name: m.model, tlsPorts: m.tlsPorts } }
    : { declaredPorts: device.declaredPorts }
}
