import {
  BED_BANDS,
  type BenchmarkPosition,
  type BenchmarkProfile,
  type CohortReport,
  type IndicatorValue,
  REGIONS,
} from '../../../api/benchmark.js'
import { INDICATORS, indicatorDefinitions } from './indicators.js'

/**
 * The cohort report (ADR 0036): percentiles per indicator for all profiles, each bed-count band and each region, with
 * primary suppression (fewer than `minCohort` hospitals) and complementary suppression (a figure derivable from the
 * published ones). Pure.
 */

/** Never publish a figure drawn from fewer hospitals than this, whatever the settings say. */
export const MIN_COHORT_FLOOR = 3
export const DEFAULT_MIN_COHORT = 5

/**
 * The q-th percentile (0–100) of sorted values by linear interpolation between closest ranks (Hyndman & Fan type 7,
 * as Excel's PERCENTILE.INC and numpy's default): h = (n − 1)·q/100, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('percentile of nothing')
  const h = ((sorted.length - 1) * q) / 100
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, sorted.length - 1)
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!)
}

const round2 = (v: number) => Math.round(v * 100) / 100

const BAND_LABEL_JA: Record<string, string> = {
  '1-19': '1〜19 床',
  '20-99': '20〜99 床',
  '100-199': '100〜199 床',
  '200-399': '200〜399 床',
  '400-699': '400〜699 床',
  '700+': '700 床以上',
}
const REGION_LABEL: Record<string, { ja: string; en: string }> = {
  hokkaido: { ja: '北海道', en: 'Hokkaido' },
  tohoku: { ja: '東北', en: 'Tohoku' },
  kanto: { ja: '関東', en: 'Kanto' },
  chubu: { ja: '中部', en: 'Chubu' },
  kinki: { ja: '近畿', en: 'Kinki' },
  chugoku: { ja: '中国', en: 'Chugoku' },
  shikoku: { ja: '四国', en: 'Shikoku' },
  kyushu: { ja: '九州・沖縄', en: 'Kyushu and Okinawa' },
}

export const reasonFew = (min: number) => ({
  ja: `${min} 病院未満から求めた値のため秘匿`,
  en: `suppressed: drawn from fewer than ${min} hospitals`,
})
export const REASON_DERIVABLE = {
  ja: '公表した他の値から求められるため秘匿（補完秘匿）',
  en: 'suppressed: derivable from other published figures (complementary suppression)',
}

interface Cell {
  n: number
  values: number[]
  suppressed: boolean
  reason: { ja: string; en: string } | null
}
interface WorkCohort {
  key: string
  labelJa: string
  labelEn: string
  size: number
  suppressed: boolean
  cells: Map<string, Cell>
}

function workCohort(key: string, ja: string, en: string, members: readonly BenchmarkProfile[], min: number) {
  const cells = new Map<string, Cell>()
  const few = reasonFew(min)
  for (const ind of INDICATORS) {
    const values: number[] = []
    for (const p of members) {
      const v = p.indicators[ind.id]
      if (typeof v === 'number' && Number.isFinite(v)) values.push(v)
    }
    values.sort((a, b) => a - b)
    const suppressed = members.length < min || values.length < min
    cells.set(ind.id, { n: values.length, values, suppressed, reason: suppressed ? few : null })
  }
  return { key, labelJa: ja, labelEn: en, size: members.length, suppressed: members.length < min, cells } as WorkCohort
}

/**
 * Complementary suppression over one partition of "all" (the bed bands, or the regions). Whatever is not published
 * in the partition can be worked out as a group from "all" minus the published members, so that group — the residual
 * — must itself hold either nobody or at least `min` hospitals. While it holds 1…min−1, the published member with the
 * fewest hospitals is suppressed too. Done for whole cohorts (sizes) and then for each indicator (its n).
 */
function complement(all: WorkCohort, members: WorkCohort[], min: number): void {
  const residual = (size: (c: WorkCohort) => number, published: (c: WorkCohort) => boolean, total: number) =>
    total - members.filter(published).reduce((s, c) => s + size(c), 0)
  for (;;) {
    const left = residual(
      (c) => c.size,
      (c) => !c.suppressed,
      all.size,
    )
    if (left === 0 || left >= min) break
    const next = members.filter((c) => !c.suppressed && c.size > 0).sort((a, b) => a.size - b.size)[0]
    if (!next) break
    next.suppressed = true
    for (const cell of next.cells.values()) {
      if (!cell.suppressed) {
        cell.suppressed = true
        cell.reason = REASON_DERIVABLE
      }
    }
  }
  for (const ind of INDICATORS) {
    const total = all.cells.get(ind.id)!
    if (total.suppressed) continue
    for (;;) {
      const left = residual(
        (c) => c.cells.get(ind.id)!.n,
        (c) => !c.cells.get(ind.id)!.suppressed,
        total.n,
      )
      if (left === 0 || left >= min) break
      const next = members
        .map((c) => c.cells.get(ind.id)!)
        .filter((cell) => !cell.suppressed && cell.n > 0)
        .sort((a, b) => a.n - b.n)[0]
      if (!next) break
      next.suppressed = true
      next.reason = REASON_DERIVABLE
    }
  }
}

/** The publishable report over the imported profiles. Holds no single profile and no profile id. */
export function buildCohortReport(
  profiles: readonly BenchmarkProfile[],
  minCohort: number,
  createdAt: string,
): CohortReport {
  if (!Number.isInteger(minCohort) || minCohort < MIN_COHORT_FLOOR)
    throw new RangeError(`minCohort must be an integer ≥ ${MIN_COHORT_FLOOR}`)
  const all = workCohort('all', 'すべての病院', 'All hospitals', profiles, minCohort)
  const bands = BED_BANDS.map((b) =>
    workCohort(
      `bedBand:${b}`,
      BAND_LABEL_JA[b]!,
      `${b === '700+' ? '700 or more' : b} beds`,
      profiles.filter((p) => p.bedBand === b),
      minCohort,
    ),
  )
  const regions = REGIONS.map((r) =>
    workCohort(
      `region:${r}`,
      REGION_LABEL[r]!.ja,
      REGION_LABEL[r]!.en,
      profiles.filter((p) => p.region === r),
      minCohort,
    ),
  )
  if (all.suppressed) for (const c of [...bands, ...regions]) c.suppressed = true
  else {
    complement(all, bands, minCohort)
    complement(all, regions, minCohort)
  }
  return {
    format: 'mamori-benchmark-cohort',
    formatVersion: 1,
    createdAt,
    minCohort,
    profiles: all.suppressed ? 0 : profiles.length,
    cohorts: [all, ...bands, ...regions].map((c) => ({
      key: c.key,
      labelJa: c.labelJa,
      labelEn: c.labelEn,
      // A suppressed cohort's size is a figure too: 0 means "not published".
      size: c.suppressed ? 0 : c.size,
      suppressed: c.suppressed,
      indicators: INDICATORS.map((ind) => {
        const cell = c.cells.get(ind.id)!
        const hidden = c.suppressed || cell.suppressed
        const reason = hidden ? (cell.reason ?? reasonFew(minCohort)) : null
        const q = (p: number) => (hidden ? null : round2(percentile(cell.values, p)))
        return {
          id: ind.id,
          n: hidden ? 0 : cell.n,
          suppressed: hidden,
          reasonJa: reason?.ja ?? null,
          reasonEn: reason?.en ?? null,
          p10: q(10),
          p25: q(25),
          median: q(50),
          p75: q(75),
          p90: q(90),
        }
      }),
    })),
    definitions: indicatorDefinitions(),
  }
}

/**
 * Where a value falls among published breakpoints (p10, p25, median, p75, p90), 0–100: linear between breakpoints,
 * 5 below p10 and 95 above p90 (the report publishes nothing beyond them); among equal breakpoints, their middle.
 */
export function percentileOf(
  value: number,
  bp: { p10: number; p25: number; median: number; p75: number; p90: number },
): number {
  const pts: [number, number][] = [
    [10, bp.p10],
    [25, bp.p25],
    [50, bp.median],
    [75, bp.p75],
    [90, bp.p90],
  ]
  const equal = pts.filter(([, v]) => v === value)
  if (equal.length > 0) return (equal[0]![0] + equal[equal.length - 1]![0]) / 2
  if (value < bp.p10) return 5
  if (value > bp.p90) return 95
  for (let i = 0; i < pts.length - 1; i++) {
    const [q0, v0] = pts[i]!
    const [q1, v1] = pts[i + 1]!
    if (value > v0 && value < v1) return q0 + ((value - v0) / (v1 - v0)) * (q1 - q0)
  }
  return 50
}

/**
 * This hospital against a published report: the cohort of its bed band when published, else all hospitals. The
 * percentile is turned so that higher is better whatever the indicator's direction; null when suppressed or unmeasured.
 */
export function positionIn(
  report: CohortReport,
  own: readonly IndicatorValue[],
  bedBand: string | null,
): BenchmarkPosition {
  const band = report.cohorts.find((c) => c.key === `bedBand:${bedBand}` && !c.suppressed)
  const cohort = band ?? report.cohorts.find((c) => c.key === 'all')!
  return {
    reportCreatedAt: report.createdAt,
    cohortKey: cohort.key,
    cohortSize: cohort.size,
    items: own.map((v) => {
      const c = cohort.indicators.find((i) => i.id === v.id)
      const published =
        c && !c.suppressed && c.p10 !== null && c.p25 !== null && c.median !== null && c.p75 !== null && c.p90 !== null
      let pct: number | null = null
      if (published && v.value !== null) {
        const raw = percentileOf(v.value, { p10: c.p10!, p25: c.p25!, median: c.median!, p75: c.p75!, p90: c.p90! })
        pct = Math.round(v.betterWhen === 'higher' ? raw : 100 - raw)
      }
      return {
        ...v,
        percentile: pct,
        median: published ? c.median : null,
        p25: published ? c.p25 : null,
        p75: published ? c.p75 : null,
        suppressed: !published,
      }
    }),
  }
}
