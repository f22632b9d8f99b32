/**
 * One timer for many deadlines. A port sweep keeps up to thousands of connects in flight; a `setTimeout` per
 * connect costs an allocation and a timer-list insert each. Here deadlines with the same timeout live in one FIFO
 * bucket (insertion order is deadline order), and a single timer is armed for the earliest head.
 */
export interface Deadline {
  /** performance.now() time at which it expires. */
  readonly at: number
  readonly bucket: number
  readonly onExpire: () => void
}

export class DeadlineQueue {
  readonly #buckets = new Map<number, Set<Deadline>>()
  #timer: NodeJS.Timeout | null = null
  #armedAt = Number.POSITIVE_INFINITY
  #size = 0

  /** Number of pending deadlines. */
  get size(): number {
    return this.#size
  }

  /** Calls `onExpire` after `timeoutMs` unless cancelled first. */
  add(timeoutMs: number, onExpire: () => void): Deadline {
    const d: Deadline = { at: performance.now() + timeoutMs, bucket: timeoutMs, onExpire }
    let set = this.#buckets.get(timeoutMs)
    if (!set) {
      set = new Set()
      this.#buckets.set(timeoutMs, set)
    }
    set.add(d)
    this.#size++
    if (d.at < this.#armedAt) this.#arm(d.at)
    return d
  }

  /** Forgets a deadline; harmless when it already fired or was cancelled. */
  cancel(d: Deadline): void {
    const set = this.#buckets.get(d.bucket)
    if (set?.delete(d)) {
      this.#size--
      if (this.#size === 0) this.#disarm()
    }
  }

  /** Cancels everything without calling the callbacks. */
  clear(): void {
    this.#buckets.clear()
    this.#size = 0
    this.#disarm()
  }

  #disarm(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    this.#armedAt = Number.POSITIVE_INFINITY
  }

  #arm(at: number): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#armedAt = at
    // Timers have millisecond resolution; +1 so that the head has surely expired when we wake.
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, Math.ceil(at - performance.now()) + 1))
  }

  #fire(): void {
    this.#timer = null
    this.#armedAt = Number.POSITIVE_INFINITY
    const now = performance.now()
    const due: Deadline[] = []
    for (const set of this.#buckets.values()) {
      for (const d of set) {
        if (d.at > now) break
        set.delete(d)
        this.#size--
        due.push(d)
      }
    }
    for (const d of due) d.onExpire()
    let next = Number.POSITIVE_INFINITY
    for (const set of this.#buckets.values()) {
      const head = set.values().next()
      if (!head.done && head.value.at < next) next = head.value.at
    }
    if (next < this.#armedAt && Number.isFinite(next)) this.#arm(next)
  }
}
