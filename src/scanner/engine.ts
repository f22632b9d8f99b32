import { setMaxListeners } from 'node:events'
import net from 'node:net'
import type {
  HostObservation,
  ProbeObservation,
  ScanProfileId,
  ScanSummary,
  ServiceObservation,
} from '../core/discovery/observation.js'
import { guessService, guessServiceFromBanner, type PortSet, parsePortSpec } from '../core/discovery/ports.js'
import { type ProfileOverrides, resolveProfile, type ScanProfile } from '../core/discovery/profiles.js'
import { type Exclusion, ScopeGuard } from '../core/discovery/scope.js'
import { canonicalAddress } from '../core/discovery/targets.js'
import { DeadlineQueue } from '../net/deadlines.js'
import { clampInFlight } from '../net/fd-limit.js'
import { ConnectionGate, type GateStats, ScopeViolation } from '../net/gate.js'
import { type SweepState, sweepPorts } from '../net/port-sweep.js'
import { EngineNet } from '../net/probe-net.js'
import { sweepThreadCount, sweepThreaded } from '../net/sweep-threads.js'
import { PROBES } from '../probes/index.js'
import type { Probe, ProbeResult, ServiceTarget } from '../probes/probe.js'
import { discoverHost } from './host-discovery.js'
import { readNeighbours } from './neighbours.js'

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

export interface ScanProgress {
  phase: 'discovery' | 'ports' | 'probes' | 'done'
  hostsTotal: number
  hostsDone: number
  hostsUp: number
  portsScanned: number
  openPorts: number
  probesRun: number
  probesPerSecond: number
  /** Connection attempts and datagrams started so far (all through the gate). */
  connectionsStarted: number
  currentHost: string | null
  elapsedMs: number
}

export interface ScanDeps {
  /** Probe registry; default {@link PROBES}. */
  probes?: readonly Probe[]
  signal?: AbortSignal
  onProgress?: (event: ScanProgress) => void
  /** Neighbour table reader (address → MAC); default reads the kernel's table. */
  neighbours?: () => Promise<Map<string, string>>
  now?: () => Date
}

/** A host that was not scanned, and why (outside scope, excluded, fragile, stopped before it). */
export interface SkippedHost {
  address: string
  reason: string
}

/** What {@link runScan} returns: the shared ScanSummary plus the engine's own accounting. */
export interface ScanResult extends ScanSummary {
  skipped: SkippedHost[]
  ports: PortSet
  /** The limits actually enforced (after overrides and the descriptor clamp). */
  limits: Pick<ScanProfile, 'perHostConcurrency' | 'perHostRate' | 'globalRate' | 'globalConcurrency'>
  stats: GateStats & { probesRun: number; portsScanned: number; elapsedMs: number }
}

/** Services whose client speaks first: waiting for an unprompted banner there only costs time. */
const CLIENT_FIRST = new Set([
  'http',
  'https',
  'dicom',
  'dicom-tls',
  'hl7',
  'smb',
  'rdp',
  'msrpc',
  'mssql',
  'postgresql',
  'ldap',
  'rtsp',
  'ipp',
  'jetdirect',
  'modbus',
  's7',
  'mqtt',
  'mqtt-tls',
  'rpcbind',
  'domain',
])

const BANNER_MAX_BYTES = 1024
const PROGRESS_INTERVAL_MS = 250

/** Bytes as printable text: ASCII kept, everything else as \xNN, so evidence survives storage and display. */
export function printable(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) {
    if ((b >= 0x20 && b < 0x7f && b !== 0x5c) || b === 0x0a || b === 0x0d || b === 0x09) s += String.fromCharCode(b)
    else s += `\\x${b.toString(16).padStart(2, '0')}`
  }
  return s
}

function familyOf(address: string): 4 | 6 {
  return net.isIPv6(address) ? 6 : 4
}

/** Converts a probe's result into the observation stored with the service. */
export function toObservation(probeId: string, r: ProbeResult<Record<string, unknown>>): ProbeObservation {
  switch (r.kind) {
    case 'observed':
      return { probeId, outcome: 'observed', facts: { ...r.facts }, evidence: r.evidence }
    case 'absent':
      return { probeId, outcome: 'absent', facts: {}, evidence: r.evidence ?? '' }
    case 'unreachable':
      return { probeId, outcome: 'unreachable', facts: {}, evidence: '', reason: r.reason }
    case 'incomplete':
      return { probeId, outcome: 'incomplete', facts: { ...r.facts }, evidence: r.evidence, reason: r.reason }
  }
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
  const now = deps.now ?? (() => new Date())
  const startedAt = now()
  const t0 = performance.now()
  const profile = resolveProfile(request.profile ?? 'gentle', request.overrides ?? {})
  const ports = typeof request.ports === 'object' ? request.ports : parsePortSpec(request.ports ?? 'top')
  const guard = new ScopeGuard(request.approvedScopes, request.exclusions ?? [])
  const limits = {
    perHostConcurrency: profile.perHostConcurrency,
    perHostRate: profile.perHostRate,
    globalRate: profile.globalRate,
    globalConcurrency: clampInFlight(profile.globalConcurrency),
  }
  const gate = new ConnectionGate(limits, guard)
  const deadlines = new DeadlineQueue()
  // A private controller: aborting it stops everything of this scan, whether the caller's signal fired or not.
  const controller = new AbortController()
  const outer = deps.signal
  const onOuterAbort = () => controller.abort(abortError())
  if (outer?.aborted) onOuterAbort()
  else outer?.addEventListener('abort', onOuterAbort, { once: true })
  const signal = controller.signal
  // Every connection waiting at the gate listens for the stop; thousands at once is expected, not a leak.
  setMaxListeners(0, signal)
  const netForProbes = new EngineNet({
    gate,
    signal,
    connectTimeoutMs: profile.connectTimeoutMs,
    readTimeoutMs: profile.readTimeoutMs,
  })
  const neighbours = cachedNeighbours(deps.neighbours ?? readNeighbours)
  const probes = selectProbes(deps.probes ?? PROBES, request)
  const fragile = new Set((request.fragileAddresses ?? []).map((a) => canonicalAddress(a) ?? a))
  const intrusiveOk = new Set((request.intrusiveAllowlist ?? []).map((a) => canonicalAddress(a) ?? a))

  const skipped: SkippedHost[] = []
  const queue: string[] = []
  const seen = new Set<string>()
  for (const raw of request.targets) {
    const address = canonicalAddress(raw)
    if (!address) {
      skipped.push({ address: raw, reason: 'not an IP address' })
      continue
    }
    if (seen.has(address)) continue
    seen.add(address)
    const refusal = guard.refusal(address)
    if (refusal) skipped.push({ address, reason: refusal })
    else if (profile.skipFragile && fragile.has(address)) {
      skipped.push({ address, reason: `marked fragile in the ledger: the ${profile.id} profile does not scan it` })
    } else queue.push(address)
  }

  const progress: ScanProgress = {
    phase: 'discovery',
    hostsTotal: queue.length,
    hostsDone: 0,
    hostsUp: 0,
    portsScanned: 0,
    openPorts: 0,
    probesRun: 0,
    probesPerSecond: 0,
    connectionsStarted: 0,
    currentHost: null,
    elapsedMs: 0,
  }
  let lastEmit = 0
  const emit = (force = false) => {
    if (!deps.onProgress) return
    const t = performance.now()
    if (!force && t - lastEmit < PROGRESS_INTERVAL_MS) return
    lastEmit = t
    progress.elapsedMs = Math.round(t - t0)
    progress.probesPerSecond = progress.elapsedMs > 0 ? (progress.probesRun * 1000) / progress.elapsedMs : 0
    progress.connectionsStarted = gate.stats.started
    try {
      deps.onProgress({ ...progress })
    } catch {
      // A broken progress listener must not break the scan.
    }
  }

  const hosts: HostObservation[] = []
  const newHost = (address: string): HostObservation => {
    const host: HostObservation = {
      address,
      mac: null,
      hostname: null,
      state: 'down',
      upReason: null,
      services: [],
      complete: false,
    }
    hosts.push(host)
    return host
  }

  /** Step 1: is it there? Returns false when down (then the host is done). */
  const discover = async (host: HostObservation): Promise<boolean> => {
    progress.currentHost = host.address
    emit()
    if (request.assumeUp) {
      host.state = 'up'
      host.upReason = 'assumed'
    } else {
      const d = await discoverHost(host.address, familyOf(host.address), {
        gate,
        connectTimeoutMs: profile.connectTimeoutMs,
        signal,
        icmp: request.icmp ?? false,
        neighbours,
      })
      if (signal.aborted) return false
      if (!d.up) {
        host.complete = true
        return false
      }
      host.state = 'up'
      host.upReason = d.upReason
    }
    // Read the MAC now, while our connection attempt has just refreshed the neighbour entry: on a long gentle scan
    // entries for early hosts expire before the end (the end-of-scan read below only fills gaps).
    const table = await neighbours().catch(() => new Map<string, string>())
    host.mac ??= table.get(host.address) ?? null
    progress.hostsUp++
    return true
  }

  // Called once per port (65 535 times per host on a full sweep): closed ports are only counted, not stored, and
  // the clock is read for progress every 256 ports only.
  const onPortState = (states: Map<number, SweepState>, port: number, state: SweepState) => {
    if (state !== 'closed') states.set(port, state)
    progress.portsScanned++
    if (state === 'open') progress.openPorts++
    if ((progress.portsScanned & 0xff) === 0) emit()
  }

  /** Step 2 on the main thread: TCP connect sweep through the shared gate. */
  const sweepHost = async (host: HostObservation, states: Map<number, SweepState>): Promise<boolean> => {
    progress.phase = 'ports'
    const sweep = await sweepPorts(host.address, familyOf(host.address), ports.tcp, {
      gate,
      deadlines,
      connectTimeoutMs: profile.connectTimeoutMs,
      retries: profile.retries,
      signal,
      onPort: (port, state) => onPortState(states, port, state),
    })
    return sweep.complete
  }

  /** Steps 3–4: record the ports, add UDP, grab banners and run probes. */
  const examineHost = async (host: HostObservation, states: Map<number, SweepState>, swept: boolean) => {
    // Closed ports are implied by the port set and not listed (as nmap's "Not shown: N closed ports"); filtered
    // ports are listed only when few, otherwise a firewalled host would store 65 535 rows.
    const filtered = [...states].filter(([, st]) => st === 'filtered').length
    for (const [port, state] of [...states].sort((a, b) => a[0] - b[0])) {
      if (state === 'open' || (state === 'filtered' && filtered <= 100)) host.services.push(service(port, 'tcp', state))
    }
    if (!swept || signal.aborted) return
    // UDP: the engine cannot tell open from filtered without a protocol reply; probes confirm.
    for (const port of ports.udp) host.services.push(service(port, 'udp', 'open|filtered'))
    progress.phase = 'probes'
    progress.currentHost = host.address
    await Promise.all(
      host.services
        .filter((x) => x.state === 'open' || x.state === 'open|filtered')
        .map((x) => examineService(host.address, x)),
    )
    if (signal.aborted) return
    host.complete = !host.services.some((x) => x.probes.some((p) => p.outcome === 'incomplete'))
  }

  /** Runs `step` for a host, recording a scope refusal (never expected: checked above) instead of connecting. */
  const guarded = async (host: HostObservation, step: () => Promise<void>) => {
    try {
      await step()
    } catch (e) {
      if (e instanceof ScopeViolation) {
        host.state = 'down'
        skipped.push({ address: host.address, reason: e.reason })
      } else if (!signal.aborted) {
        throw e
      }
    }
  }

  /** The whole pipeline for one host on the main thread (every profile with rate caps, and small scans). */
  const scanHost = async (address: string): Promise<void> => {
    const host = newHost(address)
    await guarded(host, async () => {
      if (!(await discover(host))) return
      const states = new Map<number, SweepState>()
      const swept = await sweepHost(host, states)
      await examineHost(host, states, swept)
    })
    progress.hostsDone++
    emit(true)
  }

  /** Runs `fn` over `items`, at most hostParallelism at once; returns the items never started (stopped). */
  const eachHost = async <T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<T[]> => {
    let next = 0
    const lane = async () => {
      while (next < items.length && !signal.aborted) await fn(items[next++]!)
    }
    await Promise.all(Array.from({ length: Math.min(profile.hostParallelism, Math.max(1, items.length)) }, lane))
    return items.slice(next)
  }

  /**
   * The same pipeline in phases for large rate-free sweeps: discovery of every host, then one threaded sweep of all
   * up hosts (ports spread over worker threads, one core each), then banners and probes. Phases never overlap, so
   * the sweep threads' share of the caps plus the main thread's never exceeds the profile's caps.
   */
  const scanPhased = async (threads: number): Promise<string[]> => {
    const list: HostObservation[] = []
    const notStarted = await eachHost(queue, async (address) => {
      const h = newHost(address)
      list.push(h)
      await guarded(h, async () => void (await discover(h)))
    })
    const up = list.filter((h) => h.state === 'up')
    const states = new Map(up.map((h) => [h.address, new Map<number, SweepState>()]))
    progress.phase = 'ports'
    let results = await sweepThreaded(
      up.map((h) => ({ address: h.address, family: familyOf(h.address) })),
      ports.tcp,
      {
        threads,
        limits,
        connectTimeoutMs: profile.connectTimeoutMs,
        retries: profile.retries,
        approvedScopes: [...request.approvedScopes],
        exclusions: [...(request.exclusions ?? [])],
        signal,
        onPort: (address, port, state) => {
          const m = states.get(address)
          if (m) onPortState(m, port, state)
        },
      },
    )
    if (results === null) {
      // Threads are not available here (e.g. TypeScript sources without a loader): sweep on this thread.
      results = up.map(() => ({ complete: false, unreachable: false, attempts: 0 }))
      await eachHost(up, (h) =>
        guarded(h, async () => {
          results![up.indexOf(h)] = {
            complete: await sweepHost(h, states.get(h.address)!),
            unreachable: false,
            attempts: 0,
          }
        }),
      )
    }
    const swept = results
    progress.hostsDone += list.length - up.length
    const examine = async (h: HostObservation) => {
      await guarded(h, () => examineHost(h, states.get(h.address)!, swept[up.indexOf(h)]?.complete ?? false))
      progress.hostsDone++
      emit(true)
    }
    // Stopped: still record the ports each host answered so far (examineHost skips probes when stopped).
    if (signal.aborted) for (const h of up) await examine(h)
    else await eachHost(up, examine)
    return notStarted
  }

  const examineService = async (address: string, s: ServiceObservation): Promise<void> => {
    if (s.transport === 'tcp' && profile.bannerTimeoutMs > 0 && !CLIENT_FIRST.has(s.service ?? '')) {
      s.banner = await grabBanner(address, s.port)
      s.service = guessServiceFromBanner(s.port, s.banner) ?? s.service
    }
    if (!profile.runProbes) return
    for (const probe of probes) {
      if (signal.aborted) return
      if (probe.transport !== s.transport) continue
      if (probe.safety === 'intrusive' && !(request.allowIntrusive && intrusiveOk.has(address))) continue
      const target: ServiceTarget = {
        address,
        port: s.port,
        transport: s.transport,
        service: s.service,
        banner: s.banner,
      }
      let applies = false
      try {
        applies = probe.applies(target)
      } catch {
        applies = false
      }
      if (!applies) continue
      const obs = await runProbe(probe, target)
      if (signal.aborted && obs.outcome !== 'observed') return
      s.probes.push(obs)
      progress.probesRun++
      emit()
      if (obs.outcome === 'observed') {
        if (s.state === 'open|filtered') s.state = 'open'
        if (s.service === null) s.service = probe.protocol
      }
      // A UDP probe told "port unreachable" by the host proves the port closed (nmap's -sU reasoning).
      if (obs.outcome === 'unreachable' && s.transport === 'udp' && obs.reason?.includes('ICMP port unreachable')) {
        s.state = 'closed'
        break
      }
    }
  }

  const grabBanner = async (address: string, port: number): Promise<string | null> => {
    try {
      const sock = await netForProbes.connect(address, port)
      try {
        const bytes = await sock.read({ timeoutMs: profile.bannerTimeoutMs, maxBytes: BANNER_MAX_BYTES })
        return printable(bytes)
      } catch {
        return null
      } finally {
        sock.close()
      }
    } catch {
      return null
    }
  }

  /** A probe is one polite attempt; a watchdog bounds probes that ignore their own timeouts. */
  const runProbe = async (probe: Probe, target: ServiceTarget): Promise<ProbeObservation> => {
    const limitMs = Math.max(profile.readTimeoutMs * 6, profile.connectTimeoutMs * 4, 10_000)
    let timer: NodeJS.Timeout | undefined
    const watchdog = new Promise<ProbeObservation>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            probeId: probe.id,
            outcome: 'incomplete',
            facts: {},
            evidence: '',
            reason: `the probe did not finish within ${limitMs} ms`,
          }),
        limitMs,
      )
    })
    const attempt = (async (): Promise<ProbeObservation> => {
      try {
        const r = await probe.run(target, { net: netForProbes, signal, timeoutMs: profile.readTimeoutMs })
        return toObservation(probe.id, r)
      } catch (e) {
        const reason = signal.aborted
          ? 'the scan was stopped during this probe'
          : `the probe failed: ${e instanceof Error ? e.message : String(e)}`
        return { probeId: probe.id, outcome: 'incomplete', facts: {}, evidence: '', reason }
      }
    })()
    try {
      return await Promise.race([attempt, watchdog])
    } finally {
      clearTimeout(timer)
    }
  }

  // Hosts side by side, at most hostParallelism at once; large rate-free sweeps spread over threads.
  const threads = sweepThreadCount(limits, queue.length * ports.tcp.length, profile.sweepThreads)
  try {
    const notStarted = threads > 1 ? await scanPhased(threads) : await eachHost(queue, scanHost)
    for (const address of notStarted) skipped.push({ address, reason: 'the scan was stopped before this host' })

    // MAC addresses from the neighbour table (local segment only), read once our traffic has filled it.
    const table = await neighbours(true).catch(() => new Map<string, string>())
    for (const h of hosts) h.mac ??= table.get(h.address) ?? null
  } finally {
    outer?.removeEventListener('abort', onOuterAbort)
    netForProbes.closeAll()
    deadlines.clear()
    gate.close()
  }
  const stopped = signal.aborted
  if (stopped) for (const h of hosts) if (h.state === 'up' || !h.complete) h.complete = false
  progress.phase = 'done'
  progress.currentHost = null
  emit(true)
  const elapsedMs = Math.round(performance.now() - t0)
  return {
    profile: profile.id,
    startedAt: startedAt.toISOString(),
    finishedAt: now().toISOString(),
    hosts: hosts.sort((a, b) => compareAddresses(a.address, b.address)),
    stopped,
    skipped,
    ports,
    limits,
    stats: { ...gate.stats, probesRun: progress.probesRun, portsScanned: progress.portsScanned, elapsedMs },
  }
}

function service(port: number, transport: 'tcp' | 'udp', state: ServiceObservation['state']): ServiceObservation {
  return { port, transport, state, service: guessService(port, transport), banner: null, probes: [] }
}

/** Probes the request may run: the id filter, the right safety (intrusive only when asked for explicitly). */
function selectProbes(all: readonly Probe[], request: ScanRequest): Probe[] {
  const ids = request.probeIds ? new Set(request.probeIds) : null
  return all.filter((p) => (ids ? ids.has(p.id) : true) && (p.safety === 'safe' || request.allowIntrusive === true))
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
