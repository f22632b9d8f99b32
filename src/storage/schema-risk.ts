import type { Generated } from 'kysely'

/** Tables of the risk module (migration 0012-risk, ADR 0033), merged into `Database` in ./schema.ts. */

export interface RiskProfileTable {
  version: number
  name: string
  /** Record<factor, points> as JSON. */
  weights: string
  /** {critical, high, medium} as JSON. */
  bands: string
  /** string[] as JSON. */
  isolatedSegments: string
  staleAfterDays: number
  /** 0/1; exactly one version is active. */
  active: number
  createdAt: string
  createdBy: string | null
}

export interface DeviceRiskTable {
  deviceId: string
  siteId: string
  score: number
  band: string
  clinicalFunction: string
  profileVersion: number
  /** Unused ('[]'): the words of the readings are in device_risk_texts, so re-scoring rewrites only short rows. */
  contributions: Generated<string>
  /** Kept for old rows and tests; headlines are built from the readings when read (ADR 0033). */
  headlineJa: string
  headlineEn: string
  scoredAt: string
  /** number[] by RISK_FACTOR_IDS index as JSON: the profile-independent fraction each factor saw. */
  fractions: Generated<string>
  networkSegment: string | null
  lastSeenAt: string | null
  /** Bit 1: networked; bit 2: has addresses. */
  flags: Generated<number>
  /** yyyy-mm-dd the readings were taken. */
  readingsDay: Generated<string>
}

/** What the factors that saw something observed, in words (one row per scored device). */
export interface DeviceRiskTextsTable {
  deviceId: string
  /** ReadingText[] (src/core/risk/readings.ts) as JSON. */
  texts: string
}

/** One row per day (and '*' for every site together): the trend. */
export interface RiskSnapshotTable {
  date: string
  siteId: string
  devices: number
  meanScore: number
  critical: number
  high: number
  medium: number
  low: number
  profileVersion: number
  takenAt: string
}

export interface RiskTables {
  riskProfiles: RiskProfileTable
  deviceRisk: DeviceRiskTable
  deviceRiskTexts: DeviceRiskTextsTable
  riskSnapshots: RiskSnapshotTable
}
