import { randomUUID } from 'node:crypto'
import { CronExpressionParser } from 'cron-parser'
import type { Kysely } from 'kysely'
import { scanCreate } from '../../api/discovery.js'
import { MamoriError } from '../core/errors.js'
import { type Actor, recordAudit } from '../storage/audit-repository.js'
import type { Database } from '../storage/schema.js'
import type { ScanService } from './scan-service.js'

export interface ScheduleInput {
  cron: string
  targets: string[]
  profile?: 'gentle' | 'standard' | 'fast'
  ports?: string
}

/** Validates a cron expression (5 fields, e.g. "0 2 * * 0" = Sundays 02:00) and returns its next run. */
export function nextRun(cron: string, after: Date): Date {
  try {
    return CronExpressionParser.parse(cron, { currentDate: after }).next().toDate()
  } catch (err) {
    throw new MamoriError(
      'SCHEDULE_INVALID',
      `"${cron}" is not a cron expression (${(err as Error).message}). Use five fields: minute hour day month weekday, e.g. "0 2 * * 0" for Sundays at 02:00.`,
      400,
    )
  }
}

/**
 * Scheduled scans. They go through ScanService.start like any other scan, so the same scope, exclusion, never-scan
 * and profile rules apply; a schedule whose targets left the approved scope fails visibly in the audit log.
 */
export class ScanScheduler {
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Kysely<Database>,
    private readonly scans: ScanService,
  ) {}

  async create(input: ScheduleInput, actor: Actor) {
    nextRun(input.cron, new Date())
    const parsed = scanCreate.parse({ targets: input.targets, profile: input.profile, ports: input.ports })
    await this.scans.plan({ ...parsed, confirmLarge: true }) // refuse now, not at 2 a.m., if it is out of scope
    const row = {
      id: randomUUID(),
      cron: input.cron,
      targets: JSON.stringify(parsed.targets),
      profile: parsed.profile,
      portSpec: parsed.ports ?? null,
      enabled: 1,
      createdBy: actor.name,
      createdAt: new Date().toISOString(),
      lastRunAt: null,
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('scanSchedules').values(row).execute()
      await recordAudit(trx, actor, {
        action: 'schedule.create',
        targetType: 'scan_schedule',
        targetId: row.id,
        after: row,
      })
    })
    return row
  }

  async list() {
    return this.db.selectFrom('scanSchedules').selectAll().orderBy('createdAt').execute()
  }

  async remove(id: string, actor: Actor) {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('scanSchedules').where('id', '=', id).execute()
      await recordAudit(trx, actor, { action: 'schedule.remove', targetType: 'scan_schedule', targetId: id })
    })
  }

  /** Starts every schedule whose next run (after its last run or creation) is due. Returns the scans started. */
  async tick(now = new Date()): Promise<string[]> {
    const started: string[] = []
    for (const s of await this.db.selectFrom('scanSchedules').selectAll().where('enabled', '=', 1).execute()) {
      const due = nextRun(s.cron, new Date(s.lastRunAt ?? s.createdAt))
      if (due > now) continue
      await this.db.updateTable('scanSchedules').set({ lastRunAt: now.toISOString() }).where('id', '=', s.id).execute()
      const actor: Actor = { id: null, name: `schedule:${s.createdBy}` }
      try {
        const { scan } = await this.scans.start(
          {
            targets: JSON.parse(s.targets),
            profile: s.profile as 'gentle',
            ports: s.portSpec ?? undefined,
            confirmLarge: true,
          },
          actor,
          { scheduleId: s.id },
        )
        started.push(scan.id)
      } catch (err) {
        await recordAudit(this.db, actor, {
          action: 'schedule.refused',
          targetType: 'scan_schedule',
          targetId: s.id,
          after: { error: err instanceof Error ? err.message : String(err) },
        })
      }
    }
    return started
  }

  start(intervalMs = 30_000): void {
    this.timer ??= setInterval(() => void this.tick().catch(() => {}), intervalMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}
