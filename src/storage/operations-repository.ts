import { type Expression, type Kysely, type RawBuilder, sql } from 'kysely'
import type { RescanCadence } from '../../api/operations.js'
import { dayNumber, type LedgerDateRow } from '../core/operations/calendar.js'
import { type ReminderCandidate, type ReminderKind, sentKey } from '../core/operations/reminders.js'
import type { OperationsPorts, OperationsStore, RescanRow } from '../core/operations/store.js'
import { sourceBound, type TimelineCursor, type TimelineRow, type TimelineSource } from '../core/operations/timeline.js'
import type { Actor, AuditRecord } from '../core/ports.js'
import { recordAudit } from './audit-repository.js'
import { isPostgres } from './migrations/dialect.js'
import type { Database } from './schema.js'

/** Devices the calendar, reminders and re-scans speak of. */
const LIVE_STATUSES = ['in_use', 'in_storage', 'acceptance'] as const
/** Devices expected on the network (stored devices are not scanned). */
const ON_NETWORK = ['in_use', 'acceptance'] as const

const dateColumn = (kind: ReminderKind) => (kind === 'support_end' ? 'supportEnd' : 'serviceLifeEnd')

const parse = (v: string | null): unknown => {
  if (v === null) return null
  try {
    return JSON.parse(v)
  } catch {
    return null
  }
}

/** The operations module's store over one database (ADR 0041): set-based queries in both dialects. */
export class OperationsRepository implements OperationsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async setting(key: string): Promise<string | null> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
    return row?.value ?? null
  }

  async putSetting(key: string, value: string, actor: Actor, audit: AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute()
      await recordAudit(trx, actor, audit)
    })
  }

  async datesInRange(kind: ReminderKind, from: string, to: string, department?: string): Promise<LedgerDateRow[]> {
    const col = dateColumn(kind)
    let q = this.db
      .selectFrom('devices')
      .select(['id', 'assetTag', 'name', 'model', 'department', 'lifeCritical', 'supportEnd', 'serviceLifeEnd'])
      .where(col, '>=', from)
      .where(col, '<=', to)
      .where('status', 'in', LIVE_STATUSES)
    if (department) q = q.where('department', '=', department)
    const rows = await q.orderBy(col).orderBy('id').execute()
    return rows.map((r) => ({ ...r, lifeCritical: Number(r.lifeCritical) === 1 }))
  }

  async alreadyPast(today: string, department?: string): Promise<{ supportEnd: number; serviceLifeEnd: number }> {
    const count = async (kind: ReminderKind) => {
      let q = this.db
        .selectFrom('devices')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(dateColumn(kind), '<', today)
        .where('status', 'in', LIVE_STATUSES)
      if (department) q = q.where('department', '=', department)
      return Number((await q.executeTakeFirstOrThrow()).n)
    }
    return { supportEnd: await count('support_end'), serviceLifeEnd: await count('service_life_end') }
  }

  /** Days since 1970-01-01 of the date part of an ISO text column, in either dialect. */
  private dayOf(e: Expression<string | null>): RawBuilder<number> {
    return isPostgres(this.db)
      ? sql<number>`(cast(substr(${e}, 1, 10) as date) - date '1970-01-01')`
      : sql<number>`cast(julianday(substr(${e}, 1, 10)) - 2440587.5 as integer)`
  }

  async rescanRows(
    cadence: RescanCadence,
    today: string,
    q: { limit: number; offset: number; department?: string } | { dueFrom: string; dueTo: string; department?: string },
  ): Promise<{ items: RescanRow[]; total: number }> {
    const todayNum = dayNumber(today) ?? 0
    const entries = Object.entries(cadence.byCategory)
    const cadenceDays: RawBuilder<number> =
      entries.length === 0
        ? sql<number>`cast(${cadence.defaultDays} as integer)`
        : sql<number>`(case ${sql.ref('d.category')} ${sql.join(
            entries.map(([c, n]) => sql`when ${c} then cast(${n} as integer)`),
            sql` `,
          )} else cast(${cadence.defaultDays} as integer) end)`
    // The newest scan that saw each device, by the scan-host-by-device index (one lookup per device).
    const lastAtOf = sql<
      string | null
    >`(select max(coalesce(${sql.ref('s.finishedAt')}, ${sql.ref('s.startedAt')}, ${sql.ref('s.createdAt')})) from ${sql.table('scanHosts')} as sh inner join ${sql.table('scans')} as s on ${sql.ref('s.id')} = ${sql.ref('sh.scanId')} where ${sql.ref('sh.deviceId')} = ${sql.ref('d.id')} and ${sql.ref('sh.state')} = 'up')`
    const inner = this.db.selectFrom('devices as d').where('d.status', 'in', ON_NETWORK)
    const withLast = (q.department ? inner.where('d.department', '=', q.department) : inner)
      .select([
        'd.id',
        'd.assetTag',
        'd.name',
        'd.model',
        'd.category',
        'd.department',
        'd.lifeCritical',
        'd.neverScan',
        lastAtOf.as('lastAt'),
        cadenceDays.as('cadenceDays'),
      ])
      .as('ls')
    const lastDay = this.dayOf(sql.ref('ls.lastAt'))
    const base = this.db.selectFrom(withLast)
    const select = base.selectAll()
    const toRow = (r: Awaited<ReturnType<typeof select.execute>>[number]): RescanRow => ({
      id: r.id,
      assetTag: r.assetTag,
      name: r.name,
      model: r.model,
      category: r.category,
      department: r.department,
      lifeCritical: Number(r.lifeCritical) === 1,
      neverScan: Number(r.neverScan) === 1,
      lastScannedAt: (r.lastAt as string | null) ?? null,
      cadenceDays: Number(r.cadenceDays),
    })
    if ('dueFrom' in q) {
      const from = dayNumber(q.dueFrom) ?? 0
      const to = dayNumber(q.dueTo) ?? 0
      const rows = await select
        .where('ls.neverScan', '=', 0)
        .where('ls.lastAt', 'is not', null)
        .where(sql<boolean>`${lastDay} + ${sql.ref('ls.cadenceDays')} between ${from} and ${to}`)
        .orderBy('ls.id')
        .execute()
      return { items: rows.map(toRow), total: rows.length }
    }
    // Listed: overdue or never scanned (scannable devices), and every never-scan device (excluded, listed last).
    const listed = sql<boolean>`(${sql.ref('ls.neverScan')} = 1 or ${sql.ref('ls.lastAt')} is null or ${lastDay} + ${sql.ref('ls.cadenceDays')} < ${todayNum})`
    const [rows, count] = await Promise.all([
      select
        .where(listed)
        .orderBy('ls.neverScan')
        .orderBy(sql`case when ${sql.ref('ls.lastAt')} is null then 0 else 1 end`)
        .orderBy(sql`${lastDay} + ${sql.ref('ls.cadenceDays')}`)
        .orderBy('ls.assetTag')
        .orderBy('ls.id')
        .limit(q.limit)
        .offset(q.offset)
        .execute(),
      base
        .where(listed)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ])
    return { items: rows.map(toRow), total: Number(count.n) }
  }

  async reminderCandidates(kind: ReminderKind, today: string, until: string): Promise<ReminderCandidate[]> {
    const col = dateColumn(kind)
    const rows = await this.db
      .selectFrom('devices')
      .select(['id', 'assetTag', 'name', 'hostname', col])
      .where(col, '>=', today)
      .where(col, '<=', until)
      .where('status', 'in', LIVE_STATUSES)
      .execute()
    return rows.map((r) => ({
      deviceId: r.id,
      kind,
      eventDate: (r as Record<string, unknown>)[col] as string,
      label: r.assetTag ?? r.hostname ?? r.id.slice(0, 8),
      name: r.name,
    }))
  }

  async sentKeys(kind: ReminderKind, fromDate: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('lifecycleRemindersSent')
      .select(['deviceId', 'kind', 'eventDate', 'leadDays'])
      .where('kind', '=', kind)
      .where('eventDate', '>=', fromDate)
      .execute()
    return new Set(rows.map((r) => sentKey(r.deviceId, r.kind, r.eventDate, Number(r.leadDays))))
  }

  async recordSent(
    rows: { deviceId: string; kind: ReminderKind; eventDate: string; leadDays: number }[],
    sentAt: string,
    notificationId: string | null,
    actor: Actor,
    audit: AuditRecord,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto('lifecycleRemindersSent')
          .values(rows.slice(i, i + 200).map((r) => ({ ...r, sentAt, notificationId })))
          .onConflict((oc) => oc.columns(['deviceId', 'kind', 'eventDate', 'leadDays']).doNothing())
          .execute()
      await recordAudit(trx, actor, audit)
    })
  }

  async resolveDevice(idOrTag: string): Promise<string | null> {
    const byId = await this.db.selectFrom('devices').select('id').where('id', '=', idOrTag).executeTakeFirst()
    if (byId) return byId.id
    const byTag = await this.db
      .selectFrom('devices')
      .select('id')
      .where('assetTag', '=', idOrTag)
      .orderBy('id')
      .executeTakeFirst()
    return byTag?.id ?? null
  }

  async timelineRows(deviceId: string, cursor: TimelineCursor | null, limit: number): Promise<TimelineRow[]> {
    /** Rows strictly after the cursor in timeline order, for a source whose instant and key are these columns. */
    // biome-ignore lint/suspicious/noExplicitAny: one helper over several query builders
    const after = <Q extends { where: (...a: any[]) => Q }>(
      qb: Q,
      source: TimelineSource,
      at: string | RawBuilder<string>,
      key: string,
      numericKey = false,
    ): Q => {
      const b = sourceBound(source, cursor)
      if (!b) return qb
      const atRef = typeof at === 'string' ? sql.ref(at) : at
      if (b.sameInstant === 'all') return qb.where(sql<boolean>`${atRef} <= ${b.at}`)
      if (b.sameInstant === 'none') return qb.where(sql<boolean>`${atRef} < ${b.at}`)
      const below = numericKey ? Number(b.sameInstant.below) : b.sameInstant.below
      return qb.where(sql<boolean>`(${atRef} < ${b.at} or (${atRef} = ${b.at} and ${sql.ref(key)} < ${below}))`)
    }
    const pad = (n: number | bigint | string) => String(n).padStart(15, '0')

    const audit = await after(
      this.db
        .selectFrom('auditLog')
        .select(['id', 'at', 'action', 'actorName', 'before', 'after'])
        .where('targetType', '=', 'device')
        .where('targetId', '=', deviceId),
      'audit',
      'at',
      'id',
      true,
    )
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()

    const scanAt = sql<string>`coalesce(${sql.ref('s.finishedAt')}, ${sql.ref('s.startedAt')}, ${sql.ref('s.createdAt')})`
    const scans = await after(
      this.db
        .selectFrom('scanHosts as sh')
        .innerJoin('scans as s', 's.id', 'sh.scanId')
        .select(['sh.id', 'sh.scanId', 'sh.address', 's.profile', scanAt.as('at')])
        .where('sh.deviceId', '=', deviceId)
        .where('sh.state', '=', 'up'),
      'scan',
      scanAt,
      'sh.id',
    )
      .orderBy(scanAt, 'desc')
      .orderBy('sh.id', 'desc')
      .limit(limit)
      .execute()

    const opened = await after(
      this.db
        .selectFrom('findings')
        .select(['id', 'firstSeenAt', 'titleJa', 'titleEn', 'severity'])
        .where('deviceId', '=', deviceId),
      'finding_opened',
      'firstSeenAt',
      'id',
    )
      .orderBy('firstSeenAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()

    const closed = await after(
      this.db
        .selectFrom('findings')
        .select(['id', 'lastSeenAt', 'titleJa', 'titleEn', 'severity', 'statusReason'])
        .where('deviceId', '=', deviceId)
        .where('status', '=', 'fixed'),
      'finding_closed',
      'lastSeenAt',
      'id',
    )
      .orderBy('lastSeenAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()

    const vulns = await after(
      this.db
        .selectFrom('vulnMatches')
        .select(['id', 'firstSeenAt', 'cve', 'advisoryId', 'decision', 'productLabel'])
        .where('deviceId', '=', deviceId),
      'vulnerability',
      'firstSeenAt',
      'id',
    )
      .orderBy('firstSeenAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()

    const disclosures = await after(
      this.db
        .selectFrom('deviceModelLinks as l')
        .innerJoin('disclosures as x', 'x.modelId', 'l.modelId')
        .innerJoin('deviceModels as m', 'm.id', 'l.modelId')
        .select(['x.id', 'x.importedAt', 'x.form', 'x.fileName', 'x.importedBy', 'm.vendor', 'm.name'])
        .where('l.deviceId', '=', deviceId)
        .where('l.state', '=', 'confirmed'),
      'disclosure',
      'x.importedAt',
      'x.id',
    )
      .orderBy('x.importedAt', 'desc')
      .orderBy('x.id', 'desc')
      .limit(limit)
      .execute()

    const actions = await after(
      this.db
        .selectFrom('actions as a')
        .select(['a.id', 'a.createdAt', 'a.titleJa', 'a.titleEn', 'a.status'])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('actionFindings as af')
              .innerJoin('findings as f', 'f.id', 'af.findingId')
              .select('af.actionId')
              .whereRef('af.actionId', '=', 'a.id')
              .where('f.deviceId', '=', deviceId),
          ),
        ),
      'action',
      'a.createdAt',
      'a.id',
    )
      .orderBy('a.createdAt', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit)
      .execute()

    return [
      ...audit.map(
        (r): TimelineRow => ({
          source: 'audit',
          key: pad(r.id),
          at: r.at,
          action: r.action,
          actor: r.actorName,
          before: parse(r.before),
          after: parse(r.after),
        }),
      ),
      ...scans.map(
        (r): TimelineRow => ({
          source: 'scan',
          key: r.id,
          at: r.at,
          scanId: r.scanId,
          address: r.address,
          profile: r.profile,
          label: null,
        }),
      ),
      ...opened.map(
        (r): TimelineRow => ({
          source: 'finding_opened',
          key: r.id,
          at: r.firstSeenAt,
          titleJa: r.titleJa,
          titleEn: r.titleEn,
          severity: r.severity,
          reason: null,
        }),
      ),
      ...closed.map(
        (r): TimelineRow => ({
          source: 'finding_closed',
          key: r.id,
          at: r.lastSeenAt,
          titleJa: r.titleJa,
          titleEn: r.titleEn,
          severity: r.severity,
          reason: r.statusReason,
        }),
      ),
      ...vulns.map(
        (r): TimelineRow => ({
          source: 'vulnerability',
          key: r.id,
          at: r.firstSeenAt,
          cve: r.cve,
          advisoryId: r.advisoryId,
          decision: r.decision,
          product: r.productLabel,
        }),
      ),
      ...disclosures.map(
        (r): TimelineRow => ({
          source: 'disclosure',
          key: r.id,
          at: r.importedAt,
          disclosureId: r.id,
          form: r.form,
          fileName: r.fileName,
          model: `${r.vendor} ${r.name}`,
          actor: r.importedBy,
        }),
      ),
      ...actions.map(
        (r): TimelineRow => ({
          source: 'action',
          key: r.id,
          at: r.createdAt,
          actionId: r.id,
          titleJa: r.titleJa,
          titleEn: r.titleEn,
          status: r.status,
        }),
      ),
    ]
  }
}

/** The operations (calendar, reminders, re-scan cadence, timeline) module's repositories over one database (issue 11). */
export function operationsStoragePorts(db: Kysely<Database>): OperationsPorts {
  return { operations: new OperationsRepository(db) }
}
