import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
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

/**
 * A real Mamori server for the benchmarks, started the way `mamori serve` runs in a hospital: the data directory is
 * filled first by a separate process (migrate, first admin, `devices` synthetic devices), then a fresh server
 * process opens it and listens on 127.0.0.1 (random port), serving the built web UI. So the measured process holds
 * no garbage from the bulk load, and neither the load generator (autocannon) nor the browser shares its event loop.
 *
 * Not a benchmark itself (no `run` export). As a script: `bench-server.ts populate DIR COUNT` fills DIR;
 * `bench-server.ts serve DIR` prints one JSON line `{ url }` on stdout and serves until SIGTERM or stdin closes.
 */

export interface BenchServer {
  url: string
  adminUser: string
  adminPassword: string
  /** Seconds spent migrating and loading the devices (separate process, not measured). */
  setupSeconds: number
  stop(): Promise<void>
}

const SELF = fileURLToPath(import.meta.url)
const ADMIN = { username: 'admin', password: 'Bench-Kanri-Key-2026' }

/** Fills a data directory, then starts the server process over it and waits until it listens. */
export async function startBenchServer(devices: number, log: (m: string) => void): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-bench-data-'))
  const t0 = performance.now()
  const populate = spawnSync(process.execPath, [...process.execArgv, SELF, 'populate', dataDir, String(devices)], {
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  if (populate.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true })
    throw new Error(`Filling the benchmark database failed (exit ${populate.status}).`)
  }
  const setupSeconds = (performance.now() - t0) / 1000
  log(`${devices} devices loaded in ${setupSeconds.toFixed(1)} s (separate process)`)
  const child = spawn(process.execPath, [...process.execArgv, SELF, 'serve', dataDir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true })
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The benchmark server exited with code ${code} before listening.`)))
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve(z.object({ url: z.string() }).parse(JSON.parse(line)).url),
    )
  }).catch((err: unknown) => {
    cleanup()
    throw err
  })
  log(`server ${url} ready`)
  return {
    url,
    adminUser: ADMIN.username,
    adminPassword: ADMIN.password,
    setupSeconds,
    stop: () =>
      new Promise<void>((done) => {
        const finish = () => {
          cleanup()
          done()
        }
        if (child.exitCode !== null) return finish()
        child.once('exit', finish)
        child.kill('SIGTERM')
      }),
  }
}

/** Logs in through the API and creates an API token (Authorization: Bearer) the way a script would. */
export async function createApiToken(server: BenchServer): Promise<string> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: server.adminUser, password: server.adminPassword }),
  })
  if (!login.ok) throw new Error(`login answered ${login.status}: ${await login.text()}`)
  const session = /mamori_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1]
  const body = z.object({ csrfToken: z.string() }).parse(await login.json())
  if (!session) throw new Error('login gave no session cookie')
  const res = await fetch(`${server.url}/api/tokens`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `mamori_session=${session}`,
      'x-csrf-token': body.csrfToken,
    },
    body: JSON.stringify({ name: 'bench' }),
  })
  if (res.status !== 201) throw new Error(`token creation answered ${res.status}: ${await res.text()}`)
  return z.object({ token: z.string() }).parse(await res.json()).token
}

async function populate(dataDir: string, devices: number): Promise<void> {
  const storage = openStorage({ dataDir })
  try {
    await migrate(storage.db)
    await ensureFirstAdmin(new UserService(new UserRepository(storage.db), new AuditRepository(storage.db)), ADMIN)
    await loadDemo(storage.db, { actor: SYSTEM_ACTOR, devices: [...syntheticDevices(devices)] })
  } finally {
    await storage.close()
  }
}

async function serve(dataDir: string): Promise<void> {
  const storage = openStorage({ dataDir })
  await migrate(storage.db)
  const app = await buildApp({ storage, config: loadConfig({ dataDir, host: '127.0.0.1', port: 0 }, {}) })
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

if (process.argv[1] === SELF) {
  const [mode, dataDir, count] = process.argv.slice(2)
  if (mode === 'populate' && dataDir) await populate(dataDir, Number(count ?? 1000))
  else if (mode === 'serve' && dataDir) await serve(dataDir)
  else throw new Error('usage: bench-server.ts populate DIR COUNT | serve DIR')
}
