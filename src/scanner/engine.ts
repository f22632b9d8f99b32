import { setMaxListeners } from 'node:events'
import { admitTargets, type SkippedHost } from '../core/discovery/admission.js'
import type { HostObservation, ScanProfileId, ScanSummary } from '../core/discovery/observation.js'
import { type PortSet, parsePortSpec } from '../core/discovery/ports.js'
import { type ProfileOverrides, resolveProfile, type ScanProfile } from '../core/discovery/profiles.js'
import { type Exclusion, ScopeGuard } from '../core/discovery/scope.js'
import { canonicalAddress } from '../core/discovery/targets.js'
import { clampInFlight } from '../net/fd-limit.js'
import { ConnectionGate, type GateStats } from '../net/gate.js'
import { EngineNet } from '../net/probe-net.js'
import { sweepThreadCount } from '../net/sweep-threads.js'
import { PROBES } from '../probes/index.js'
import type { Probe } from '../probes/probe.js'
import { HostPipeline } from './host-pipeline.js'
import { readNeighbours } from './neighbours.js'
import { selectProbes } from './probe-runner.js'
import type { EngineProgress } from './progress-tracker.js'
import { ProgressTracker } from './progress-tracker.js'
import { familyOf, type ScanContext } from './scan-context.js'

export { printable, toProbeObservation } from './probe-runner.js'

/**
 * The active-discovery engine: host discovery, TCP connect sweep, UDP checks, banner grabs and probes, all through
 * one {@link ConnectionGate} that enforces the approved scope and the profile's hard limits. Stopping (AbortSignal)
 * is immediate; what was learnt so far is returned, marked incomplete.
 */

export interface ScanRequest {
  /** Addresses to scan (normally `checkScope(...).allowed`). Each is re-checked against the scope here. */
  targets: readonly string[]
  /** The approved scopes (CIDR/range/address texts). The engine refuses any address outside them. */
  approvedScopes: readonly string[]
  /** Exclusions and devices marked "never scan" (addresses or ranges, with reasons). */
  exclusions?: readonly (Exclusion | string)[]
  /** Port spec ('top', '22,80,1-1024', 'T:-,U:161') or an already parsed set. Default 'top'. */
  ports?: string | PortSet
  profile?: ScanProfileId
  overrides?: ProfileOverrides
  /** Hosts the ledger marks fragile: skipped (with a recorded reason) when the profile says so. */
  fragileAddresses?: readonly string[]
  /** Run probes declared 'intrusive' too. Only together with an explicit address allowlist. */
  allowIntrusive?: boolean
  intrusiveAllowlist?: readonly string[]
  /** Only these probe ids (default: every applicable one). */
  probeIds?: readonly string[]
  /** Treat every target as up (nmap -Pn): skip host discovery. */
  assumeUp?: boolean
  /** Try ICMP echo (system ping) for hosts that answer no TCP. Default false. */
  icmp?: boolean
}

/** The engine's progress event (named `EngineProgress`; `ScanProgress` kept for existing callers). */
export type ScanProgress = EngineProgress
export type { EngineProgress }

export interface ScanDeps {
  /** Probe registry; default {@link PROBES}. */
  probes?: readonly Probe[]
  signal?: AbortSignal
  onProgress?: (event: ScanProgress) => void
  /** Neighbour table reader (address → MAC); default reads the kernel's table. */
  neighbours?: () => Promise<Map<string, string>>
  now?: () => Date
}

export type { SkippedHost }

/** What {@link runScan} returns: the shared ScanSummary plus the engine's own accounting. */
export interface ScanResult extends ScanSummary {
  skipped: SkippedHost[]
  ports: PortSet
  /** The limits actually enforced (after overrides and the descriptor clamp). */
  limits: Pick<ScanProfile, 'perHostConcurrency' | 'perHostRate' | 'globalRate' | 'globalConcurrency'>
  stats: GateStats & { probesRun: number; portsScanned: number; elapsedMs: number }
}

function abortError(): Error {
  const e = new Error('The scan was stopped.')
  e.name = 'AbortError'
  return e
}

/**
 * Runs one scan. Never throws for network trouble: unreachable hosts, resets and stalls become states and
 * reasons. Throws only for invalid requests (bad port spec or profile override, MamoriError).
 *
 * @example
 * const { allowed } = checkScope(['10.0.0.0/28'], scopes, exclusions)
 * const result = await runScan({ targets: allowed, approvedScopes: scopes, profile: 'gentle' }, { signal })
 */
export async function runScan(request: ScanRequest, deps: ScanDeps = {}): Promise<ScanResult> {
  return new ScanRun(request, deps).run()
}

/**
 * One run of the engine as named steps (after Kysely's `Migrator`): {@link ScanRun.admit} the targets,
 * {@link ScanRun.sweep} them through the host pipeline, {@link ScanRun.fillMacs} from the neighbour table,
 * {@link ScanRun.release} sockets and timers, {@link ScanRun.summarise}.
 */
class ScanRun {
  readonly #t0 = performance.now()
  readonly #now: () => Date
  readonly #startedAt: Date
  readonly #profile: ScanProfile
  readonly #ports: PortSet
  readonly #guard: ScopeGuard
  readonly #limits: ScanResult['limits']
  readonly #gate: ConnectionGate
  // A private controller: aborting it stops everything of this scan, whether the caller's signal fired or not.
  readonly #controller = new AbortController()
  readonly #onOuterAbort = () => this.#controller.abort(abortError())

  constructor(
    private readonly request: ScanRequest,
    private readonly deps: ScanDeps,
  ) {
    this.#now = deps.now ?? (() => new Date())
    this.#startedAt = this.#now()
    this.#profile = resolveProfile(request.profile ?? 'gentle', request.overrides ?? {})
    this.#ports = typeof request.ports === 'object' ? request.ports : parsePortSpec(request.ports ?? 'top')
    this.#guard = new ScopeGuard(request.approvedScopes, request.exclusions ?? [])
    this.#limits = {
      perHostConcurrency: this.#profile.perHostConcurrency,
      perHostRate: this.#profile.perHostRate,
      globalRate: this.#profile.globalRate,
      globalConcurrency: clampInFlight(this.#profile.globalConcurrency),
    }
    this.#gate = new ConnectionGate(this.#limits, this.#guard)
  }

  async run(): Promise<ScanResult> {
    const outer = this.deps.signal
    if (outer?.aborted) this.#onOuterAbort()
    else outer?.addEventListener('abort', this.#onOuterAbort, { once: true })
    const signal = this.#controller.signal
    // Every connection waiting at the gate listens for the stop; thousands at once is expected, not a leak.
    setMaxListeners(0, signal)
    const { queue, skipped } = this.#admit()
    const ctx = this.#context(queue.length, skipped)
    const pipeline = new HostPipeline(ctx)
    try {
      await this.#sweep(ctx, pipeline, queue)
      await this.#fillMacs(ctx, pipeline.hosts)
    } finally {
      this.#release(ctx)
    }
    return this.#summarise(ctx, pipeline.hosts)
  }

  /** Step 1 (pure): which targets to start on, and why the others are skipped. */
  #admit() {
    return admitTargets(this.request.targets, {
      refusal: (a) => this.#guard.refusal(a),
      profileId: this.#profile.id,
      skipFragile: this.#profile.skipFragile,
      fragileAddresses: this.request.fragileAddresses,
    })
  }

  #context(hostsTotal: number, skipped: SkippedHost[]): ScanContext {
    const { request, deps } = this
    const signal = this.#controller.signal
    const intrusiveOk = new Set((request.intrusiveAllowlist ?? []).map((a) => canonicalAddress(a) ?? a))
    return {
      profile: this.#profile,
      ports: this.#ports,
      limits: this.#limits,
      approvedScopes: request.approvedScopes,
      exclusions: request.exclusions ?? [],
      assumeUp: request.assumeUp ?? false,
      icmp: request.icmp ?? false,
      gate: this.#gate,
      signal,
      net: new EngineNet({
        gate: this.#gate,
        signal,
        connectTimeoutMs: this.#profile.connectTimeoutMs,
        readTimeoutMs: this.#profile.readTimeoutMs,
      }),
      neighbours: cachedNeighbours(deps.neighbours ?? readNeighbours),
      probes: selectProbes(deps.probes ?? PROBES, request),
      intrusiveAllowed: (address) => request.allowIntrusive === true && intrusiveOk.has(address),
      progress: new ProgressTracker({
        hostsTotal,
        t0: this.#t0,
        listener: deps.onProgress,
        connectionsStarted: () => this.#gate.stats.started,
      }),
      skipped,
    }
  }

  /** Step 2: hosts side by side, at most hostParallelism at once; large rate-free sweeps spread over threads. */
  async #sweep(ctx: ScanContext, pipeline: HostPipeline, queue: string[]): Promise<void> {
    const threads = sweepThreadCount(this.#limits, queue.length * this.#ports.tcp.length, this.#profile.sweepThreads)
    const notStarted = threads > 1 ? await pipeline.phased(queue, threads) : await pipeline.perHost(queue)
    for (const address of notStarted) ctx.skipped.push({ address, reason: 'the scan was stopped before this host' })
  }

  /** Step 3: MAC addresses from the neighbour table (local segment only), read once our traffic has filled it. */
  async #fillMacs(ctx: ScanContext, hosts: HostObservation[]): Promise<void> {
    const table = await ctx.neighbours(true).catch(() => new Map<string, string>())
    for (const h of hosts) h.mac ??= table.get(h.address) ?? null
  }

  /** Step 4 (always, even after a throw): close sockets, timers and the gate. */
  #release(ctx: ScanContext): void {
    this.deps.signal?.removeEventListener('abort', this.#onOuterAbort)
    ctx.net.closeAll()
    this.#gate.close()
  }

  /** Step 5: the result, hosts in address order; a stopped scan marks every host it touched incomplete. */
  #summarise(ctx: ScanContext, hosts: HostObservation[]): ScanResult {
    const stopped = ctx.signal.aborted
    if (stopped) for (const h of hosts) if (h.state === 'up' || !h.complete) h.complete = false
    const progress = ctx.progress
    progress.state.phase = 'done'
    progress.state.currentHost = null
    progress.emit(true)
    const elapsedMs = Math.round(performance.now() - this.#t0)
    return {
      profile: this.#profile.id,
      startedAt: this.#startedAt.toISOString(),
      finishedAt: this.#now().toISOString(),
      hosts: hosts.sort((a, b) => compareAddresses(a.address, b.address)),
      stopped,
      skipped: ctx.skipped,
      ports: this.#ports,
      limits: this.#limits,
      stats: {
        ...this.#gate.stats,
        probesRun: progress.state.probesRun,
        portsScanned: progress.state.portsScanned,
        elapsedMs,
      },
    }
  }
}

/** Reads the neighbour table at most once a second (discovery of many hosts would otherwise spawn `ip` each time). */
function cachedNeighbours(read: () => Promise<Map<string, string>>): (fresh?: boolean) => Promise<Map<string, string>> {
  let at = 0
  let pending: Promise<Map<string, string>> | null = null
  return (fresh = false) => {
    const t = performance.now()
    if (!pending || fresh || t - at > 1000) {
      at = t
      pending = read()
    }
    return pending
  }
}

function compareAddresses(a: string, b: string): number {
  const fa = familyOf(a)
  const fb = familyOf(b)
  if (fa !== fb) return fa - fb
  if (fa === 4) {
    const na = a.split('.').map(Number)
    const nb = b.split('.').map(Number)
    for (let i = 0; i < 4; i++) if (na[i] !== nb[i]) return (na[i] ?? 0) - (nb[i] ?? 0)
    return 0
  }
  return a < b ? -1 : a > b ? 1 : 0
}
