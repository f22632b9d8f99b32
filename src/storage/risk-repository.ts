import { type Kysely, sql } from 'kysely'
import type { RiskBand, RiskProfile, RiskSummary, RiskTrendPoint } from '../../api/risk.js'
import type { Actor, AuditRecord } from '../core/ports.js'
import type { CompactContribution } from '../core/risk/score.js'
import type { RiskPorts, RiskRowQuery, RiskStore, StoredDeviceRisk, StoredDeviceRiskRow } from '../core/risk/store.js'
import { recordAudit } from './audit-repository.js'
import { loadRiskFacts } from './risk-facts.js'
import type { Database } from './schema.js'
import type { RiskProfileTable } from './schema-risk.js'
import { containsPattern, normalizeSearchText, searchTerms } from './search-index.js'
import { VulnBulkInsert } from './vuln-bulk.js'

const profileOf = (r: RiskProfileTable): RiskProfile => ({
  version: Number(r.version),
  name: r.name,
  weights: JSON.parse(r.weights),
  bands: JSON.parse(r.bands),
  isolatedSegments: JSON.parse(r.isolatedSegments),
  staleAfterDays: Number(r.staleAfterDays),
  active: Number(r.active) === 1,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
})

/** Scores written per statement batch (SQLite: prepared single-row statement; PostgreSQL: unnest of 5,000). */
const insertScores = new VulnBulkInsert<StoredDeviceRisk>(
  'device_risk',
  [
    { name: 'deviceId', pg: 'text' },
    { name: 'siteId', pg: 'text' },
    { name: 'score', pg: 'int4' },
    { name: 'band', pg: 'text' },
    { name: 'clinicalFunction', pg: 'text' },
    { name: 'profileVersion', pg: 'int4' },
    { name: 'contributions', pg: 'text' },
    { name: 'headlineJa', pg: 'text' },
    { name: 'headlineEn', pg: 'text' },
    { name: 'scoredAt', pg: 'text' },
  ],
  (r) => [
    r.deviceId,
    r.siteId,
    r.score,
    r.band,
    r.clinicalFunction,
    r.profileVersion,
    JSON.stringify(r.contributions),
    r.headlineJa,
    r.headlineEn,
    r.scoredAt,
  ],
)

const countsOf = (r: { critical: unknown; high: unknown; medium: unknown; low: unknown }) => ({
  critical: Number(r.critical),
  high: Number(r.high),
  medium: Number(r.medium),
  low: Number(r.low),
})

/** The risk store over both dialects (ADR 0033). */
export class RiskRepository implements RiskStore {
  constructor(private readonly db: Kysely<Database>) {}

  async activeProfile(): Promise<RiskProfile | null> {
    const r = await this.db.selectFrom('riskProfiles').selectAll().where('active', '=', 1).executeTakeFirst()
    return r ? profileOf(r) : null
  }

  async profiles(): Promise<RiskProfile[]> {
    return (await this.db.selectFrom('riskProfiles').selectAll().orderBy('version', 'desc').execute()).map(profileOf)
  }

  async addProfile(
    p: Omit<RiskProfile, 'version' | 'active' | 'createdAt'>,
    actor: Actor,
    audit: (version: number) => AuditRecord,
    opts: { ifNone?: boolean } = {},
  ): Promise<RiskProfile | null> {
    return this.db.transaction().execute(async (trx) => {
      const top = await trx
        .selectFrom('riskProfiles')
        .select((eb) => eb.fn.max('version').as('v'))
        .executeTakeFirst()
      const current = top?.v === null || top?.v === undefined ? 0 : Number(top.v)
      if (opts.ifNone && current > 0) return null
      const version = current + 1
      const row: RiskProfileTable = {
        version,
        name: p.name,
        weights: JSON.stringify(p.weights),
        bands: JSON.stringify(p.bands),
        isolatedSegments: JSON.stringify(p.isolatedSegments),
        staleAfterDays: p.staleAfterDays,
        active: 1,
        createdAt: new Date().toISOString(),
        createdBy: p.createdBy,
      }
      await trx.updateTable('riskProfiles').set({ active: 0 }).where('active', '=', 1).execute()
      await trx.insertInto('riskProfiles').values(row).execute()
      await recordAudit(trx, actor, audit(version))
      return profileOf(row)
    })
  }

  loadFacts(opts?: { deviceIds?: readonly string[] }) {
    return loadRiskFacts(this.db, opts)
  }

  async replaceScores(
    rows: readonly StoredDeviceRisk[],
    snap: { date: string; summary: RiskSummary },
    actor: Actor,
    audit: AuditRecord,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('deviceRisk').execute()
      await insertScores.run(trx, this.db, rows)
      const s = snap.summary
      const values = {
        devices: s.devices,
        meanScore: s.meanScore,
        ...s.byBand,
        profileVersion: s.profileVersion,
        takenAt: s.scoredAt ?? new Date().toISOString(),
      }
      await trx
        .insertInto('riskSnapshots')
        .values({ date: snap.date, siteId: '*', ...values })
        .onConflict((oc) => oc.columns(['date', 'siteId']).doUpdateSet(values))
        .execute()
      await recordAudit(trx, actor, audit)
    })
  }

  async listScores(q: RiskRowQuery): Promise<{ items: StoredDeviceRiskRow[]; total: number }> {
    let base = this.db.selectFrom('deviceRisk').innerJoin('devices', 'devices.id', 'deviceRisk.deviceId')
    if (q.band) base = base.where('deviceRisk.band', '=', q.band)
    if (q.department) base = base.where('devices.department', '=', q.department)
    if (q.deviceId) base = base.where('deviceRisk.deviceId', '=', q.deviceId)
    for (const term of searchTerms(q.q ? normalizeSearchText(q.q) : undefined))
      base = base.where(sql<boolean>`devices.search_text like ${containsPattern(term)} escape '\\'`)
    const [rows, count] = await Promise.all([
      base
        .select([
          'deviceRisk.deviceId',
          'deviceRisk.siteId',
          'deviceRisk.score',
          'deviceRisk.band',
          'deviceRisk.clinicalFunction',
          'deviceRisk.profileVersion',
          'deviceRisk.contributions',
          'deviceRisk.headlineJa',
          'deviceRisk.headlineEn',
          'deviceRisk.scoredAt',
          'devices.assetTag',
          'devices.name',
          'devices.manufacturer',
          'devices.model',
          'devices.department',
          'devices.location',
          'devices.category',
        ])
        .orderBy('deviceRisk.score', 'desc')
        .orderBy('deviceRisk.deviceId')
        .limit(q.limit)
        .offset(q.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return {
      total: Number(count.n),
      items: rows.map((r) => ({
        ...r,
        score: Number(r.score),
        band: r.band as RiskBand,
        profileVersion: Number(r.profileVersion),
        contributions: JSON.parse(r.contributions) as CompactContribution[],
      })),
    }
  }

  async summary() {
    const r = await this.db
      .selectFrom('deviceRisk')
      .select((eb) => [
        eb.fn.countAll<number>().as('devices'),
        eb.fn.avg<number>('score').as('mean'),
        eb.fn.max('scoredAt').as('scoredAt'),
        eb.fn.max('profileVersion').as('profileVersion'),
        eb.fn.sum<number>(eb.case().when('band', '=', 'critical').then(1).else(0).end()).as('critical'),
        eb.fn.sum<number>(eb.case().when('band', '=', 'high').then(1).else(0).end()).as('high'),
        eb.fn.sum<number>(eb.case().when('band', '=', 'medium').then(1).else(0).end()).as('medium'),
        eb.fn.sum<number>(eb.case().when('band', '=', 'low').then(1).else(0).end()).as('low'),
      ])
      .executeTakeFirstOrThrow()
    const devices = Number(r.devices)
    return {
      devices,
      byBand: devices === 0 ? { critical: 0, high: 0, medium: 0, low: 0 } : countsOf(r),
      meanScore: devices === 0 ? 0 : Math.round(Number(r.mean) * 10) / 10,
      profileVersion: r.profileVersion === null ? null : Number(r.profileVersion),
      scoredAt: (r.scoredAt as string | null) ?? null,
    }
  }

  async trend(sinceDate: string): Promise<RiskTrendPoint[]> {
    const rows = await this.db
      .selectFrom('riskSnapshots')
      .selectAll()
      .where('siteId', '=', '*')
      .where('date', '>=', sinceDate)
      .orderBy('date')
      .execute()
    return rows.map((r) => ({ date: r.date, meanScore: Number(r.meanScore), byBand: countsOf(r) }))
  }
}

/** The risk module's repositories, spread into `storagePorts`. */
export function riskStoragePorts(db: Kysely<Database>): RiskPorts {
  return { risk: new RiskRepository(db) }
}
