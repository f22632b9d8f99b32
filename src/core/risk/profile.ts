import {
  RISK_FACTOR_IDS,
  RISK_FACTORS,
  type RiskBand,
  type RiskFactor,
  type RiskFactorGroup,
  type RiskProfileInput,
} from '../../../api/risk.js'
import type { ErrorDetail } from '../errors.js'

/** A profile as scoring reads it (the stored version without its bookkeeping). */
export interface ScoringProfile {
  version: number
  weights: Readonly<Record<string, number>>
  bands: { critical: number; high: number; medium: number }
  isolatedSegments: readonly string[]
  staleAfterDays: number
}

/** The group of each factor id. */
export const FACTOR_GROUP: Readonly<Record<RiskFactor, RiskFactorGroup>> = Object.fromEntries(
  Object.entries(RISK_FACTORS).flatMap(([g, ids]) => ids.map((id) => [id, g])),
) as Record<RiskFactor, RiskFactorGroup>

/** The most a control may take away (points). */
export const MAX_CONTROL_WEIGHT = 50

/**
 * The built-in profile (version 1). Clinical impact weighs most (35 of 100): a device's harm to a patient comes
 * first, so two devices with the same ports and findings rank by what they do to the patient. Exploitability 25,
 * exposure 22, supportability 12, uncertainty 6. Controls take away at most 17 together.
 */
export const DEFAULT_PROFILE: Omit<RiskProfileInput, 'reason'> = {
  // A name without Japanese or English words: it is shown as-is in both languages (audit log, profile history).
  name: 'Mamori 2026.1',
  weights: {
    patientProximity: 12,
    lifeCritical: 10,
    clinicalFunction: 8,
    irreversibleHarm: 5,
    reachableServices: 5,
    cleartextServices: 6,
    flatNetwork: 4,
    internetTraffic: 2,
    remoteMaintenance: 3,
    wireless: 2,
    openFindings: 8,
    knownExploited: 7,
    epss: 4,
    cvss: 4,
    publicExploit: 2,
    osEndOfSupport: 4,
    manufacturerSupportEnded: 3,
    serviceLifePassed: 2,
    notPatchable: 3,
    isolatedSegment: 10,
    allowListedRemoteMaintenance: 3,
    declaredControls: 4,
    unidentified: 3,
    notSeenRecently: 3,
  },
  bands: { critical: 60, high: 45, medium: 25 },
  isolatedSegments: [],
  staleAfterDays: 90,
}

const KNOWN = new Set<string>(RISK_FACTOR_IDS)

/** Every problem of a proposed profile, each naming the field and why (English and Japanese). Empty = valid. */
export function validateProfile(input: Pick<RiskProfileInput, 'weights' | 'bands'>): ErrorDetail[] {
  const problems: ErrorDetail[] = []
  const weights = input.weights ?? {}
  for (const [id, w] of Object.entries(weights)) {
    if (!KNOWN.has(id)) {
      problems.push({
        where: `weights.${id}`,
        message: `Unknown factor "${id}". Known factors: ${RISK_FACTOR_IDS.join(', ')}.`,
        messageJa: `「${id}」という要因はありません。使える要因: ${RISK_FACTOR_IDS.join('、')}。`,
      })
      continue
    }
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      problems.push({
        where: `weights.${id}`,
        message: `The weight of ${id} must be a number of 0 or more (found ${String(w)}).`,
        messageJa: `${id} の重みは 0 以上の数にしてください(値: ${String(w)})。`,
      })
      continue
    }
    if (FACTOR_GROUP[id as RiskFactor] === 'compensatingControls' && w > MAX_CONTROL_WEIGHT)
      problems.push({
        where: `weights.${id}`,
        message: `A compensating control may take away at most ${MAX_CONTROL_WEIGHT} points; ${id} has ${w}.`,
        messageJa: `対策による減点は 1 項目 ${MAX_CONTROL_WEIGHT} 点までです。${id} は ${w} 点です。`,
      })
  }
  for (const id of RISK_FACTOR_IDS)
    if (!Object.hasOwn(weights, id))
      problems.push({
        where: `weights.${id}`,
        message: `The factor ${id} has no weight: give every factor one (0 switches it off).`,
        messageJa: `要因 ${id} の重みがありません。すべての要因に重みを付けてください(0 で無効)。`,
      })
  const sum = RISK_FACTOR_IDS.filter((id) => FACTOR_GROUP[id] !== 'compensatingControls').reduce(
    (s, id) => s + (typeof weights[id] === 'number' && Number.isFinite(weights[id]) ? weights[id] : 0),
    0,
  )
  const rounded = Math.round(sum * 1000) / 1000
  if (rounded !== 100)
    problems.push({
      where: 'weights',
      message: `The weights of all factors except compensating controls must add up to exactly 100; they add up to ${rounded}.`,
      messageJa: `対策(減点)以外の要因の重みの合計はちょうど 100 にしてください。現在の合計は ${rounded} です。`,
    })
  const b = input.bands
  if (!(b.critical > b.high && b.high > b.medium))
    problems.push({
      where: 'bands',
      message: `Band thresholds must descend: critical (${b.critical}) > high (${b.high}) > medium (${b.medium}).`,
      messageJa: `区分の境目は 緊急(${b.critical})> 高(${b.high})> 中(${b.medium})の順に大きくしてください。`,
    })
  return problems
}

/** The band of a score under these thresholds. */
export function bandOf(score: number, bands: ScoringProfile['bands']): RiskBand {
  if (score >= bands.critical) return 'critical'
  if (score >= bands.high) return 'high'
  if (score >= bands.medium) return 'medium'
  return 'low'
}
