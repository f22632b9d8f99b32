import type { RiskBand, RiskProfile, RiskSummary, RiskTrendPoint } from '../../../api/risk.js'
import type { Actor, AuditRecord } from '../ports.js'
import type { DeviceRiskFacts } from './facts.js'
import type { DeviceReadings } from './readings.js'

/** One device's stored score (table device_risk). */
export interface StoredDeviceRisk {
  deviceId: string
  siteId: string
  score: number
  band: RiskBand
  clinicalFunction: string
  profileVersion: number
  /** What the factors saw (profile-independent); contributions and headline are built from them when read. */
  readings: DeviceReadings
  /** The day (UTC) the readings were taken: dates such as support end are compared with it. */
  readingsDay: string
  scoredAt: string
}

/** The compact row a profile change re-scores from (no facts, no texts). */
export interface StoredReadingsRow {
  deviceId: string
  score: number
  band: string
  /** JSON number[] by RISK_FACTOR_IDS index. */
  fractions: string
  networkSegment: string | null
  lastSeenAt: string | null
  networked: boolean
  hasAddresses: boolean
  readingsDay: string
}

/** A stored score with the device fields lists show. */
export interface StoredDeviceRiskRow extends StoredDeviceRisk {
  assetTag: string | null
  name: string | null
  manufacturer: string | null
  model: string | null
  department: string | null
  location: string | null
  category: string
}

export interface RiskRowQuery {
  band?: RiskBand
  q?: string
  department?: string
  deviceId?: string
  limit: number
  offset: number
}

/** What the risk module stores: profiles, scores, the daily trend, and the facts scoring reads. */
export interface RiskStore {
  /** The active profile, or null before the first one is stored. */
  activeProfile(): Promise<RiskProfile | null>
  /** Every version, newest first. */
  profiles(): Promise<RiskProfile[]>
  /**
   * Stores `profile` as the next version and makes it the only active one, with its audit entry, in one
   * transaction. `ifNone`: only when no profile exists yet (first use); returns null when one already did.
   */
  addProfile(
    profile: Omit<RiskProfile, 'version' | 'active' | 'createdAt'>,
    actor: Actor,
    audit: (version: number) => AuditRecord,
    opts?: { ifNone?: boolean },
  ): Promise<RiskProfile | null>
  /** Every scorable device's facts (decommissioned devices are left out), read set-wise. */
  loadFacts(opts?: { deviceIds?: readonly string[] }): Promise<DeviceRiskFacts[]>
  /**
   * Replaces every stored score with these and keeps the day's snapshot (last of the day wins), with the audit
   * entry, in one transaction.
   */
  replaceScores(
    rows: readonly StoredDeviceRisk[],
    snapshot: { date: string; summary: RiskSummary },
    actor: Actor,
    audit: AuditRecord,
  ): Promise<void>
  /**
   * The stored readings of every scorable device, or null when they cannot stand for the facts: a scorable device
   * has no row, or a row belongs to a device no longer scorable (then the facts must be read again).
   */
  loadReadings(): Promise<StoredReadingsRow[] | null>
  /**
   * After a profile change: every row takes the profile version and time, the rows in `changed` their new score and
   * band; the day's snapshot and the audit entry in the same transaction.
   */
  updateScores(
    changed: readonly { deviceId: string; score: number; band: RiskBand }[],
    profileVersion: number,
    scoredAt: string,
    snapshot: { date: string; summary: RiskSummary },
    actor: Actor,
    audit: AuditRecord,
  ): Promise<void>
  listScores(q: RiskRowQuery): Promise<{ items: StoredDeviceRiskRow[]; total: number }>
  summary(): Promise<Omit<RiskSummary, 'profileVersion'> & { profileVersion: number | null }>
  trend(sinceDate: string): Promise<RiskTrendPoint[]>
}

/** The risk module's ports, spread into the service ports. */
export interface RiskPorts {
  risk: RiskStore
}
