import { CompiledQuery, type Kysely, sql, type Transaction } from 'kysely'
import type { ClinicalFunction, RiskBand, RiskProfile, RiskSummary, RiskTrendPoint } from '../../api/risk.js'
import type { Actor, AuditRecord } from '../core/ports.js'
import type { ReadingText } from '../core/risk/readings.js'
import type {
  RiskPorts,
  RiskRowQuery,
  RiskStore,
  StoredDeviceRisk,
  StoredDeviceRiskRow,
  StoredReadingsRow,
} from '../core/risk/store.js'
import { recordAudit } from './audit-repository.js'
import { sqliteHandleOf } from './database.js'
import { loadRiskFacts } from './risk-facts.js'
import type { Database } from './schema.js'
import type { RiskProfileTable } from './schema-risk.js'
import { containsPattern, normalizeSearchText, searchTerms } from './search-index.js'
import { isPostgres, slices, VulnBulkInsert } from './vuln-bulk.js'

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
const upsertScores = new VulnBulkInsert<StoredDeviceRisk>(
  'device_risk',
  [
    { name: 'deviceId', pg: 'text' },
    { name: 'siteId', pg: 'text' },
    { name: 'score', pg: 'int4' },
    { name: 'band', pg: 'text' },
    { name: 'clinicalFunction', pg: 'text' },
    { name: 'profileVersion', pg: 'int4' },
    { name: 'scoredAt', pg: 'text' },
    { name: 'fractions', pg: 'text' },
    { name: 'networkSegment', pg: 'text' },
    { name: 'lastSeenAt', pg: 'text' },
    { name: 'flags', pg: 'int4' },
    { name: 'readingsDay', pg: 'text' },
  ],
  (r) => [
    r.deviceId,
    r.siteId,
    r.score,
    r.band,
    r.clinicalFunction,
    r.profileVersion,
    r.scoredAt,
    JSON.stringify(r.readings.fractions),
    r.readings.networkSegment,
    r.readings.lastSeenAt,
    flagsOf(r),
    r.readingsDay,
  ],
  'deviceId',
)

const upsertTexts = new VulnBulkInsert<StoredDeviceRisk>(
  'device_risk_texts',
  [
    { name: 'deviceId', pg: 'text' },
    { name: 'texts', pg: 'text' },
  ],
  (r) => [r.deviceId, JSON.stringify(r.readings.texts)],
  'deviceId',
)

/** A stored row as the re-score compares it (raw, snake_case). */
interface StoredRow {
  device_id: string
  site_id: string
  score: number
  band: string
  clinical_function: string
  profile_version: number
  fractions: string
  network_segment: string | null
  last_seen_at: string | null
  flags: number
  readings_day: string
  texts: string | null
}

const NONE = '\u0000'
const signatureOf = (o: StoredRow) =>
  `${o.site_id}|${Number(o.score)}|${o.band}|${o.clinical_function}|${Number(o.profile_version)}|${o.fractions}|${o.network_segment ?? NONE}|${o.last_seen_at ?? NONE}|${Number(o.flags)}|${o.readings_day}`
const signature = (r: StoredDeviceRisk) =>
  `${r.siteId}|${r.score}|${r.band}|${r.clinicalFunction}|${r.profileVersion}|${JSON.stringify(r.readings.fractions)}|${r.readings.networkSegment ?? NONE}|${r.readings.lastSeenAt ?? NONE}|${flagsOf(r)}|${r.readingsDay}`
const flagsOf = (r: StoredDeviceRisk) => (r.readings.networked ? 1 : 0) | (r.readings.hasAddresses ? 2 : 0)

const SQLITE_UPDATE = 'update device_risk set score = ?, band = ? where device_id = ?'
const PG_UPDATE =
  'update device_risk d set score = u.score, band = u.band from unnest($1::text[], $2::int4[], $3::text[]) as u(id, score, band) where d.device_id = u.id'

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
      // Write only what changed (most devices keep their facts between two re-scores): compare each new row with
      // the stored one, upsert the changed, delete the rows of devices no longer scored, and give every row the
      // new time in one statement.
      const plain = trx.withoutPlugins()
      const { rows: old } = await sql<StoredRow>`select r.device_id, r.site_id, r.score, r.band,
        r.clinical_function, r.profile_version, r.fractions, r.network_segment, r.last_seen_at, r.flags,
        r.readings_day, t.texts from device_risk r left join device_risk_texts t on t.device_id = r.device_id`.execute(
        plain,
      )
      const stored = new Map<string, StoredRow>()
      for (const o of old) stored.set(o.device_id, o)
      const changed: StoredDeviceRisk[] = []
      const changedTexts: StoredDeviceRisk[] = []
      for (const r of rows) {
        const o = stored.get(r.deviceId)
        stored.delete(r.deviceId)
        if (!o || signatureOf(o) !== signature(r)) changed.push(r)
        if (!o || o.texts !== JSON.stringify(r.readings.texts)) changedTexts.push(r)
      }
      const gone = [...stored.keys()]
      for (const part of slices(gone)) {
        await trx.deleteFrom('deviceRisk').where('deviceId', 'in', part).execute()
        await trx.deleteFrom('deviceRiskTexts').where('deviceId', 'in', part).execute()
      }
      await upsertScores.run(trx, this.db, changed)
      await upsertTexts.run(trx, this.db, changedTexts)
      const scoredAt = rows[0]?.scoredAt
      if (scoredAt) await trx.updateTable('deviceRisk').set({ scoredAt }).execute()
      await this.snapshot(trx, snap)
      await recordAudit(trx, actor, audit)
    })
  }

  async loadReadings(): Promise<StoredReadingsRow[] | null> {
    // The rows stand for the scorable devices when there are as many as scorable devices and none belongs to a
    // decommissioned one (rows reference devices, so every row has its device). Both counts use indexes; the join
    // of 100,000 devices to their rows would cost more than reading the rows.
    const plain = this.db.withoutPlugins()
    const [{ rows: scorable }, { rows: retired }] = await Promise.all([
      sql<{ n: number }>`select count(*) as n from devices where status != 'decommissioned'`.execute(plain),
      sql<{ n: number }>`select count(*) as n from devices d join device_risk r on r.device_id = d.id
        where d.status = 'decommissioned'`.execute(plain),
    ])
    // Raw rows: 100,000 rows through Kysely's camelCase result plugin cost more than the query (ADR 0033 bench).
    const { rows } = await sql<{
      device_id: string
      score: number
      band: string
      fractions: string
      network_segment: string | null
      last_seen_at: string | null
      flags: number
      readings_day: string
    }>`select device_id, score, band, fractions, network_segment, last_seen_at, flags, readings_day
      from device_risk`.execute(plain)
    if (Number(retired[0]?.n ?? 0) > 0 || Number(scorable[0]?.n ?? 0) !== rows.length) return null
    const out: StoredReadingsRow[] = new Array(rows.length)
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!
      if (!r.readings_day) return null
      const flags = Number(r.flags)
      out[i] = {
        deviceId: r.device_id,
        score: Number(r.score),
        band: r.band,
        fractions: r.fractions,
        networkSegment: r.network_segment,
        lastSeenAt: r.last_seen_at,
        networked: (flags & 1) === 1,
        hasAddresses: (flags & 2) === 2,
        readingsDay: r.readings_day,
      }
    }
    return out
  }

  async updateScores(
    changed: readonly { deviceId: string; score: number; band: RiskBand }[],
    profileVersion: number,
    scoredAt: string,
    snap: { date: string; summary: RiskSummary },
    actor: Actor,
    audit: AuditRecord,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('deviceRisk').set({ profileVersion, scoredAt }).execute()
      if (isPostgres(trx)) {
        for (const part of slices(changed)) {
          const ids = part.map((c) => c.deviceId)
          const scores = part.map((c) => c.score)
          const bands = part.map((c) => c.band)
          await trx.executeQuery(CompiledQuery.raw(PG_UPDATE, [ids, scores, bands]))
        }
      } else {
        const handle = sqliteHandleOf(this.db)
        if (handle) {
          const stmt = handle.prepare(SQLITE_UPDATE)
          for (const c of changed) stmt.run(c.score, c.band, c.deviceId)
        } else
          for (const c of changed)
            await trx
              .updateTable('deviceRisk')
              .set({ score: c.score, band: c.band })
              .where('deviceId', '=', c.deviceId)
              .execute()
      }
      await this.snapshot(trx, snap)
      await recordAudit(trx, actor, audit)
    })
  }

  private async snapshot(trx: Transaction<Database>, snap: { date: string; summary: RiskSummary }) {
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
        .leftJoin('deviceRiskTexts', 'deviceRiskTexts.deviceId', 'deviceRisk.deviceId')
        .select([
          'deviceRisk.deviceId',
          'deviceRisk.siteId',
          'deviceRisk.score',
          'deviceRisk.band',
          'deviceRisk.clinicalFunction',
          'deviceRisk.profileVersion',
          'deviceRiskTexts.texts',
          'deviceRisk.scoredAt',
          'deviceRisk.fractions',
          'deviceRisk.networkSegment',
          'deviceRisk.lastSeenAt',
          'deviceRisk.flags',
          'deviceRisk.readingsDay',
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
        deviceId: r.deviceId,
        siteId: r.siteId,
        score: Number(r.score),
        band: r.band as RiskBand,
        clinicalFunction: r.clinicalFunction,
        profileVersion: Number(r.profileVersion),
        scoredAt: r.scoredAt,
        readingsDay: r.readingsDay,
        readings: {
          clinicalFunction: r.clinicalFunction as ClinicalFunction,
          fractions: JSON.parse(r.fractions) as number[],
          texts: JSON.parse(r.texts ?? '[]') as ReadingText[],
          networkSegment: r.networkSegment,
          lastSeenAt: r.lastSeenAt,
          networked: (Number(r.flags) & 1) === 1,
          hasAddresses: (Number(r.flags) & 2) === 2,
        },
        assetTag: r.assetTag,
        name: r.name,
        manufacturer: r.manufacturer,
        model: r.model,
        department: r.department,
        location: r.location,
        category: r.category,
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
