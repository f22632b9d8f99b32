import {
  type ClinicalFunction,
  RISK_FACTOR_IDS,
  type RiskBand,
  type RiskContribution,
  type RiskFactor,
} from '../../../api/risk.js'
import { clinicalFunctionOf, type DeviceRiskFacts, emptyFacts } from './facts.js'
import { bandOf, FACTOR_GROUP, type ScoringProfile } from './profile.js'
import { contribution, FACTOR_READERS, type FactorReading } from './score.js'

/**
 * Profile-independent readings (ADR 0033, "what re-scores from what"): what each factor saw of a device, kept in
 * `device_risk` so a new weight profile re-scores every device without reading the facts again (read compact rows →
 * weighted sum → write the scores that changed). Three factors depend on the profile or the moment (isolated
 * segments, days since last seen): for them the row keeps the segment, last seen and two flags instead, and they are
 * read again each time. Texts (observed, headline words) are kept for factors that saw something (fraction > 0) and
 * turned into explanations only when a device is listed or explained.
 */

const DAY = 86_400_000
export const FACTOR_COUNT = RISK_FACTOR_IDS.length
const LIVE: ReadonlySet<RiskFactor> = new Set<RiskFactor>(['flatNetwork', 'isolatedSegment', 'notSeenRecently'])
const LIVE_INDEX = RISK_FACTOR_IDS.map((f) => LIVE.has(f))
const FLAT = RISK_FACTOR_IDS.indexOf('flatNetwork')
const ISOLATED = RISK_FACTOR_IDS.indexOf('isolatedSegment')
const STALE = RISK_FACTOR_IDS.indexOf('notSeenRecently')

/** Texts of one factor that saw something: factor index, case, observed ja/en, headline words ja/en ('' = none). */
export type ReadingText = [
  factor: number,
  caseKey: string,
  observedJa: string,
  observedEn: string,
  shortJa: string,
  shortEn: string,
]

export interface DeviceReadings {
  clinicalFunction: ClinicalFunction
  /** Fraction 0–1 of each factor, by RISK_FACTOR_IDS index (0 for the three read again each time). */
  fractions: number[]
  texts: ReadingText[]
  networkSegment: string | null
  lastSeenAt: string | null
  /** The device is networked (addresses, seen, or a wired/wireless/cellular connection). */
  networked: boolean
  hasAddresses: boolean
}

const NO_PROFILE: ScoringProfile = {
  version: 0,
  name: '',
  weights: {},
  bands: { critical: 101, high: 101, medium: 101 },
  isolatedSegments: [],
  staleAfterDays: 0,
} as unknown as ScoringProfile

/** What every factor that does not depend on the profile saw of a device, on the day of `now`. */
export function readingsOf(f: DeviceRiskFacts, today: string, now: Date): DeviceReadings {
  const fn = clinicalFunctionOf(f.category, f.kind)
  const ctx = { fn, profile: NO_PROFILE, today, now }
  const fractions = new Array<number>(FACTOR_COUNT).fill(0)
  const texts: ReadingText[] = []
  for (let i = 0; i < FACTOR_COUNT; i++) {
    if (LIVE_INDEX[i]) continue
    const r = FACTOR_READERS[RISK_FACTOR_IDS[i]!](f, ctx)
    const fr = Math.max(0, Math.min(1, r.fraction))
    fractions[i] = fr
    if (fr > 0) texts.push([i, r.case, r.observed.ja, r.observed.en, r.short?.ja ?? '', r.short?.en ?? ''])
  }
  return {
    clinicalFunction: fn,
    fractions,
    texts,
    networkSegment: f.networkSegment,
    lastSeenAt: f.lastSeenAt,
    networked:
      f.hasAddresses ||
      f.lastSeenAt !== null ||
      f.connectionTypes.some((c) => c === 'wired' || c === 'wifi' || c === 'cellular'),
    hasAddresses: f.hasAddresses,
  }
}

/** A profile made ready for the hot loop: signed weight per factor index, the isolated segments as a set. */
export interface PreparedProfile {
  profile: ScoringProfile
  signed: Float64Array
  isolated: ReadonlySet<string>
}

export function prepareProfile(profile: ScoringProfile): PreparedProfile {
  const signed = new Float64Array(FACTOR_COUNT)
  RISK_FACTOR_IDS.forEach((f, i) => {
    signed[i] = (FACTOR_GROUP[f] === 'compensatingControls' ? -1 : 1) * (profile.weights[f] ?? 0)
  })
  return { profile, signed, isolated: new Set(profile.isolatedSegments) }
}

const round1 = (n: number) => Math.round(n * 10) / 10 + 0

/**
 * The score of stored readings under a profile at `nowMs`: arithmetic only (the three live factors from segment,
 * last seen and flags). `lastSeenMs` is Date.parse(lastSeenAt), or null when never seen.
 */
export function scoreOfReadings(
  fractions: readonly number[],
  segment: string | null,
  lastSeenMs: number | null,
  networked: boolean,
  hasAddresses: boolean,
  p: PreparedProfile,
  nowMs: number,
): number {
  let tenths = 0
  const s = p.signed
  for (let i = 0; i < FACTOR_COUNT; i++) {
    const fr = fractions[i]!
    if (fr > 0 && s[i] !== 0) tenths += Math.round(round1(s[i]! * fr) * 10)
  }
  const isolated = segment !== null && segment !== '' && p.isolated.has(segment)
  const flat = !networked ? 0 : !segment ? 1 : isolated ? 0 : 1
  if (flat) tenths += Math.round(round1(s[FLAT]!) * 10)
  if (isolated) tenths += Math.round(round1(s[ISOLATED]!) * 10)
  const stale = lastSeenMs === null ? hasAddresses : Math.floor((nowMs - lastSeenMs) / DAY) > p.profile.staleAfterDays
  if (stale) tenths += Math.round(round1(s[STALE]!) * 10)
  return Math.max(0, Math.min(100, Math.round(tenths / 10)))
}

/** Score and band of readings (the full re-score path). */
export function scoreReadings(r: DeviceReadings, p: PreparedProfile, nowMs: number): { score: number; band: RiskBand } {
  const score = scoreOfReadings(
    r.fractions,
    r.networkSegment,
    r.lastSeenAt === null ? null : Date.parse(r.lastSeenAt),
    r.networked,
    r.hasAddresses,
    p,
    nowMs,
  )
  return { score, band: bandOf(score, p.profile.bands) }
}

/**
 * The explained score of stored readings: every non-zero contribution (largest first) and the headline, exactly as
 * scoring the facts directly gives them (./score.ts scoreDevice; the equivalence is tested).
 */
export function explainReadings(
  r: DeviceReadings,
  profile: ScoringProfile,
  now: Date,
): { score: number; band: RiskBand; contributions: RiskContribution[]; headlineJa: string; headlineEn: string } {
  const byIndex = new Map<number, ReadingText>(r.texts.map((t) => [t[0], t]))
  const live = emptyFacts({
    networkSegment: r.networkSegment,
    lastSeenAt: r.lastSeenAt,
    hasAddresses: r.hasAddresses,
    connectionTypes: r.networked ? ['wired'] : [],
  })
  const ctx = { fn: r.clinicalFunction, profile, today: now.toISOString().slice(0, 10), now }
  const items: { factor: RiskFactor; index: number; points: number; maxPoints: number; reading: FactorReading }[] = []
  let tenths = 0
  RISK_FACTOR_IDS.forEach((factor, index) => {
    const weight = profile.weights[factor] ?? 0
    const sign = FACTOR_GROUP[factor] === 'compensatingControls' ? -1 : 1
    let reading: FactorReading | null = null
    if (LIVE.has(factor)) reading = FACTOR_READERS[factor](live, ctx)
    else {
      const t = byIndex.get(index)
      if (t)
        reading = {
          fraction: r.fractions[index] ?? 0,
          case: t[1],
          observed: { ja: t[2], en: t[3] },
          short: t[4] || t[5] ? { ja: t[4], en: t[5] } : undefined,
        }
    }
    if (!reading) return
    const points = round1(sign * weight * Math.max(0, Math.min(1, reading.fraction)))
    tenths += Math.round(points * 10)
    if (points !== 0) items.push({ factor, index, points, maxPoints: weight, reading })
  })
  const score = Math.max(0, Math.min(100, Math.round(tenths / 10)))
  items.sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.index - b.index)
  const said = items.filter((x) => x.points > 0 && x.reading.short)
  const clinical = said.filter((x) => FACTOR_GROUP[x.factor] === 'clinicalImpact').slice(0, 2)
  const heads = [...clinical, ...said.filter((x) => FACTOR_GROUP[x.factor] !== 'clinicalImpact')].slice(0, 4)
  return {
    score,
    band: bandOf(score, profile.bands),
    contributions: items.map((x) => contribution(x.factor, x.points, x.maxPoints, x.reading.case, x.reading.observed)),
    headlineJa: heads.length ? heads.map((h) => h.reading.short!.ja).join('・') : '目立つ要因なし',
    headlineEn: heads.length ? heads.map((h) => h.reading.short!.en).join(', ') : 'nothing stands out',
  }
}
