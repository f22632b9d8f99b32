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
import { DEFAULT_PROFILE, type ScoringProfile, validateProfile } from '../../core/risk/profile.js'
import { expandContributions, scoreDevice, scoreForStorage } from '../../core/risk/score.js'
import type { RiskStore, StoredDeviceRisk, StoredDeviceRiskRow } from '../../core/risk/store.js'
import type { RiskReader } from '../module-common.js'

const DAY = 86_400_000

const toDeviceRisk = (r: StoredDeviceRiskRow): DeviceRisk => ({
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
  contributions: expandContributions(r.contributions),
  headlineJa: r.headlineJa,
  headlineEn: r.headlineEn,
})

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
    await this.rescore(actor)
    return profile
  }

  /** Re-scores every device now under the active profile, replaces the stored scores and keeps today's trend point. */
  rescore(actor: Actor): Promise<RiskSummary> {
    this.running ??= this.doRescore(actor).finally(() => {
      this.running = null
    })
    return this.running
  }

  private async doRescore(actor: Actor): Promise<RiskSummary> {
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

  async list(q: RiskListQuery): Promise<RiskList> {
    await this.ensureScored()
    const profile = await this.getProfile()
    const page = await this.store.listScores(q)
    return {
      items: page.items.map(toDeviceRisk),
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
    if (page.items[0]) return toDeviceRisk(page.items[0])
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
  const byBand = { critical: 0, high: 0, medium: 0, low: 0 }
  let total = 0
  const rows = facts.map((f) => {
    const s = scoreForStorage(f, profile, now)
    byBand[s.band]++
    total += s.score
    return {
      deviceId: f.deviceId,
      siteId: f.siteId,
      score: s.score,
      band: s.band,
      clinicalFunction: s.clinicalFunction,
      profileVersion: profile.version,
      contributions: s.compact,
      headlineJa: s.headlineJa,
      headlineEn: s.headlineEn,
      scoredAt,
    }
  })
  return {
    rows,
    summary: {
      devices: rows.length,
      byBand,
      meanScore: rows.length === 0 ? 0 : Math.round((total / rows.length) * 10) / 10,
      profileVersion: profile.version,
      scoredAt,
    },
  }
}
