import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { generateProfiles } from '../../../scripts/generate-benchmark-cohort.js'
import { computeIndicators, type IndicatorFacts } from './indicators.js'
import {
  buildProfile,
  canonicalJson,
  MAX_FILE_BYTES,
  ProfileFileError,
  profileChecksum,
  readBenchmarkFile,
  readImport,
} from './profile.js'

const sha256 = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex')
const facts = (inUse: number): IndicatorFacts => ({
  inUseDevices: inUse,
  inUseWithOwnerAndLocation: 13,
  networkedDevices: 17,
  networkedSeen: 13,
  hostsSeen: 30,
  hostsSeenInLedger: 20,
  cleartextAdminFindings: 3,
  pastSupport: 7,
  modelsInUse: 9,
  modelsWithDisclosure: 2,
  daysToCloseHigh: [10.4, 12.2],
  checklistAnswered: 10,
  checklistApplicable: 36,
  inUseWithKev: 1,
})
const input = (inUse: number) => ({
  profileId: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  period: '2026-12',
  bedBand: '200-399',
  region: 'kanto',
  inUseDevices: inUse,
  values: computeIndicators(facts(inUse)),
})
const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v))
const why = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    if (e instanceof ProfileFileError) return `${e.file}: ${e.why.en} / ${e.why.ja}`
    throw e
  }
  throw new Error('not refused')
}

describe('export profile', () => {
  it('rounds every value to a whole number and checksums the canonical JSON', () => {
    const r = buildProfile(input(20), sha256)
    if (!('ok' in r)) throw new Error(r.refused.en)
    expect(r.ok.indicators['ledger-seen']).toBe(76) // 13/17 = 76.47…: the exact ratio would reveal 17 devices
    expect(r.ok.indicators['days-to-close-high']).toBe(11)
    expect(Object.values(r.ok.indicators).every((v) => v === null || Number.isInteger(v))).toBe(true)
    expect(r.ok.checksum).toBe(profileChecksum(r.ok, sha256))
    expect(Object.keys(r.ok).sort()).toEqual(
      ['bedBand', 'checksum', 'format', 'formatVersion', 'indicators', 'period', 'profileId', 'region'].sort(),
    )
  })

  it('refuses a hospital with fewer than 20 in-use devices, saying why in ja/en', () => {
    const r = buildProfile(input(19), sha256)
    expect(r).toEqual({ refused: expect.objectContaining({ en: expect.stringMatching(/19 in-use devices/) }) })
    if ('refused' in r) expect(r.refused.ja).toMatch(/19 台/)
  })

  it('refuses a string beyond the enums (a prefecture instead of a region)', () => {
    const r = buildProfile({ ...input(50), region: 'tokyo' }, sha256)
    expect('refused' in r && r.refused.en).toMatch(/region/)
  })

  it('refuses an unknown indicator', () => {
    const values = [...computeIndicators(facts(50)), { ...computeIndicators(facts(50))[0]!, id: 'hospital-name' }]
    const r = buildProfile({ ...input(50), values }, sha256)
    expect('refused' in r && r.refused.en).toMatch(/hospital-name/)
  })

  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    )
  })
})

describe('import files', () => {
  const [p1, p2] = generateProfiles(2, 7)
  it('reads a generated profile', () => {
    expect(readBenchmarkFile('a.json', bytes(p1), sha256)).toEqual({ kind: 'profile', profile: p1 })
  })
  it.each([
    ['tampered value', { ...p1, indicators: { ...p1!.indicators, 'owner-location': 99 } }, /checksum/],
    ['extra key', { ...p1, hospital: '聖マモリ病院' }, /hospital/],
    ['unknown indicator', { ...p1, indicators: { ...p1!.indicators, beds: 300 } }, /beds/],
    ['foreign format', { format: 'something-else', data: 1 }, /not a Mamori benchmark file/],
    ['another version', { ...p1, formatVersion: 2 }, /formatVersion/],
    ['a prefecture', { ...p1, region: 'tokyo' }, /region/],
  ])('refuses %s, naming the file and why', (_, doc, re) => {
    expect(why(() => readBenchmarkFile('hosp-x.json', bytes(doc), sha256))).toMatch(re)
    expect(why(() => readBenchmarkFile('hosp-x.json', bytes(doc), sha256))).toMatch(/^hosp-x\.json: /)
  })
  it('refuses malformed JSON with the position', () => {
    expect(why(() => readBenchmarkFile('bad.json', bytes('{"format": "mamori-benchmark-profile",}'), sha256))).toMatch(
      /position 38.*38 文字目/,
    )
  })
  it('refuses a file over 1 MiB', () => {
    expect(why(() => readBenchmarkFile('big.json', new Uint8Array(MAX_FILE_BYTES + 1), sha256))).toMatch(/too large/)
  })
  it('refuses a duplicate profile id within the files or already stored', () => {
    const f = (name: string, p: unknown) => ({ name, bytes: bytes(p) })
    expect(why(() => readImport([f('a.json', p1), f('b.json', p1)], new Set(), sha256))).toMatch(
      /^b\.json: profile id .* "a\.json"/,
    )
    expect(why(() => readImport([f('a.json', p1), f('b.json', p2)], new Set([p2!.profileId]), sha256))).toMatch(
      /already imported/,
    )
  })
})

describe('import files, fuzzed (seeded)', () => {
  it('any changed byte of a profile is refused as a ProfileFileError (never a crash, never accepted changed)', async () => {
    const { seeded } = await import('../../../scripts/generate-benchmark-cohort.js')
    const rnd = seeded(2026)
    const [p] = generateProfiles(1, 99)
    const original = new TextEncoder().encode(JSON.stringify(p, null, 2))
    for (let i = 0; i < 500; i++) {
      const b = original.slice()
      const at = Math.floor(rnd() * b.length)
      b[at] = (b[at]! + 1 + Math.floor(rnd() * 254)) % 256
      try {
        const r = readBenchmarkFile('fuzz.json', b, sha256)
        // Accepted only when the change is insignificant to the content (e.g. whitespace to other whitespace).
        expect(r).toEqual({ kind: 'profile', profile: p })
      } catch (e) {
        expect(e, `byte ${at}`).toBeInstanceOf(ProfileFileError)
      }
    }
  })
})
