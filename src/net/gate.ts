import type { ScopeGuard } from '../core/discovery/scope.js'

/**
 * The single door every connection attempt and UDP datagram passes through: the approved scope, then the hard
 * limits of the profile. Port sweeps, banner grabs and probes' connections (via the engine's ProbeNet) all take a
 * slot here and give it back when their socket is closed, so no code path can exceed the caps or leave the scope.
 *
 * Rate caps are enforced as a minimum spacing between starts (a token bucket of depth one): with a cap of N per
 * second, two starts to one host are at least 1000/N ms apart, so no sliding one-second window ever holds more than
 * N starts. The spacing is widened by {@link RATE_MARGIN} so that timer jitter and kernel queueing cannot push the
 * rate measured at the device above the cap.
 */

export interface GateLimits {
  /** Slots held at once per host (connections open, UDP exchanges waiting). */
  perHostConcurrency: number
  /** New slots per second per host; null = no rate cap. */
  perHostRate: number | null
  /** New slots per second overall; null = no rate cap. */
  globalRate: number | null
  /** Slots held at once overall (sockets in flight). */
  globalConcurrency: number
}

/** Relative widening of the start spacing (2 %): keeps the measured rate strictly under the cap. */
export const RATE_MARGIN = 0.02

/** Thrown (or passed to callbacks) when an address is outside the approved scope: a bug upstream, never a retry. */
export class ScopeViolation extends Error {
  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(`Refusing to contact ${address}: ${reason}. A scan never leaves its approved scope.`)
    this.name = 'ScopeViolation'
  }
}

interface HostState {
  inFlight: number
  /** performance.now() before which no new start is allowed. */
  nextAt: number
}

interface Waiter {
  address: string
  grant: () => void
}

/** Counters kept for progress reports and benchmarks. */
export interface GateStats {
  started: number
  maxGlobalInFlight: number
  maxHostInFlight: number
}

export class ConnectionGate {
  readonly #limits: GateLimits
  readonly #hostInterval: number
  readonly #globalInterval: number
  readonly #scope: Pick<ScopeGuard, 'refusal'>
  readonly #scopeCache = new Map<string, string | null>()
  readonly #hosts = new Map<string, HostState>()
  #waiters: Waiter[] = []
  readonly #granted: Waiter[] = []
  #inFlight = 0
  #pumpQueued = false
  #globalNextAt = 0
  #timer: NodeJS.Timeout | null = null
  #timerAt = Number.POSITIVE_INFINITY
  readonly stats: GateStats = { started: 0, maxGlobalInFlight: 0, maxHostInFlight: 0 }

  constructor(limits: GateLimits, scope: Pick<ScopeGuard, 'refusal'>) {
    this.#limits = limits
    this.#scope = scope
    this.#hostInterval = limits.perHostRate ? (1000 / limits.perHostRate) * (1 + RATE_MARGIN) : 0
    this.#globalInterval = limits.globalRate ? (1000 / limits.globalRate) * (1 + RATE_MARGIN) : 0
  }

  get limits(): Readonly<GateLimits> {
    return this.#limits
  }

  /** Slots held right now across all hosts. */
  get inFlight(): number {
    return this.#inFlight
  }

  /** Throws {@link ScopeViolation} unless the address is inside the approved scope and not excluded. */
  assertInScope(address: string): void {
    let refusal = this.#scopeCache.get(address)
    if (refusal === undefined) {
      refusal = this.#scope.refusal(address)
      this.#scopeCache.set(address, refusal)
    }
    if (refusal !== null) throw new ScopeViolation(address, refusal)
  }

  #host(address: string): HostState {
    let h = this.#hosts.get(address)
    if (!h) {
      h = { inFlight: 0, nextAt: 0 }
      this.#hosts.set(address, h)
    }
    return h
  }

  /** 0 when a slot can start now, a positive wait (ms) when only a rate cap blocks, -1 when concurrency blocks. */
  #wait(h: HostState, now: number): number {
    if (this.#inFlight >= this.#limits.globalConcurrency || h.inFlight >= this.#limits.perHostConcurrency) return -1
    const at = Math.max(h.nextAt, this.#globalNextAt)
    return at > now ? at - now : 0
  }

  #take(h: HostState, now: number): void {
    h.inFlight++
    this.#inFlight++
    if (this.#hostInterval) h.nextAt = now + this.#hostInterval
    if (this.#globalInterval) this.#globalNextAt = now + this.#globalInterval
    this.stats.started++
    if (this.#inFlight > this.stats.maxGlobalInFlight) this.stats.maxGlobalInFlight = this.#inFlight
    if (h.inFlight > this.stats.maxHostInFlight) this.stats.maxHostInFlight = h.inFlight
  }

  /**
   * Takes a slot at once when the limits allow it and nobody is queued ahead. Checks the scope first.
   * @throws ScopeViolation
   */
  tryAcquire(address: string): boolean {
    this.assertInScope(address)
    // No queue check: every release grants queued requests first (in #pump), so a slot free here is one no waiter
    // could use; taking it keeps the caps and avoids a queue round trip per connection in busy sweeps.
    const h = this.#host(address)
    // The clock matters only for rate caps; a rate-free sweep skips reading it for every connection.
    const now = this.#hostInterval || this.#globalInterval ? performance.now() : 0
    if (this.#wait(h, now) !== 0) return false
    this.#take(h, now)
    return true
  }

  /**
   * Queues for a slot; `grant` is called (once) when it is taken on the caller's behalf. Returns a function that
   * withdraws the request if it was not granted yet (used on abort).
   * @throws ScopeViolation
   */
  enqueue(address: string, grant: () => void): () => void {
    this.assertInScope(address)
    const w: Waiter = { address, grant }
    this.#waiters.push(w)
    // Never grant synchronously inside enqueue: the caller must get its withdraw function before `grant` runs.
    // When concurrency is what blocks, the next release pumps; only a possible grant or a rate wait needs a pump now.
    const h = this.#host(address)
    const blockedByConcurrency =
      this.#inFlight >= this.#limits.globalConcurrency || h.inFlight >= this.#limits.perHostConcurrency
    if (!blockedByConcurrency && !this.#pumpQueued) {
      this.#pumpQueued = true
      queueMicrotask(() => {
        this.#pumpQueued = false
        this.#pump()
      })
    }
    return () => {
      const i = this.#waiters.indexOf(w)
      if (i >= 0) this.#waiters.splice(i, 1)
    }
  }

  /**
   * Promise form of {@link enqueue}: resolves when a slot is held (the caller must {@link release} it), rejects
   * with the signal's reason when aborted first.
   */
  acquire(address: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason)
    if (this.tryAcquire(address)) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        withdraw()
        reject(signal?.reason)
      }
      const withdraw = this.enqueue(address, () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      })
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** Gives a slot back (exactly once per slot taken). */
  release(address: string): void {
    const h = this.#hosts.get(address)
    if (!h || h.inFlight === 0) return
    h.inFlight--
    this.#inFlight--
    if (this.#waiters.length > 0) this.#pump()
  }

  #pump(): void {
    // Full: nothing can be granted until a release, which pumps again.
    if (this.#inFlight >= this.#limits.globalConcurrency) return
    const now = performance.now()
    let soonest = Number.POSITIVE_INFINITY
    const waiters = this.#waiters
    const granted = this.#granted
    let j = 0
    for (let i = 0; i < waiters.length; i++) {
      const w = waiters[i]!
      if (this.#inFlight < this.#limits.globalConcurrency) {
        const h = this.#host(w.address)
        const wait = this.#wait(h, now)
        if (wait === 0) {
          this.#take(h, now)
          granted.push(w)
          continue
        }
        if (wait > 0 && wait < soonest) soonest = wait
      }
      waiters[j++] = w
    }
    waiters.length = j
    if (Number.isFinite(soonest)) this.#armTimer(now + soonest)
    if (granted.length === 0) return
    // Copy before calling out: a grant may release and pump again, reusing the scratch array.
    const list = granted.length === 1 ? [granted[0]!] : granted.slice()
    granted.length = 0
    for (const w of list) w.grant()
  }

  #armTimer(at: number): void {
    if (this.#timer && at >= this.#timerAt) return
    if (this.#timer) clearTimeout(this.#timer)
    this.#timerAt = at
    this.#timer = setTimeout(
      () => {
        this.#timer = null
        this.#timerAt = Number.POSITIVE_INFINITY
        this.#pump()
      },
      Math.max(1, Math.ceil(at - performance.now())),
    )
  }

  /** Stops the rate timer (waiters stay queued; used when a scan ends). */
  close(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    this.#waiters = []
  }
}
