import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Exclusion } from '../core/discovery/scope.js'
import type { GateLimits } from './gate.js'
import type { SweepResult, SweepState } from './port-sweep.js'

/**
 * A full-range connect sweep is bound by the kernel's connect/close work, which runs on the thread that makes the
 * syscall. One event loop uses one core; nmap too. On a machine with two or more cores the `fast` profile splits
 * the ports over worker threads (each with its own event loop, gate and share of the concurrency caps), which is
 * how it keeps up with nmap's connect scan. Only for profiles without rate caps: a rate cap needs one shared clock,
 * so rate-capped scans always sweep on the main thread.
 */

export interface SweepJob {
  hosts: { address: string; family: 4 | 6 }[]
  ports: number[]
  limits: GateLimits
  connectTimeoutMs: number
  retries: number
  approvedScopes: string[]
  exclusions: (Exclusion | string)[]
}

export const STATE_CODES: Record<SweepState, number> = { open: 1, closed: 2, filtered: 3 }
const STATES: SweepState[] = ['open', 'open', 'closed', 'filtered']

export interface ThreadedSweepOptions {
  threads: number
  limits: GateLimits
  connectTimeoutMs: number
  retries: number
  approvedScopes: readonly string[]
  exclusions: readonly (Exclusion | string)[]
  signal?: AbortSignal
  onPort(address: string, port: number, state: SweepState): void
}

/** Threads to use for a sweep: 1 when rate caps apply or the work is small, else one per core (at most 4). */
export function sweepThreadCount(limits: GateLimits, attempts: number, requested = 0): number {
  if (limits.perHostRate !== null || limits.globalRate !== null) return 1
  if (attempts < 20_000) return 1
  const cores = availableParallelism()
  return Math.max(1, Math.min(requested > 0 ? requested : cores, 4, cores))
}

/**
 * Starts the sweep worker: the compiled .js next to this file, or the .ts source when running from source (dev, tests,
 * benchmarks), in which case the thread first registers tsx's loader (loader hooks are per thread and a worker does
 * not inherit `--import tsx`).
 */
function startWorker(job: SweepJob): Worker | null {
  const js = new URL('./sweep-worker.js', import.meta.url)
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData: job })
  const ts = new URL('./sweep-worker.ts', import.meta.url)
  if (!existsSync(fileURLToPath(ts))) return null
  let api: string
  try {
    // The package's ESM entry (index.mjs) sits next to the CommonJS one that require.resolve finds.
    const cjs = createRequire(import.meta.url).resolve('tsx/esm/api')
    const mjs = cjs.replace(/\.cjs$/, '.mjs')
    api = pathToFileURL(existsSync(mjs) ? mjs : cjs).href
  } catch {
    return null
  }
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}) })`
  return new Worker(boot, { eval: true, workerData: job })
}

/**
 * Sweeps `ports` on every host with `threads` worker threads, ports dealt round-robin so each thread sees every
 * part of the range. Resolves with one result per host (same order). Returns null when threads cannot start here
 * (e.g. TypeScript sources without a loader): the caller then sweeps on the main thread.
 */
export async function sweepThreaded(
  hosts: readonly { address: string; family: 4 | 6 }[],
  ports: readonly number[],
  o: ThreadedSweepOptions,
): Promise<SweepResult[] | null> {
  if (o.threads < 2) return null
  const workers: Worker[] = []
  const runs: Promise<SweepResult[] | null>[] = []
  // With at least as many hosts as threads, each thread takes whole hosts (connects to one destination then come
  // from one thread, avoiding contention on the kernel's per-destination port allocation); otherwise each thread
  // takes every host and a share of the ports.
  const byHost = process.env.MAMORI_SWEEP_SPLIT !== 'ports' && hosts.length >= o.threads
  const share: GateLimits = {
    perHostConcurrency: byHost
      ? o.limits.perHostConcurrency
      : Math.max(1, Math.floor(o.limits.perHostConcurrency / o.threads)),
    perHostRate: null,
    globalRate: null,
    globalConcurrency: Math.max(1, Math.floor(o.limits.globalConcurrency / o.threads)),
  }
  const hostIdx: number[][] = []
  for (let t = 0; t < o.threads; t++) {
    const mine = hosts.map((_, i) => i).filter((i) => !byHost || i % o.threads === t)
    hostIdx.push(mine)
    const job: SweepJob = {
      hosts: mine.map((i) => hosts[i]!),
      ports: byHost ? [...ports] : ports.filter((_, i) => i % o.threads === t),
      limits: share,
      connectTimeoutMs: o.connectTimeoutMs,
      retries: o.retries,
      approvedScopes: [...o.approvedScopes],
      exclusions: [...o.exclusions],
    }
    let w: Worker | null
    try {
      w = startWorker(job)
    } catch {
      w = null
    }
    if (!w) {
      for (const x of workers) void x.terminate()
      return null
    }
    workers.push(w)
    runs.push(
      new Promise((resolve) => {
        let settled = false
        w.on('message', (m: unknown) => {
          if (typeof m !== 'object' || m === null) return
          const type: unknown = Reflect.get(m, 'type')
          if (type === 'results') {
            const data: unknown = Reflect.get(m, 'data')
            if (!(data instanceof Int32Array)) return
            for (let i = 0; i + 2 < data.length; i += 3) {
              const host = hosts[mine[data[i]!]!]
              if (host) o.onPort(host.address, data[i + 1]!, STATES[data[i + 2]!] ?? 'filtered')
            }
          } else if (type === 'done') {
            settled = true
            const results: unknown = Reflect.get(m, 'results')
            resolve(Array.isArray(results) ? results.filter(isSweepResult) : null)
            void w.terminate()
          }
        })
        w.on('error', () => {
          if (!settled) resolve(null)
          settled = true
        })
        w.on('exit', () => {
          if (!settled) resolve(null)
          settled = true
        })
      }),
    )
  }
  const onAbort = () => {
    for (const w of workers) w.postMessage('abort')
  }
  o.signal?.addEventListener('abort', onAbort, { once: true })
  if (o.signal?.aborted) onAbort()
  const all = await Promise.all(runs)
  o.signal?.removeEventListener('abort', onAbort)
  if (all.some((r, t) => r === null || r.length !== hostIdx[t]!.length)) {
    // A thread failed to start or died: report it so the caller can fall back (results so far were delivered).
    return all.every((r) => r === null) ? null : hosts.map(() => ({ complete: false, unreachable: false, attempts: 0 }))
  }
  return hosts.map((_, i) => {
    const parts = all.flatMap((r, t) => {
      const k = hostIdx[t]!.indexOf(i)
      return k >= 0 ? [r![k]!] : []
    })
    return {
      complete: parts.every((p) => p.complete),
      unreachable: parts.every((p) => p.unreachable),
      attempts: parts.reduce((n, p) => n + p.attempts, 0),
    }
  })
}

function isSweepResult(v: unknown): v is SweepResult {
  return typeof v === 'object' && v !== null && typeof Reflect.get(v, 'complete') === 'boolean'
}
