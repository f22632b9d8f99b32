import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { z } from 'zod'
import { loadConfig } from '../src/config.js'
import { syntheticDevices } from '../src/demo/hospital.js'
import { loadDemo } from '../src/demo/load-demo.js'
import { buildApp } from '../src/server/app.js'
import { ensureFirstAdmin } from '../src/services/setup.js'
import { UserService } from '../src/services/users.js'
import { AuditRepository, SYSTEM_ACTOR } from '../src/storage/audit-repository.js'
import { migrate, openStorage } from '../src/storage/database.js'
import { UserRepository } from '../src/storage/user-repository.js'
import { type BenchServer, createApiToken } from './bench-server.js'
import { writeLedgerCsvInChild } from './ledger-csv.js'
import { type BenchContext, type BenchReport, metric, round } from './lib.js'

/**
 * `import-responsive`: does the server keep answering while a large ledger import commits? A real server process
 * over a data directory holding `MAMORI_BENCH_RESPONSIVE_DEVICES` devices (default 10,000); a 100,000-row CSV is
 * uploaded through the API (preview, not measured), then the commit is started (POST /api/imports/:id/commit, which
 * answers when the device-import job ends) and, for as long as it runs, a few clients read the device list (a
 * different offset per request, so answers are not only cached) and GET /api/health, one request after another; a
 * request still waiting when the commit ends is waited for and counted. Target: p99 ≤ 200 ms for the reads during
 * the commit. With MAMORI_BENCH_DATABASE_URL the same runs on PostgreSQL (a throwaway database).
 */

const DEVICES = Number(process.env.MAMORI_BENCH_RESPONSIVE_DEVICES ?? 10_000)
const ROWS = Number(process.env.MAMORI_BENCH_IMPORT_ROWS ?? 100_000)
const LIST_CONNECTIONS = 4
const HEALTH_CONNECTIONS = 2
const WARMUP_SECONDS = 3
/** Pause of each reading client between two requests: people and scripts reading, not a saturation test (on two
 * cores, clients in a tight loop would mostly measure how much CPU they take from the import). */
const THINK_MS = 10
const ADMIN = { username: 'admin', password: 'Bench-Kanri-Key-2026' }

export const title = `Reads during a ${ROWS.toLocaleString('en-US')}-row import commit, ${DEVICES.toLocaleString('en-US')} devices`

const SELF = fileURLToPath(import.meta.url)

/** Latencies (ms) of requests, and how many failed (non-2xx or network error). */
interface Sampled {
  latencies: number[]
  failed: number
}

/**
 * Keeps `connections` clients each sending one request after another until `stop` resolves; a request in flight then
 * is waited for and counted (a server that stalls shows as a few very slow requests, not as no requests at all).
 */
async function sample(
  url: string,
  next: () => string,
  headers: Record<string, string>,
  connections: number,
  stop: Promise<unknown>,
): Promise<Sampled> {
  let stopped = false
  void stop.finally(() => {
    stopped = true
  })
  const out: Sampled = { latencies: [], failed: 0 }
  const client = async () => {
    while (!stopped) {
      const t = performance.now()
      try {
        const res = await fetch(`${url}${next()}`, { headers })
        await res.arrayBuffer()
        if (!res.ok) out.failed++
      } catch {
        out.failed++
      }
      out.latencies.push(performance.now() - t)
      await new Promise((r) => setTimeout(r, THINK_MS))
    }
  }
  await Promise.all(Array.from({ length: connections }, client))
  return out
}

function stats(s: Sampled): { p50: number; p99: number; max: number; n: number } {
  const v = [...s.latencies].sort((a, b) => a - b)
  const at = (q: number) => (v.length === 0 ? Number.NaN : v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)]!)
  return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(v.at(-1) ?? Number.NaN), n: v.length }
}

/** CPU seconds of a process (all its threads, also ended ones) and of its main thread, from /proc (Linux). */
function cpuOf(pid: number): { total: number; main: number } | null {
  const ticks = (stat: string) => {
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(f[11]) + Number(f[12])) / 100
  }
  try {
    return {
      total: ticks(readFileSync(`/proc/${pid}/stat`, 'utf8')),
      main: ticks(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')),
    }
  } catch {
    return null
  }
}

interface Started {
  pid: number
  url: string
  stop(): Promise<void>
}

/** Starts `import-responsive.ts serve DIR [URL]` (a server accepting large uploads) and waits until it listens. */
async function startServer(dataDir: string, databaseUrl: string | undefined): Promise<Started> {
  const child = spawn(process.execPath, [...process.execArgv, SELF, 'serve', dataDir, databaseUrl ?? ''], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The benchmark server exited with code ${code} before listening.`)))
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve(z.object({ url: z.string() }).parse(JSON.parse(line)).url),
    )
  })
  return {
    pid: child.pid ?? 0,
    url,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      }),
  }
}

/** Fills the database as bench-server.ts does (migrate, first admin, synthetic devices), SQLite or PostgreSQL. */
async function populate(dataDir: string, devices: number, databaseUrl: string | undefined): Promise<void> {
  const storage = openStorage({ dataDir, databaseUrl })
  try {
    await migrate(storage.db)
    await ensureFirstAdmin(new UserService(new UserRepository(storage.db), new AuditRepository(storage.db)), ADMIN)
    await loadDemo(storage.db, { actor: SYSTEM_ACTOR, devices: [...syntheticDevices(devices)] })
  } finally {
    await storage.close()
  }
}

async function serve(dataDir: string, databaseUrl: string | undefined): Promise<void> {
  const storage = openStorage({ dataDir, databaseUrl })
  await migrate(storage.db)
  const config = loadConfig({ dataDir, host: '127.0.0.1', port: 0, maxUploadBytes: 512 * 1024 * 1024 }, {})
  const app = await buildApp({ storage, config })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const stop = async () => {
    await app.close()
    await storage.close()
    process.exit(0)
  }
  process.once('SIGTERM', stop)
  process.stdin.once('end', stop)
  process.stdin.resume()
  process.stdout.write(`${JSON.stringify({ url })}\n`)
}

/** A throwaway PostgreSQL database next to the one MAMORI_BENCH_DATABASE_URL names (loopback only). */
async function throwawayPostgres(
  base: string,
  log: (m: string) => void,
): Promise<{ url: string; drop(): Promise<void> }> {
  const u = new URL(base)
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(u.hostname))
    throw new Error('PostgreSQL must be on loopback')
  const { default: pg } = await import('pg')
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  const name = `mamori_bench_resp_${process.pid}`
  await admin.query(`drop database if exists ${name}`)
  await admin.query(`create database ${name}`)
  await admin.end()
  u.pathname = `/${name}`
  log(`PostgreSQL database ${name}`)
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

interface Phase {
  label: string
  metrics: ReturnType<typeof metric>[]
  notes: string[]
}

async function measure(ctx: BenchContext, label: string, databaseUrl?: string): Promise<Phase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mamori-bench-resp-'))
  const csv = join(ctx.tmpDir, `ledger-${label}.csv`)
  try {
    const t0 = performance.now()
    const filled = spawnSync(
      process.execPath,
      [...process.execArgv, SELF, 'populate', dataDir, databaseUrl ?? '', String(DEVICES)],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    )
    if (filled.status !== 0) throw new Error(`filling the database failed (exit ${filled.status})`)
    ctx.log(`${label}: ${DEVICES} devices loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    // Seed 2: other devices than the ledger's (seed 1), so the import mostly creates.
    const bytes = writeLedgerCsvInChild(csv, ROWS, 2)
    const server = await startServer(dataDir, databaseUrl)
    try {
      const bench: BenchServer = {
        url: server.url,
        adminUser: ADMIN.username,
        adminPassword: ADMIN.password,
        setupSeconds: 0,
        stop: server.stop,
      }
      const token = await createApiToken(bench)
      const headers = { authorization: `Bearer ${token}` }
      const form = new FormData()
      form.append('file', new Blob([readFileSync(csv)], { type: 'text/csv' }), 'ledger.csv')
      const tp = performance.now()
      const up = await fetch(`${server.url}/api/imports`, { method: 'POST', headers, body: form })
      if (!up.ok) throw new Error(`preview answered ${up.status}: ${(await up.text()).slice(0, 500)}`)
      const preview = z
        .object({ importId: z.string(), totalRows: z.number(), creates: z.number().optional() })
        .passthrough()
        .parse(await up.json())
      const previewSeconds = (performance.now() - tp) / 1000
      ctx.log(`${label}: preview of ${preview.totalRows} rows in ${previewSeconds.toFixed(1)} s`)

      let n = 0
      const listPath = () => `/api/devices?limit=50&offset=${(++n * 50) % DEVICES}`
      // Warm-up (not measured), then the same load for a few seconds before the commit, as the reference.
      await autocannon({
        url: server.url,
        connections: LIST_CONNECTIONS,
        duration: WARMUP_SECONDS,
        headers,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: listPath() }) }],
      })
      const quiet = stats(
        await sample(server.url, listPath, headers, LIST_CONNECTIONS, new Promise((r) => setTimeout(r, 3000))),
      )

      const cpu0 = process.cpuUsage()
      const server0 = cpuOf(server.pid)
      const tc = performance.now()
      const commit = fetch(`${server.url}/api/imports/${preview.importId}/commit`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{}',
      }).then(async (res) => ({ res, body: await res.text(), seconds: (performance.now() - tc) / 1000 }))
      const [ls, hs, c] = await Promise.all([
        sample(server.url, listPath, headers, LIST_CONNECTIONS, commit),
        sample(server.url, () => '/api/health', {}, HEALTH_CONNECTIONS, commit),
        commit,
      ])
      const commitSeconds = c.seconds
      const server1 = cpuOf(server.pid)
      const serverCpu =
        server0 && server1 ? { total: server1.total - server0.total, main: server1.main - server0.main } : null
      const l = stats(ls)
      const h = stats(hs)
      const commitBody = c.body
      if (!c.res.ok) throw new Error(`commit answered ${c.res.status}: ${commitBody.slice(0, 500)}`)
      const result = z
        .object({ created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() })
        .passthrough()
        .parse(JSON.parse(commitBody))
      ctx.log(
        `${label}: commit ${commitSeconds.toFixed(1)} s; list p99 ${l.p99} ms max ${l.max} ms (${l.n} req); health p99 ${h.p99} ms`,
      )
      const cpu = process.cpuUsage(cpu0)
      const bad = ls.failed + hs.failed
      return {
        label,
        metrics: [
          metric(`list p99 during commit (${label})`, l.p99, 'ms', { max: 200 }),
          metric(`list p50 during commit (${label})`, l.p50, 'ms'),
          metric(`list max during commit (${label})`, l.max, 'ms'),
          metric(`list requests answered during commit (${label})`, l.n, 'requests'),
          metric(`health p99 during commit (${label})`, h.p99, 'ms', { max: 200 }),
          metric(`health max during commit (${label})`, h.max, 'ms'),
          metric(`non-2xx + errors + timeouts (${label})`, bad, 'responses', { max: 0 }),
          metric(`commit wall time (${label})`, commitSeconds, 's'),
          metric(`list p99 before the commit, same load (${label})`, quiet.p99, 'ms'),
          ...(serverCpu
            ? [
                metric(`server CPU during the commit, all threads (${label})`, serverCpu.total, 's'),
                metric(`server CPU during the commit, main thread (${label})`, serverCpu.main, 's'),
              ]
            : []),
        ],
        notes: [
          `${label}: ${DEVICES.toLocaleString('en-US')} devices in the ledger; ${(bytes / 1024 / 1024).toFixed(1)} MiB CSV of ${ROWS.toLocaleString('en-US')} rows; preview ${previewSeconds.toFixed(1)} s (not measured); commit: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected in ${commitSeconds.toFixed(1)} s (request to answer).`,
          `${label}: during the commit ${LIST_CONNECTIONS} connections read GET /api/devices?limit=50&offset=… (a new offset per request) and ${HEALTH_CONNECTIONS} read GET /api/health, each pausing ${THINK_MS} ms between requests: ${l.n} + ${h.n} answers; list p50/p99/max ${l.p50}/${l.p99}/${l.max} ms, health ${h.p50}/${h.p99}/${h.max} ms; before the commit (same list load, 3 s) p99 ${quiet.p99} ms. Load generator CPU during the commit ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s.`,
        ],
      }
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(csv, { force: true })
  }
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  // MAMORI_BENCH_RESPONSIVE_ONLY=postgres skips the SQLite run (for measuring the PostgreSQL path alone).
  const only = process.env.MAMORI_BENCH_RESPONSIVE_ONLY
  const phases: Phase[] = only === 'postgres' ? [] : [await measure(ctx, 'SQLite')]
  const pgBase = process.env.MAMORI_BENCH_DATABASE_URL
  if (pgBase) {
    const db = await throwawayPostgres(pgBase, ctx.log)
    try {
      phases.push(await measure(ctx, 'PostgreSQL', db.url))
    } finally {
      await db.drop()
    }
  }
  return { metrics: phases.flatMap((p) => p.metrics), notes: phases.flatMap((p) => p.notes) }
}

if (process.argv[1] === SELF) {
  const [mode, dataDir, databaseUrl, count] = process.argv.slice(2)
  if (mode === 'serve' && dataDir) await serve(dataDir, databaseUrl || undefined)
  else if (mode === 'populate' && dataDir) await populate(dataDir, Number(count ?? 1000), databaseUrl || undefined)
  else throw new Error('usage: import-responsive.ts serve DIR [DATABASE_URL] | populate DIR DATABASE_URL|"" COUNT')
}
