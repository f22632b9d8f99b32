import { builtinAliasRows } from '../src/core/catalog/builtin-aliases.js'
import { VendorResolver } from '../src/core/catalog/vendor-resolver.js'
import { matchDevices } from '../src/core/vulns/match-devices.js'
import type { CveForMatch, DeviceForVulnMatch } from '../src/core/vulns/model.js'
import { type BenchContext, type BenchReport, metric, peakRssMiB, round } from './lib.js'
import { generateFleet, nvdCveItems } from './nvd-data.js'

/**
 * Matching at hospital scale (issue 9, targets: 10,000 devices × 50 components in ≤ 10 s and ≤ 2 GiB peak RSS):
 * 400,000 generated NVD CVEs (bench/nvd-data.ts, ~1.5 M cpeMatch, realistic AND/OR shapes) indexed in memory by
 * vendor:product as the store hands them to the engine, then the whole engine (`matchDevices`: advisories, NVD
 * configurations, VEX) over a generated fleet. The curve at 1,000 / 10,000 / 100,000 devices gives the time per
 * device; every run goes in batches of 2,000 devices, as a matching job would to bound its memory (each
 * batch starts with empty caches, so it is no faster than one run). Wall time and CPU time are both reported: on a
 * shared machine the CPU time is the figure that does not depend on the neighbours. Pure CPU, no database.
 */

export const title = 'Vulnerability matching (400,000 CVEs; 10,000 devices × 50 components)'

const CVES = Number(process.env.MAMORI_BENCH_CVES ?? 400_000)
const COMPONENTS = 50
const TARGET_MS = 10_000
const TARGET_RSS_MIB = 2048
const BATCH = 2_000
/** Curve sizes (MAMORI_BENCH_MATCH_CURVE=1000,10000,100000). */
const CURVE = (process.env.MAMORI_BENCH_MATCH_CURVE ?? '1000,10000,100000').split(',').map(Number)

/** The vendor:product pairs a CVE's criteria name (`cpe:2.3:p:vendor:product:…`), without parsing the rest. */
function pairsOf(cve: CveForMatch): Set<string> {
  const out = new Set<string>()
  const walk = (nodes: CveForMatch['configurations'][number]['nodes']) => {
    for (const n of nodes) {
      for (const m of n.cpeMatch ?? []) {
        const f = m.criteria.split(':')
        out.add(`${f[3]}:${f[4]}`)
      }
      if (n.nodes) walk(n.nodes)
    }
  }
  for (const c of cve.configurations) walk(c.nodes)
  return out
}

function isNvdItem(x: unknown): x is { cve: CveForMatch } {
  return typeof x === 'object' && x !== null && 'cve' in x
}

function runOnce(devices: readonly DeviceForVulnMatch[], index: Map<string, CveForMatch[]>, vendors: VendorResolver) {
  const wall = performance.now()
  const cpu = process.cpuUsage()
  let matches = 0
  let affected = 0
  for (let i = 0; i < devices.length; i += BATCH) {
    const out = matchDevices({
      devices: devices.slice(i, i + BATCH),
      advisories: [],
      vex: [],
      vendors,
      lookup: (vendor, product) => index.get(`${vendor}:${product}`) ?? [],
    })
    matches += out.length
    for (const m of out) if (m.decision === 'affected') affected++
  }
  const used = process.cpuUsage(cpu)
  return { ms: performance.now() - wall, cpuMs: (used.user + used.system) / 1000, matches, affected }
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  ctx.log(`generating and indexing ${CVES.toLocaleString()} CVEs`)
  const t0 = performance.now()
  const index = new Map<string, CveForMatch[]>()
  let cpeMatches = 0
  for (const item of nvdCveItems(CVES)) {
    if (!isNvdItem(item)) continue
    // Only what matching reads is kept (as the store's cveCandidates returns it).
    const cve: CveForMatch = { id: item.cve.id, configurations: item.cve.configurations }
    for (const c of cve.configurations) for (const n of c.nodes) cpeMatches += n.cpeMatch?.length ?? 0
    for (const pair of pairsOf(cve)) {
      const list = index.get(pair)
      if (list) list.push(cve)
      else index.set(pair, [cve])
    }
  }
  const loadMs = performance.now() - t0
  const vendors = new VendorResolver(builtinAliasRows())

  ctx.log('matching 10,000 devices')
  const fleet10k = generateFleet(10_000, COMPONENTS)
  const main = runOnce(fleet10k, index, vendors)
  const rssAfterMain = peakRssMiB()

  const curve: { devices: number; ms: number; cpuMs: number; matches: number }[] = []
  for (const n of CURVE) {
    ctx.log(`curve: ${n.toLocaleString()} devices`)
    const r = n === 10_000 ? main : runOnce(generateFleet(n, COMPONENTS), index, vendors)
    curve.push({ devices: n, ms: r.ms, cpuMs: r.cpuMs, matches: r.matches })
  }
  const perDevice = (c: (typeof curve)[number]) => (c.cpuMs * 1000) / c.devices

  return {
    metrics: [
      metric('match 10,000 devices × 50 components (wall)', main.ms, 'ms', { max: TARGET_MS }),
      metric('match 10,000 devices (CPU time)', main.cpuMs, 'ms'),
      metric('peak RSS after the 10,000-device run', rssAfterMain, 'MiB', { max: TARGET_RSS_MIB }),
      metric('matches (10,000 devices)', main.matches, 'matches'),
      ...curve.map((c) => metric(`CPU per device at ${c.devices.toLocaleString()} devices`, perDevice(c), 'µs')),
      metric('generate + index 400,000 CVEs (not part of the target)', loadMs, 'ms'),
    ],
    notes: [
      `${CVES.toLocaleString()} CVEs, ${cpeMatches.toLocaleString()} cpeMatch entries, ${index.size.toLocaleString()} vendor:product keys`,
      `10,000 devices: ${main.matches.toLocaleString()} matches (${main.affected.toLocaleString()} affected, the rest needs review), ${round(main.matches / 10_000)} per device`,
      `curve (wall ms / CPU ms / matches): ${curve.map((c) => `${c.devices.toLocaleString()}: ${round(c.ms)} / ${round(c.cpuMs)} / ${c.matches.toLocaleString()}`).join('; ')}`,
      'fleet: one model per ~25 devices sharing its SBOM components; a third of the models run a head OS (Windows, Linux …), libraries from the long tail; firmware + hardware per device (bench/nvd-data.ts)',
      'Dependency-Track for context (its published figures): ≈ 4.8 s to analyse one 402-component project; 10–30 min to mirror the NVD',
    ],
  }
}
