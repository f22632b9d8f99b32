import { spawn } from 'node:child_process'
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { findBinary } from '../src/lab/system.js'
import { type BenchContext, type BenchReport, type Metric, metric } from './lib.js'
import { generateCapture } from './support/capture-gen.js'

/**
 * `capture-throughput` (issue 12): passive analysis of a ≥ 1 GB capture made from the lab's recorded traffic
 * (bench/support/capture-gen.ts replays test/fixtures/captures/lab-traffic.pcap ward after ward), side by side in one
 * run with `tshark -r FILE -T fields -e ip.src -e ip.dst -e tcp.dstport` and with reading the file raw (the disk/page
 * cache limit). Mamori runs with every dissector on (DICOM, HL7, SMB, TLS, …) through `analyzeCapture`, in its own
 * process; peak RSS is compared on 0.1 GB and 1 GB (flat memory: it must not grow with the file), once as V8 sizes its
 * heap by itself and once with the heap capped at 128 MiB (what is retained; the 1 GB run must still finish).
 *
 * Sizes: MAMORI_BENCH_CAPTURE_GB (default 1.0). Files are kept in MAMORI_BENCH_CAPTURE_DIR (default
 * /tmp/mamori-bench-capture) so a second run does not regenerate them. tshark is optional (Debian package tshark);
 * without it that comparison is skipped and said so.
 */
export const title = 'Passive capture analysis vs tshark (1 GB of lab traffic)'

const GB = Number(process.env.MAMORI_BENCH_CAPTURE_GB ?? 1)
const DIR = process.env.MAMORI_BENCH_CAPTURE_DIR ?? '/tmp/mamori-bench-capture'
const MiB = 1024 * 1024

interface WorkerOut {
  elapsedMs: number
  cpuMs: number
  fileBytes: number
  maxRssKiB: number
  packets: number
  hosts: number
  conversations: number
  events: Record<string, number>
  problems: Record<string, number>
}

function exec(argv: string[], stdout: 'pipe' | 'ignore'): Promise<{ code: number; out: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const [cmd, ...args] = argv
    if (!cmd) return reject(new Error('empty argv'))
    const child = spawn(cmd, args, { stdio: ['ignore', stdout, 'pipe'] })
    let out = ''
    let err = ''
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
    })
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString()
    })
    child.once('error', reject)
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited ${code}: ${err.slice(-500)}`))
      resolve({ code: code ?? 0, out, ms: performance.now() - t0 })
    })
  })
}

async function mamori(file: string, heapMiB?: number): Promise<WorkerOut> {
  const worker = join(import.meta.dirname, 'support', 'capture-worker.ts')
  const heap = heapMiB ? [`--max-old-space-size=${heapMiB}`] : []
  const r = await exec([process.execPath, ...heap, '--import', 'tsx', worker, file], 'pipe')
  return JSON.parse(r.out.trim().split('\n').at(-1) ?? '{}') as WorkerOut
}

/** Reads the file start to end in 1 MiB chunks and does nothing else: the ceiling for any reader. */
async function rawRead(file: string): Promise<number> {
  const t0 = performance.now()
  let n = 0
  for await (const chunk of createReadStream(file, { highWaterMark: MiB })) n += (chunk as Buffer).length
  if (n !== statSync(file).size) throw new Error('short read')
  return performance.now() - t0
}

function ensure(file: string, bytes: number, ctx: BenchContext): void {
  if (existsSync(file) && statSync(file).size >= bytes) return
  ctx.log(`generating ${file} (${(bytes / MiB).toFixed(0)} MiB) from the lab capture`)
  generateCapture(file, bytes)
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  mkdirSync(DIR, { recursive: true })
  const big = join(DIR, `lab-${GB}g.pcap`)
  const small = join(DIR, `lab-${GB / 10}g.pcap`)
  ensure(big, Math.round(GB * 1024 * MiB), ctx)
  ensure(small, Math.round((GB / 10) * 1024 * MiB), ctx)
  const size = statSync(big).size
  const mb = size / 1e6
  const notes: string[] = []

  ctx.log('raw read (warms the page cache)')
  await rawRead(big)
  const rawMs = await rawRead(big)
  ctx.log('mamori on 0.1x')
  const m01 = await mamori(small)
  ctx.log('mamori on 1x')
  const m1 = await mamori(big)
  // What is retained, not how lazily V8 returns memory: both sizes again with the heap capped at 128 MiB.
  ctx.log('mamori on 0.1x and 1x with a 128 MiB heap')
  const c01 = await mamori(small, 128)
  const c1 = await mamori(big, 128)
  const metrics: Metric[] = [
    metric('capture size', mb, 'MB'),
    metric('packets', m1.packets, 'packets'),
    metric('raw read', mb / (rawMs / 1000), 'MB/s'),
    metric('mamori (all dissectors)', mb / (m1.elapsedMs / 1000), 'MB/s'),
    metric('mamori time', m1.elapsedMs / 1000, 's'),
    metric('mamori vs raw read', (mb / (m1.elapsedMs / 1000) / (mb / (rawMs / 1000))) * 100, '% of raw'),
    metric('peak RSS 0.1x', m01.maxRssKiB / 1024, 'MiB'),
    metric('peak RSS 1x', m1.maxRssKiB / 1024, 'MiB'),
    metric('RSS growth 1x / 0.1x (V8 sizes its heap freely)', m1.maxRssKiB / m01.maxRssKiB, '×'),
    metric('peak RSS 0.1x, 128 MiB heap', c01.maxRssKiB / 1024, 'MiB'),
    metric('peak RSS 1x, 128 MiB heap', c1.maxRssKiB / 1024, 'MiB'),
    metric('RSS growth 1x / 0.1x, 128 MiB heap', c1.maxRssKiB / c01.maxRssKiB, '×', { max: 1.25 }),
    metric('mamori time, 128 MiB heap', c1.elapsedMs / 1000, 's'),
  ]
  if (findBinary('tshark')) {
    ctx.log('tshark on 1x (several minutes)')
    const t = await exec(
      ['tshark', '-r', big, '-T', 'fields', '-e', 'ip.src', '-e', 'ip.dst', '-e', 'tcp.dstport'],
      'ignore',
    )
    metrics.push(
      metric('tshark -T fields', mb / (t.ms / 1000), 'MB/s'),
      metric('tshark time', t.ms / 1000, 's'),
      metric('mamori time / tshark time', m1.elapsedMs / t.ms, '×', { max: 0.1 }),
    )
  } else {
    notes.push('tshark is not installed (apt-get install tshark): the comparison with it was not run.')
  }
  notes.push(
    `${(size / 1024 / MiB).toFixed(2)} GiB, ${m1.packets.toLocaleString('en')} packets of replayed lab traffic; ${m1.hosts.toLocaleString('en')} hosts and ${m1.conversations.toLocaleString('en')} conversations kept (caps apply).`,
    `Events: ${Object.entries(m1.events)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    `Mamori CPU ${(m1.cpuMs / 1000).toFixed(1)} s for ${(m1.elapsedMs / 1000).toFixed(1)} s wall; the file was in the page cache (raw read measured second).`,
  )
  return { metrics, notes }
}
