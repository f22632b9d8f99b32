import { describe, expect, it } from 'vitest'
import type { BenchmarkProfile, CohortReport, IndicatorValue } from '../../../api/benchmark.js'
import { generateProfiles } from '../../../scripts/generate-benchmark-cohort.js'
import { buildCohortReport, percentile, percentileOf, positionIn, REASON_DERIVABLE } from './cohort.js'
import { computeIndicators, INDICATORS } from './indicators.js'

const AT = '2026-12-01T00:00:00.000Z'
let seq = 0
/** A profile with every indicator at `v` (checksum irrelevant here: compare reads stored, verified profiles). */
function profile(bedBand: BenchmarkProfile['bedBand'], region: BenchmarkProfile['region'], v = 50): BenchmarkProfile {
  seq += 1
  return {
    format: 'mamori-benchmark-profile',
    formatVersion: 1,
    profileId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    period: '2026-11',
    bedBand,
    region,
    indicators: Object.fromEntries(INDICATORS.map((i) => [i.id, v])),
    checksum: '0'.repeat(64),
  }
}
const many = (n: number, band: BenchmarkProfile['bedBand'], region: BenchmarkProfile['region'], v = 50) =>
  Array.from({ length: n }, (_, i) => profile(band, region, v + i))
const cohort = (r: CohortReport, key: string) => r.cohorts.find((c) => c.key === key)!
const cell = (r: CohortReport, key: string, id = 'owner-location') =>
  cohort(r, key).indicators.find((i) => i.id === id)!

describe('percentiles (linear interpolation between closest ranks)', () => {
  it.each([
    [[10, 20, 30, 40, 50], 50, 30],
    [[10, 20, 30, 40, 50], 25, 20],
    [[10, 20, 30, 40, 50], 10, 14],
    [[10, 20, 30, 40], 50, 25],
    [[7], 90, 7],
  ])('%j at %d = %d', (values, q, want) => {
    expect(percentile(values, q)).toBeCloseTo(want, 10)
  })
})

describe('cohort report', () => {
  it('publishes percentiles for a cohort of at least minCohort hospitals', () => {
    const r = buildCohortReport(many(5, '200-399', 'kanto'), 5, AT)
    expect(cell(r, 'all')).toMatchObject({
      n: 5,
      suppressed: false,
      p10: 50.4,
      p25: 51,
      median: 52,
      p75: 53,
      p90: 53.6,
    })
    expect(cohort(r, 'all').size).toBe(5)
  })

  it('suppresses a whole report drawn from fewer than minCohort hospitals, with the reason in ja/en', () => {
    const r = buildCohortReport(many(4, '200-399', 'kanto'), 5, AT)
    expect(r.profiles).toBe(0)
    for (const c of r.cohorts) {
      expect(c.suppressed).toBe(true)
      expect(c.size).toBe(0)
      for (const i of c.indicators) expect(i).toMatchObject({ suppressed: true, median: null, n: 0 })
    }
    expect(cell(r, 'all').reasonJa).toBe('5 病院未満から求めた値のため秘匿')
    expect(cell(r, 'all').reasonEn).toBe('suppressed: drawn from fewer than 5 hospitals')
  })

  it('suppresses an indicator measured by fewer than minCohort hospitals even in a large cohort', () => {
    const ps = many(8, '200-399', 'kanto')
    for (const p of ps.slice(0, 5)) p.indicators['kev-devices'] = null
    const r = buildCohortReport(ps, 5, AT)
    expect(cell(r, 'all', 'kev-devices')).toMatchObject({ suppressed: true, n: 0, p10: null })
    expect(cell(r, 'all', 'owner-location')).toMatchObject({ suppressed: false, n: 8 })
  })

  it('complementary: one small bed band suppressed while the rest are published → a second band is suppressed too', () => {
    // all = 15: 200-399 has 7, 100-199 has 5, 400-699 has 3 (< 5). Publishing 7 and 5 would let anyone derive the
    // 3 hospitals of 400-699 as "all minus the published bands": so 100-199 (the smallest published) goes too.
    const ps = [...many(7, '200-399', 'kanto'), ...many(5, '100-199', 'kanto'), ...many(3, '400-699', 'kanto')]
    const r = buildCohortReport(ps, 5, AT)
    expect(cohort(r, 'bedBand:400-699')).toMatchObject({ suppressed: true, size: 0 })
    expect(cohort(r, 'bedBand:100-199')).toMatchObject({ suppressed: true, size: 0 })
    expect(cell(r, 'bedBand:100-199')).toMatchObject({
      suppressed: true,
      reasonJa: REASON_DERIVABLE.ja,
      reasonEn: REASON_DERIVABLE.en,
    })
    expect(cohort(r, 'bedBand:200-399')).toMatchObject({ suppressed: false, size: 7 })
    expect(cohort(r, 'all')).toMatchObject({ suppressed: false, size: 15 })
    // The region partition: everyone is in Kanto, nothing is left over to derive.
    expect(cohort(r, 'region:kanto')).toMatchObject({ suppressed: false, size: 15 })
  })

  it('complementary: no second suppression when what is left over is already ≥ minCohort or empty', () => {
    const ps = [...many(6, '200-399', 'kanto'), ...many(3, '400-699', 'kanto'), ...many(2, '700+', 'kanto')]
    // 400-699 (3) and 700+ (2) are both suppressed: together 5 hospitals, which may be published as a group.
    const r = buildCohortReport(ps, 5, AT)
    expect(cohort(r, 'bedBand:200-399')).toMatchObject({ suppressed: false, size: 6 })
    const r2 = buildCohortReport(many(10, '200-399', 'kanto'), 5, AT)
    expect(cohort(r2, 'bedBand:200-399').suppressed).toBe(false)
  })

  it('complementary per indicator: a band whose n would reveal the missing band’s values is suppressed', () => {
    // Bands 200-399 (6) and 100-199 (6) are published; one indicator is measured by only 4 in 100-199 → suppressed
    // there; 200-399 has 6 measured, all has 10: 10 − 6 = 4 values derivable → 200-399's figure is suppressed too.
    const ps = [...many(6, '200-399', 'kanto'), ...many(6, '100-199', 'kinki')]
    for (const p of ps.slice(6, 8)) p.indicators['past-support'] = null
    const r = buildCohortReport(ps, 5, AT)
    expect(cell(r, 'bedBand:100-199', 'past-support').suppressed).toBe(true)
    expect(cell(r, 'bedBand:200-399', 'past-support')).toMatchObject({
      suppressed: true,
      reasonEn: REASON_DERIVABLE.en,
    })
    expect(cell(r, 'bedBand:200-399', 'owner-location').suppressed).toBe(false)
    expect(cell(r, 'all', 'past-support')).toMatchObject({ suppressed: false, n: 10 })
  })

  it('refuses a minCohort below 3', () => {
    expect(() => buildCohortReport(many(10, '200-399', 'kanto'), 2, AT)).toThrow(/minCohort/)
  })

  it('a generated cohort of 12 profiles yields a report with some suppressed and some published figures', () => {
    const ps = generateProfiles(12, 1)
    const r = buildCohortReport(ps, 5, AT)
    const cells = r.cohorts.flatMap((c) => c.indicators)
    expect(cells.some((c) => c.suppressed)).toBe(true)
    expect(cells.some((c) => !c.suppressed)).toBe(true)
    expect(cohort(r, 'all').suppressed).toBe(false)
    // Holds no single profile and no profile id.
    const text = JSON.stringify(r)
    for (const p of ps) expect(text).not.toContain(p.profileId)
    expect(text).not.toContain('checksum')
    // Every published figure is drawn from at least minCohort hospitals.
    for (const c of cells) if (!c.suppressed) expect(c.n).toBeGreaterThanOrEqual(5)
  })

  it('property: in every partition, the hospitals not published are 0 or at least minCohort (seeded cohorts)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const ps = generateProfiles(5 + (seed % 30), seed)
      for (const min of [3, 5, 7]) {
        const r = buildCohortReport(ps, min, AT)
        const all = cohort(r, 'all')
        if (all.suppressed) continue
        for (const prefix of ['bedBand:', 'region:']) {
          const members = r.cohorts.filter((c) => c.key.startsWith(prefix))
          const left = all.size - members.filter((c) => !c.suppressed).reduce((s, c) => s + c.size, 0)
          expect(left === 0 || left >= min, `seed ${seed} min ${min} ${prefix} left ${left}`).toBe(true)
          for (const ind of INDICATORS) {
            const total = all.indicators.find((i) => i.id === ind.id)!
            if (total.suppressed) continue
            const pub = members
              .map((c) => c.indicators.find((i) => i.id === ind.id)!)
              .filter((i) => !i.suppressed)
              .reduce((s, i) => s + i.n, 0)
            const rest = total.n - pub
            expect(rest === 0 || rest >= min, `seed ${seed} ${ind.id} ${prefix} rest ${rest}`).toBe(true)
          }
        }
      }
    }
  })
})

describe('position', () => {
  const report = buildCohortReport([...many(10, '200-399', 'kanto', 10), ...many(10, '400-699', 'kinki', 60)], 5, AT)
  const own = (v: number): IndicatorValue[] =>
    computeIndicators({
      inUseDevices: 100,
      inUseWithOwnerAndLocation: v,
      networkedDevices: 0,
      networkedSeen: 0,
      hostsSeen: 0,
      hostsSeenInLedger: 0,
      cleartextAdminFindings: 0,
      pastSupport: v,
      modelsInUse: 0,
      modelsWithDisclosure: 0,
      daysToCloseHigh: [],
      checklistAnswered: null,
      checklistApplicable: null,
      inUseWithKev: 0,
    })

  it('uses the bed band cohort when published; higher is better whatever the direction', () => {
    const p = positionIn(report, own(19), '200-399')
    expect(p).toMatchObject({ cohortKey: 'bedBand:200-399', cohortSize: 10 })
    const owner = p.items.find((i) => i.id === 'owner-location')!
    const past = p.items.find((i) => i.id === 'past-support')!
    expect(owner.percentile).toBe(95) // above p90: among the best (higher is better)
    expect(past.percentile).toBe(5) // the same value, but a lower share past support is better
    expect(owner.median).toBe(14.5)
    // Unmeasured (denominator 0): no percentile.
    expect(p.items.find((i) => i.id === 'ledger-seen')).toMatchObject({ value: null, percentile: null })
  })

  it('falls back to all hospitals when the band is not published', () => {
    const p = positionIn(report, own(40), '100-199')
    expect(p.cohortKey).toBe('all')
    expect(p.cohortSize).toBe(20)
  })

  it('percentileOf interpolates between breakpoints and takes the middle of equal ones', () => {
    const bp = { p10: 10, p25: 20, median: 30, p75: 40, p90: 50 }
    expect(percentileOf(30, bp)).toBe(50)
    expect(percentileOf(25, bp)).toBe(37.5)
    expect(percentileOf(5, bp)).toBe(5)
    expect(percentileOf(55, bp)).toBe(95)
    expect(percentileOf(100, { p10: 100, p25: 100, median: 100, p75: 100, p90: 100 })).toBe(50)
  })
})
