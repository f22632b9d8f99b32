import { generateProfiles } from '../scripts/generate-benchmark-cohort.js'
import { buildCohortReport } from '../src/core/benchmark/cohort.js'
import { readImport } from '../src/core/benchmark/profile.js'
import { sha256 } from '../src/services/benchmark/benchmark-service.js'
import { SYSTEM_ACTOR } from '../src/storage/audit-repository.js'
import { BenchmarkRepository } from '../src/storage/benchmark-repository.js'
import { migrate, openStorage } from '../src/storage/database.js'
import { type BenchContext, type BenchReport, metric } from './lib.js'

/**
 * Benchmark compare (issue 10 item 7): the cohort report over 1,000 generated profiles (scripts/
 * generate-benchmark-cohort.ts, seed 1) — all hospitals, 6 bed bands, 8 regions, 9 indicators, primary and
 * complementary suppression — and, separately, reading and checking the 1,000 files as an import does (JSON, strict
 * format, checksum, duplicate ids), and compare with the profiles read from SQLite as the CLI does. Median of 5 runs
 * after one warm-up; peak RSS of the whole process.
 */
export const title = 'Benchmark compare (1,000 profiles)'

const PROFILES = 1000
const RUNS = 5

function medianMs(fn: () => void): number {
  fn()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(RUNS / 2)]!
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  ctx.log(`benchmark-compare: generating ${PROFILES} profiles`)
  const profiles = generateProfiles(PROFILES, 1)
  const files = profiles.map((p, i) => ({ name: `p${i}.json`, bytes: Buffer.from(JSON.stringify(p)) }))
  ctx.log('benchmark-compare: compare')
  let suppressed = 0
  const compare = medianMs(() => {
    const r = buildCohortReport(profiles, 5, new Date().toISOString())
    suppressed = r.cohorts.reduce((s, c) => s + c.indicators.filter((i) => i.suppressed).length, 0)
  })
  ctx.log('benchmark-compare: reading and checking the files')
  const read = medianMs(() => {
    readImport(files, new Set(), sha256)
  })
  ctx.log('benchmark-compare: stored in SQLite, read back and compared (what `mamori benchmark compare` does)')
  const storage = openStorage({ dataDir: '', memory: true })
  await migrate(storage.db)
  const store = new BenchmarkRepository(storage.db)
  await store.saveImport(profiles, [], SYSTEM_ACTOR, { action: 'benchmark.import' }, new Date().toISOString())
  const times: number[] = []
  for (let i = 0; i < RUNS + 1; i++) {
    const t0 = performance.now()
    buildCohortReport(await store.profiles(), 5, new Date().toISOString())
    times.push(performance.now() - t0)
  }
  await storage.close()
  const stored = times.slice(1).sort((a, b) => a - b)[Math.floor(RUNS / 2)]!
  const rss = process.resourceUsage().maxRSS / 1024
  return {
    metrics: [
      metric(`compare, ${PROFILES} profiles`, compare, 'ms', { max: 2000 }),
      metric(`read from SQLite + compare, ${PROFILES} profiles`, stored, 'ms', { max: 2000 }),
      metric(`read and check ${PROFILES} files`, read, 'ms'),
      metric('peak RSS', rss, 'MiB'),
    ],
    notes: [
      `${PROFILES} generated profiles (seed 1), minCohort 5, 15 cohorts × 9 indicators; ${suppressed} cells suppressed.`,
      'The first figure is pure computation; the second includes reading the stored profiles from SQLite.',
    ],
  }
}
