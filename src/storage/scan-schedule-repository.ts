import type { Kysely } from 'kysely'
import type { Actor, AuditRecord } from '../core/ports.js'
import { recordAudit } from './audit-repository.js'
import type { Database, ScanScheduleTable } from './schema.js'

/** The `scan_schedules` table (the `ScanScheduleStore` of services/scan-scheduler.ts); each change is written with its audit entry in one transaction. */
export class ScanScheduleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(row: ScanScheduleTable, actor: Actor, audit: AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('scanSchedules').values(row).execute()
      await recordAudit(trx, actor, audit)
    })
  }

  list(): Promise<ScanScheduleTable[]> {
    return this.db.selectFrom('scanSchedules').selectAll().orderBy('createdAt').execute()
  }

  enabled(): Promise<ScanScheduleTable[]> {
    return this.db.selectFrom('scanSchedules').selectAll().where('enabled', '=', 1).execute()
  }

  async remove(id: string, actor: Actor, audit: AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('scanSchedules').where('id', '=', id).execute()
      await recordAudit(trx, actor, audit)
    })
  }

  async markRun(id: string, at: string): Promise<void> {
    await this.db.updateTable('scanSchedules').set({ lastRunAt: at }).where('id', '=', id).execute()
  }
}
