import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hasMessage, translate } from '../../../src/core/messages/translate.js'
import type { FeedProblem } from '../../../src/core/vulns/model.js'
import { readCycloneDxVex } from '../../../src/importers/feeds/cyclonedx-vex.js'
import { readFeed } from '../../../src/importers/feeds/detect.js'
import { readEpss } from '../../../src/importers/feeds/epss.js'
import { readJvn } from '../../../src/importers/feeds/jvn.js'
import { readNvd } from '../../../src/importers/feeds/nvd.js'
import { readSbom } from '../../../src/importers/sbom/index.js'

/**
 * Every reader against random bytes, cut-short copies of the fixtures and randomly mutated JSON: it returns, never
 * throws, and every problem renders from the catalog in both languages; a warning always says where (path or line).
 */

const dir = join(import.meta.dirname, '../../fixtures')
const FIXTURES = [
  'feeds/nvd-cve-2.0-page.json',
  'feeds/epss-subset.csv',
  'feeds/jvn-vuldef-bluekeep.xml',
  'feeds/jvn-overview-rss.xml',
  'feeds/cyclonedx-vex-cisa-case1-not-affected.json',
  'feeds/vex-spacelabs-xtr-not-affected.json',
  'feeds/kev-subset.json',
  'sbom/cyclonedx-1.4-hbom-pcie-sata.json',
  'sbom/spdx-2.3-infusion-pump.spdx.json',
  'sbom/spdx-2.2-infusion-pump.spdx',
].map((f) => readFileSync(join(dir, f)))

const READERS: [string, (b: Uint8Array) => { problems: FeedProblem[] }][] = [
  ['readFeed', (b) => readFeed(b, 'f')],
  ['readNvd', (b) => readNvd(b, 'f')],
  ['readEpss', (b) => readEpss(b, 'f')],
  ['readJvn', (b) => readJvn(b, 'f')],
  ['readCycloneDxVex', (b) => readCycloneDxVex(b, 'f')],
  ['readSbom', (b) => readSbom(b, 'f')],
]

function wellFormed(problems: FeedProblem[]): boolean {
  for (const p of problems) {
    const key = `feeds.problem.${p.code}`
    if (!hasMessage(key)) throw new Error(`no catalog text for ${key}`)
    // Every placeholder filled: rendered with neutral values, since a value may itself hold "{{" (random bytes do).
    const neutral = Object.fromEntries(Object.keys(p.params).map((k) => [k, 'x']))
    for (const lang of ['en', 'ja'] as const)
      if (translate(lang, key, neutral).includes('{{'))
        throw new Error(`${key} misses a parameter: ${JSON.stringify(p.params)}`)
    if (p.severity === 'warning' && !p.path) throw new Error(`${p.code} warning without a place`)
  }
  return true
}

/** Replaces one value somewhere in a JSON tree by a value of another type. */
function mutate(doc: unknown, pick: number, replacement: unknown): unknown {
  let n = 0
  const walk = (v: unknown): unknown => {
    if (n++ === pick) return replacement
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  return walk(doc)
}

const odd = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.constant([]),
  fc.constant({}),
  fc.boolean(),
  fc.constant('CVE-2019-0708'),
)

describe('feed and SBOM readers under fuzzing', () => {
  for (const [name, read] of READERS) {
    it(`${name}: random bytes, gzip of random bytes`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (raw, zip) =>
          wellFormed(read(zip ? gzipSync(raw) : raw).problems),
        ),
        { numRuns: 150 },
      )
    })

    it(`${name}: every fixture cut short anywhere`, () => {
      fc.assert(
        fc.property(fc.nat(FIXTURES.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), (i, at) => {
          const f = FIXTURES[i]!
          return wellFormed(read(f.subarray(0, Math.floor(f.length * at))).problems)
        }),
        { numRuns: 120 },
      )
    })
  }

  it('readFeed and readSbom: JSON fixtures with one value replaced by another type', () => {
    const json = FIXTURES.filter((f) => f[0] === 0x7b).map((f) => JSON.parse(f.toString()))
    fc.assert(
      fc.property(fc.nat(json.length - 1), fc.nat(400), odd, (i, pick, replacement) => {
        const bytes = new TextEncoder().encode(JSON.stringify(mutate(json[i], pick, replacement)))
        return wellFormed(readFeed(bytes, 'f').problems) && wellFormed(readSbom(bytes, 'f').problems)
      }),
      { numRuns: 400 },
    )
  })

  it('a gzip bomb stops at the size limit with one error, for every reader', () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20))
    expect(bomb.length).toBeLessThan(20_000)
    const small = { maxBytes: 1024 * 1024 }
    for (const result of [
      readFeed(bomb, 'bomb.gz', small),
      readNvd(bomb, 'bomb.gz', small),
      readEpss(bomb, 'bomb.gz', small),
      readJvn(bomb, 'bomb.gz', small),
      readCycloneDxVex(bomb, 'bomb.gz', small),
      readSbom(bomb, 'bomb.gz', small),
    ]) {
      expect(result.problems.map((p) => [p.severity, p.code, p.params.limit])).toEqual([['error', 'tooLarge', 1]])
    }
  })
})
