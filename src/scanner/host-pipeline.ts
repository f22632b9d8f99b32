import type { HostObservation, ServiceObservation } from '../core/discovery/observation.js'
import { guessService } from '../core/discovery/ports.js'
import { ScopeViolation } from '../net/gate.js'
import { type SweepState, sweepPorts } from '../net/port-sweep.js'
import { sweepThreaded } from '../net/sweep-threads.js'
import { discoverHost } from './host-discovery.js'
import { ProbeRunner } from './probe-runner.js'
import { familyOf, type ScanContext } from './scan-context.js'

/**
 * The host pipeline: for each admitted address, discovery (is it there?), the TCP sweep, then services, banners and
 * probes. Two schedules over the same named steps: {@link HostPipeline.perHost} runs the whole pipeline for each host
 * (every profile with rate caps, and small scans); {@link HostPipeline.phased} runs each step over every host before
 * the next, so a large rate-free sweep can use worker threads.
 */
export class HostPipeline {
  /** Every host started, in start order. */
  readonly hosts: HostObservation[] = []
  readonly #probes: ProbeRunner

  constructor(private readonly ctx: ScanContext) {
    this.#probes = new ProbeRunner(ctx)
  }

  /** Each host through every step, at most hostParallelism at once. Returns the addresses never started. */
  perHost(queue: readonly string[]): Promise<string[]> {
    return this.#eachHost(queue, async (address) => {
      const host = this.#newHost(address)
      await this.#guarded(host, async () => {
        if (!(await this.#discover(host))) return
        const states = new Map<number, SweepState>()
        const swept = await this.#sweepHost(host, states)
        await this.#examineHost(host, states, swept)
      })
      this.ctx.progress.state.hostsDone++
      this.ctx.progress.emit(true)
    })
  }

  /**
   * The same steps in phases for large rate-free sweeps: discovery of every host, then one threaded sweep of all
   * up hosts (ports spread over worker threads, one core each), then banners and probes. Phases never overlap, so
   * the sweep threads' share of the caps plus the main thread's never exceeds the profile's caps.
   */
  async phased(queue: readonly string[], threads: number): Promise<string[]> {
    const { ctx } = this
    const list: HostObservation[] = []
    const notStarted = await this.#eachHost(queue, async (address) => {
      const h = this.#newHost(address)
      list.push(h)
      await this.#guarded(h, async () => void (await this.#discover(h)))
    })
    const up = list.filter((h) => h.state === 'up')
    const states = new Map(up.map((h) => [h.address, new Map<number, SweepState>()]))
    ctx.progress.state.phase = 'ports'
    let results = await sweepThreaded(
      up.map((h) => ({ address: h.address, family: familyOf(h.address) })),
      ctx.ports.tcp,
      {
        threads,
        limits: ctx.limits,
        connectTimeoutMs: ctx.profile.connectTimeoutMs,
        retries: ctx.profile.retries,
        approvedScopes: [...ctx.approvedScopes],
        exclusions: [...ctx.exclusions],
        signal: ctx.signal,
        onPort: (address, port, state) => {
          const m = states.get(address)
          if (m) this.#onPortState(m, port, state)
        },
      },
    )
    if (results === null) {
      // Threads are not available here (e.g. TypeScript sources without a loader): sweep on this thread.
      results = up.map(() => ({ complete: false, unreachable: false, attempts: 0 }))
      await this.#eachHost(up, (h) =>
        this.#guarded(h, async () => {
          results![up.indexOf(h)] = {
            complete: await this.#sweepHost(h, states.get(h.address)!),
            unreachable: false,
            attempts: 0,
          }
        }),
      )
    }
    const swept = results
    ctx.progress.state.hostsDone += list.length - up.length
    const examine = async (h: HostObservation) => {
      await this.#guarded(h, () =>
        this.#examineHost(h, states.get(h.address)!, swept[up.indexOf(h)]?.complete ?? false),
      )
      ctx.progress.state.hostsDone++
      ctx.progress.emit(true)
    }
    // Stopped: still record the ports each host answered so far (examineHost skips probes when stopped).
    if (ctx.signal.aborted) for (const h of up) await examine(h)
    else await this.#eachHost(up, examine)
    return notStarted
  }

  #newHost(address: string): HostObservation {
    const host: HostObservation = {
      address,
      mac: null,
      hostname: null,
      state: 'down',
      upReason: null,
      services: [],
      complete: false,
    }
    this.hosts.push(host)
    return host
  }

  /** Step 1: is it there? Returns false when down (then the host is done). */
  async #discover(host: HostObservation): Promise<boolean> {
    const { ctx } = this
    ctx.progress.state.currentHost = host.address
    ctx.progress.emit()
    if (ctx.assumeUp) {
      host.state = 'up'
      host.upReason = 'assumed'
    } else {
      const d = await discoverHost(host.address, familyOf(host.address), {
        gate: ctx.gate,
        connectTimeoutMs: ctx.profile.connectTimeoutMs,
        signal: ctx.signal,
        icmp: ctx.icmp,
        neighbours: ctx.neighbours,
      })
      if (ctx.signal.aborted) return false
      if (!d.up) {
        host.complete = true
        return false
      }
      host.state = 'up'
      host.upReason = d.upReason
    }
    // Read the MAC now, while our connection attempt has just refreshed the neighbour entry: on a long gentle scan
    // entries for early hosts expire before the end (the end-of-scan read only fills gaps).
    const table = await ctx.neighbours().catch(() => new Map<string, string>())
    host.mac ??= table.get(host.address) ?? null
    ctx.progress.state.hostsUp++
    return true
  }

  // Closed ports are only counted, not stored.
  #onPortState(states: Map<number, SweepState>, port: number, state: SweepState): void {
    if (state !== 'closed') states.set(port, state)
    this.ctx.progress.port(state)
  }

  /** Step 2 on the main thread: TCP connect sweep through the shared gate. */
  async #sweepHost(host: HostObservation, states: Map<number, SweepState>): Promise<boolean> {
    const { ctx } = this
    ctx.progress.state.phase = 'ports'
    const sweep = await sweepPorts(host.address, familyOf(host.address), ctx.ports.tcp, {
      gate: ctx.gate,
      connectTimeoutMs: ctx.profile.connectTimeoutMs,
      retries: ctx.profile.retries,
      signal: ctx.signal,
      onPort: (port, state) => this.#onPortState(states, port, state),
    })
    return sweep.complete
  }

  /** Steps 3–4: record the ports, add UDP, grab banners and run probes. */
  async #examineHost(host: HostObservation, states: Map<number, SweepState>, swept: boolean): Promise<void> {
    const { ctx } = this
    // Closed ports are implied by the port set and not listed (as nmap's "Not shown: N closed ports"); filtered
    // ports are listed only when few, otherwise a firewalled host would store 65 535 rows.
    const filtered = [...states].filter(([, st]) => st === 'filtered').length
    for (const [port, state] of [...states].sort((a, b) => a[0] - b[0])) {
      if (state === 'open' || (state === 'filtered' && filtered <= 100)) host.services.push(service(port, 'tcp', state))
    }
    if (!swept || ctx.signal.aborted) return
    // UDP: the engine cannot tell open from filtered without a protocol reply; probes confirm.
    for (const port of ctx.ports.udp) host.services.push(service(port, 'udp', 'open|filtered'))
    ctx.progress.state.phase = 'probes'
    ctx.progress.state.currentHost = host.address
    await Promise.all(
      host.services
        .filter((x) => x.state === 'open' || x.state === 'open|filtered')
        .map((x) => this.#probes.examineService(host.address, x)),
    )
    if (ctx.signal.aborted) return
    host.complete = !host.services.some((x) => x.probes.some((p) => p.outcome === 'incomplete'))
  }

  /** Runs `step` for a host, recording a scope refusal (never expected: admission checked) instead of connecting. */
  async #guarded(host: HostObservation, step: () => Promise<void>): Promise<void> {
    try {
      await step()
    } catch (e) {
      if (e instanceof ScopeViolation) {
        host.state = 'down'
        this.ctx.skipped.push({ address: host.address, reason: e.reason })
      } else if (!this.ctx.signal.aborted) {
        throw e
      }
    }
  }

  /** Runs `fn` over `items`, at most hostParallelism at once; returns the items never started (stopped). */
  async #eachHost<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<T[]> {
    let next = 0
    const lane = async () => {
      while (next < items.length && !this.ctx.signal.aborted) await fn(items[next++]!)
    }
    const lanes = Math.min(this.ctx.profile.hostParallelism, Math.max(1, items.length))
    await Promise.all(Array.from({ length: lanes }, lane))
    return items.slice(next)
  }
}

function service(port: number, transport: 'tcp' | 'udp', state: ServiceObservation['state']): ServiceObservation {
  return { port, transport, state, service: guessService(port, transport), banner: null, probes: [] }
}
