import { gzipSync } from 'node:zlib'
import { readEpss } from '../src/importers/feeds/epss.js'
import { readNvd } from '../src/importers/feeds/nvd.js'
import { type BenchContext, type BenchReport, metric } from './lib.js'
import { generateNvdCves } from './nvd-data.js'

/**
 * The feed readers alone, no storage (issue 9): `readNvd` on one NVD CVE JSON 2.0 file of 20,000 synthetic CVEs
 * (the shapes of bench/nvd-data.ts, ~27 MB; read+store must reach 20,000 CVEs/s, so reading should be several times
 * faster), plain and gzipped; `readEpss` on a day of FIRST EPSS (300,000 rows). Each is the best of 3 runs (the
 * first warms the JIT); JSON.parse is timed on its own to show where an NVD read goes.
 */

export const title = 'Feed readers (NVD 20,000 CVEs, EPSS 300,000 rows)'

const NVD_CVES = 20_000
const EPSS_ROWS = 300_000

function best(runs: number, f: () => void): number {
  let min = Number.POSITIVE_INFINITY
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    f()
    min = Math.min(min, performance.now() - t0)
  }
  return min
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const page = {
    resultsPerPage: NVD_CVES,
    startIndex: 0,
    totalResults: NVD_CVES,
    format: 'NVD_CVE',
    version: '2.0',
    timestamp: '2026-01-01T00:00:00.000',
    vulnerabilities: generateNvdCves(NVD_CVES),
  }
  const nvd = new TextEncoder().encode(JSON.stringify(page))
  const nvdGz = gzipSync(nvd)
  let lines = '#model_version:v2025.03.14,score_date:2025-03-20T00:00:00+0000\ncve,epss,percentile\n'
  for (let i = 0; i < EPSS_ROWS; i++)
    lines += `CVE-${2000 + (i % 26)}-${10_000 + i},0.${String(i % 99_991).padStart(5, '0')},0.${String(i % 97_001).padStart(5, '0')}\n`
  const epss = new TextEncoder().encode(lines)
  ctx.log(
    `NVD ${(nvd.length / 1e6).toFixed(1)} MB (${(nvdGz.length / 1e6).toFixed(1)} MB gzipped), EPSS ${(epss.length / 1e6).toFixed(1)} MB`,
  )

  let cves = 0
  const nvdMs = best(3, () => {
    cves = readNvd(nvd, 'nvd.json').cves.length
  })
  const nvdGzMs = best(3, () => readNvd(nvdGz, 'nvd.json.gz'))
  const parseMs = best(3, () => JSON.parse(new TextDecoder().decode(nvd)))
  let rows = 0
  const epssMs = best(3, () => {
    rows = readEpss(epss, 'epss.csv').rows.length
  })
  if (cves !== NVD_CVES || rows !== EPSS_ROWS) throw new Error(`read ${cves} CVEs, ${rows} EPSS rows`)
  return {
    metrics: [
      metric('readNvd (plain JSON)', cves / (nvdMs / 1000), 'CVEs/s', { min: 100_000 }),
      metric('readNvd (gzipped)', cves / (nvdGzMs / 1000), 'CVEs/s'),
      metric('of which TextDecoder + JSON.parse', (parseMs / nvdMs) * 100, '%'),
      metric('readEpss (300,000 rows)', epssMs, 'ms', { max: 1_500 }),
    ],
    notes: [
      `NVD file ${(nvd.length / 1e6).toFixed(1)} MB, ${NVD_CVES} CVEs with ~3.75 cpeMatch each; EPSS ${(epss.length / 1e6).toFixed(1)} MB.`,
      'Best of 3 runs each; no storage (bench/feed-import.ts measures read + store).',
    ],
  }
}
