import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DeviceForVulnMatch } from '../src/core/vulns/model.js'

/**
 * NVD-scale synthetic data for the issue 9 benchmarks (feed import, matching): CVE JSON 2.0 records as the NVD
 * feeds and the CVE API 2.0 deliver them, and a fleet of devices whose components use the same vendor/product
 * vocabulary, so a share of them match. Deterministic (seeded PRNG): the same arguments give the same bytes.
 *
 * Shapes, chosen to resemble the real NVD (400,000 CVEs → ~1,500,000 cpeMatch, ~3.75 per CVE):
 * - ~65% one OR node of application CPEs (`a:`) with version ranges (versionStartIncluding / versionEndExcluding);
 * - ~20% firmware on hardware: AND of an OR of vulnerable `o:…_firmware` CPEs and an OR of `vulnerable: false`
 *   `h:` hardware CPEs (what tools that flatten AND-configurations get wrong);
 * - ~10% an application on an OS platform: AND with a `vulnerable: false` `o:` node;
 * - ~5% exact versions (no bounds, the version in the criteria).
 * Vendors (~5,000, a few products each) are drawn Zipf-like: a few vendors carry thousands of CVEs, most a handful,
 * as in the NVD (Microsoft, Linux … at the head).
 *
 * Not a benchmark itself (no `run` export): `bench/vuln-match.ts` and the feed-import benchmark use it.
 */

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const VENDOR_COUNT = 5000
/** The head of the distribution: real names, so a reader of the data recognises the shape. */
const HEAD_VENDORS: readonly { vendor: string; products: string[] }[] = [
  { vendor: 'microsoft', products: ['windows_10', 'windows_7', 'windows_server_2016', 'sql_server', 'edge'] },
  { vendor: 'linux', products: ['linux_kernel'] },
  { vendor: 'openssl', products: ['openssl'] },
  { vendor: 'oracle', products: ['mysql', 'java_se', 'database_server'] },
  { vendor: 'apache', products: ['http_server', 'tomcat', 'log4j'] },
  { vendor: 'philips', products: ['intellispace_pacs', 'intellivue_mx800', 'e-alert'] },
  { vendor: 'ge', products: ['centricity_pacs', 'carescape_monitor_b450'] },
  { vendor: 'siemens', products: ['syngo_via', 'simatic_s7-1200'] },
  { vendor: 'windriver', products: ['vxworks'] },
  { vendor: 'blackberry', products: ['qnx_neutrino_rtos'] },
]
const SYLLABLES = 'ka ri to mo na se lu vi de po ra xi ze tu mi co fa ge hy jo qu be ni sa wo'.split(' ')
const PRODUCT_WORDS = 'monitor pump server gateway viewer station controller agent suite portal lib core'.split(' ')
const OS_PLATFORMS: readonly string[] = [
  'cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*',
  'cpe:2.3:o:microsoft:windows_10:-:*:*:*:*:*:*:*',
  'cpe:2.3:o:linux:linux_kernel:-:*:*:*:*:*:*:*',
  'cpe:2.3:o:apple:macos:-:*:*:*:*:*:*:*',
  'cpe:2.3:o:windriver:vxworks:6.9:*:*:*:*:*:*:*',
]
const CWES = ['CWE-79', 'CWE-787', 'CWE-89', 'CWE-20', 'CWE-125', 'CWE-78', 'CWE-416', 'CWE-22', 'CWE-352', 'CWE-287']
const VECTORS: readonly [string, number, string][] = [
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'CRITICAL'],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'MEDIUM'],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8, 'HIGH'],
  ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8, 'HIGH'],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5, 'HIGH'],
  ['CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N', 3.1, 'LOW'],
]

export interface Vocabulary {
  vendors: readonly { vendor: string; products: readonly string[] }[]
  /** A vendor index drawn Zipf-like (rank r with probability ∝ 1/r). */
  pickVendor(r: () => number): number
}

/** The vendor/product vocabulary (~5,000 vendors × 1–4 products), the same for every seed. */
export function vocabulary(): Vocabulary {
  const r = prng(9_000)
  const seen = new Set(HEAD_VENDORS.map((v) => v.vendor))
  const vendors: { vendor: string; products: string[] }[] = HEAD_VENDORS.map((v) => ({ ...v }))
  while (vendors.length < VENDOR_COUNT) {
    const n = 2 + Math.floor(r() * 3)
    let name = Array.from({ length: n }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]).join('')
    if (r() < 0.3) name += '_medical'
    if (seen.has(name)) name += `_${vendors.length}`
    seen.add(name)
    const count = 1 + Math.floor(r() * 4)
    const products = Array.from(
      { length: count },
      (_, i) => `${SYLLABLES[Math.floor(r() * SYLLABLES.length)]}${PRODUCT_WORDS[(i * 7 + vendors.length) % 12]}`,
    )
    vendors.push({ vendor: name, products: [...new Set(products)] })
  }
  const logN = Math.log(VENDOR_COUNT + 1)
  return { vendors, pickVendor: (rand) => Math.min(VENDOR_COUNT - 1, Math.floor(Math.exp(rand() * logN)) - 1) }
}

/** A version as vendors write them in the NVD: major.minor.patch, a share with two parts only. */
function version(r: () => number): string {
  const major = Math.floor(r() * 12)
  const minor = Math.floor(r() * 20)
  return r() < 0.3 ? `${major}.${minor}` : `${major}.${minor}.${Math.floor(r() * 30)}`
}

function uuid(r: () => number): string {
  const hex = () =>
    Math.floor(r() * 4294967296)
      .toString(16)
      .toUpperCase()
      .padStart(8, '0')
  const a = hex() + hex() + hex() + hex()
  return `${a.slice(0, 8)}-${a.slice(8, 12)}-${a.slice(12, 16)}-${a.slice(16, 20)}-${a.slice(20, 32)}`
}

const cpe = (part: string, vendor: string, product: string, ver = '*') =>
  `cpe:2.3:${part}:${vendor}:${product}:${ver}:*:*:*:*:*:*:*`

interface RawCpeMatch {
  vulnerable: boolean
  criteria: string
  matchCriteriaId: string
  versionStartIncluding?: string
  versionEndExcluding?: string
  versionEndIncluding?: string
}

/** 1 + a geometric tail: mostly 1–4 entries, sometimes a dozen (product lines listed one by one). */
function count(r: () => number, mean: number): number {
  let n = 1
  while (n < 16 && r() < 1 - 1 / mean) n++
  return n
}

function ranged(r: () => number, criteria: string, vulnerable = true): RawCpeMatch {
  const end = version(r)
  const m: RawCpeMatch = { vulnerable, criteria, matchCriteriaId: uuid(r) }
  if (r() < 0.5) m.versionStartIncluding = `${end.split('.')[0]}.0`
  if (r() < 0.8) m.versionEndExcluding = end
  else m.versionEndIncluding = end
  return m
}

function configurations(r: () => number, voc: Vocabulary): unknown[] {
  const v = voc.vendors[voc.pickVendor(r)]!
  const product = () => v.products[Math.floor(r() * v.products.length)]!
  const shape = r()
  if (shape < 0.65) {
    const n = count(r, 3.6)
    const cpeMatch = Array.from({ length: n }, () => ranged(r, cpe('a', v.vendor, product())))
    return [{ nodes: [{ operator: 'OR', negate: false, cpeMatch }] }]
  }
  if (shape < 0.85) {
    const models = Array.from({ length: count(r, 2) }, product)
    const firmware = models.map((p) => ranged(r, cpe('o', v.vendor, `${p}_firmware`)))
    const hardware = models.map((p) => ({
      vulnerable: false,
      criteria: cpe('h', v.vendor, p, '-'),
      matchCriteriaId: uuid(r),
    }))
    return [
      {
        operator: 'AND',
        nodes: [
          { operator: 'OR', negate: false, cpeMatch: firmware },
          { operator: 'OR', negate: false, cpeMatch: hardware },
        ],
      },
    ]
  }
  if (shape < 0.95) {
    const apps = Array.from({ length: count(r, 2.2) }, () => ranged(r, cpe('a', v.vendor, product())))
    const platforms = Array.from({ length: count(r, 1.3) }, () => ({
      vulnerable: false,
      criteria: OS_PLATFORMS[Math.floor(r() * OS_PLATFORMS.length)]!,
      matchCriteriaId: uuid(r),
    }))
    return [
      {
        operator: 'AND',
        nodes: [
          { operator: 'OR', negate: false, cpeMatch: apps },
          { operator: 'OR', negate: false, cpeMatch: platforms },
        ],
      },
    ]
  }
  const p = product()
  const cpeMatch = Array.from({ length: count(r, 5) }, () => ({
    vulnerable: true,
    criteria: cpe('a', v.vendor, p, version(r)),
    matchCriteriaId: uuid(r),
  }))
  return [{ nodes: [{ operator: 'OR', negate: false, cpeMatch }] }]
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23)
}

const FIRST = Date.UTC(1999, 0, 1)
const LAST = Date.UTC(2026, 10, 30)

/**
 * The NVD `vulnerabilities[]` items one at a time (so a benchmark can index 400,000 without holding the raw
 * JSON of all of them). Item `i` is the same for a given seed whatever `count` is.
 */
export function* nvdCveItems(count: number, seed = 2026): Generator<unknown> {
  const voc = vocabulary()
  for (let i = 0; i < count; i++) {
    const r = prng(seed * 1_000_003 + i)
    const published = FIRST + ((LAST - FIRST) * i) / Math.max(1, count)
    const year = new Date(published).getUTCFullYear()
    const [vector, score, severity] = VECTORS[Math.floor(r() * VECTORS.length)]!
    const configs = configurations(r, voc)
    yield {
      cve: {
        id: `CVE-${year}-${String(10_000 + i).padStart(5, '0')}`,
        sourceIdentifier: 'cve@mitre.org',
        published: iso(published),
        lastModified: iso(published + Math.floor(r() * 400) * 86_400_000),
        vulnStatus: 'Analyzed',
        descriptions: [
          { lang: 'en', value: `Synthetic vulnerability ${i} for benchmarking: improper input validation.` },
        ],
        metrics: {
          cvssMetricV31: [
            {
              source: 'nvd@nist.gov',
              type: 'Primary',
              cvssData: { version: '3.1', vectorString: vector, baseScore: score, baseSeverity: severity },
              exploitabilityScore: 3.9,
              impactScore: 5.9,
            },
          ],
        },
        weaknesses: [
          {
            source: 'nvd@nist.gov',
            type: 'Primary',
            description: [{ lang: 'en', value: CWES[Math.floor(r() * CWES.length)]! }],
          },
        ],
        configurations: configs,
      },
    }
  }
}

/** `count` NVD CVE JSON 2.0 `vulnerabilities[]` items (deterministic for a seed). */
export function generateNvdCves(count: number, seed = 2026): unknown[] {
  return [...nvdCveItems(count, seed)]
}

/**
 * Writes `count` CVEs as NVD 2.0 feed files of `perFile` items each (`nvdcve-2.0-0001.json` …, the shape of the
 * NVD's yearly feeds and of one CVE API 2.0 page); returns their paths in order.
 */
export async function writeNvdFiles(dir: string, count: number, perFile: number, seed = 2026): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const paths: string[] = []
  const items = nvdCveItems(count, seed)
  for (let start = 0; start < count; start += perFile) {
    const vulnerabilities: unknown[] = []
    for (let k = 0; k < perFile && start + k < count; k++) vulnerabilities.push(items.next().value)
    const path = join(dir, `nvdcve-2.0-${String(paths.length + 1).padStart(4, '0')}.json`)
    const feed = {
      resultsPerPage: vulnerabilities.length,
      startIndex: start,
      totalResults: count,
      format: 'NVD_CVE',
      version: '2.0',
      timestamp: '2026-12-01T00:00:00.000',
      vulnerabilities,
    }
    await writeFile(path, JSON.stringify(feed))
    paths.push(path)
  }
  return paths
}

/** Installed versions lean recent (majors 8–11): a device runs what was current when it was bought, or later. */
function fleetVersion(r: () => number): string {
  return `${8 + Math.floor(r() * 4)}.${Math.floor(r() * 20)}.${Math.floor(r() * 30)}`
}

/** A vendor of the long tail (uniform over all but the head). */
const tail = (r: () => number) => HEAD_VENDORS.length + Math.floor(r() * (VENDOR_COUNT - HEAD_VENDORS.length))

type FleetComponent = DeviceForVulnMatch['components'][number]

/**
 * A fleet of `devices` devices with `componentsPerDevice` components each, from the same vocabulary as the CVEs.
 * As in a hospital, devices come in models (one per ~25 devices, at least 20): a model's components (from its
 * SBOM) are the same objects on each of its devices; each device adds its firmware (one of three versions of the
 * model's firmware, `o:…_firmware`) and its hardware (`h:…:-`), so firmware-on-hardware configurations can
 * match. Makers: a fifth drawn like the CVEs' vendors (Zipf), the rest from the long tail; a third of the models
 * run a head OS (Windows, Linux …); libraries come from the long tail; installed versions lean recent. A tenth of
 * the models name a maker and model only (no catalog link).
 */
export function generateFleet(devices: number, componentsPerDevice: number, seed = 7): DeviceForVulnMatch[] {
  const voc = vocabulary()
  const r = prng(seed)
  const modelCount = Math.max(20, Math.ceil(devices / 25))
  const models = Array.from({ length: modelCount }, (_, m) => {
    const v = voc.vendors[r() < 0.2 ? voc.pickVendor(r) : tail(r)]!
    const product = v.products[Math.floor(r() * v.products.length)]!
    const hardware: FleetComponent = {
      id: `m${m}-hw`,
      kind: 'hardware',
      name: product,
      supplier: v.vendor,
      version: '-',
      cpe: cpe('h', v.vendor, product, '-'),
      purl: null,
    }
    const firmware = Array.from({ length: 3 }, (_, k): FleetComponent => {
      const ver = fleetVersion(r)
      return {
        id: `m${m}-fw${k}`,
        kind: 'firmware',
        name: `${product} firmware`,
        supplier: v.vendor,
        version: ver,
        cpe: cpe('o', v.vendor, `${product}_firmware`, ver),
        purl: null,
      }
    })
    // A third of the models run a general-purpose OS (the head of the distribution: Windows, Linux …); the rest an
    // embedded one, and their libraries come from the long tail, as in medical device SBOMs.
    const headOs = r() < 0.3
    const shared = Array.from({ length: Math.max(0, componentsPerDevice - 2) }, (_, k): FleetComponent => {
      const isOs = k === 0
      const lv = voc.vendors[isOs && headOs ? Math.floor(r() * HEAD_VENDORS.length) : tail(r)]!
      const lp = lv.products[Math.floor(r() * lv.products.length)]!
      const ver = fleetVersion(r)
      return {
        id: `m${m}-c${k}`,
        kind: isOs ? 'operating-system' : 'library',
        name: lp,
        supplier: lv.vendor,
        version: ver,
        cpe: cpe(isOs ? 'o' : 'a', lv.vendor, lp, ver),
        purl: isOs ? null : `pkg:generic/${lv.vendor}/${lp}@${ver}`,
      }
    })
    const linked = r() >= 0.1
    return { m, vendor: v.vendor, product, hardware, firmware, shared, linked }
  })
  return Array.from({ length: devices }, (_, i): DeviceForVulnMatch => {
    const model = models[Math.floor(r() * modelCount)]!
    const fw = model.firmware[Math.floor(r() * 3)]!
    return {
      id: `dev-${i}`,
      manufacturer: model.vendor,
      model: model.product,
      softwareVersion: fw.version,
      catalogModel: model.linked ? { id: `model-${model.m}`, vendor: model.vendor, name: model.product } : null,
      components: [fw, model.hardware, ...model.shared],
    }
  })
}
