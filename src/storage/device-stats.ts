import { type ExpressionBuilder, type Kysely, sql } from 'kysely'
import type { DashboardStats } from '../../api/device.js'
import type { Database } from './schema.js'

/** OS names that mean "no longer patched by Microsoft" for the dashboard's legacy count. */
const LEGACY_OS = ['%xp%', '%windows 7%', '%vista%', '%2000%', '%2003%', '%2008%', '%windows 8%', '%nt 4%']

/** One condition per legacy OS pattern, on the OS name and version together (lower-cased). */
export function legacyOsConditions(eb: ExpressionBuilder<Database, 'devices'>) {
  return LEGACY_OS.map((p) => eb(sql`lower(coalesce(os, '') || ' ' || coalesce(os_version, ''))`, 'like', p))
}

/** Devices still in the hospital (not decommissioned): what the dashboard's risk counts are about. */
const activeDevices = (db: Kysely<Database>) => db.selectFrom('devices').where('status', '!=', 'decommissioned')

/** The dashboard's counts: by kind, status, category and department, and the risk counts of active devices. */
export async function deviceStats(db: Kysely<Database>, today: string): Promise<DashboardStats> {
  const group = async (col: 'kind' | 'status' | 'category') => {
    const rows = await db
      .selectFrom('devices')
      .select([col, (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(col)
      .execute()
    return Object.fromEntries(rows.map((r) => [String(r[col]), Number(r.n)]))
  }
  const countWhere = async (f: (qb: ReturnType<typeof activeDevices>) => ReturnType<typeof activeDevices>) => {
    const r = await f(activeDevices(db))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(r.n)
  }
  const countAll = async () =>
    Number(
      (
        await db
          .selectFrom('devices')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const [byKind, byStatus, byCategory, depRows, total, pastServiceLife, pastSupportEnd, lifeCritical, legacyOs] =
    await Promise.all([
      group('kind'),
      group('status'),
      group('category'),
      db
        .selectFrom('devices')
        .select(['department', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('department')
        .execute(),
      countAll(),
      countWhere((qb) => qb.where('serviceLifeEnd', '<', today)),
      countWhere((qb) => qb.where('supportEnd', '<', today)),
      countWhere((qb) => qb.where('lifeCritical', '=', 1)),
      countWhere((qb) => qb.where((eb) => eb.or(legacyOsConditions(eb)))),
    ])
  return {
    total,
    byKind,
    byStatus,
    byCategory,
    byDepartment: depRows
      .map((r) => ({ department: r.department ?? '—', count: Number(r.n) }))
      .sort((a, b) => b.count - a.count),
    pastServiceLife,
    pastSupportEnd,
    lifeCritical,
    legacyOs,
  }
}
