import type { DeadlineQueue } from './deadlines.js'
import type { ConnectionGate } from './gate.js'
import { type ConnectOutcome, startConnect } from './tcp-connect.js'

/**
 * TCP connect sweep of one host: keeps as many connects in flight as the gate allows, with one shared deadline
 * queue instead of a timer per attempt. Callback-driven (no promise per port) because a full 1–65535 sweep makes
 * 65 535 attempts per host.
 */

export type SweepState = 'open' | 'closed' | 'filtered'

export interface SweepOptions {
  gate: ConnectionGate
  deadlines: DeadlineQueue
  connectTimeoutMs: number
  /** Extra attempts for ports that looked filtered. */
  retries: number
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
  const { gate, deadlines, connectTimeoutMs, retries, signal, onPort } = opts
  gate.assertInScope(address)
  return new Promise((resolve) => {
    let next = 0
    const retry: { port: number; tries: number }[] = []
    let inFlight = 0
    let attempts = 0
    let answered = 0
    let unreachable = 0
    let finished = false
    let waiting = false
    let withdraw: (() => void) | null = null
    const cancels = new Set<() => void>()
    let backoff: NodeJS.Timeout | null = null

    const finish = (complete: boolean) => {
      if (finished) return
      finished = true
      signal?.removeEventListener('abort', onAbort)
      if (backoff) clearTimeout(backoff)
      withdraw?.()
      for (const c of cancels) c()
      cancels.clear()
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

    const launch = (port: number, tries: number) => {
      attempts++
      inFlight++
      let done = false
      const settle = (outcome: ConnectOutcome, detail: string) => {
        if (done || finished) return
        done = true
        cancels.delete(cancel)
        deadlines.cancel(deadline)
        inFlight--
        gate.release(address)
        if (outcome === 'open' || outcome === 'closed') answered++
        if (outcome === 'unreachable') unreachable++
        if (outcome === 'local-error') {
          // Our side ran out of something: not the target's answer. Try again shortly without using a retry.
          retry.push({ port, tries })
          if (!backoff) {
            backoff = setTimeout(() => {
              backoff = null
              pump()
            }, LOCAL_ERROR_BACKOFF_MS)
          }
        } else if ((outcome === 'filtered' || outcome === 'unreachable') && tries < retries) {
          retry.push({ port, tries: tries + 1 })
        } else {
          onPort(port, outcome === 'open' || outcome === 'closed' ? outcome : 'filtered', detail)
        }
        if (!backoff) pump()
      }
      const cancel = startConnect(address, port, family, settle)
      cancels.add(cancel)
      const deadline = deadlines.add(connectTimeoutMs, () => {
        cancel()
        settle('filtered', 'ETIMEDOUT')
      })
    }

    const pump = () => {
      if (finished || waiting) return
      while (next < ports.length || retry.length > 0) {
        if (backoff) return
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
          return
        }
        startNext()
      }
      if (inFlight === 0) finish(true)
    }

    const startNext = () => {
      const r = next < ports.length ? { port: ports[next++]!, tries: 0 } : retry.shift()
      if (r) launch(r.port, r.tries)
      else gate.release(address)
    }

    if (signal?.aborted) finish(false)
    else pump()
  })
}
