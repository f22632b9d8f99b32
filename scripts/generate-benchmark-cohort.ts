/**
 * Generates N plausible anonymous benchmark profiles (issue 10, ADR 0036), seeded, so tests, the bench and a
 * coordinator's dry run get the same files every time:
 *   npx tsx scripts/generate-benchmark-cohort.ts --count 12 --seed 1 --out /tmp/cohort
 * Each profile is what `mamori benchmark export` writes for a made-up hospital: a bed band and region drawn with
 * Japan's rough proportions (more small hospitals, more in Kanto), indicator values around typical figures with a
 * spread, a valid checksum. Nothing is real.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BED_BANDS, type BenchmarkProfile, REGIONS } from '../api/benchmark.js'
import { profileChecksum } from '../src/core/benchmark/profile.js'

const sha256 = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex')

/** mulberry32: a small seeded generator (the same seed gives the same cohort). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(rnd: () => number, items: readonly T[], weights: readonly number[]): T => {
  const total = weights.reduce((s, w) => s + w, 0)
  let x = rnd() * total
  for (let i = 0; i < items.length; i++) {
    x -= weights[i]!
    if (x < 0) return items[i]!
  }
  return items[items.length - 1]!
}
const BAND_WEIGHTS = [0, 30, 30, 22, 12, 6] // a profile needs ≥ 20 in-use devices: no 1–19 bed clinics
const REGION_WEIGHTS = [5, 8, 30, 18, 16, 8, 4, 11]

/** Typical centre and spread of each indicator (made up, plausible). */
const SHAPE: Record<string, { centre: number; spread: number; max?: number; nullShare?: number }> = {
  'owner-location': { centre: 80, spread: 15, max: 100 },
  'ledger-seen': { centre: 70, spread: 20, max: 100, nullShare: 0.05 },
  'seen-in-ledger': { centre: 60, spread: 20, max: 100, nullShare: 0.05 },
  'cleartext-admin': { centre: 8, spread: 6 },
  'past-support': { centre: 25, spread: 12, max: 100 },
  'models-disclosure': { centre: 35, spread: 20, max: 100, nullShare: 0.1 },
  'days-to-close-high': { centre: 60, spread: 40, nullShare: 0.2 },
  'checklist-completion': { centre: 70, spread: 25, max: 100, nullShare: 0.1 },
  'kev-devices': { centre: 4, spread: 4, max: 100 },
}

/** `count` profiles from `seed`, in a fixed order, each with a valid checksum. */
export function generateProfiles(count: number, seed = 1, period = '2026-11'): BenchmarkProfile[] {
  const rnd = seeded(seed)
  const out: BenchmarkProfile[] = []
  for (let i = 0; i < count; i++) {
    const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16)).join('')
    const profileId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
    const indicators: Record<string, number | null> = {}
    for (const [id, s] of Object.entries(SHAPE)) {
      if (rnd() < (s.nullShare ?? 0)) {
        indicators[id] = null
        continue
      }
      // Sum of three uniforms: roughly bell-shaped, bounded.
      const v = s.centre + ((rnd() + rnd() + rnd() - 1.5) / 1.5) * s.spread * 1.5
      indicators[id] = Math.round(Math.min(s.max ?? Number.POSITIVE_INFINITY, Math.max(0, v)))
    }
    const body = {
      format: 'mamori-benchmark-profile' as const,
      formatVersion: 1 as const,
      profileId,
      period,
      bedBand: pick(rnd, BED_BANDS, BAND_WEIGHTS),
      region: pick(rnd, REGIONS, REGION_WEIGHTS),
      indicators,
    }
    out.push({ ...body, checksum: profileChecksum(body, sha256) })
  }
  return out
}

/** Writes the profiles as profile-001.json … into `dir`; returns the paths. */
export function writeProfiles(dir: string, profiles: readonly BenchmarkProfile[]): string[] {
  mkdirSync(dir, { recursive: true })
  return profiles.map((p, i) => {
    const file = join(dir, `profile-${String(i + 1).padStart(3, '0')}.json`)
    writeFileSync(file, `${JSON.stringify(p, null, 2)}\n`)
    return file
  })
}

/** Generates `count` profiles from `seed` and writes them into `dir` (what the CLI below does); returns the paths. */
export function generateCohort(opts: { dir: string; count: number; seed?: number; period?: string }): string[] {
  return writeProfiles(opts.dir, generateProfiles(opts.count, opts.seed ?? 1, opts.period))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`)
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback
  }
  const count = Number(arg('count', '12'))
  const seed = Number(arg('seed', '1'))
  const dir = arg('out', 'benchmark-cohort')
  if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a whole number ≥ 1')
  const files = generateCohort({ dir, count, seed })
  process.stdout.write(`${files.length} profiles written to ${dir} (seed ${seed})\n`)
}
