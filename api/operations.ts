import { z } from 'zod'

/**
 * Operations (運用, issue 11 part 3): what comes due in a device's working life. A calendar of support ends (サポート終了)
 * and service-life ends (耐用期間満了) with reminders sent ahead (lead days, through the notification channels, once
 * per device, event and lead), a re-scan cadence per device category (e.g. monitors every 90 days, servers every 30)
 * with the devices that are overdue, and one device's history — ledger changes, scans that saw it, findings opened and
 * closed, advisories matched, disclosures, acceptance, decommissioning, risk — in one timeline.
 *
 * Routes (reads `viewer`; settings `admin`):
 *  GET /api/lifecycle/calendar?from=YYYY-MM-DD&to=YYYY-MM-DD&kind?&department?  → lifecycleCalendar
 *  GET /api/lifecycle/reminders                      → reminderSettings
 *  PUT /api/lifecycle/reminders  reminderSettings    → reminderSettings (admin; audited)
 *  POST /api/lifecycle/reminders/run                 → {sent: number} (admin; sends the reminders due now)
 *  GET /api/lifecycle/rescan-cadence                 → rescanCadence
 *  PUT /api/lifecycle/rescan-cadence  rescanCadence  → rescanCadence (admin; audited)
 *  GET /api/lifecycle/rescan-due?limit&offset        → rescanDueList (devices whose last scan is older than their cadence)
 *  GET /api/devices/:deviceId/timeline?limit&before  → deviceTimeline (newest first)
 * A date that is not a real date, or a range over 10 years, answers 400 naming the field.
 */

export const CALENDAR_EVENT_KINDS = ['support_end', 'service_life_end', 'rescan_due'] as const
export type CalendarEventKind = (typeof CALENDAR_EVENT_KINDS)[number]

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')

export const calendarQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: z.enum(CALENDAR_EVENT_KINDS).optional(),
  department: z.string().max(200).optional(),
  /** Instead of `to`: this many months after `from` (default 24). */
  months: z.coerce.number().int().min(1).max(120).optional(),
})

export const calendarEvent = z.object({
  date: z.string(),
  kind: z.enum(CALENDAR_EVENT_KINDS),
  deviceId: z.string(),
  assetTag: z.string().nullable(),
  name: z.string().nullable(),
  model: z.string().nullable(),
  department: z.string().nullable(),
  /** Negative: already past. */
  daysLeft: z.number().int(),
  lifeCritical: z.boolean(),
})
export type CalendarEvent = z.infer<typeof calendarEvent>

export const lifecycleCalendar = z.object({
  from: z.string(),
  to: z.string(),
  events: z.array(calendarEvent),
  /** Events per month ("2027-03") and kind, for the overview strip. */
  months: z.array(z.object({ month: z.string(), supportEnd: z.number().int(), serviceLifeEnd: z.number().int() })),
  /** Devices already past support / service life (not in `events` unless inside the range). */
  alreadyPast: z.object({ supportEnd: z.number().int(), serviceLifeEnd: z.number().int() }),
})
export type LifecycleCalendar = z.infer<typeof lifecycleCalendar>

export const reminderSettings = z.object({
  enabled: z.boolean(),
  /** Days before the date a reminder goes out, e.g. [365, 180, 90, 30]. */
  leadDays: z.array(z.number().int().min(1).max(3650)).min(1).max(10),
  kinds: z.array(z.enum(['support_end', 'service_life_end'])).min(1),
})
export type ReminderSettings = z.infer<typeof reminderSettings>

export const rescanCadence = z.object({
  /** Days between scans for devices of a category without its own entry. */
  defaultDays: z.number().int().min(1).max(3650),
  /** Category id (the ledger's `category`) → days. */
  byCategory: z.record(z.string().max(50), z.number().int().min(1).max(3650)),
})
export type RescanCadence = z.infer<typeof rescanCadence>

export const rescanDue = z.object({
  deviceId: z.string(),
  assetTag: z.string().nullable(),
  name: z.string().nullable(),
  category: z.string(),
  department: z.string().nullable(),
  /** Null: never seen by a scan. */
  lastScannedAt: z.string().nullable(),
  cadenceDays: z.number().int(),
  dueOn: z.string().nullable(),
  overdueDays: z.number().int(),
  /** Never scanned on purpose (life support, fragile): listed so nobody wonders, not counted as overdue. */
  excluded: z.boolean(),
})
export const rescanDueList = z.object({ items: z.array(rescanDue), total: z.number().int() })
export type RescanDueList = z.infer<typeof rescanDueList>

export const TIMELINE_KINDS = [
  'ledger',
  'scan',
  'finding_opened',
  'finding_closed',
  'vulnerability',
  'disclosure',
  'acceptance',
  'decommission',
  'action',
  'continuity',
] as const

export const timelineEntry = z.object({
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  titleJa: z.string(),
  titleEn: z.string(),
  detailJa: z.string().nullable(),
  detailEn: z.string().nullable(),
  actor: z.string().nullable(),
  /** Where to look in the UI ("/discovery/scans/…"), or null. */
  link: z.string().nullable(),
})
export type TimelineEntry = z.infer<typeof timelineEntry>

export const deviceTimeline = z.object({
  deviceId: z.string(),
  entries: z.array(timelineEntry),
  /** Pass as `before` for the next page; null at the start of the history. */
  nextBefore: z.string().nullable(),
})
export type DeviceTimeline = z.infer<typeof deviceTimeline>

/** Query of `GET /api/lifecycle/rescan-due` (added with the implementation; ADR 0041). */
export const rescanDueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  department: z.string().max(200).optional(),
})

/** Query of `GET /api/devices/:deviceId/timeline`: `before` is a `nextBefore` or a timestamp (strictly older). */
export const timelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().max(300).optional(),
})

/** Answer of `POST /api/lifecycle/reminders/run`: reminders sent (0 when none were due or reminders are off). */
export const reminderRunResult = z.object({
  sent: z.number().int(),
  /** The digest's lines, Japanese and English (empty when nothing was sent). */
  linesJa: z.array(z.string()).optional(),
  linesEn: z.array(z.string()).optional(),
})
export type ReminderRunResult = z.infer<typeof reminderRunResult>
