/**
 * The scan's running counters and the throttled progress callback. One tracker per scan; the host pipeline and the
 * probe runner bump its counters, and it emits a copy at most every {@link PROGRESS_INTERVAL_MS} (or when forced).
 */

/** Progress of one engine run, as passed to `ScanDeps.onProgress`. (The API's `ScanProgress` is a different type.) */
export interface EngineProgress {
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

/** The minimum time between two unforced progress events. */
export const PROGRESS_INTERVAL_MS = 250

/** Counts progress and emits throttled copies to a listener that may be absent or may throw. */
export class ProgressTracker {
  /** The live counters; mutate them, then call {@link emit}. */
  readonly state: EngineProgress
  // -Infinity: the first event always goes out (performance.now() counts from process start, which may be < 250 ms).
  #lastEmit = Number.NEGATIVE_INFINITY
  readonly #t0: number
  readonly #listener: ((event: EngineProgress) => void) | undefined
  readonly #connectionsStarted: () => number

  constructor(options: {
    hostsTotal: number
    t0: number
    listener?: (event: EngineProgress) => void
    /** Read at each emit: connections started through the gate. */
    connectionsStarted: () => number
  }) {
    this.#t0 = options.t0
    this.#listener = options.listener
    this.#connectionsStarted = options.connectionsStarted
    this.state = {
      phase: 'discovery',
      hostsTotal: options.hostsTotal,
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
  }

  /** Emits a copy of the counters unless one was emitted within the interval (`force` skips that check). */
  emit(force = false): void {
    if (!this.#listener) return
    const t = performance.now()
    if (!force && t - this.#lastEmit < PROGRESS_INTERVAL_MS) return
    this.#lastEmit = t
    const p = this.state
    p.elapsedMs = Math.round(t - this.#t0)
    p.probesPerSecond = p.elapsedMs > 0 ? (p.probesRun * 1000) / p.elapsedMs : 0
    p.connectionsStarted = this.#connectionsStarted()
    try {
      this.#listener({ ...p })
    } catch {
      // A broken progress listener must not break the scan.
    }
  }

  /**
   * Counts one port result. Called once per port (65 535 times per host on a full sweep), so the clock is read for
   * progress every 256 ports only.
   */
  port(state: 'open' | 'closed' | 'filtered'): void {
    this.state.portsScanned++
    if (state === 'open') this.state.openPorts++
    if ((this.state.portsScanned & 0xff) === 0) this.emit()
  }
}
