import {
  type CalendarEvent,
  type CalendarEventKind,
  type DeviceTimeline,
  type LifecycleCalendar,
  type ReminderRunResult,
  type ReminderSettings,
  type RescanCadence,
  type RescanDueList,
  reminderSettings,
  rescanCadence,
} from '../../../api/operations.js'
import type { Actor } from '../../core/actor.js'
import { MamoriError, notFound } from '../../core/errors.js'
import {
  addDays,
  byDate,
  calendarRange,
  DEFAULT_CADENCE,
  DEFAULT_REMINDERS,
  dateEvent,
  daysBetween,
  monthStrip,
  normalisedLeads,
} from '../../core/operations/calendar.js'
import { type DueReminder, digestLines, dueReminders, type ReminderKind } from '../../core/operations/reminders.js'
import type { OperationsStore, RescanRow } from '../../core/operations/store.js'
import { decodeCursor, mergeTimeline } from '../../core/operations/timeline.js'
import type { Notification } from '../../core/vulns/model.js'
import type { VulnStore } from '../../core/vulns/store.js'
import type { ModuleCommon } from '../module-common.js'

export const REMINDERS_KEY = 'operations.reminders'
export const CADENCE_KEY = 'operations.rescanCadence'
/** The in-app notification kind of the digest: the bell opens the lifecycle calendar from it. */
const DIGEST_KIND: Notification['kind'] = 'lifecycle-reminder'
const DAY_MS = 86_400_000

const SYSTEM: Actor = { id: null, name: 'lifecycle-reminders' }

function parsed<T>(
  raw: string | null,
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
  fallback: T,
): T {
  if (raw === null) return fallback
  try {
    const r = schema.safeParse(JSON.parse(raw))
    return r.success ? (r.data as T) : fallback
  } catch {
    return fallback
  }
}

/**
 * Operations (issue 11 part 3, ADR 0041): the support-end / service-life calendar, reminders sent ahead through the
 * notification channels (one digest per run, each reminder once), the re-scan cadence and a device's timeline.
 */
export class OperationsService {
  private timer: NodeJS.Timeout | null = null
  private first: NodeJS.Timeout | null = null
  private running: Promise<unknown> | null = null

  constructor(
    private readonly store: OperationsStore,
    private readonly notifications: Pick<VulnStore, 'addNotification'>,
    private readonly common: Pick<ModuleCommon, 'clock' | 'notify'> & { audit?: ModuleCommon['audit'] },
  ) {}

  private today(): string {
    return this.common.clock.now().toISOString().slice(0, 10)
  }

  // ── calendar ──

  async calendar(q: {
    from?: string
    to?: string
    months?: number
    kind?: CalendarEventKind
    department?: string
  }): Promise<LifecycleCalendar> {
    const today = this.today()
    const { from, to } = calendarRange(q, today)
    const events: CalendarEvent[] = []
    for (const kind of ['support_end', 'service_life_end'] as const) {
      if (q.kind && q.kind !== kind) continue
      for (const d of await this.store.datesInRange(kind, from, to, q.department))
        events.push(dateEvent(d, kind, today))
    }
    if (!q.kind || q.kind === 'rescan_due') {
      const cadence = await this.rescanCadence()
      const { items } = await this.store.rescanRows(cadence, today, {
        dueFrom: from,
        dueTo: to,
        department: q.department,
      })
      for (const r of items) {
        const due = dueOf(r)
        if (!due) continue
        events.push({
          date: due,
          kind: 'rescan_due',
          deviceId: r.id,
          assetTag: r.assetTag,
          name: r.name,
          model: r.model,
          department: r.department,
          daysLeft: daysBetween(today, due),
          lifeCritical: r.lifeCritical,
        })
      }
    }
    events.sort(byDate)
    return {
      from,
      to,
      events,
      months: monthStrip(from, to, events),
      alreadyPast: await this.store.alreadyPast(today, q.department),
    }
  }

  // ── reminders ──

  async reminderSettings(): Promise<ReminderSettings> {
    return parsed(await this.store.setting(REMINDERS_KEY), reminderSettings, DEFAULT_REMINDERS)
  }

  async putReminderSettings(input: ReminderSettings, actor: Actor): Promise<ReminderSettings> {
    const next = reminderSettings.parse(input)
    const clean: ReminderSettings = {
      ...next,
      leadDays: normalisedLeads(next.leadDays),
      kinds: [...new Set(next.kinds)],
    }
    const before = await this.reminderSettings()
    await this.store.putSetting(REMINDERS_KEY, JSON.stringify(clean), actor, {
      action: 'lifecycle.reminders.update',
      targetType: 'setting',
      targetId: REMINDERS_KEY,
      before,
      after: clean,
    })
    return clean
  }

  /**
   * Sends the reminders due today or earlier and not sent yet as one digest (in-app and on the configured channels),
   * and records them so none goes out twice. Nothing when reminders are off or none is due.
   */
  async runReminders(actor: Actor = SYSTEM): Promise<ReminderRunResult> {
    const settings = await this.reminderSettings()
    if (!settings.enabled) return this.nothingSent(actor, false)
    const today = this.today()
    const until = addDays(today, Math.max(...settings.leadDays))
    const due: DueReminder[] = []
    for (const kind of settings.kinds as ReminderKind[]) {
      const candidates = await this.store.reminderCandidates(kind, today, until)
      if (candidates.length === 0) continue
      const sent = await this.store.sentKeys(kind, today)
      due.push(...dueReminders(candidates, settings.leadDays, sent, today))
    }
    if (due.length === 0) return this.nothingSent(actor, true)
    const lines = digestLines(due)
    const now = this.common.clock.now().toISOString()
    const n = await this.notifications.addNotification({
      kind: DIGEST_KIND,
      titleJa: `機器の更新時期のお知らせ: ${lines.ja.join(' ／ ')}`,
      titleEn: `Device lifecycle reminders: ${lines.en.join(' / ')}`,
      body: { deviceIds: [...new Set(due.map((d) => d.deviceId))] },
      createdAt: now,
    })
    await this.store.recordSent(
      due.flatMap((d) =>
        d.record.map((leadDays) => ({ deviceId: d.deviceId, kind: d.kind, eventDate: d.eventDate, leadDays })),
      ),
      now,
      n.id,
      actor,
      {
        action: 'lifecycle.reminders.sent',
        targetType: 'notification',
        targetId: n.id,
        after: {
          reminders: due.length,
          linesJa: lines.ja,
          linesEn: lines.en,
          devices: due.map((d) => ({
            deviceId: d.deviceId,
            kind: d.kind,
            eventDate: d.eventDate,
            leadDays: d.leadDays,
          })),
        },
      },
    )
    // Delivery failures are the channels' to report; the in-app digest and the record stay.
    await this.common.notify.deliver(n).catch(() => undefined)
    return { sent: due.length, linesJa: lines.ja, linesEn: lines.en }
  }

  /** A person's run is audited even when nothing went out; the daily run then stays quiet. */
  private async nothingSent(actor: Actor, enabled: boolean): Promise<ReminderRunResult> {
    if (actor !== SYSTEM)
      await this.common.audit?.record(actor, {
        action: 'lifecycle.reminders.run',
        targetType: 'setting',
        targetId: REMINDERS_KEY,
        after: { sent: 0, enabled },
      })
    return { sent: 0, linesJa: [], linesEn: [] }
  }

  /** Runs the reminders shortly after start, then every 24 hours; the timers never keep the process alive. */
  start(firstDelayMs = 60_000, intervalMs = DAY_MS): void {
    if (this.timer || this.first) return
    const tick = () => {
      this.running ??= this.runReminders()
        .catch(() => undefined)
        .finally(() => {
          this.running = null
        })
    }
    this.first = setTimeout(tick, firstDelayMs)
    this.first.unref()
    this.timer = setInterval(tick, intervalMs)
    this.timer.unref()
  }

  /** Stops the timers and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.first) clearTimeout(this.first)
    if (this.timer) clearInterval(this.timer)
    this.first = null
    this.timer = null
    await this.running
  }

  // ── re-scan cadence ──

  async rescanCadence(): Promise<RescanCadence> {
    return parsed(await this.store.setting(CADENCE_KEY), rescanCadence, DEFAULT_CADENCE)
  }

  async putRescanCadence(input: RescanCadence, actor: Actor): Promise<RescanCadence> {
    const next = rescanCadence.parse(input)
    const before = await this.rescanCadence()
    await this.store.putSetting(CADENCE_KEY, JSON.stringify(next), actor, {
      action: 'lifecycle.rescan-cadence.update',
      targetType: 'setting',
      targetId: CADENCE_KEY,
      before,
      after: next,
    })
    return next
  }

  async rescanDue(q: { limit: number; offset: number; department?: string }): Promise<RescanDueList> {
    const today = this.today()
    const { items, total } = await this.store.rescanRows(await this.rescanCadence(), today, q)
    return {
      total,
      items: items.map((r) => {
        const dueOn = dueOf(r)
        return {
          deviceId: r.id,
          assetTag: r.assetTag,
          name: r.name,
          category: r.category,
          department: r.department,
          lastScannedAt: r.lastScannedAt,
          cadenceDays: r.cadenceDays,
          dueOn,
          overdueDays: r.neverScan || !dueOn ? 0 : Math.max(0, daysBetween(dueOn, today)),
          excluded: r.neverScan,
        }
      }),
    }
  }

  // ── timeline ──

  async timeline(device: string, q: { limit: number; before?: string }): Promise<DeviceTimeline> {
    const deviceId = await this.store.resolveDevice(device)
    if (!deviceId) throw notFound('Device', device, '機器')
    const cursor = q.before === undefined ? null : decodeCursor(q.before)
    if (q.before !== undefined && !cursor)
      throw MamoriError.of(
        'LIFECYCLE_INVALID',
        {
          why: {
            en: `before: "${q.before}" is neither a nextBefore value nor a timestamp`,
            ja: `before: 「${q.before}」は nextBefore の値でも日時でもありません`,
          },
        },
        [{ where: 'before', message: 'expected a nextBefore value or an ISO timestamp' }],
      )
    const rows = await this.store.timelineRows(deviceId, cursor, q.limit)
    return { deviceId, ...mergeTimeline(rows, deviceId, q.limit) }
  }
}

/** The date a scanned device is due again (last scan's date + cadence), or null when never scanned. */
function dueOf(r: RescanRow): string | null {
  return r.lastScannedAt ? addDays(r.lastScannedAt.slice(0, 10), r.cadenceDays) : null
}
