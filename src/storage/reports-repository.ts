import type { Kysely } from 'kysely'
import type { Actor, AuditRecord } from '../core/ports.js'
import type {
  DeviceActionLine,
  DeviceFindingLine,
  DeviceIdentity,
  LedgerSummary,
  ReportPorts,
  ReportScheduleRow,
  ReportStore,
} from '../core/reports/store.js'
import { recordAudit } from './audit-repository.js'
import type { Database } from './schema.js'

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 }
/** The letters' sender settings (services/disclosure-documents.ts): where the hospital's name is typed in. */
const SENDER_KEY = 'letters.sender'
const GENERIC_SITE = /^(default|main|既定|本院)$/i

/** The reports module's repositories, spread into `storagePorts`. */
export function reportsStoragePorts(db: Kysely<Database>): ReportPorts {
  return { reports: new ReportRepository(db) }
}

/** Report schedules and the facts reports read straight from the ledger and findings. */
export class ReportRepository implements ReportStore {
  constructor(private readonly db: Kysely<Database>) {}

  async createSchedule(row: ReportScheduleRow, actor: Actor, audit: AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('reportSchedules').values(row).execute()
      await recordAudit(trx, actor, audit)
    })
  }

  listSchedules(): Promise<ReportScheduleRow[]> {
    return this.db.selectFrom('reportSchedules').selectAll().orderBy('createdAt').orderBy('id').execute()
  }

  async getSchedule(id: string): Promise<ReportScheduleRow | null> {
    return (await this.db.selectFrom('reportSchedules').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
  }

  async removeSchedule(id: string, actor: Actor, audit: AuditRecord): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx.deleteFrom('reportSchedules').where('id', '=', id).executeTakeFirst()
      if (Number(r.numDeletedRows) === 0) return false
      await recordAudit(trx, actor, audit)
      return true
    })
  }

  async markSent(id: string, at: string, error: string | null): Promise<void> {
    await this.db
      .updateTable('reportSchedules')
      .set(error ? { lastAttemptAt: at, lastError: error } : { lastAttemptAt: at, lastSentAt: at, lastError: null })
      .where('id', '=', id)
      .execute()
  }

  async hospitalName(): Promise<string | null> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', SENDER_KEY).executeTakeFirst()
    if (row) {
      try {
        const name = (JSON.parse(row.value) as { name?: unknown }).name
        if (typeof name === 'string' && name.trim() !== '') return name.trim()
      } catch {
        // A damaged setting is no name.
      }
    }
    const sites = await this.db.selectFrom('sites').select('name').limit(2).execute()
    const only = sites.length === 1 ? sites[0]!.name.trim() : ''
    return only && !GENERIC_SITE.test(only) ? only : null
  }

  async ledgerSummary(today: string): Promise<LedgerSummary> {
    const active = this.db.selectFrom('devices').where('status', '!=', 'decommissioned')
    const [total, byCategory, byDepartment, past, pastDevices] = await Promise.all([
      active.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      active
        .select(['category as key', (eb) => eb.fn.countAll<number>().as('count')])
        .groupBy('category')
        .execute(),
      active
        .select(['department as key', (eb) => eb.fn.countAll<number>().as('count')])
        .groupBy('department')
        .execute(),
      active
        .where('supportEnd', 'is not', null)
        .where('supportEnd', '<', today)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
      active
        .where('supportEnd', 'is not', null)
        .where('supportEnd', '<', today)
        .select(['assetTag', 'name', 'department', 'supportEnd'])
        .orderBy('supportEnd')
        .orderBy('assetTag')
        .limit(50)
        .execute(),
    ])
    const sorted = (rows: { key: string | null; count: number | string }[]) =>
      rows
        .map((r) => ({ key: r.key ?? '', count: Number(r.count) }))
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    return {
      total: Number(total?.n ?? 0),
      byCategory: sorted(byCategory),
      byDepartment: sorted(byDepartment),
      pastSupport: Number(past?.n ?? 0),
      pastSupportDevices: pastDevices.map((d) => ({ ...d, supportEnd: d.supportEnd ?? '' })),
    }
  }

  async device(idOrTag: string): Promise<DeviceIdentity | null> {
    const row = await this.db
      .selectFrom('devices')
      .select([
        'id',
        'assetTag',
        'name',
        'manufacturer',
        'model',
        'softwareVersion',
        'location',
        'department',
        'responsiblePerson as owner',
        'installedOn',
        'supportEnd',
        'serviceLifeEnd',
      ])
      .where((eb) => eb.or([eb('id', '=', idOrTag), eb('assetTag', '=', idOrTag)]))
      .orderBy('id')
      .executeTakeFirst()
    return row ?? null
  }

  async openFindings(deviceId: string): Promise<DeviceFindingLine[]> {
    const rows = await this.db
      .selectFrom('findings')
      .select(['severity', 'titleJa', 'titleEn', 'address', 'port', 'firstSeenAt'])
      .where('deviceId', '=', deviceId)
      .where('status', '=', 'open')
      .execute()
    return rows
      .map((r) => ({
        severity: r.severity,
        titleJa: r.titleJa,
        titleEn: r.titleEn,
        where: r.address ? (r.port !== null ? `${r.address}:${r.port}` : r.address) : null,
        firstSeenAt: r.firstSeenAt,
      }))
      .sort(
        (a, b) =>
          (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) ||
          a.firstSeenAt.localeCompare(b.firstSeenAt),
      )
  }

  async deviceActions(deviceId: string): Promise<DeviceActionLine[]> {
    const rows = await this.db
      .selectFrom('actions')
      .innerJoin('actionFindings', 'actionFindings.actionId', 'actions.id')
      .innerJoin('findings', 'findings.id', 'actionFindings.findingId')
      .where('findings.deviceId', '=', deviceId)
      .where('actions.status', 'in', ['open', 'in_progress'])
      .select([
        'actions.id',
        'actions.titleJa',
        'actions.titleEn',
        'actions.owner',
        'actions.dueOn',
        'actions.status',
        'actions.knownExploited',
        'actions.severityRank',
      ])
      .distinct()
      .execute()
    return rows
      .sort(
        (a, b) =>
          b.knownExploited - a.knownExploited ||
          a.severityRank - b.severityRank ||
          a.dueOn.localeCompare(b.dueOn) ||
          a.id.localeCompare(b.id),
      )
      .map((r) => ({
        titleJa: r.titleJa,
        titleEn: r.titleEn,
        owner: r.owner,
        dueOn: r.dueOn,
        status: r.status,
        knownExploited: r.knownExploited === 1,
      }))
  }

  async homeCounts(): Promise<{ devices: number; knownExploitedDevices: number }> {
    const [devices, fromFindings, fromMatches] = await Promise.all([
      this.db
        .selectFrom('devices')
        .where('status', '!=', 'decommissioned')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
      this.db
        .selectFrom('findings')
        .innerJoin('kevEntries', 'kevEntries.cveId', 'findings.ruleId')
        .where('findings.source', '=', 'vulnerability')
        .where('findings.status', '=', 'open')
        .where('findings.deviceId', 'is not', null)
        .select('findings.deviceId')
        .distinct()
        .execute(),
      this.db
        .selectFrom('vulnMatches')
        .innerJoin('kevEntries', 'kevEntries.cveId', 'vulnMatches.cve')
        .where('vulnMatches.decision', '=', 'affected')
        .select('vulnMatches.deviceId')
        .distinct()
        .execute(),
    ])
    const kev = new Set<string>()
    for (const r of fromFindings) if (r.deviceId) kev.add(r.deviceId)
    for (const r of fromMatches) kev.add(r.deviceId)
    return { devices: Number(devices?.n ?? 0), knownExploitedDevices: kev.size }
  }
}
