/**
 * Deadlines for numbered slots that all share one timeout (a port sweep: every connect gets the profile's connect
 * timeout). Because the timeout is the same for all, start order is deadline order: the ring is a FIFO of
 * (slot, generation) pairs. Adding is an append, cancelling bumps the slot's generation (the stale entry is dropped
 * when it reaches the head), and one timer is armed for the head. No object, closure or timer per attempt.
 *
 * A deadline never fires early: `onExpire(slot)` runs no sooner than `timeoutMs` after {@link add}.
 */
/** Read once: `performance` is a lazy accessor on the global object, slow to look up on every start. */
const clock = performance

export class DeadlineRing {
  readonly #timeoutMs: number
  readonly #onExpire: (slot: number) => void
  readonly #now: () => number
  /** Generation per slot; an entry is live while its generation matches. */
  #gen = new Int32Array(64)
  /** 1 while the slot has a pending deadline. */
  #pending = new Uint8Array(64)
  // The FIFO: parallel circular arrays of slot, generation and due time.
  #qSlot = new Int32Array(1024)
  #qGen = new Int32Array(1024)
  #qAt = new Float64Array(1024)
  #head = 0
  #length = 0
  #live = 0
  #timer: NodeJS.Timeout | null = null

  constructor(timeoutMs: number, onExpire: (slot: number) => void, now: () => number = () => clock.now()) {
    this.#timeoutMs = timeoutMs
    this.#onExpire = onExpire
    this.#now = now
  }

  /** Deadlines pending (not fired, not cancelled). */
  get size(): number {
    return this.#live
  }

  /** Starts the deadline of `slot` (replacing any pending one of the same slot). */
  add(slot: number): void {
    if (slot >= this.#gen.length) this.#growGen(slot)
    if (this.#isLive(slot)) this.#live--
    const gen = ++this.#gen[slot]!
    // Drop stale heads first: attempts usually finish in start order, so this keeps the ring short.
    this.#dropStale()
    if (this.#length === this.#qSlot.length) this.#growQueue()
    const i = (this.#head + this.#length) & (this.#qSlot.length - 1)
    this.#qSlot[i] = slot
    this.#qGen[i] = gen
    this.#qAt[i] = this.#now() + this.#timeoutMs
    this.#length++
    this.#live++
    this.#pending[slot] = 1
    if (!this.#timer) this.#arm()
  }

  /** Forgets the deadline of `slot`; harmless when it already fired or was cancelled. */
  cancel(slot: number): void {
    if (!this.#isLive(slot)) return
    this.#gen[slot]!++
    this.#pending[slot] = 0
    this.#live--
    if (this.#live === 0) this.clear()
  }

  /** Cancels everything without calling back. */
  clear(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    for (let k = 0; k < this.#length; k++) {
      const s = this.#qSlot[(this.#head + k) & (this.#qSlot.length - 1)]!
      if (this.#pending[s]) {
        this.#gen[s]!++
        this.#pending[s] = 0
      }
    }
    this.#head = 0
    this.#length = 0
    this.#live = 0
  }

  #isLive(slot: number): boolean {
    return slot < this.#pending.length && this.#pending[slot] === 1
  }

  #dropStale(): void {
    const mask = this.#qSlot.length - 1
    while (this.#length > 0) {
      const h = this.#head
      if (this.#qGen[h] === this.#gen[this.#qSlot[h]!] && this.#pending[this.#qSlot[h]!] === 1) return
      this.#head = (h + 1) & mask
      this.#length--
    }
  }

  #arm(): void {
    this.#dropStale()
    if (this.#length === 0) return
    const wait = this.#qAt[this.#head]! - this.#now()
    // Timers have millisecond resolution; +1 so the head has surely expired when we wake.
    this.#timer = setTimeout(this.#fire, Math.max(0, Math.ceil(wait)) + 1)
  }

  readonly #fire = (): void => {
    this.#timer = null
    const now = this.#now()
    // One at a time, re-reading the queue after each callback: a callback may add deadlines (they go to the tail,
    // due later), cancel one that is also due now, or clear everything.
    while (this.#length > 0) {
      const h = this.#head
      const slot = this.#qSlot[h]!
      const live = this.#qGen[h] === this.#gen[slot] && this.#pending[slot] === 1
      if (live && this.#qAt[h]! > now) break
      this.#head = (h + 1) & (this.#qSlot.length - 1)
      this.#length--
      if (live) {
        this.#pending[slot] = 0
        this.#gen[slot]!++
        this.#live--
        this.#onExpire(slot)
      }
    }
    if (!this.#timer) this.#arm()
  }

  #growGen(slot: number): void {
    let n = this.#gen.length
    while (n <= slot) n *= 2
    const gen = new Int32Array(n)
    gen.set(this.#gen)
    this.#gen = gen
    const pending = new Uint8Array(n)
    pending.set(this.#pending)
    this.#pending = pending
  }

  #growQueue(): void {
    const n = this.#qSlot.length
    const slot = new Int32Array(n * 2)
    const gen = new Int32Array(n * 2)
    const at = new Float64Array(n * 2)
    for (let k = 0; k < this.#length; k++) {
      const i = (this.#head + k) & (n - 1)
      slot[k] = this.#qSlot[i]!
      gen[k] = this.#qGen[i]!
      at[k] = this.#qAt[i]!
    }
    this.#qSlot = slot
    this.#qGen = gen
    this.#qAt = at
    this.#head = 0
  }
}
