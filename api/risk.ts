import { z } from 'zod'

/**
 * Patient-first risk per device (issue 10): a deterministic score 0–100 and a band, from named factors whose every
 * point is shown in Japanese and English. Weights live in a versioned profile an admin edits; a new version re-scores
 * every device and is audited. Scores are stored (table `device_risk`) so lists sort and page fast.
 *
 * Routes (all authenticated; reads need `viewer`, the profile needs `admin`):
 *  GET  /api/risk?band&q&department&limit&offset   → riskList (highest score first)
 *  GET  /api/risk/summary                          → riskSummary
 *  GET  /api/risk/trend?days=90                    → {items: riskTrendPoint[]}
 *  GET  /api/risk/devices/:id                      → deviceRisk (the full factor breakdown)
 *  GET  /api/risk/profile                          → riskProfile (the active version)
 *  GET  /api/risk/profiles                         → {items: riskProfile[]} (every version, newest first)
 *  PUT  /api/risk/profile  riskProfileInput        → riskProfile (a new version; re-scores everything; audited)
 *  POST /api/risk/rescore                          → riskSummary (engineer; re-scores now)
 * A profile whose weights do not add up or name unknown factors answers 422 RISK_PROFILE_INVALID with every problem
 * in `error.details` and changes nothing.
 */

export const RISK_BANDS = ['critical', 'high', 'medium', 'low'] as const
export type RiskBand = (typeof RISK_BANDS)[number]

/** The six groups of factors; `compensatingControls` subtracts points, the others add. */
export const RISK_FACTOR_GROUPS = [
  'clinicalImpact',
  'exposure',
  'exploitability',
  'supportability',
  'compensatingControls',
  'uncertainty',
] as const
export type RiskFactorGroup = (typeof RISK_FACTOR_GROUPS)[number]

/**
 * Every factor, by group. Stable ids: stored in profiles and shown in exports. The core (src/core/risk/) holds what
 * each one measures and its plain-language explanation; i18n labels are `risk.factor.<id>`.
 */
export const RISK_FACTORS = {
  clinicalImpact: ['patientProximity', 'lifeCritical', 'clinicalFunction', 'irreversibleHarm'],
  exposure: [
    'reachableServices',
    'cleartextServices',
    'flatNetwork',
    'internetTraffic',
    'remoteMaintenance',
    'wireless',
  ],
  exploitability: ['openFindings', 'knownExploited', 'epss', 'cvss', 'publicExploit'],
  supportability: ['osEndOfSupport', 'manufacturerSupportEnded', 'serviceLifePassed', 'notPatchable'],
  compensatingControls: ['isolatedSegment', 'allowListedRemoteMaintenance', 'declaredControls'],
  uncertainty: ['unidentified', 'notSeenRecently'],
} as const satisfies Record<RiskFactorGroup, readonly string[]>
export type RiskFactor = (typeof RISK_FACTORS)[RiskFactorGroup][number]
export const RISK_FACTOR_IDS = Object.values(RISK_FACTORS).flat() as RiskFactor[]

/** Clinical function of a device (MITRE rubric's questions): what harm a failure can do. */
export const CLINICAL_FUNCTIONS = ['therapy', 'monitoring', 'diagnosis', 'workflow', 'it'] as const
export type ClinicalFunction = (typeof CLINICAL_FUNCTIONS)[number]

export const riskBand = z.enum(RISK_BANDS)

/** One factor's share of a device's score. */
export const riskContribution = z.object({
  factor: z.string(),
  group: z.enum(RISK_FACTOR_GROUPS),
  /** Signed points (controls are negative); the contributions sum to the score before clamping to 0–100. */
  points: z.number(),
  /** The most this factor can give under the profile (its weight). */
  maxPoints: z.number(),
  /** What was seen, short: "近接度 1(患者に接続)" / "proximity 1 (connected to the patient)". */
  observedJa: z.string(),
  observedEn: z.string(),
  /** Why it matters, in plain words for a clinical engineer. */
  explanationJa: z.string(),
  explanationEn: z.string(),
})
export type RiskContribution = z.infer<typeof riskContribution>

export const deviceRisk = z.object({
  deviceId: z.string(),
  siteId: z.string(),
  assetTag: z.string().nullable(),
  name: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  department: z.string().nullable(),
  location: z.string().nullable(),
  category: z.string(),
  clinicalFunction: z.enum(CLINICAL_FUNCTIONS),
  score: z.number().int().min(0).max(100),
  band: riskBand,
  profileVersion: z.number().int(),
  scoredAt: z.string(),
  /** Every factor that gave points (non-zero), largest absolute first. */
  contributions: z.array(riskContribution),
  /** One line on the main reasons, e.g. "生命維持・患者に接続・Telnet 公開・KEV 該当". */
  headlineJa: z.string(),
  headlineEn: z.string(),
})
export type DeviceRisk = z.infer<typeof deviceRisk>

export const riskListQuery = z.object({
  band: riskBand.optional(),
  q: z.string().max(200).optional(),
  department: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export type RiskListQuery = z.infer<typeof riskListQuery>

export const riskList = z.object({
  items: z.array(deviceRisk),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  profileVersion: z.number().int(),
})
export type RiskList = z.infer<typeof riskList>

export const riskBandCounts = z.object({
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
})

export const riskSummary = z.object({
  devices: z.number().int(),
  byBand: riskBandCounts,
  meanScore: z.number(),
  profileVersion: z.number().int(),
  /** When the scores were last computed (null before the first scoring). */
  scoredAt: z.string().nullable(),
})
export type RiskSummary = z.infer<typeof riskSummary>

/** One day of the trend (a snapshot is kept per day at the last re-score of that day). */
export const riskTrendPoint = z.object({ date: z.string(), meanScore: z.number(), byBand: riskBandCounts })
export type RiskTrendPoint = z.infer<typeof riskTrendPoint>

/** Band thresholds: a score ≥ critical is critical, ≥ high is high, ≥ medium is medium, else low. */
export const riskBandThresholds = z.object({
  critical: z.number().int().min(1).max(100),
  high: z.number().int().min(1).max(100),
  medium: z.number().int().min(1).max(100),
})

export const riskProfileInput = z.object({
  name: z.string().min(1).max(200),
  /**
   * Points per factor. The factors of every group but `compensatingControls` must add up to exactly 100 (the most a
   * device can score); each control's weight is the points it takes away (0–50). Unknown factors are refused.
   */
  weights: z.record(z.string(), z.number().min(0).max(100)),
  bands: riskBandThresholds,
  /** Ledger `networkSegment` values that are isolated with restricted connection sources (a compensating control). */
  isolatedSegments: z.array(z.string().min(1).max(200)).max(500).default([]),
  /** A device not seen by a scan or capture for longer than this is less certain (factor notSeenRecently). */
  staleAfterDays: z.number().int().min(1).max(3650).default(90),
  /** Why the change (kept in the audit log). */
  reason: z.string().max(1000).optional(),
})
export type RiskProfileInput = z.infer<typeof riskProfileInput>

export const riskProfile = riskProfileInput.omit({ reason: true }).extend({
  version: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
})
export type RiskProfile = z.infer<typeof riskProfile>
