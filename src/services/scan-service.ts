import type { Kysely } from 'kysely'
import type { Scan, ScanCreate, ScanHost, ScanProgress } from '../../api/discovery.js'
import { scanCreate } from '../../api/discovery.js'
import { refusalReasonJa } from '../../api/refusal-reasons.js'
import { normalizeIp } from '../core/address.js'
import { computeDrift, type DriftReport } from '../core/discovery/drift.js'
import { identifyHost } from '../core/discovery/identify.js'
import type { HostObservation, ProbeObservation } from '../core/discovery/observation.js'
import { parsePortSpec } from '../core/discovery/ports.js'
import { reconcile } from '../core/discovery/reconcile.js'
import { evaluateHost } from '../core/discovery/rules/index.js'
import { checkScope, type Exclusion } from '../core/discovery/scope.js'
import { countAddresses, DEFAULT_CONFIRM_THRESHOLD, parseTargets } from '../core/discovery/targets.js'
import { MamoriError } from '../core/errors.js'
import { type ScanProgress as EngineProgress, runScan, type ScanRequest, type ScanResult } from '../scanner/engine.js'
import { lookupVendor } from '../scanner/oui.js'
import { type Actor, recordAudit } from '../storage/audit-repository.js'
import { DeviceRepository } from '../storage/device-repository.js'
import { type DiscoveryRepository, EMPTY_PROGRESS, type StoredHost } from '../storage/discovery-repository.js'
import type { Database } from '../storage/schema.js'

export type ScanEngine = (
  request: ScanRequest,
  deps: { signal?: AbortSignal; onProgress?: (p: EngineProgress) => void },
) => Promise<ScanResult>

export interface ScanServiceDeps {
  db: Kysely<Database>
  discovery: DiscoveryRepository
  /** The engine; tests may pass one that scans loopback fakes. */
  engine?: ScanEngine
  /** How often the running scan checks for a stop request from another process and saves progress. */
  pollMs?: number
  confirmThreshold?: number
}

/** What a scan will touch, decided before any packet is sent. */
export interface ScanPlan {
  targets: string[]
  allowed: string[]
  refused: { target: string; reason: string }[]
  approvedScopes: string[]
  exclusions: Exclusion[]
  fragileAddresses: string[]
  profile: ScanCreate['profile'] & string
  ports: string
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
 * Runs scans as jobs: plans inside the approved scope, runs the engine with stop/progress, then stores hosts,
 * reconciles them with the ledger, evaluates findings and writes the audit log. The same service serves the API,
 * the CLI and the scheduler, so they all show the same progress and obey the same rules.
 */
export class ScanService {
  private readonly running = new Map<string, AbortController>()
  private readonly finishing = new Set<Promise<Scan>>()
  private readonly engine: ScanEngine
  private readonly pollMs: number

  constructor(private readonly deps: ScanServiceDeps) {
    this.engine = deps.engine ?? runScan
    this.pollMs = deps.pollMs ?? 1000
  }

  /** Checks targets against scopes, exclusions and "never scan" devices. Throws with the reason when refused. */
  async plan(raw: ScanCreate): Promise<ScanPlan> {
    const input = scanCreate.parse(raw)
    const { discovery, db } = this.deps
    const approvedScopes = (await discovery.scopes()).map((s) => s.target)
    const ranges = parseTargets(input.targets)
    const count = countAddresses(ranges)
    const threshold = this.deps.confirmThreshold ?? DEFAULT_CONFIRM_THRESHOLD
    if (count > BigInt(threshold) && !input.confirmLarge) {
      throw new MamoriError(
        'SCAN_CONFIRMATION_REQUIRED',
        {
          en: `The targets cover ${count} addresses (more than ${threshold}). Confirm that this large scan is intended (--yes / confirmLarge).`,
          ja: `対象は ${count} アドレスあり、確認なしでスキャンできる ${threshold} アドレスを超えています。意図した大きなスキャンであることを確認してください（--yes / confirmLarge）。`,
        },
        400,
      )
    }
    const outside = checkScope(input.targets, approvedScopes, []).refused
    if (outside.length > 0) {
      throw new MamoriError(
        'SCAN_OUT_OF_SCOPE',
        {
          en: `Refused: ${outside.map((r) => `${r.target} is ${r.reason}`).join('; ')}. An admin approves scopes with "mamori scope add" or on the Scopes page.`,
          ja: `承認済みスコープの外のため拒否しました: ${outside.map((r) => `${r.target}（${refusalReasonJa(r.reason)}）`).join('、')}。スコープは管理者が「スコープと除外」ページまたは "mamori scope add" で承認します。`,
        },
        403,
        outside.map((r) => ({ where: r.target, message: r.reason, messageJa: refusalReasonJa(r.reason) })),
      )
    }
    const exclusions: Exclusion[] = (await discovery.exclusions()).map((e) => ({
      target: e.address,
      reason: e.reason ? `exclusion list: ${e.reason}` : 'exclusion list',
    }))
    const flagged = await db
      .selectFrom('devices')
      .select(['assetTag', 'ipAddresses', 'neverScan', 'fragile'])
      .where((eb) => eb.or([eb('neverScan', '=', 1), eb('fragile', '=', 1)]))
      .execute()
    const fragileAddresses: string[] = []
    // A ledger row saved before addresses were checked (a host name such as "pump-7.local" in its IP list) must not
    // block every scan: it is skipped and named in the scan's refused list, so that someone fixes the device.
    const ledgerProblems: { target: string; reason: string }[] = []
    for (const d of flagged) {
      const tag = d.assetTag ?? 'no asset tag'
      const ips: string[] = []
      for (const raw of parseJsonList(d.ipAddresses)) {
        const ip = normalizeIp(raw)
        if (ip !== null) ips.push(ip)
        else
          ledgerProblems.push({
            target: raw,
            reason: `ledger device ${tag} has "${raw}" as an IP address, which is not one; skipped (fix the device in the ledger)`,
          })
      }
      if (d.neverScan === 1)
        for (const ip of ips) exclusions.push({ target: ip, reason: `ledger: never scan (${tag})` })
      else fragileAddresses.push(...ips)
    }
    const scope = checkScope(input.targets, approvedScopes, exclusions)
    const { allowed } = scope
    const refused = [...scope.refused, ...ledgerProblems]
    if (allowed.length === 0) {
      throw new MamoriError(
        'SCAN_NOTHING_TO_SCAN',
        {
          en: `Every target address is excluded: ${refused.map((r) => `${r.target} (${r.reason})`).join('; ')}`,
          ja: `対象のアドレスがすべて除外されています: ${refused.map((r) => `${r.target}（${refusalReasonJa(r.reason)}）`).join('、')}`,
        },
        400,
        refused.map((r) => ({ where: r.target, message: r.reason, messageJa: refusalReasonJa(r.reason) })),
      )
    }
    const ports = input.ports ?? 'top'
    parsePortSpec(ports) // throws PORTS_INVALID with the accepted forms before anything starts
    return {
      targets: input.targets,
      allowed,
      refused,
      approvedScopes,
      exclusions,
      fragileAddresses,
      profile: input.profile,
      ports,
    }
  }

  /** Plans, records and starts a scan. `done` resolves when it has finished and its results are stored. */
  async start(
    raw: ScanCreate,
    actor: Actor,
    opts: { scheduleId?: string } = {},
  ): Promise<{ scan: Scan; done: Promise<Scan> }> {
    const plan = await this.plan(raw)
    const scan = await this.deps.discovery.createScan(
      { targets: plan.targets, profile: plan.profile, portSpec: plan.ports, scheduleId: opts.scheduleId ?? null },
      actor,
    )
    const done = this.execute(scan.id, plan, actor)
    this.finishing.add(done)
    // The API does not wait for a scan; a failure is already stored on the scan, so it must not crash the server.
    done.catch(() => {}).finally(() => this.finishing.delete(done))
    return { scan, done }
  }

  /** Asks a scan to stop, wherever it runs (this process aborts at once; another process sees it on its next poll). */
  async stop(id: string, actor: Actor): Promise<Scan> {
    const scan = await this.deps.discovery.requestStop(id, actor)
    this.running.get(id)?.abort()
    return scan
  }

  isRunning(id: string): boolean {
    return this.running.has(id)
  }

  /** Stops every scan this process runs (server shutdown). */
  async shutdown(): Promise<void> {
    for (const ac of this.running.values()) ac.abort()
    // Let stopped scans store their partial results before the database closes (at most 10 s).
    await Promise.race([Promise.allSettled([...this.finishing]), new Promise((r) => setTimeout(r, 10_000).unref())])
  }

  private async execute(scanId: string, plan: ScanPlan, actor: Actor): Promise<Scan> {
    const { discovery } = this.deps
    const ac = new AbortController()
    this.running.set(scanId, ac)
    let progress: ScanProgress = { ...EMPTY_PROGRESS, hostsTotal: plan.allowed.length, refused: plan.refused }
    await discovery.setScanState(scanId, { status: 'running', startedAt: new Date().toISOString(), progress })
    const poll = setInterval(() => {
      void (async () => {
        if ((await discovery.scanStatus(scanId)) === 'stopping') ac.abort()
        await discovery.setScanState(scanId, { progress })
      })().catch(() => {})
    }, this.pollMs)
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
          signal: ac.signal,
          onProgress: (p) => {
            const next = { ...progress, currentHost: p.currentHost }
            for (const k of PROGRESS_KEYS) next[k] = p[k]
            progress = next
          },
        },
      )
      clearInterval(poll)
      const stopped = ac.signal.aborted || result.stopped
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
      await recordAudit(this.deps.db, actor, {
        action: stopped ? 'scan.stopped' : 'scan.complete',
        targetType: 'scan',
        targetId: scanId,
        after: { hostsUp: progress.hostsUp, openPorts: progress.openPorts, findings, skipped: progress.refused.length },
      })
    } catch (err) {
      clearInterval(poll)
      const message = err instanceof Error ? err.message : String(err)
      // Recording the failure can fail too (database gone): then the caller gets the original error.
      await discovery
        .setScanState(scanId, { status: 'failed', finishedAt: new Date().toISOString(), error: message, progress })
        .then(() =>
          recordAudit(this.deps.db, actor, {
            action: 'scan.fail',
            targetType: 'scan',
            targetId: scanId,
            after: { error: message },
          }),
        )
        .catch(() => {
          throw err
        })
    } finally {
      this.running.delete(scanId)
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
        return evaluateHost(h.observation, device ? { declaredPorts: device.declaredPorts } : null).map((draft) => ({
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
   * finding rules as an active scan.
   */
  async importObservations(
    hosts: HostObservation[],
    source: { label: string; file: string },
    actor: Actor,
  ): Promise<Scan> {
    const { discovery } = this.deps
    const targets = [...new Set(hosts.map((h) => h.address))]
    const scan = await discovery.createScan({ targets, profile: source.label, portSpec: null }, actor)
    const covered = new Set(hosts.flatMap((h) => h.services.map((s) => s.port)))
    const findings = await this.store(scan.id, hosts, new Set(targets), covered)
    const now = new Date().toISOString()
    const up = hosts.filter((h) => h.state === 'up')
    await discovery.setScanState(scan.id, {
      status: 'completed',
      startedAt: now,
      finishedAt: now,
      progress: {
        ...EMPTY_PROGRESS,
        hostsTotal: hosts.length,
        hostsDone: hosts.length,
        hostsUp: up.length,
        openPorts: up.reduce((n, h) => n + h.services.filter((s) => s.state === 'open').length, 0),
        findings,
      },
    })
    await recordAudit(this.deps.db, actor, {
      action: 'scan.import',
      targetType: 'scan',
      targetId: scan.id,
      after: { file: source.file, hosts: hosts.length, findings },
    })
    return discovery.scan(scan.id)
  }

  private async ledger() {
    const entries = await new DeviceRepository(this.deps.db).ledgerEntries()
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

/** A JSON list of strings from a ledger row; anything else (a damaged row) reads as empty. */
function parseJsonList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json)
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}
