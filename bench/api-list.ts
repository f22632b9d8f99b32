import autocannon from 'autocannon'
import { z } from 'zod'
import { syntheticDevices } from '../src/demo/hospital.js'
import { SeededRandom } from '../src/demo/random.js'
import { createApiToken, startBenchServer } from './bench-server.js'
import { type BenchContext, type BenchReport, metric } from './lib.js'

/**
 * `api-list`: GET /api/devices over 100,000 devices in SQLite, on the real server listening on 127.0.0.1, hit by
 * autocannon with 50 concurrent connections for 10 s, authenticated with an API token. Each connection cycles
 * through realistic list queries (filters, sorts, a search term, paging). Target: p99 ≤ 50 ms.
 * Then two rotations of searches that are never cached, 10 connections each (issue 7, target 3: p99 ≤ 50 ms):
 * serial numbers, and a Japanese fragment (maker, room or ward, 2–6 characters) with a fragment of the device name.
 */
export const title = `API list + filter, ${Number(process.env.MAMORI_BENCH_API_DEVICES ?? 100_000).toLocaleString('en-US')} devices, 50 connections`

const DEVICES = Number(process.env.MAMORI_BENCH_API_DEVICES ?? 100_000)
const CONNECTIONS = 50
const SECONDS = Number(process.env.MAMORI_BENCH_API_SECONDS ?? 10)
const WARMUP_SECONDS = 3
const BASELINE_SECONDS = 5
const DISTINCT_SECONDS = 10
const DISTINCT_CONNECTIONS = 10

/** What people do on the device list: open it, filter by ward or kind, sort by service life, search, page on. */
export const QUERIES: readonly string[] = [
  '/api/devices?limit=50',
  `/api/devices?department=${encodeURIComponent('ICU（集中治療室）')}&limit=50`,
  '/api/devices?kind=medical_device&category=infusion_pump&sort=serviceLifeEnd&limit=50',
  '/api/devices?expired=service_life&lifeCritical=true&sort=serviceLifeEnd&limit=50',
  `/api/devices?q=${encodeURIComponent('windows 7')}&limit=50`,
  '/api/devices?status=in_use&sort=manufacturer&order=desc&offset=500&limit=50',
  `/api/devices?q=${encodeURIComponent('東邦メディカル')}&category=patient_monitor&limit=50`,
  '/api/devices?category=ct&limit=50',
]

/** Japanese script (kana, kanji, full-width forms): what makes a fragment a Japanese one. */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/

/** A random fragment of `length` characters of one whitespace-free word of `text`, or null when there is none. */
function fragment(text: string, min: number, max: number, rnd: SeededRandom, japanese: boolean): string | null {
  const words = text.split(/\s+/).filter((w) => [...w].length >= min && (!japanese || JAPANESE.test(w)))
  if (words.length === 0) return null
  const chars = [...rnd.pick(words)]
  const length = rnd.int(min, Math.min(max, chars.length))
  const from = rnd.int(0, chars.length - length)
  const out = chars.slice(from, from + length).join('')
  return japanese && !JAPANESE.test(out) ? null : out
}

/**
 * Searches as people type them on a Japanese ledger, each different: a fragment (2–6 characters) of a device's
 * maker, room or ward in Japanese and a fragment (3–6 characters) of its name, e.g. 「東邦 シリンジ」「3F 器材 ポンプ」.
 * Taken from the devices in the database (so each finds at least that device) and never repeated, so the list
 * route's cache cannot answer any of them.
 */
export function* japaneseSearches(devices: number): Generator<string> {
  const sources: [string, string][] = []
  for (const d of syntheticDevices(devices)) {
    const places = [d.manufacturer, d.location, d.department].filter((t): t is string => !!t && JAPANESE.test(t))
    if (d.name && places.length > 0) sources.push([places.join(' '), d.name])
  }
  const rnd = new SeededRandom(7)
  const seen = new Set<string>()
  for (let misses = 0; misses < 1_000; ) {
    const [place, name] = rnd.pick(sources)
    const a = fragment(place, 2, 6, rnd, true)
    const b = fragment(name, 3, 6, rnd, false)
    const q = a && b ? `${a} ${b}` : null
    if (q === null || seen.has(q)) {
      misses++
      continue
    }
    misses = 0
    seen.add(q)
    yield q
  }
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const server = await startBenchServer(DEVICES, ctx.log)
  try {
    const token = await createApiToken(server)
    const headers = { authorization: `Bearer ${token}` }
    // Check every query once, so a broken route fails loudly instead of timing fast 4xx answers.
    const totals: string[] = []
    for (const path of QUERIES) {
      const res = await fetch(`${server.url}${path}`, { headers })
      if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`)
      const body = z.object({ total: z.number() }).parse(await res.json())
      totals.push(`${decodeURIComponent(path.replace('/api/devices?', ''))} → ${body.total}`)
    }
    // Warm-up (not measured): a fresh process runs cold, unoptimised code for its first few hundred requests.
    ctx.log(`warm-up: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s`)
    await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: WARMUP_SECONDS,
      timeout: 30,
      headers,
      requests: QUERIES.map((path) => ({ method: 'GET', path })),
    })
    ctx.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s`)
    const r = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      timeout: 30,
      headers,
      requests: QUERIES.map((path) => ({ method: 'GET', path })),
    })
    // Reference: the cheapest route under the same load shows what this machine allows at this moment (a busy
    // machine inflates the tail of every route alike).
    ctx.log(`baseline: GET /api/health, ${CONNECTIONS} connections, ${BASELINE_SECONDS} s`)
    const base = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: BASELINE_SECONDS,
      timeout: 30,
      requests: [{ method: 'GET', path: '/api/health' }],
    })

    // The list route caches answers per ledger version, so the rotation above is mostly cache hits. Searches people
    // type are rarely identical: every request here searches a different serial number, so none is cached.
    // Fewer connections: each uncached search costs more, and 50 would leave a long queue behind on the server.
    ctx.log(`distinct searches: ${DISTINCT_CONNECTIONS} connections, ${DISTINCT_SECONDS} s`)
    let n = 0
    const distinct = await distinctSearches(server.url, headers, () => {
      n++
      // Serial numbers of syntheticDevices end in a 7-digit sequence ("…-S0012345"); step through them.
      return `s${String(((n * 7919) % DEVICES) + 1).padStart(7, '0')}`
    })
    // The same with Japanese: a maker, room or ward fragment and a name fragment, never the same twice.
    const japanese = japaneseSearches(DEVICES)
    const samples: string[] = []
    for (let i = 0; i < 4; i++) {
      const q = japanese.next().value ?? ''
      const res = await fetch(`${server.url}/api/devices?q=${encodeURIComponent(q)}&limit=50`, { headers })
      samples.push(`「${q}」 → ${z.object({ total: z.number() }).parse(await res.json()).total}`)
    }
    let exhausted = false
    ctx.log(`distinct Japanese searches: ${DISTINCT_CONNECTIONS} connections, ${DISTINCT_SECONDS} s`)
    const distinctJa = await distinctSearches(server.url, headers, () => {
      const next = japanese.next()
      if (next.done) exhausted = true
      return next.value ?? 'ポンプ'
    })

    const notes = [
      `${DEVICES.toLocaleString('en-US')} synthetic devices (demo-hospital vocabulary) in SQLite (WAL), written by a separate process; the server is a fresh process over that data directory (as mamori serve runs), autocannon runs in another; ${WARMUP_SECONDS} s warm-up, then ${CONNECTIONS} connections for ${SECONDS} s; ${r.requests.total} requests.`,
      `Each connection cycles through ${QUERIES.length} queries (query → matching total): ${totals.join('; ')}.`,
      `Filling the database took ${server.setupSeconds.toFixed(0)} s and is not measured.`,
    ]
    notes.push(
      `The list route caches answers per ledger version (src/server/versioned-cache.ts), so the 8-query rotation measures mostly cache hits after the first pass; "distinct searches" (${DISTINCT_CONNECTIONS} connections, ${DISTINCT_SECONDS} s) completed ${distinct.requests.total} requests, each searching a different serial number (never cached, ${distinct.non2xx + distinct.errors + distinct.timeouts} non-2xx/errors/timeouts).`,
      `"distinct Japanese searches" (${DISTINCT_CONNECTIONS} connections, ${DISTINCT_SECONDS} s) completed ${distinctJa.requests.total} requests, each a different pair of a Japanese maker/room/ward fragment (2–6 characters) and a device-name fragment (3–6 characters), e.g. ${samples.join('; ')} (${distinctJa.non2xx + distinctJa.errors + distinctJa.timeouts} non-2xx/errors/timeouts${exhausted ? '; the pool of distinct queries ran out, later ones repeated' : ''}).`,
    )
    if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
      notes.push(`Not all answers were 2xx: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts.`)
    }
    return {
      metrics: [
        metric('p99 latency', r.latency.p99, 'ms', { max: 50 }),
        metric('p50 latency', r.latency.p50, 'ms'),
        metric('max latency', r.latency.max, 'ms'),
        metric('throughput', r.requests.average, 'req/s'),
        metric('non-2xx + errors + timeouts', r.non2xx + r.errors + r.timeouts, 'responses', { max: 0 }),
        metric('distinct searches, 10 connections (uncached): p50', distinct.latency.p50, 'ms'),
        metric('distinct searches, 10 connections (uncached): p99', distinct.latency.p99, 'ms', { max: 50 }),
        metric('distinct searches, 10 connections (uncached): throughput', distinct.requests.average, 'req/s'),
        metric(
          'distinct searches, 10 connections (uncached): non-2xx + errors + timeouts',
          distinct.non2xx + distinct.errors + distinct.timeouts,
          'responses',
          { max: 0 },
        ),
        metric('distinct Japanese searches, 10 connections (uncached): p50', distinctJa.latency.p50, 'ms'),
        metric('distinct Japanese searches, 10 connections (uncached): p99', distinctJa.latency.p99, 'ms', {
          max: 50,
        }),
        metric(
          'distinct Japanese searches, 10 connections (uncached): throughput',
          distinctJa.requests.average,
          'req/s',
        ),
        metric(
          'distinct Japanese searches, 10 connections (uncached): non-2xx + errors + timeouts',
          distinctJa.non2xx + distinctJa.errors + distinctJa.timeouts,
          'responses',
          { max: 0 },
        ),
        metric('baseline: GET /api/health p99 (same load)', base.latency.p99, 'ms'),
        metric('baseline: GET /api/health throughput', base.requests.average, 'req/s'),
      ],
      notes,
    }
  } finally {
    await server.stop()
  }
}

/** Searches that are never cached: `DISTINCT_CONNECTIONS` connections for `DISTINCT_SECONDS`, each asking `next()`. */
function distinctSearches(url: string, headers: Record<string, string>, next: () => string) {
  return autocannon({
    url,
    connections: DISTINCT_CONNECTIONS,
    duration: DISTINCT_SECONDS,
    timeout: 30,
    headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: `/api/devices?q=${encodeURIComponent(next())}&limit=50` }),
      },
    ],
  })
}
