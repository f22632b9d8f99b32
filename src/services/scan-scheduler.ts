import { randomUUID } from 'node:crypto'
import { CronExpressionParser } from 'cron-parser'
import { scanCreate } from '../../api/discovery.js'
import { MamoriError } from '../core/errors.js'
import type { Actor, AuditLog, AuditRecord } from '../core/ports.js'
import type { ScanService } from './scan-service.js'

/** A scheduled scan as stored (targets as a JSON list, enabled 0/1: the shape the API returns). */
export interface ScanScheduleRow {
  id: string
  cron: string
  targets: string
  profile: string
  portSpec: string | null
  enabled: number
  createdBy: string
  createdAt: string
  lastRunAt: string | null
}

/** Where schedules are kept (`storage/scan-schedule-repository.ts`); changes carry their audit entry. */
export interface ScanScheduleStore {
  create(row: ScanScheduleRow, actor: Actor, audit: AuditRecord): Promise<void>
  list(): Promise<ScanScheduleRow[]>
  enabled(): Promise<ScanScheduleRow[]>
  remove(id: string, actor: Actor, audit: AuditRecord): Promise<void>
  markRun(id: string, at: string): Promise<void>
}

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
    throw MamoriError.of('SCHEDULE_INVALID', { cron, why: (err as Error).message })
  }
}

/**
 * Scheduled scans. A due schedule starts its scan through ScanService.start like any other scan (a `scan` job with
 * trigger `schedule`), so the same scope, exclusion, never-scan and profile rules apply and the run shows in the jobs
 * list; a schedule whose targets left the approved scope fails visibly in the audit log. The timer only decides when
 * to look for due schedules; the work runs on the job runner.
 */
export class ScanScheduler {
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly schedules: ScanScheduleStore,
    private readonly scans: ScanService,
    private readonly audit: Pick<AuditLog, 'record'>,
  ) {}

  async create(input: ScheduleInput, actor: Actor) {
    nextRun(input.cron, new Date())
    const parsed = scanCreate.parse({ targets: input.targets, profile: input.profile, ports: input.ports })
    await this.scans.plan({ ...parsed, confirmLarge: true }) // refuse now, not at 2 a.m., if it is out of scope
    const row: ScanScheduleRow = {
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
    await this.schedules.create(row, actor, {
      action: 'schedule.create',
      targetType: 'scan_schedule',
      targetId: row.id,
      after: row,
    })
    return row
  }

  async list() {
    return this.schedules.list()
  }

  async remove(id: string, actor: Actor) {
    await this.schedules.remove(id, actor, { action: 'schedule.remove', targetType: 'scan_schedule', targetId: id })
  }

  /** Starts every schedule whose next run (after its last run or creation) is due. Returns the scans started. */
  async tick(now = new Date()): Promise<string[]> {
    const started: string[] = []
    for (const s of await this.schedules.enabled()) {
      const due = nextRun(s.cron, new Date(s.lastRunAt ?? s.createdAt))
      if (due > now) continue
      await this.schedules.markRun(s.id, now.toISOString())
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
          { scheduleId: s.id, trigger: 'schedule' },
        )
        started.push(scan.id)
      } catch (err) {
        await this.audit.record(actor, {
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
