import { MamoriError } from '../errors.js'
import type { ScanProfileId } from './observation.js'

/**
 * Scan profiles: the hard limits the engine enforces. A hospital in our source material saw an ICU
 * patient-monitor system stop under a flood of traffic, so the default (`gentle`) opens one connection at a time
 * per host, at a few per second, and skips hosts marked fragile. Pure data.
 */
export interface ScanProfile {
  readonly id: ScanProfileId
  /** Open connections (and UDP exchanges) to one host at once, counting probes'. */
  readonly perHostConcurrency: number
  /** New connections or datagrams per second to one host; null = limited only by concurrency. */
  readonly perHostRate: number | null
  /** New connections or datagrams per second across all hosts; null = no global rate cap. */
  readonly globalRate: number | null
  /** Sockets in flight across all hosts (also bounded by the process's file-descriptor limit). */
  readonly globalConcurrency: number
  /** Hosts scanned side by side. */
  readonly hostParallelism: number
  /** A connect that neither succeeds nor is refused within this time is "filtered". */
  readonly connectTimeoutMs: number
  /** Extra attempts for a port that looked filtered (a lost SYN is not a closed port). */
  readonly retries: number
  /** Per-read timeout handed to probes, and how long to wait for an unprompted banner. */
  readonly readTimeoutMs: number
  readonly bannerTimeoutMs: number
  /** Skip hosts the ledger marks fragile (recorded with a reason). */
  readonly skipFragile: boolean
  /** Run probes on open services (false = port states only). */
  readonly runProbes: boolean
  /**
   * Worker threads for large sweeps (0 = one per core, at most 4). Used only without rate caps: a rate cap needs
   * one shared clock, so rate-capped profiles always sweep on one thread.
   */
  readonly sweepThreads: number
}

/** The three profiles. `gentle` is the default everywhere (CLI, API, schedules). */
export const PROFILES: Readonly<Record<ScanProfileId, ScanProfile>> = Object.freeze({
  gentle: {
    id: 'gentle',
    perHostConcurrency: 1,
    perHostRate: 5,
    globalRate: 50,
    globalConcurrency: 32,
    hostParallelism: 16,
    connectTimeoutMs: 3000,
    retries: 1,
    readTimeoutMs: 5000,
    bannerTimeoutMs: 3000,
    skipFragile: true,
    runProbes: true,
    sweepThreads: 1,
  },
  standard: {
    id: 'standard',
    perHostConcurrency: 4,
    perHostRate: 50,
    globalRate: 500,
    globalConcurrency: 256,
    hostParallelism: 64,
    connectTimeoutMs: 2000,
    retries: 1,
    readTimeoutMs: 3000,
    bannerTimeoutMs: 2000,
    skipFragile: false,
    runProbes: true,
    sweepThreads: 1,
  },
  fast: {
    id: 'fast',
    perHostConcurrency: 1000,
    perHostRate: null,
    globalRate: null,
    globalConcurrency: 1500,
    hostParallelism: 256,
    connectTimeoutMs: 1000,
    retries: 1,
    readTimeoutMs: 2000,
    bannerTimeoutMs: 1000,
    skipFragile: false,
    runProbes: true,
    sweepThreads: 0,
  },
})

/** The profile used when none is named. */
export const DEFAULT_PROFILE: ScanProfileId = 'gentle'

/** Caller overrides of a profile's limits (CLI flags, API body, lab benchmarks). */
export type ProfileOverrides = Partial<Omit<ScanProfile, 'id'>>

const LIMITS: Record<keyof ProfileOverrides, { min: number; max: number; nullable?: boolean; integer?: boolean }> = {
  perHostConcurrency: { min: 1, max: 4096, integer: true },
  perHostRate: { min: 0.1, max: 1_000_000, nullable: true },
  globalRate: { min: 0.1, max: 1_000_000, nullable: true },
  globalConcurrency: { min: 1, max: 16_384, integer: true },
  hostParallelism: { min: 1, max: 4096, integer: true },
  connectTimeoutMs: { min: 50, max: 120_000, integer: true },
  retries: { min: 0, max: 5, integer: true },
  readTimeoutMs: { min: 50, max: 120_000, integer: true },
  bannerTimeoutMs: { min: 0, max: 120_000, integer: true },
  skipFragile: { min: 0, max: 1 },
  runProbes: { min: 0, max: 1 },
  sweepThreads: { min: 0, max: 16, integer: true },
}

function isKey(k: string): k is keyof ProfileOverrides {
  return Object.hasOwn(LIMITS, k)
}

/** True when the text names a profile. */
export function isProfileId(s: string): s is ScanProfileId {
  return s === 'gentle' || s === 'standard' || s === 'fast'
}

/** PROFILE_OVERRIDE_INVALID with the bad setting, its value and what is accepted, in both languages. */
const overrideInvalid = (en: string, ja: string) => MamoriError.of('PROFILE_OVERRIDE_INVALID', { why: { en, ja } })

/**
 * Returns the named profile with the overrides applied, after checking every override.
 *
 * @throws MamoriError `PROFILE_INVALID` for an unknown profile, `PROFILE_OVERRIDE_INVALID` repeating the bad field
 *   and value with the accepted range.
 * @example resolveProfile('gentle', { perHostRate: 2 }).perHostRate // 2
 */
export function resolveProfile(id: string = DEFAULT_PROFILE, overrides: Record<string, unknown> = {}): ScanProfile {
  if (!isProfileId(id)) throw MamoriError.of('PROFILE_INVALID', { id })
  const out: Record<string, unknown> = { ...PROFILES[id] }
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue
    if (!isKey(key)) {
      const settings = Object.keys(LIMITS).join(', ')
      throw overrideInvalid(
        `Unknown profile setting "${key}". Settings: ${settings}.`,
        `設定「${key}」はありません。設定できるのは ${settings} です。`,
      )
    }
    const lim = LIMITS[key]
    if (key === 'skipFragile' || key === 'runProbes') {
      if (typeof value !== 'boolean') {
        throw overrideInvalid(
          `Setting "${key}" must be true or false, not ${String(value)}.`,
          `設定「${key}」は true か false で指定してください（指定値: ${String(value)}）。`,
        )
      }
      out[key] = value
      continue
    }
    if (value === null && lim.nullable) {
      out[key] = null
      continue
    }
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= lim.min &&
      value <= lim.max &&
      (!lim.integer || Number.isInteger(value))
    if (!ok) {
      throw overrideInvalid(
        `Setting "${key}" = ${JSON.stringify(value)} is not valid: expected ${lim.integer ? 'a whole number' : 'a number'} ` +
          `from ${lim.min} to ${lim.max}${lim.nullable ? ' (or null for no cap)' : ''}.`,
        `設定「${key}」= ${JSON.stringify(value)} は使えません。${lim.min} から ${lim.max} までの` +
          `${lim.integer ? '整数' : '数値'}を指定してください${lim.nullable ? '（上限なしは null）' : ''}。`,
      )
    }
    out[key] = value
  }
  const p = PROFILES[id]
  return {
    id,
    perHostConcurrency: pick(out.perHostConcurrency, p.perHostConcurrency),
    perHostRate: pickNullable(out.perHostRate, p.perHostRate),
    globalRate: pickNullable(out.globalRate, p.globalRate),
    globalConcurrency: pick(out.globalConcurrency, p.globalConcurrency),
    hostParallelism: pick(out.hostParallelism, p.hostParallelism),
    connectTimeoutMs: pick(out.connectTimeoutMs, p.connectTimeoutMs),
    retries: pick(out.retries, p.retries),
    readTimeoutMs: pick(out.readTimeoutMs, p.readTimeoutMs),
    bannerTimeoutMs: pick(out.bannerTimeoutMs, p.bannerTimeoutMs),
    skipFragile: typeof out.skipFragile === 'boolean' ? out.skipFragile : p.skipFragile,
    runProbes: typeof out.runProbes === 'boolean' ? out.runProbes : p.runProbes,
    sweepThreads: pick(out.sweepThreads, p.sweepThreads),
  }
}

function pick(v: unknown, d: number): number {
  return typeof v === 'number' ? v : d
}
function pickNullable(v: unknown, d: number | null): number | null {
  return v === null ? null : typeof v === 'number' ? v : d
}
