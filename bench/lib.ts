import { readFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'

/**
 * The contract every benchmark in `bench/*.ts` follows, so `bench/run.ts` can find, run and tabulate it.
 *
 * A benchmark file exports `run(ctx)` (and optionally `title`); `run` returns a {@link BenchReport}. Each metric
 * either carries a target (pass/fail in docs/BENCHMARKS.md) or is informative only.
 *
 * @example
 * // bench/my-thing.ts
 * import { type BenchContext, type BenchReport, metric } from './lib.js'
 * export const title = 'My thing'
 * export async function run(ctx: BenchContext): Promise<BenchReport> {
 *   const t0 = performance.now()
 *   await doIt()
 *   return { metrics: [metric('time', performance.now() - t0, 'ms', { max: 500 })] }
 * }
 */

/** A pass/fail threshold: the measured value must be at least `min` and/or at most `max`. */
export interface Target {
  min?: number
  max?: number
}

export interface Metric {
  /** Short label, e.g. 'rows/s (SQLite)', 'p99 latency'. */
  name: string
  value: number
  unit: string
  target?: Target
}

export interface BenchReport {
  metrics: Metric[]
  /** Facts a reader needs to interpret the numbers (data size, settings, where the time goes). */
  notes?: string[]
  /** Set when the benchmark could not run here (missing browser, missing build…); metrics are then empty. */
  skipped?: string
}

/** What run.ts hands each benchmark. */
export interface BenchContext {
  /** Benchmark name (the file name without .ts). */
  name: string
  /** Writes a progress line to stderr (kept out of the JSON results). */
  log(message: string): void
  /** Scratch directory, deleted after the run. */
  tmpDir: string
}

/** The shape of a benchmark module as run.ts sees it. */
export interface BenchModule {
  run(ctx: BenchContext): Promise<BenchReport>
  title?: string
}

/** The JSON written to bench/results/<name>.json. */
export interface BenchResultFile extends BenchReport {
  /** Set when the benchmark threw: the table then shows the error instead of an older result. */
  error?: string
  name: string
  title: string
  command: string
  date: string
  durationSeconds: number
  machine: MachineInfo
}

export interface MachineInfo {
  node: string
  platform: string
  arch: string
  cpu: string
  cpus: number
  memoryGiB: number
  /** 1-minute load average when the benchmark started and ended: a busy machine inflates every number. */
  loadAverage: { start: number; end: number }
  /**
   * Linux pressure stall information at the end: % of the last 60 s in which some runnable task waited for a CPU
   * (/proc/pressure/cpu, "some avg60"); null where unavailable. High values mean the wall times are inflated.
   */
  cpuPressure: number | null
}

function cpuPressure(): number | null {
  try {
    const m = /some avg10=[\d.]+ avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))
    return m ? Number(m[1]) : null
  } catch {
    return null
  }
}

/** Describes this machine; `loadAtStart` is the 1-minute load average sampled when the benchmark began. */
export function machineInfo(loadAtStart: number): MachineInfo {
  const list = cpus()
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpu: list[0]?.model.trim() ?? 'unknown',
    cpus: list.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAverage: { start: round(loadAtStart), end: round(loadavg()[0] ?? 0) },
    cpuPressure: cpuPressure(),
  }
}

/** Builds a metric; pass `target` for a pass/fail line in the table. */
export function metric(name: string, value: number, unit: string, target?: Target): Metric {
  return target ? { name, value, unit, target } : { name, value, unit }
}

/** Whether a metric meets its target; null when it has none. */
export function passes(m: Metric): boolean | null {
  if (!m.target) return null
  if (m.target.min !== undefined && !(m.value >= m.target.min)) return false
  if (m.target.max !== undefined && !(m.value <= m.target.max)) return false
  return true
}

/** Peak resident set size of this process so far, in MiB (`resourceUsage().maxRSS` is in KiB on Linux). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024
}

/** Rounds for display and JSON: 3 significant decimals below 10, 1 below 1000, integers above. */
export function round(v: number): number {
  if (!Number.isFinite(v)) return v
  const a = Math.abs(v)
  const digits = a < 10 ? 3 : a < 1000 ? 1 : 0
  const f = 10 ** digits
  return Math.round(v * f) / f
}
