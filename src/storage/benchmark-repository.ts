import { randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { BenchmarkProfile, BenchmarkSettings, CohortReport } from '../../api/benchmark.js'
import { CLEARTEXT_ADMIN_RULES, osPastSupport } from '../core/benchmark/indicators.js'
import type { BenchmarkPorts, BenchmarkStore, StoredFacts } from '../core/benchmark/store.js'
import type { Actor, AuditRecord } from '../core/ports.js'
import { recordAudit } from './audit-repository.js'
import type { Database } from './schema.js'

const SETTINGS_KEY = 'benchmark'
const DAY_MS = 86_400_000

const num = (v: unknown) => Number(v ?? 0)

/** The benchmark module's store: counts for the indicators, settings, imported profiles and reports. */
export class BenchmarkRepository implements BenchmarkStore {
  constructor(private readonly db: Kysely<Database>) {}

  async facts(today: string): Promise<StoredFacts> {
    const db = this.db
    const inUse = db.selectFrom('devices').where('status', '=', 'in_use')
    const filled = (col: 'location' | 'responsiblePerson' | 'responsibleDepartment') =>
      sql<boolean>`(${sql.ref(col)} is not null and ${sql.ref(col)} <> '')`
    const counts = await inUse
      .select([
        sql<number>`count(*)`.as('inUse'),
        sql<number>`sum(case when ${filled('location')} and (${filled('responsiblePerson')} or ${filled('responsibleDepartment')}) then 1 else 0 end)`.as(
          'owned',
        ),
      ])
      .executeTakeFirstOrThrow()
    const networked = await inUse
      .where(sql<boolean>`exists (select 1 from device_addresses a where a.device_id = devices.id and a.kind = 'ip')`)
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when exists (select 1 from scan_hosts h where h.device_id = devices.id and h.state = 'up') then 1 else 0 end)`.as(
          'seen',
        ),
      ])
      .executeTakeFirstOrThrow()
    const hosts = await db
      .selectFrom('scanHosts')
      .where('state', '=', 'up')
      .select([
        sql<number>`count(distinct address)`.as('seen'),
        sql<number>`count(distinct case when device_id is not null then address end)`.as('linked'),
      ])
      .executeTakeFirstOrThrow()
    const cleartext = await db
      .selectFrom('findings')
      .where('status', '=', 'open')
      .where('ruleId', 'in', [...CLEARTEXT_ADMIN_RULES])
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow()
    // One row per (OS, version, past manufacturer support): the OS table is applied in code.
    const support = await inUse
      .select([
        'os',
        'osVersion',
        sql<number>`case when support_end is not null and support_end <> '' and support_end < ${today} then 1 else 0 end`.as(
          'pastVendor',
        ),
        sql<number>`count(*)`.as('n'),
      ])
      .groupBy(['os', 'osVersion', sql`3`])
      .execute()
    let pastSupport = 0
    for (const r of support)
      if (num(r.pastVendor) === 1 || osPastSupport(r.os, r.osVersion, today)) pastSupport += num(r.n)
    const models = await db
      .selectFrom('deviceModelLinks as l')
      .innerJoin('devices as d', 'd.id', 'l.deviceId')
      .where('l.state', '=', 'confirmed')
      .where('d.status', '=', 'in_use')
      .select([
        sql<number>`count(distinct l.model_id)`.as('n'),
        sql<number>`count(distinct case when exists (select 1 from disclosures s where s.model_id = l.model_id) then l.model_id end)`.as(
          'disclosed',
        ),
      ])
      .executeTakeFirstOrThrow()
    const fixed = await db
      .selectFrom('findings')
      .where('status', '=', 'fixed')
      .where('severity', 'in', ['critical', 'high'])
      .select(['firstSeenAt', 'lastSeenAt'])
      .execute()
    const daysToCloseHigh = fixed
      .map((f) => (Date.parse(f.lastSeenAt) - Date.parse(f.firstSeenAt)) / DAY_MS)
      .filter((d) => Number.isFinite(d) && d >= 0)
    const kev = await inUse
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('vulnMatches as m')
            .innerJoin('kevEntries as k', 'k.cveId', 'm.cve')
            .select(sql`1`.as('one'))
            .whereRef('m.deviceId', '=', 'devices.id')
            .where('m.decision', '=', 'affected'),
        ),
      )
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow()
    return {
      inUseDevices: num(counts.inUse),
      inUseWithOwnerAndLocation: num(counts.owned),
      networkedDevices: num(networked.n),
      networkedSeen: num(networked.seen),
      hostsSeen: num(hosts.seen),
      hostsSeenInLedger: num(hosts.linked),
      cleartextAdminFindings: num(cleartext.n),
      pastSupport,
      modelsInUse: num(models.n),
      modelsWithDisclosure: num(models.disclosed),
      daysToCloseHigh,
      inUseWithKev: num(kev.n),
    }
  }

  async settings(): Promise<BenchmarkSettings | null> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst()
    return row ? (JSON.parse(row.value) as BenchmarkSettings) : null
  }

  async saveSettings(s: BenchmarkSettings, actor: Actor, audit: AuditRecord): Promise<void> {
    const value = JSON.stringify(s)
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key: SETTINGS_KEY, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute()
      await recordAudit(trx, actor, audit)
    })
  }

  async profileIds(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('benchmarkProfiles').select('profileId').execute()
    return new Set(rows.map((r) => r.profileId))
  }

  async profiles(): Promise<BenchmarkProfile[]> {
    const rows = await this.db.selectFrom('benchmarkProfiles').selectAll().orderBy('profileId').execute()
    return rows.map((r) => ({
      format: 'mamori-benchmark-profile',
      formatVersion: 1,
      profileId: r.profileId,
      period: r.period,
      bedBand: r.bedBand as BenchmarkProfile['bedBand'],
      region: r.region as BenchmarkProfile['region'],
      indicators: JSON.parse(r.indicators) as Record<string, number | null>,
      checksum: r.checksum,
    }))
  }

  async saveImport(
    profiles: readonly BenchmarkProfile[],
    reports: readonly CohortReport[],
    actor: Actor,
    audit: AuditRecord,
    now: string,
  ): Promise<number> {
    return await this.db.transaction().execute(async (trx) => {
      const rows = profiles.map((p) => ({
        profileId: p.profileId,
        period: p.period,
        bedBand: p.bedBand,
        region: p.region,
        indicators: JSON.stringify(p.indicators),
        checksum: p.checksum,
        importedAt: now,
        importedBy: actor.name,
      }))
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto('benchmarkProfiles')
          .values(rows.slice(i, i + 200))
          .execute()
      for (const r of reports)
        await trx
          .insertInto('benchmarkReports')
          .values({
            id: randomUUID(),
            createdAt: r.createdAt,
            report: JSON.stringify(r),
            importedAt: now,
            importedBy: actor.name,
          })
          .execute()
      await recordAudit(trx, actor, audit)
      const total = await trx
        .selectFrom('benchmarkProfiles')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
      return num(total.n)
    })
  }

  async lastReport(): Promise<CohortReport | null> {
    const row = await this.db
      .selectFrom('benchmarkReports')
      .select('report')
      .orderBy('importedAt', 'desc')
      .orderBy('createdAt', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row ? (JSON.parse(row.report) as CohortReport) : null
  }
}

/** The benchmark module's repositories, spread into `storagePorts`. */
export function benchmarkStoragePorts(db: Kysely<Database>): BenchmarkPorts {
  return { benchmark: new BenchmarkRepository(db) }
}
