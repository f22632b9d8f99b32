import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

/**
 * A real Mamori server for the benchmarks, in its own process so the load generator (autocannon) or the browser does
 * not share its event loop. It is the test helper's server (test/helpers/server.ts: fresh SQLite data directory,
 * built web UI, admin account) listening on 127.0.0.1 with `devices` synthetic devices loaded.
 *
 * Not a benchmark itself (no `run` export). Run directly, it starts the server and prints one JSON line
 * `{ url, adminUser, adminPassword }` on stdout, then serves until SIGTERM or stdin closes.
 */

export interface BenchServer {
  url: string
  adminUser: string
  adminPassword: string
  /** Seconds spent migrating and loading the devices. */
  setupSeconds: number
  stop(): Promise<void>
}

const SELF = fileURLToPath(import.meta.url)

/** Starts the server process and waits until it listens (loading 100,000 devices takes a while). */
export function startBenchServer(devices: number, log: (m: string) => void): Promise<BenchServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, SELF, String(devices)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    const t0 = performance.now()
    let settled = false
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`The benchmark server exited with code ${code} before listening.`))
    })
    createInterface({ input: child.stdout }).once('line', (line) => {
      settled = true
      const info = z
        .object({ url: z.string(), adminUser: z.string(), adminPassword: z.string() })
        .parse(JSON.parse(line))
      log(`server ${info.url} ready with ${devices} devices`)
      resolve({
        ...info,
        setupSeconds: (performance.now() - t0) / 1000,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    })
  })
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
  if (!session || !body.csrfToken) throw new Error('login gave no session cookie or CSRF token')
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

async function serve(devices: number): Promise<void> {
  const { startTestServer } = await import('../test/helpers/server.js')
  const t0 = performance.now()
  const server = await startTestServer({ devices })
  process.stderr.write(
    `[bench-server] ${devices} devices loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  )
  const stop = async () => {
    await server.close()
    process.exit(0)
  }
  process.once('SIGTERM', stop)
  process.stdin.once('end', stop)
  process.stdin.resume()
  process.stdout.write(
    `${JSON.stringify({ url: server.url, adminUser: server.adminUser, adminPassword: server.adminPassword })}\n`,
  )
}

if (process.argv[1] === SELF) await serve(Number(process.argv[2] ?? 1000))
