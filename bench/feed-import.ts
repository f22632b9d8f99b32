import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CveRecord } from '../src/core/vulns/model.js'
import { readNvd } from '../src/importers/feeds/nvd.js'
import { migrate, openStorage, type Storage } from '../src/storage/database.js'
import { VulnRepository } from '../src/storage/vuln-repository.js'
import { type BenchContext, type BenchReport, type Metric, metric, peakRssMiB } from './lib.js'
import { writeNvdFiles } from './nvd-data.js'

/**
 * NVD feed import at NVD scale (issue 9, target ≥ 20,000 CVEs/s): 400,000 synthetic CVEs (~1.5M cpeMatch, the
 * shapes of bench/nvd-data.ts) written as 20 NVD CVE JSON 2.0 files, then for each file: read the bytes, `readNvd`,
 * and `VulnStore.putCves` in batches of 5,000 CVEs, one transaction each (upsert of the CVE rows, the vendor:product
 * index rows rewritten). Timed from the first file read to the last commit, so it is what `mamori feeds import` of a
 * full NVD mirror costs; generating the files is not timed. SQLite on a file in the scratch directory; PostgreSQL
 * when MAMORI_BENCH_DATABASE_URL is set (its cves tables are emptied first).
 */

export const title = 'NVD feed import (400,000 CVEs, ~1.5M cpeMatch)'

const CVES = 400_000
const PER_FILE = 20_000
const BATCH = 5_000
const TARGET = 20_000

async function measure(storage: Storage, label: string, files: readonly string[], ctx: BenchContext) {
  const store = new VulnRepository(storage.db)
  // A bench database may hold an earlier run: the first import of a mirror is the case measured.
  await storage.db.deleteFrom('cveCpeIndex').execute()
  await storage.db.deleteFrom('cves').execute()
  let readMs = 0
  let storeMs = 0
  let stored = 0
  let problems = 0
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  for (const file of files) {
    const t1 = performance.now()
    const feed = readNvd(await readFile(file), file)
    problems += feed.problems.filter((p) => p.severity === 'error').length
    const t2 = performance.now()
    readMs += t2 - t1
    const cves: readonly CveRecord[] = feed.cves
    for (let i = 0; i < cves.length; i += BATCH) stored += await store.putCves(cves.slice(i, i + BATCH))
    storeMs += performance.now() - t2
  }
  const totalMs = performance.now() - t0
  // This process's CPU time (SQLite runs in it; PostgreSQL's server work is not counted): on a shared, loaded machine
  // the wall clock also counts time spent waiting for a core.
  const cpu = process.cpuUsage(cpu0)
  const cpuMs = (cpu.user + cpu.system) / 1000
  const index = await storage.db
    .selectFrom('cveCpeIndex')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const rate = stored / (totalMs / 1000)
  ctx.log(
    `${label}: ${stored} CVEs in ${Math.round(totalMs)} ms (read ${Math.round(readMs)} ms, store ${Math.round(storeMs)} ms), ${Number(index.n)} index rows, ${problems} errors`,
  )
  return {
    metrics: [
      metric(`read + store (${label})`, rate, 'CVEs/s', { min: TARGET }),
      metric(`store only: putCves in batches of ${BATCH} (${label})`, stored / (storeMs / 1000), 'CVEs/s'),
      metric(`whole import (${label})`, totalMs / 1000, 's'),
      metric(`read + store per CPU second of this process (${label})`, stored / (cpuMs / 1000), 'CVEs/s'),
    ] satisfies Metric[],
    note: `${label}: ${stored} CVEs stored, ${Number(index.n)} cve_cpe_index rows (distinct CVE × vendor × product), read ${Math.round(readMs)} ms + store ${Math.round(storeMs)} ms, ${problems} reader errors.`,
  }
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  ctx.log(`writing ${CVES} CVEs as NVD 2.0 files of ${PER_FILE}…`)
  const files = await writeNvdFiles(join(ctx.tmpDir, 'nvd'), CVES, PER_FILE)
  const metrics: Metric[] = []
  const notes = [
    `${CVES} CVEs in ${files.length} NVD CVE JSON 2.0 files (bench/nvd-data.ts, seed 2026); batches of ${BATCH} CVEs per transaction.`,
  ]
  const sqlite = openStorage({ dataDir: join(ctx.tmpDir, 'db') })
  await migrate(sqlite.db)
  const s = await measure(sqlite, 'SQLite', files, ctx)
  metrics.push(...s.metrics)
  notes.push(s.note)
  await sqlite.close()
  const url = process.env.MAMORI_BENCH_DATABASE_URL
  if (url) {
    const pg = openStorage({ dataDir: ctx.tmpDir, databaseUrl: url })
    await migrate(pg.db)
    const p = await measure(pg, 'PostgreSQL', files, ctx)
    metrics.push(...p.metrics)
    notes.push(p.note)
    await pg.close()
  } else notes.push('PostgreSQL not measured (set MAMORI_BENCH_DATABASE_URL).')
  // One 20,000-CVE file parsed at a time: the peak is one file's JSON and records, not the whole feed.
  metrics.push(metric('peak RSS', peakRssMiB(), 'MiB'))
  return { metrics, notes }
}
