import { DeadlineRing } from './deadline-ring.js'
import type { ConnectionGate } from './gate.js'
import { type ConnectOutcome, classifyError, slotConnector } from './tcp-connect.js'

/**
 * TCP connect sweep of one host: keeps up to a window of connects in flight (within the gate's caps). Built for
 * 65 535 attempts per host: every attempt in flight lives in a numbered slot (its port and try count in plain
 * arrays), completions come through one callback of a {@link slotConnector}, and timeouts through one
 * {@link DeadlineRing} per sweep, so an attempt allocates no promise, closure, timer or deadline object (ADR 0022).
 */

export type SweepState = 'open' | 'closed' | 'filtered'

export interface SweepOptions {
  gate: ConnectionGate
  connectTimeoutMs: number
  /** Extra attempts for ports that looked filtered. */
  retries: number
  /**
   * Attempts in flight to this host to start with (default {@link INITIAL_WINDOW}); each attempt that times out
   * widens it by one, up to what the gate allows. See {@link sweepPorts}.
   */
  initialWindow?: number
  signal?: AbortSignal
  /** Called once per port with its final state. */
  onPort(port: number, state: SweepState, detail: string): void
}

export interface SweepResult {
  /** False when aborted before every port had a final state. */
  complete: boolean
  /** True when the host answered unreachable (no route / ARP failed) for every attempt. */
  unreachable: boolean
  attempts: number
}

/**
 * Attempts in flight per host at the start of a sweep. A host that answers (SYN/ACK or RST) within a few
 * milliseconds is swept fastest with a small window: the kernel's per-socket state stays in the CPU caches and each
 * event-loop turn handles a short batch (docs/bench-notes/sweep.md: a bare connect loop with 64 in flight used
 * ~16 % less CPU per attempt than with 1 024, and the lab sweep ~15 % less CPU). Ports that time out widen the
 * window, one per timeout (about doubling it every connect timeout when everything is filtered), up to the gate's
 * caps, so silent hosts still get the profile's full concurrency.
 */
export const INITIAL_WINDOW = 16

/** Pause before retrying after a local resource error (ephemeral ports or descriptors exhausted). */
const LOCAL_ERROR_BACKOFF_MS = 50

/**
 * Sweeps `ports` on `address`. Resolves when every port has a state or the signal aborts (in-flight attempts are
 * cancelled; their ports get no state and the result says complete=false).
 * @throws ScopeViolation (synchronously, via the gate) when the address is outside the approved scope.
 */
export function sweepPorts(
  address: string,
  family: 4 | 6,
  ports: readonly number[],
  opts: SweepOptions,
): Promise<SweepResult> {
  const { gate, connectTimeoutMs, retries, signal, onPort } = opts
  gate.assertInScope(address)
  return new Promise((resolve) => {
    let next = 0
    // Ports to try again (FIFO): port and the tries it has had.
    const retryPort: number[] = []
    const retryTries: number[] = []
    let retryHead = 0
    let inFlight = 0
    let attempts = 0
    let answered = 0
    let unreachable = 0
    let finished = false
    let waiting = false
    let pumping = false
    let withdraw: (() => void) | null = null
    let backoff: NodeJS.Timeout | null = null
    // Slots of the attempts in flight: port and tries by slot number; free slot numbers on a stack.
    const slotPort: number[] = []
    const slotTries: number[] = []
    const free: number[] = []
    let slots = 0
    let window = Math.max(1, opts.initialWindow ?? INITIAL_WINDOW)

    const settle = (slot: number, outcome: ConnectOutcome, detail: string) => {
      if (finished) return
      const port = slotPort[slot]!
      const tries = slotTries[slot]!
      free.push(slot)
      inFlight--
      gate.release(address)
      record(port, tries, outcome, detail)
      if (!backoff && !pumping) pump()
    }
    const connector = slotConnector((slot, outcome, detail) => {
      ring.cancel(slot)
      settle(slot, outcome, detail)
    })
    const ring = new DeadlineRing(connectTimeoutMs, (slot) => {
      connector.cancel(slot)
      if (window < ports.length) window++
      settle(slot, 'filtered', 'ETIMEDOUT')
    })

    /** Records an attempt's outcome: a final state, or the port queued for another try. */
    const record = (port: number, tries: number, outcome: ConnectOutcome, detail: string) => {
      if (outcome === 'open' || outcome === 'closed') answered++
      if (outcome === 'unreachable') unreachable++
      if (outcome === 'local-error') {
        // Our side ran out of something: not the target's answer. Try again shortly without using a retry.
        retryPort.push(port)
        retryTries.push(tries)
        if (!backoff) {
          backoff = setTimeout(() => {
            backoff = null
            pump()
          }, LOCAL_ERROR_BACKOFF_MS)
        }
      } else if ((outcome === 'filtered' || outcome === 'unreachable') && tries < retries) {
        retryPort.push(port)
        retryTries.push(tries + 1)
      } else {
        onPort(port, outcome === 'open' || outcome === 'closed' ? outcome : 'filtered', detail)
      }
    }

    const cancelAll = () => {
      ring.clear()
      for (let s = 0; s < slots; s++) connector.cancel(s)
    }
    const finish = (complete: boolean) => {
      if (finished) return
      finished = true
      signal?.removeEventListener('abort', onAbort)
      if (backoff) clearTimeout(backoff)
      withdraw?.()
      cancelAll()
      resolve({ complete, unreachable: answered === 0 && unreachable > 0, attempts })
    }
    const onAbort = () => {
      // Finish first (withdraws our queued request, cancels in-flight attempts), then give the cancelled attempts'
      // slots back: releasing first would let the gate grant our own queued request and launch more.
      const held = inFlight
      inFlight = 0
      finish(false)
      for (let i = 0; i < held; i++) gate.release(address)
    }
    signal?.addEventListener('abort', onAbort, { once: true })

    /** Starts the next port (new or retry) on a gate slot already held; false when there was none. */
    const startNext = (): boolean => {
      let port: number
      let tries: number
      if (next < ports.length) {
        port = ports[next++]!
        tries = 0
      } else if (retryHead < retryPort.length) {
        port = retryPort[retryHead]!
        tries = retryTries[retryHead++]!
        if (retryHead === retryPort.length) {
          retryPort.length = 0
          retryTries.length = 0
          retryHead = 0
        }
      } else {
        gate.release(address)
        return false
      }
      attempts++
      const slot = free.length > 0 ? free.pop()! : slots++
      const err = connector.start(slot, address, port, family)
      if (err !== null) {
        // Refused locally before any packet (no route, out of descriptors or ports): settled here and now.
        free.push(slot)
        gate.release(address)
        record(port, tries, classifyError(err), err)
        return true
      }
      slotPort[slot] = port
      slotTries[slot] = tries
      inFlight++
      ring.add(slot)
      return true
    }

    const pump = () => {
      if (finished || waiting || pumping) return
      pumping = true
      while (next < ports.length || retryHead < retryPort.length) {
        if (backoff || finished || inFlight >= window) break
        if (!gate.tryAcquire(address)) {
          waiting = true
          withdraw = gate.enqueue(address, () => {
            waiting = false
            withdraw = null
            if (finished) {
              gate.release(address)
              return
            }
            startNext()
            pump()
          })
          pumping = false
          return
        }
        startNext()
      }
      pumping = false
      if (!finished && !backoff && inFlight === 0 && next >= ports.length && retryHead >= retryPort.length) finish(true)
    }

    if (signal?.aborted) finish(false)
    else pump()
  })
}
