import { randomBytes } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { commitDeviceImport, planDeviceImport } from '../src/services/import-devices.js'
import { migrate, openStorage, type Storage } from '../src/storage/database.js'
import { createDeviceImportStore } from '../src/storage/device-import-store.js'
import { writeLedgerCsvInChild } from './ledger-csv.js'
import { type BenchContext, type BenchReport, type Metric, metric, peakRssMiB } from './lib.js'

/**
 * `import`: a 100,000-device CSV (Japanese headers, UTF-8 with BOM, generated from the demo hospital's vocabulary)
 * through the real import service (plan = parse + validate + match, then commit = one transaction) into a fresh
 * SQLite file in WAL mode, as `mamori devices import` does. Target: ≥ 20,000 rows/s end to end.
 * Also on PostgreSQL when MAMORI_BENCH_DATABASE_URL points at a server on loopback (a throwaway database is
 * created and dropped).
 */
export const title = `CSV import, ${Number(process.env.MAMORI_BENCH_IMPORT_ROWS ?? 100_000).toLocaleString('en-US')} devices`

const ROWS = Number(process.env.MAMORI_BENCH_IMPORT_ROWS ?? 100_000)
const TARGET_ROWS_PER_S = 20_000

interface ImportTiming {
  planSeconds: number
  commitSeconds: number
  /** User + system CPU time of this process during the import: less sensitive than wall time to a busy machine. */
  cpuSeconds: number
  created: number
  rejected: number
}

async function importInto(storage: Storage, bytes: Uint8Array, log: (m: string) => void): Promise<ImportTiming> {
  const store = createDeviceImportStore(storage.db)
  const actor = { id: null, name: 'bench' }
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const plan = await planDeviceImport(store, bytes, { fileName: 'ledger.csv' })
  const t1 = performance.now()
  if (plan.preview.fatal || plan.preview.rejected > 0) {
    const first = plan.preview.problems.slice(0, 3).map((p) => `row ${p.row} ${p.column}: ${p.message}`)
    throw new Error(
      `The generated CSV did not import cleanly (${plan.preview.rejected} rejected): ${first.join(' | ')}`,
    )
  }
  log(`planned ${plan.creates.length} creates in ${((t1 - t0) / 1000).toFixed(2)} s`)
  const result = await commitDeviceImport(store, plan, { actor })
  const t2 = performance.now()
  const cpu = process.cpuUsage(cpu0)
  log(`committed in ${((t2 - t1) / 1000).toFixed(2)} s`)
  return {
    planSeconds: (t1 - t0) / 1000,
    commitSeconds: (t2 - t1) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    created: result.created,
    rejected: result.rejected,
  }
}

function timingMetrics(label: string, t: ImportTiming, target: boolean): Metric[] {
  const total = t.planSeconds + t.commitSeconds
  return [
    metric(`rows/s (${label})`, t.created / total, 'rows/s', target ? { min: TARGET_ROWS_PER_S } : undefined),
    metric(`total time (${label})`, total, 's'),
    metric(`preview: parse + validate + match (${label})`, t.planSeconds, 's'),
    metric(`commit: one transaction (${label})`, t.commitSeconds, 's'),
    metric(`CPU time, user + system (${label})`, t.cpuSeconds, 's'),
  ]
}

/** Creates a throwaway database on the benchmark PostgreSQL server; `drop()` removes it. */
async function postgresStorage(url: string): Promise<{ storage: Storage; drop(): Promise<void> }> {
  const host = new URL(url).hostname
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`MAMORI_BENCH_DATABASE_URL must point at loopback (127.0.0.1/::1), not "${host}".`)
  }
  const name = `mamori_bench_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const dbUrl = new URL(url)
  dbUrl.pathname = `/${name}`
  const storage = openStorage({ dataDir: '', databaseUrl: dbUrl.toString() })
  await migrate(storage.db)
  return {
    storage,
    async drop() {
      await storage.close()
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const csv = join(ctx.tmpDir, 'ledger.csv')
  ctx.log(`writing ${ROWS} rows to ${csv}`)
  const size = writeLedgerCsvInChild(csv, ROWS, 1)
  const rssBefore = peakRssMiB()
  const bytes = new Uint8Array(readFileSync(csv))
  ctx.log(`CSV: ${(size / 1024 ** 2).toFixed(1)} MiB; importing into SQLite`)

  const sqlite = openStorage({ dataDir: join(ctx.tmpDir, 'data') })
  await migrate(sqlite.db)
  let t: ImportTiming
  try {
    t = await importInto(sqlite, bytes, ctx.log)
  } finally {
    await sqlite.close()
  }
  // Peak RSS of this process: it covers reading the file, the plan held in memory and the transaction.
  const peak = peakRssMiB()
  const dbFile = statSync(join(ctx.tmpDir, 'data', 'mamori.sqlite')).size
  const metrics: Metric[] = [...timingMetrics('SQLite', t, true), metric('peak RSS (SQLite import)', peak, 'MiB')]
  const notes = [
    `${ROWS.toLocaleString('en-US')} rows, ${(size / 1024 ** 2).toFixed(1)} MiB CSV (34 Japanese columns, UTF-8 with BOM), ${t.created} created, ${t.rejected} rejected.`,
    `Peak RSS is the whole process (resourceUsage().maxRSS); it was ${rssBefore.toFixed(0)} MiB before the import (modules loaded; the CSV is written by a separate process).`,
    `SQLite file after import: ${(dbFile / 1024 ** 2).toFixed(0)} MiB (devices, address index, one audit entry per device).`,
  ]

  const pgUrl = process.env.MAMORI_BENCH_DATABASE_URL
  if (pgUrl) {
    ctx.log('importing into PostgreSQL')
    const target = await postgresStorage(pgUrl)
    try {
      metrics.push(...timingMetrics('PostgreSQL', await importInto(target.storage, bytes, ctx.log), false))
    } finally {
      await target.drop()
    }
    metrics.push(metric('peak RSS (after both imports)', peakRssMiB(), 'MiB'))
  } else {
    notes.push('PostgreSQL not measured in this run: set MAMORI_BENCH_DATABASE_URL (loopback server) to include it.')
  }
  return { metrics, notes }
}
