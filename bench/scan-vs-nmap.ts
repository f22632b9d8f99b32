import { spawn } from 'node:child_process'
import net from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseNmapXml } from '../src/importers/nmap-xml.js'
import { labDown, labUp } from '../src/lab/runner.js'
import { findBinary } from '../src/lab/system.js'
import { labTopology } from '../src/lab/topology.js'
import type { ScanRequest } from '../src/scanner/engine.js'
import { type BenchContext, type BenchReport, type Metric, metric } from './lib.js'

/**
 * `scan-vs-nmap`: the built-in engine's `fast` profile against `nmap -sT -T4` over the full TCP range 1–65535 of
 * every lab host, measured side by side in one run (alternating, median of RUNS each), inside the lab's scanner
 * namespace. Also: `nmap -sS` as the raw-socket reference, the `gentle` profile's highest measured new connections
 * per second to any one host (SYNs counted with tcpdump on the lab bridge), and the probes' added time per open port.
 *
 * The lab is brought up under its own prefix (MAMORI_BENCH_LAB_PREFIX, default `mamori-bench`) and torn down after,
 * so a lab someone else is using is never touched. Without root, the lab's packages or nmap, the benchmark runs on
 * loopback instead (listeners on 127.0.0.51–54 started here) and says so in its notes.
 * Traffic goes only to the lab's namespaces or to loopback.
 */
export const title = 'Port scan 1–65535: fast profile vs nmap -sT -T4'

const RUNS = Number(process.env.MAMORI_BENCH_SCAN_RUNS ?? 3)
const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const WORKER = join(ROOT, 'bench', 'support', 'scan-worker.ts')

interface WorkerOutput {
  elapsedMs: number
  cpuUserMs: number
  cpuSystemMs: number
  open: Record<string, string[]>
  hostsUp: number
  stats: { started: number; probesRun: number; portsScanned: number }
}

interface Env {
  mode: 'lab' | 'loopback'
  targets: string[]
  scope: string[]
  /** Prefix for commands that must run in the scanner namespace. */
  wrap: (argv: string[]) => string[]
  /** Interface to capture the gentle profile's SYNs on, or null. */
  captureIf: string | null
  cleanup: () => Promise<void>
  notes: string[]
}

function exec(
  argv: string[],
  opts: { input?: string; timeoutMs?: number } = {},
): Promise<{ code: number; out: string; err: string; ms: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now()
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => err.push(c))
    const timer = setTimeout(() => child.kill('SIGTERM'), opts.timeoutMs ?? 600_000)
    const done = (code: number) => {
      clearTimeout(timer)
      resolve({
        code,
        out: Buffer.concat(out).toString(),
        err: Buffer.concat(err).toString(),
        ms: performance.now() - t0,
      })
    }
    child.on('error', () => done(127))
    child.on('close', (code) => done(code ?? 1))
  })
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/**
 * Bundles the scan worker and the sweep thread with esbuild (as a release build would ship them: plain JavaScript,
 * no TypeScript loader in each thread), into the benchmark's scratch directory. Null when esbuild is unavailable:
 * the worker then runs from source through tsx, which costs each thread the loader's start-up.
 */
async function bundleWorker(ctx: BenchContext): Promise<string | null> {
  const esbuild = join(ROOT, 'node_modules', '.bin', 'esbuild')
  const out = join(ctx.tmpDir, 'scan-worker.mjs')
  const banner = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
  const common = ['--bundle', '--platform=node', '--log-level=error']
  const a = await exec([esbuild, WORKER, ...common, '--format=esm', `--outfile=${out}`, `--banner:js=${banner}`])
  const sweep = join(ROOT, 'src', 'net', 'sweep-worker.ts')
  const b = await exec([esbuild, sweep, ...common, '--format=cjs', `--outfile=${join(ctx.tmpDir, 'sweep-worker.js')}`])
  if (a.code !== 0 || b.code !== 0) {
    ctx.log(`esbuild failed, running the worker from source: ${a.err}${b.err}`)
    return null
  }
  return out
}

let bundled: string | null = null

async function ours(
  env: Env,
  request: Omit<ScanRequest, 'targets' | 'approvedScopes'>,
): Promise<WorkerOutput & { wallMs: number }> {
  const body: ScanRequest = { targets: env.targets, approvedScopes: env.scope, ...request }
  const argv = bundled ? [process.execPath, bundled] : [process.execPath, '--import', 'tsx', WORKER]
  const r = await exec(env.wrap([...argv, JSON.stringify(body)]))
  if (r.code !== 0) throw new Error(`the scan worker failed (${r.code}): ${r.err.slice(-2000)}`)
  const parsed: WorkerOutput = JSON.parse(r.out.trim().split('\n').at(-1) ?? '{}')
  return { ...parsed, wallMs: r.ms }
}

async function nmap(
  env: Env,
  scanType: '-sT' | '-sS',
): Promise<{ ms: number; cpuMs: number | null; open: Record<string, string[]> }> {
  // GNU time reports nmap's CPU seconds, so a busy machine can be told apart from a slow scanner.
  const time = findBinary('time')
  const timed = time ? [time, '-f', 'CPU %U %S'] : []
  const r = await exec(env.wrap([...timed, 'nmap', scanType, '-T4', '-p-', '-n', '-oX', '-', ...env.targets]))
  if (r.code !== 0) throw new Error(`nmap ${scanType} failed (${r.code}): ${r.err.slice(-1000)}`)
  const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(r.err)
  const cpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null
  const parsed = parseNmapXml(r.out)
  const open: Record<string, string[]> = {}
  for (const h of parsed.hosts) {
    if (h.state !== 'up') continue
    open[h.address] = h.services
      .filter((s) => s.state === 'open')
      .map((s) => `${s.port}/${s.transport}`)
      .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
  }
  return { ms: r.ms, cpuMs, open }
}

/** Differences between two open-port maps, as readable lines (empty = identical). */
function diffOpen(a: Record<string, string[]>, b: Record<string, string[]>, la: string, lb: string): string[] {
  const out: string[] = []
  for (const host of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const sa = new Set(a[host] ?? [])
    const sb = new Set(b[host] ?? [])
    const onlyA = [...sa].filter((p) => !sb.has(p))
    const onlyB = [...sb].filter((p) => !sa.has(p))
    if (onlyA.length) out.push(`${host}: only ${la}: ${onlyA.join(' ')}`)
    if (onlyB.length) out.push(`${host}: only ${lb}: ${onlyB.join(' ')}`)
  }
  return out
}

/** Highest number of SYNs to one destination inside any one-second window, from `tcpdump -tt -n` lines. */
export function maxSynPerSecond(
  tcpdumpText: string,
  targets: readonly string[],
): { max: number; host: string | null; total: number } {
  const wanted = new Set(targets)
  const byHost = new Map<string, number[]>()
  let total = 0
  for (const line of tcpdumpText.split('\n')) {
    // 1700000000.123456 IP 10.77.0.1.40000 > 10.77.0.10.104: Flags [S], …
    const m = /^(\d+\.\d+) IP6? (\S+) > (\S+): Flags \[S\]/.exec(line)
    if (!m) continue
    const dst = m[3]!.replace(/\.\d+$/, '')
    // Only the scan's targets: on loopback other programs' connections are captured too.
    if (!wanted.has(dst)) continue
    const list = byHost.get(dst) ?? []
    list.push(Number(m[1]) * 1000)
    byHost.set(dst, list)
    total++
  }
  let max = 0
  let host: string | null = null
  for (const [h, times] of byHost) {
    times.sort((a, b) => a - b)
    let j = 0
    for (let i = 0; i < times.length; i++) {
      while (j < times.length && times[j]! < times[i]! + 1000) j++
      if (j - i > max) {
        max = j - i
        host = h
      }
    }
  }
  return { max, host, total }
}

async function labEnv(ctx: BenchContext): Promise<Env | string> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not root'
  if (!findBinary('nmap')) return 'nmap is not installed'
  const prefix = process.env.MAMORI_BENCH_LAB_PREFIX ?? 'mamori-bench'
  try {
    ctx.log(`bringing up lab "${prefix}"…`)
    await labUp({ prefix, onProgress: (m) => ctx.log(m) })
  } catch (e) {
    return `the lab did not come up: ${e instanceof Error ? e.message : String(e)}`
  }
  const topo = labTopology(prefix)
  return {
    mode: 'lab',
    targets: topo.hosts.map((h) => h.ipv4),
    scope: [topo.scanner.cidr4],
    wrap: (argv) => ['ip', 'netns', 'exec', topo.scanner.namespace, ...argv],
    captureIf: findBinary('tcpdump') ? topo.scanner.bridge : null,
    cleanup: async () => {
      await labDown({ prefix }).catch(() => undefined)
    },
    notes: [
      `Lab "${prefix}": ${topo.hosts.length} hosts on ${topo.scanner.cidr4}, scanned from the scanner namespace.`,
    ],
  }
}

async function loopbackEnv(reason: string): Promise<Env> {
  const hosts = ['127.0.0.51', '127.0.0.52', '127.0.0.53', '127.0.0.54']
  const servers: net.Server[] = []
  for (const host of hosts) {
    for (let i = 0; i < 5; i++) {
      const s = net.createServer((c) => {
        c.on('error', () => {})
        c.end('HELLO\r\n')
      })
      await new Promise<void>((r) => s.listen(0, host, () => r()))
      servers.push(s)
    }
  }
  return {
    mode: 'loopback',
    targets: hosts,
    scope: ['127.0.0.0/8'],
    wrap: (argv) => argv,
    captureIf: findBinary('tcpdump') && process.getuid?.() === 0 ? 'lo' : null,
    cleanup: async () => {
      for (const s of servers) s.close()
    },
    notes: [
      `Loopback mode (${reason}): ${hosts.length} loopback addresses with 5 listeners each, started by the benchmark.`,
    ],
  }
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  if (!findBinary('nmap')) return { metrics: [], skipped: 'nmap is not installed (apt-get install nmap)' }
  const lab = process.env.MAMORI_BENCH_LOOPBACK === '1' ? 'MAMORI_BENCH_LOOPBACK=1' : await labEnv(ctx)
  const env = typeof lab === 'string' ? await loopbackEnv(lab) : lab
  const metrics: Metric[] = []
  const notes = [...env.notes]
  bundled = await bundleWorker(ctx)
  notes.push(
    bundled
      ? 'mamori runs as an esbuild bundle (plain JavaScript, as released), sweeping with worker threads.'
      : 'mamori runs from TypeScript sources through tsx (esbuild was unavailable).',
  )
  try {
    // 1. Full range, alternating runs so both see the same machine load.
    const fastReq = { ports: '-', profile: 'fast' as const, overrides: { bannerTimeoutMs: 0, runProbes: false } }
    const oursMs: number[] = []
    const oursInnerMs: number[] = []
    const nmapMs: number[] = []
    const oursCpuMs: number[] = []
    const nmapCpuMs: number[] = []
    let oursOpen: Record<string, string[]> = {}
    const mismatches: string[] = []
    for (let i = 0; i < RUNS; i++) {
      const a = await ours(env, fastReq)
      oursMs.push(a.wallMs)
      oursInnerMs.push(a.elapsedMs)
      oursCpuMs.push(a.cpuUserMs + a.cpuSystemMs)
      const b = await nmap(env, '-sT')
      nmapMs.push(b.ms)
      if (b.cpuMs !== null) nmapCpuMs.push(b.cpuMs)
      for (const k of Object.keys(a.open)) a.open[k]!.sort((x, y) => Number.parseInt(x, 10) - Number.parseInt(y, 10))
      mismatches.push(...diffOpen(a.open, b.open, 'mamori', 'nmap -sT').map((d) => `run ${i + 1}: ${d}`))
      oursOpen = a.open
      ctx.log(`run ${i + 1}: mamori fast ${(a.wallMs / 1000).toFixed(2)} s, nmap -sT -T4 ${(b.ms / 1000).toFixed(2)} s`)
    }
    const ratio = median(oursMs) / median(nmapMs)
    metrics.push(metric('mamori fast, full range (median wall)', median(oursMs) / 1000, 's'))
    metrics.push(metric('nmap -sT -T4 -p- (median wall)', median(nmapMs) / 1000, 's'))
    metrics.push(metric('wall-time ratio mamori / nmap -sT', ratio, '×', { max: 1.0 }))
    metrics.push(metric('open-port sets differing from nmap -sT', mismatches.length, 'hosts×runs', { max: 0 }))
    metrics.push(metric('mamori CPU time, user + system (median)', median(oursCpuMs) / 1000, 's'))
    if (nmapCpuMs.length)
      metrics.push(metric('nmap -sT CPU time, user + system (median)', median(nmapCpuMs) / 1000, 's'))
    notes.push(
      `Wall time includes process start for both (the mamori scan itself took a median ` +
        `${(median(oursInnerMs) / 1000).toFixed(2)} s).`,
      `Open ports found: ${Object.entries(oursOpen)
        .map(([h, p]) => `${h} ${p.join(',') || '-'}`)
        .join('; ')}.`,
    )
    if (mismatches.length) notes.push(`Open-port differences: ${mismatches.slice(0, 10).join(' | ')}`)

    // 2. nmap -sS as the raw-socket reference (root only).
    if (process.getuid?.() === 0) {
      const s = await nmap(env, '-sS')
      metrics.push(metric('nmap -sS -T4 -p- (reference)', s.ms / 1000, 's'))
      const d = diffOpen(oursOpen, s.open, 'mamori', 'nmap -sS')
      if (d.length) notes.push(`Differences against nmap -sS: ${d.slice(0, 5).join(' | ')}`)
    }

    // 3. Gentle: highest new connections per second to any one host, counted on the wire.
    if (env.captureIf) {
      const argv = env.wrap([
        'tcpdump',
        '-tt',
        '-n',
        '-l',
        '-i',
        env.captureIf,
        'tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn',
      ])
      const cap = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'ignore'] })
      const lines: Buffer[] = []
      cap.stdout.on('data', (c: Buffer) => lines.push(c))
      await new Promise((r) => setTimeout(r, 1000))
      const g = await ours(env, {
        ports: 'top',
        profile: 'gentle',
        overrides: { runProbes: false, bannerTimeoutMs: 0 },
      })
      await new Promise((r) => setTimeout(r, 500))
      cap.kill('SIGINT')
      await new Promise((r) => cap.on('close', r))
      const m = maxSynPerSecond(Buffer.concat(lines).toString(), env.targets)
      metrics.push(metric('gentle: highest new connections/s to one host (on the wire)', m.max, 'conn/s', { max: 5 }))
      notes.push(
        `Gentle scan of the top ports on every host took ${(g.elapsedMs / 1000).toFixed(1)} s; ${m.total} SYNs captured ` +
          `on ${env.captureIf}; the busiest second was to ${m.host ?? '-'}.`,
      )
    } else {
      notes.push('tcpdump is not available (or not root): the gentle profile was not measured on the wire here.')
    }

    // 4. Probes' added time per open port: fast profile over the top ports, with and without probes.
    const without = await ours(env, {
      ports: 'top',
      profile: 'fast',
      overrides: { runProbes: false, bannerTimeoutMs: 0 },
    })
    const withProbes = await ours(env, { ports: 'top', profile: 'fast' })
    const openCount = Object.values(withProbes.open).reduce((n, p) => n + p.length, 0)
    if (openCount > 0) {
      metrics.push(
        metric(
          'probes + banners: added time per open port',
          (withProbes.elapsedMs - without.elapsedMs) / openCount,
          'ms',
        ),
      )
      notes.push(
        `Top ports, fast profile: ${(without.elapsedMs / 1000).toFixed(2)} s without probes, ` +
          `${(withProbes.elapsedMs / 1000).toFixed(2)} s with ${withProbes.stats.probesRun} probe runs on ${openCount} open ports ` +
          '(probes run side by side, so this is wall time added, not time per probe).',
      )
    }
  } finally {
    await env.cleanup()
  }
  return { metrics, notes }
}
