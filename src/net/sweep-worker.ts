import { parentPort, workerData } from 'node:worker_threads'
import { ScopeGuard } from '../core/discovery/scope.js'
import { ConnectionGate } from './gate.js'
import { sweepPorts } from './port-sweep.js'
import { STATE_CODES, type SweepJob } from './sweep-threads.js'

/**
 * One sweep thread: sweeps its share of the ports on every host with its own gate (its share of the concurrency
 * caps, the same scope), and streams results to the parent in batches of [host index, port, state code].
 */
const job: SweepJob = workerData
const port = parentPort
if (port) {
  const controller = new AbortController()
  port.on('message', (m: unknown) => {
    if (m === 'abort') controller.abort()
  })
  const gate = new ConnectionGate(job.limits, new ScopeGuard(job.approvedScopes, job.exclusions))
  const BATCH = 3 * 2048
  let batch = new Int32Array(BATCH)
  let n = 0
  const flush = () => {
    if (n === 0) return
    const out = batch.slice(0, n)
    port.postMessage({ type: 'results', data: out }, [out.buffer])
    n = 0
  }
  // Wrapped so that a scope refusal (thrown synchronously by the gate) becomes this host's incomplete result.
  const results = job.hosts.map((h, i) =>
    Promise.resolve()
      .then(() =>
        sweepPorts(h.address, h.family, job.ports, {
          gate,
          connectTimeoutMs: job.connectTimeoutMs,
          retries: job.retries,
          signal: controller.signal,
          onPort: (p, state) => {
            batch[n++] = i
            batch[n++] = p
            batch[n++] = STATE_CODES[state]
            if (n === BATCH) {
              flush()
              batch = new Int32Array(BATCH)
            }
          },
        }),
      )
      .catch((e: unknown) => ({ complete: false, unreachable: false, attempts: 0, error: String(e) })),
  )
  Promise.all(results).then((r) => {
    flush()
    port.postMessage({ type: 'done', results: r, started: gate.stats.started })
  })
}
