import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { commitDeviceImport, planDeviceImport } from '../src/services/import-devices.js'
import { migrate, openStorage, type Storage } from '../src/storage/database.js'
import { createDeviceImportStore } from '../src/storage/device-import-store.js'
import { writeLedgerCsvInChild } from './ledger-csv.js'
import { type BenchContext, type BenchReport, type Metric, metric, peakRssMiB } from './lib.js'

/**
 * `import`: a ledger CSV (Japanese headers, UTF-8 with BOM, generated from the demo hospital's vocabulary) through
 * the real import service (plan = parse + validate + match, then commit = one transaction) into a fresh SQLite file
 * in WAL mode, as `mamori devices import` does; on PostgreSQL too when MAMORI_BENCH_DATABASE_URL points at a server on
 * loopback (a throwaway database is created and dropped).
 *
 * MAMORI_BENCH_IMPORT_ROWS is one size or a list (`10000,100000,1000000`) to record the curve. Each (size, database)
 * runs in a fresh child process, so its peak RSS is that import's alone. Targets (issue 7) at 100,000 rows:
 * ≥ 20,000 rows/s on SQLite, ≥ 10,000 on PostgreSQL, peak RSS ≤ 400 MiB.
 */
const SIZES = (process.env.MAMORI_BENCH_IMPORT_ROWS ?? '100000')
  .split(',')
  .map((s) => Number(s.trim().replaceAll('_', '')))
  .filter((n) => Number.isInteger(n) && n > 0)

export const title =
  SIZES.length === 1
    ? `CSV import, ${SIZES[0]!.toLocaleString('en-US')} devices`
    : `CSV import, ${SIZES.map((n) => n.toLocaleString('en-US')).join(' / ')} devices`

/** The size the targets apply to. */
const TARGET_SIZE = 100_000
const TARGETS = { SQLite: 20_000, PostgreSQL: 10_000 } as const
const TARGET_RSS_MIB = 400

type DbLabel = keyof typeof TARGETS

interface ImportTiming {
  planSeconds: number
  commitSeconds: number
  /** User + system CPU time of this process during the import: less sensitive than wall time to a busy machine. */
  cpuSeconds: number
  planCpuSeconds: number
  created: number
  rejected: number
  /** Peak RSS of the process (MiB) before the file was read, after the preview and at the end. */
  rssStart: number
  rssAfterPlan: number
  rssPeak: number
  /** Heap in use right after the preview (the plan, and garbage not yet collected), MiB. */
  heapAfterPlan: number
}

async function importInto(storage: Storage, bytes: Uint8Array, rssStart: number): Promise<ImportTiming> {
  const store = createDeviceImportStore(storage.db)
  const actor = { id: null, name: 'bench' }
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const plan = await planDeviceImport(store, bytes, { fileName: 'ledger.csv' })
  const t1 = performance.now()
  const planCpu = process.cpuUsage(cpu0)
  if (plan.preview.fatal || plan.preview.rejected > 0) {
    const first = plan.preview.problems.slice(0, 3).map((p) => `row ${p.row} ${p.column}: ${p.message}`)
    throw new Error(
      `The generated CSV did not import cleanly (${plan.preview.rejected} rejected): ${first.join(' | ')}`,
    )
  }
  const rssAfterPlan = peakRssMiB()
  // No forced GC here: it would lower the commit's peak below what the CLI and the server see.
  const heapAfterPlan = process.memoryUsage().heapUsed / 1024 ** 2
  const t1b = performance.now()
  const result = await commitDeviceImport(store, plan, { actor })
  const t2 = performance.now()
  const cpu = process.cpuUsage(cpu0)
  return {
    planSeconds: (t1 - t0) / 1000,
    commitSeconds: (t2 - t1b) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    planCpuSeconds: (planCpu.user + planCpu.system) / 1e6,
    created: result.created,
    rejected: result.rejected,
    rssStart,
    rssAfterPlan,
    rssPeak: peakRssMiB(),
    heapAfterPlan,
  }
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

/** One import of one file into one database, in this (child) process; the result goes to `out` as JSON. */
async function child(csv: string, db: DbLabel, dataDir: string, out: string): Promise<void> {
  const rssStart = peakRssMiB()
  // The Buffer as it is read (as the CLI and the upload route hand it over), not a copy.
  const bytes: Uint8Array = readFileSync(csv)
  let t: ImportTiming
  if (db === 'SQLite') {
    const storage = openStorage({ dataDir })
    await migrate(storage.db)
    try {
      t = await importInto(storage, bytes, rssStart)
    } finally {
      await storage.close()
    }
  } else {
    const target = await postgresStorage(process.env.MAMORI_BENCH_DATABASE_URL ?? '')
    try {
      t = await importInto(target.storage, bytes, rssStart)
    } finally {
      await target.drop()
    }
  }
  writeFileSync(out, JSON.stringify(t))
}

const SELF = fileURLToPath(import.meta.url)

function runChild(csv: string, db: DbLabel, dataDir: string, out: string): Promise<ImportTiming> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, SELF, csv, db, dataDir, out], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: process.env,
    })
    p.on('error', reject)
    p.on('exit', (code) => {
      if (code !== 0) reject(new Error(`import into ${db} failed (exit ${code})`))
      else resolve(JSON.parse(readFileSync(out, 'utf8')) as ImportTiming)
    })
  })
}

const short = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n))

function timingMetrics(db: DbLabel, rows: number, t: ImportTiming, several: boolean): Metric[] {
  const label = several ? `${db}, ${short(rows)}` : db
  const onTarget = rows === TARGET_SIZE
  const total = t.planSeconds + t.commitSeconds
  return [
    metric(`rows/s (${label})`, t.created / total, 'rows/s', onTarget ? { min: TARGETS[db] } : undefined),
    metric(`total time (${label})`, total, 's'),
    metric(`preview: parse + validate + match (${label})`, t.planSeconds, 's'),
    metric(`commit: one transaction (${label})`, t.commitSeconds, 's'),
    metric(`CPU time, user + system (${label})`, t.cpuSeconds, 's'),
    metric(`CPU time of the preview (${label})`, t.planCpuSeconds, 's'),
    metric(`peak RSS (${label})`, t.rssPeak, 'MiB', onTarget ? { max: TARGET_RSS_MIB } : undefined),
    metric(`peak RSS after the preview (${label})`, t.rssAfterPlan, 'MiB'),
    metric(`heap in use after the preview, garbage included (${label})`, t.heapAfterPlan, 'MiB'),
  ]
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const metrics: Metric[] = []
  const notes: string[] = []
  const pgUrl = process.env.MAMORI_BENCH_DATABASE_URL
  const dbs: DbLabel[] = pgUrl ? ['SQLite', 'PostgreSQL'] : ['SQLite']
  const several = SIZES.length > 1
  for (const rows of SIZES) {
    const csv = join(ctx.tmpDir, `ledger-${rows}.csv`)
    ctx.log(`writing ${rows} rows to ${csv}`)
    const size = writeLedgerCsvInChild(csv, rows, 1)
    notes.push(
      `${rows.toLocaleString('en-US')} rows: ${(size / 1024 ** 2).toFixed(1)} MiB CSV (34 Japanese columns, UTF-8 with BOM).`,
    )
    for (const db of dbs) {
      ctx.log(`${rows} rows into ${db} (fresh process)`)
      const dataDir = join(ctx.tmpDir, `data-${rows}`)
      const t = await runChild(csv, db, dataDir, join(ctx.tmpDir, `result-${rows}-${db}.json`))
      ctx.log(
        `${db} ${rows}: preview ${t.planSeconds.toFixed(2)} s, commit ${t.commitSeconds.toFixed(2)} s, CPU ${t.cpuSeconds.toFixed(1)} s, peak RSS ${t.rssPeak.toFixed(0)} MiB`,
      )
      if (t.created !== rows || t.rejected !== 0) throw new Error(`${db}: ${t.created} created of ${rows}`)
      metrics.push(...timingMetrics(db, rows, t, several))
      if (db === 'SQLite') {
        const dbFile = statSync(join(dataDir, 'mamori.sqlite')).size
        notes.push(
          `${short(rows)} rows, SQLite: file after import ${(dbFile / 1024 ** 2).toFixed(0)} MiB; peak RSS ${t.rssStart.toFixed(0)} MiB before the file was read (modules loaded).`,
        )
      }
    }
  }
  notes.push(
    'Each (size, database) runs in a fresh process: peak RSS (resourceUsage().maxRSS) is that import alone, including the file read whole as bytes (as the CLI and the upload do). CPU time is the Node process only (not the PostgreSQL server).',
  )
  if (!pgUrl)
    notes.push('PostgreSQL not measured in this run: set MAMORI_BENCH_DATABASE_URL (loopback server) to include it.')
  return { metrics, notes }
}

if (process.argv[1] === SELF) {
  const [csv, db, dataDir, out] = process.argv.slice(2)
  if (!csv || !db || !dataDir || !out) throw new Error('usage: import.ts CSV SQLite|PostgreSQL DATA_DIR OUT.json')
  await child(csv, db as DbLabel, dataDir, out)
}
