import {
  type DeviceRisk,
  type RiskList,
  type RiskListQuery,
  type RiskProfile,
  type RiskProfileInput,
  type RiskSummary,
  type RiskTrendPoint,
  riskProfileInput,
} from '../../../api/risk.js'
import type { Actor } from '../../core/actor.js'
import { MamoriError, notFound } from '../../core/errors.js'
import type { Clock } from '../../core/ports.js'
import type { DeviceRiskFacts } from '../../core/risk/facts.js'
import { bandOf, DEFAULT_PROFILE, type ScoringProfile, validateProfile } from '../../core/risk/profile.js'
import {
  explainReadings,
  prepareProfile,
  readingsOf,
  scoreOfReadings,
  scoreReadings,
} from '../../core/risk/readings.js'
import { scoreDevice } from '../../core/risk/score.js'
import type { RiskStore, StoredDeviceRisk, StoredDeviceRiskRow, StoredReadingsRow } from '../../core/risk/store.js'
import type { RiskReader } from '../module-common.js'

const DAY = 86_400_000

/** A stored row with its contributions and headline built from the readings under the profile it was scored with. */
const toDeviceRisk = (r: StoredDeviceRiskRow, profile: ScoringProfile): DeviceRisk => {
  const e = explainReadings(r.readings, profile, new Date(r.scoredAt))
  return {
    deviceId: r.deviceId,
    siteId: r.siteId,
    assetTag: r.assetTag,
    name: r.name,
    manufacturer: r.manufacturer,
    model: r.model,
    department: r.department,
    location: r.location,
    category: r.category,
    clinicalFunction: r.clinicalFunction as DeviceRisk['clinicalFunction'],
    score: r.score,
    band: r.band,
    profileVersion: r.profileVersion,
    scoredAt: r.scoredAt,
    contributions: e.contributions,
    headlineJa: e.headlineJa,
    headlineEn: e.headlineEn,
  }
}

/**
 * Patient-first risk (issue 10 item 1, ADR 0033): scores every device from its facts under the active profile,
 * stores the scores for fast lists, keeps one trend point a day, and lets an admin publish a new profile version
 * (validated, audited with the weights before and after, everything re-scored).
 */
export class RiskService implements RiskReader {
  /** One re-score at a time: a second caller waits for the running one instead of writing over it. */
  private running: Promise<RiskSummary> | null = null

  constructor(
    private readonly store: RiskStore,
    private readonly clock: Clock,
  ) {}

  /** The active profile; on first use the built-in one is stored as version 1. */
  async getProfile(): Promise<RiskProfile> {
    const active = await this.store.activeProfile()
    if (active) return active
    await this.store.addProfile(
      { ...DEFAULT_PROFILE, createdBy: null },
      { id: null, name: 'system' },
      (version) => ({
        action: 'risk.profile.create',
        targetType: 'risk_profile',
        targetId: String(version),
        after: { name: DEFAULT_PROFILE.name, weights: DEFAULT_PROFILE.weights, builtin: true },
      }),
      { ifNone: true },
    )
    const stored = await this.store.activeProfile()
    if (!stored) throw new Error('the built-in risk profile could not be stored')
    return stored
  }

  async listProfiles(): Promise<RiskProfile[]> {
    await this.getProfile()
    return this.store.profiles()
  }

  /**
   * A new profile version: every problem reported at once (422 RISK_PROFILE_INVALID, nothing changed), else stored
   * as the active version with an audit entry of the weights before and after, and every device re-scored.
   */
  async putProfile(actor: Actor, raw: unknown): Promise<RiskProfile> {
    const parsed = riskProfileInput.safeParse(raw)
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({
        where: i.path.join('.') || 'profile',
        message: i.message,
      }))
      throw MamoriError.of('RISK_PROFILE_INVALID', { count: details.length }, details)
    }
    const input: RiskProfileInput = parsed.data
    const problems = validateProfile(input)
    if (problems.length > 0) throw MamoriError.of('RISK_PROFILE_INVALID', { count: problems.length }, problems)
    const before = await this.getProfile()
    const profile = await this.store.addProfile(
      {
        name: input.name,
        weights: input.weights,
        bands: input.bands,
        isolatedSegments: [...new Set(input.isolatedSegments)],
        staleAfterDays: input.staleAfterDays,
        createdBy: actor.name,
      },
      actor,
      (version) => ({
        action: 'risk.profile.update',
        targetType: 'risk_profile',
        targetId: String(version),
        before: {
          version: before.version,
          name: before.name,
          weights: before.weights,
          bands: before.bands,
          isolatedSegments: before.isolatedSegments,
          staleAfterDays: before.staleAfterDays,
        },
        after: {
          version,
          name: input.name,
          weights: input.weights,
          bands: input.bands,
          isolatedSegments: input.isolatedSegments,
          staleAfterDays: input.staleAfterDays,
          reason: input.reason ?? null,
        },
      }),
    )
    if (!profile) throw new Error('the risk profile was not stored')
    await this.rescore(actor, { profileOnly: true })
    return profile
  }

  /** Re-scores every device now under the active profile, replaces the stored scores and keeps today's trend point. */
  /**
   * `profileOnly`: only the profile changed since the last re-score, so the stored readings stand for the facts
   * (when they were taken today and cover exactly the scorable devices; otherwise the facts are read again).
   */
  rescore(actor: Actor, opts: { profileOnly?: boolean } = {}): Promise<RiskSummary> {
    this.running ??= (opts.profileOnly ? this.rescoreFromReadings(actor) : this.doRescore(actor)).finally(() => {
      this.running = null
    })
    return this.running
  }

  /** A profile change: read the compact rows, weighted sums, write the scores that changed (ADR 0033). */
  private async rescoreFromReadings(actor: Actor): Promise<RiskSummary> {
    const profile = await this.getProfile()
    const now = this.clock.now()
    const today = now.toISOString().slice(0, 10)
    const rows = await this.store.loadReadings()
    if (!rows || rows.some((r) => r.readingsDay !== today)) return this.doRescore(actor)
    const { changed, summary } = rescoreRows(rows, profile, now)
    await this.store.updateScores(changed, profile.version, now.toISOString(), { date: today, summary }, actor, {
      action: 'risk.rescore',
      targetType: 'risk_profile',
      targetId: String(profile.version),
      after: { devices: summary.devices, byBand: summary.byBand, meanScore: summary.meanScore },
    })
    return summary
  }

  private async doRescore(actor: Actor): Promise<RiskSummary> {
    try {
      return await this.rescoreOnce(actor)
    } catch (err) {
      // A device deleted between reading the facts and writing its score (a ledger edit during a re-score): the
      // write refers to a device that is gone. Read the facts again, once.
      if (!isForeignKeyViolation(err)) throw err
      return this.rescoreOnce(actor)
    }
  }

  private async rescoreOnce(actor: Actor): Promise<RiskSummary> {
    const profile = await this.getProfile()
    const now = this.clock.now()
    const facts = await this.store.loadFacts()
    const { rows, summary } = scoreAll(facts, profile, now)
    // One entry per re-score (not per device): the counts per band and the profile used.
    await this.store.replaceScores(rows, { date: now.toISOString().slice(0, 10), summary }, actor, {
      action: 'risk.rescore',
      targetType: 'risk_profile',
      targetId: String(profile.version),
      after: { devices: summary.devices, byBand: summary.byBand, meanScore: summary.meanScore },
    })
    return summary
  }

  /** Scores exist (or the ledger is empty): the first read of a fresh installation scores first. */
  private async ensureScored(): Promise<void> {
    const s = await this.store.summary()
    if (s.devices === 0 && s.scoredAt === null) await this.rescore({ id: null, name: 'system' })
  }

  /** The profile each row was scored with (the active one, unless a row is older). */
  private async profilesFor(rows: readonly StoredDeviceRiskRow[]): Promise<(r: StoredDeviceRiskRow) => ScoringProfile> {
    const active = await this.getProfile()
    if (rows.every((r) => r.profileVersion === active.version)) return () => active
    const all = new Map((await this.store.profiles()).map((p) => [p.version, p]))
    return (r) => all.get(r.profileVersion) ?? active
  }

  async list(q: RiskListQuery): Promise<RiskList> {
    await this.ensureScored()
    const profile = await this.getProfile()
    const page = await this.store.listScores(q)
    const of = await this.profilesFor(page.items)
    return {
      items: page.items.map((r) => toDeviceRisk(r, of(r))),
      total: page.total,
      limit: q.limit,
      offset: q.offset,
      profileVersion: profile.version,
    }
  }

  /** The full breakdown of one device; a device added since the last re-score is scored on the spot. */
  async explain(deviceId: string): Promise<DeviceRisk> {
    await this.ensureScored()
    const page = await this.store.listScores({ deviceId, limit: 1, offset: 0 })
    const row = page.items[0]
    if (row) return toDeviceRisk(row, (await this.profilesFor([row]))(row))
    const [facts] = await this.store.loadFacts({ deviceIds: [deviceId] })
    if (!facts) throw notFound('Device', deviceId, '機器')
    const profile = await this.getProfile()
    const now = this.clock.now()
    const s = scoreDevice(facts, profile, now)
    return {
      deviceId: facts.deviceId,
      siteId: facts.siteId,
      assetTag: facts.assetTag,
      name: facts.name,
      manufacturer: facts.manufacturer,
      model: facts.model,
      department: facts.department,
      location: facts.location,
      category: facts.category,
      clinicalFunction: s.clinicalFunction,
      score: s.score,
      band: s.band,
      profileVersion: profile.version,
      scoredAt: now.toISOString(),
      contributions: s.contributions,
      headlineJa: s.headlineJa,
      headlineEn: s.headlineEn,
    }
  }

  async summary(): Promise<RiskSummary> {
    await this.ensureScored()
    const s = await this.store.summary()
    const profile = await this.getProfile()
    return { ...s, profileVersion: s.profileVersion ?? profile.version }
  }

  async trend(days: number): Promise<RiskTrendPoint[]> {
    const d = Math.max(1, Math.min(3650, Math.floor(days) || 90))
    const since = new Date(this.clock.now().getTime() - (d - 1) * DAY).toISOString().slice(0, 10)
    return this.store.trend(since)
  }
}

/** Scores every device: the rows to store and the summary (pure; the bench measures it alone). */
export function scoreAll(
  facts: readonly DeviceRiskFacts[],
  profile: ScoringProfile,
  now: Date,
): { rows: StoredDeviceRisk[]; summary: RiskSummary } {
  const scoredAt = now.toISOString()
  const today = scoredAt.slice(0, 10)
  const nowMs = now.getTime()
  const p = prepareProfile(profile)
  const byBand = { critical: 0, high: 0, medium: 0, low: 0 }
  let total = 0
  const rows: StoredDeviceRisk[] = new Array(facts.length)
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!
    const readings = readingsOf(f, today, now)
    const s = scoreReadings(readings, p, nowMs)
    byBand[s.band]++
    total += s.score
    rows[i] = {
      deviceId: f.deviceId,
      siteId: f.siteId,
      score: s.score,
      band: s.band,
      clinicalFunction: readings.clinicalFunction,
      profileVersion: profile.version,
      readings,
      readingsDay: today,
      scoredAt,
    }
  }
  return { rows, summary: summaryOf(rows.length, byBand, total, profile.version, scoredAt) }
}

const summaryOf = (
  devices: number,
  byBand: RiskSummary['byBand'],
  total: number,
  profileVersion: number,
  scoredAt: string,
): RiskSummary => ({
  devices,
  byBand,
  meanScore: devices === 0 ? 0 : Math.round((total / devices) * 10) / 10,
  profileVersion,
  scoredAt,
})

/** Re-scores stored readings under a profile: the rows whose score or band changed, and the summary (pure). */
export function rescoreRows(
  rows: readonly StoredReadingsRow[],
  profile: ScoringProfile,
  now: Date,
): {
  changed: {
    deviceId: string
    score: number
    band: RiskSummary['byBand'] extends Record<infer K, number> ? K : never
  }[]
  summary: RiskSummary
} {
  const p = prepareProfile(profile)
  const nowMs = now.getTime()
  const byBand = { critical: 0, high: 0, medium: 0, low: 0 }
  let total = 0
  const changed: { deviceId: string; score: number; band: keyof typeof byBand }[] = []
  for (const r of rows) {
    const score = scoreOfReadings(
      JSON.parse(r.fractions) as number[],
      r.networkSegment,
      r.lastSeenAt === null ? null : Date.parse(r.lastSeenAt),
      r.networked,
      r.hasAddresses,
      p,
      nowMs,
    )
    const band = bandOf(score, profile.bands)
    byBand[band]++
    total += score
    if (score !== r.score || band !== r.band) changed.push({ deviceId: r.deviceId, score, band })
  }
  return { changed, summary: summaryOf(rows.length, byBand, total, profile.version, now.toISOString()) }
}

/** SQLite's SQLITE_CONSTRAINT_FOREIGNKEY or PostgreSQL's 23503 (foreign_key_violation). */
function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503'
}
