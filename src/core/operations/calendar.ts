import { lifecycleFlags } from '../../../api/device-lifecycle.js'
import type { CalendarEvent, LifecycleCalendar, ReminderSettings, RescanCadence } from '../../../api/operations.js'
import { MamoriError } from '../errors.js'

/** Pure date arithmetic and rules of the operations calendar, reminders and re-scan cadence (ADR 0041). */

const DAY_MS = 86_400_000
/** The longest calendar range a query may ask for. */
export const MAX_RANGE_YEARS = 10

/** Days since 1970-01-01 of a YYYY-MM-DD date (UTC), or null when it is not a real date. */
export function dayNumber(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = Date.UTC(y, mo - 1, d)
  const back = new Date(t)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null
  return Math.floor(t / DAY_MS)
}

export const dateOfDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10)
export const addDays = (date: string, days: number) => dateOfDay((dayNumber(date) ?? 0) + days)
export const daysBetween = (from: string, to: string) => (dayNumber(to) ?? 0) - (dayNumber(from) ?? 0)

/** Adds calendar months, clamping the day to the month's end (2027-01-31 + 1 month = 2027-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) + months
  const ny = Math.floor(total / 12)
  const nm = total % 12
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate()
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

const invalid = (field: string, en: string, ja: string) =>
  MamoriError.of('LIFECYCLE_INVALID', { why: { en: `${field}: ${en}`, ja: `${field}: ${ja}` } }, [
    { where: field, message: en },
  ])

/**
 * The calendar's range: `from` defaults to today, `to` to `from` + `months` (default 24). A date that is not a real
 * date, `to` before `from`, or a range over 10 years is LIFECYCLE_INVALID naming the field.
 */
export function calendarRange(
  q: { from?: string; to?: string; months?: number },
  today: string,
): { from: string; to: string } {
  for (const field of ['from', 'to'] as const) {
    const v = q[field]
    if (v !== undefined && dayNumber(v) === null)
      throw invalid(field, `"${v}" is not a date (YYYY-MM-DD)`, `「${v}」は日付（YYYY-MM-DD）ではありません`)
  }
  if (q.months !== undefined && (!Number.isInteger(q.months) || q.months < 1 || q.months > MAX_RANGE_YEARS * 12))
    throw invalid(
      'months',
      `must be a whole number from 1 to ${MAX_RANGE_YEARS * 12}`,
      `1〜${MAX_RANGE_YEARS * 12} の整数で指定してください`,
    )
  const from = q.from ?? today
  const to = q.to ?? addMonths(from, q.months ?? 24)
  if (to < from) throw invalid('to', `${to} is before from ${from}`, `${to} が開始日 ${from} より前です`)
  if (to > addMonths(from, MAX_RANGE_YEARS * 12))
    throw invalid('to', `the range may be at most ${MAX_RANGE_YEARS} years`, `期間は最長 ${MAX_RANGE_YEARS} 年です`)
  return { from, to }
}

/** Every month ("2027-03") from `from` to `to`, with the events of each kind in it. */
export function monthStrip(from: string, to: string, events: readonly Pick<CalendarEvent, 'date' | 'kind'>[]) {
  const months: LifecycleCalendar['months'] = []
  const index = new Map<string, LifecycleCalendar['months'][number]>()
  for (let m = `${from.slice(0, 7)}-01`; m.slice(0, 7) <= to.slice(0, 7); m = addMonths(m, 1)) {
    const row = { month: m.slice(0, 7), supportEnd: 0, serviceLifeEnd: 0 }
    months.push(row)
    index.set(row.month, row)
  }
  for (const e of events) {
    const row = index.get(e.date.slice(0, 7))
    if (!row) continue
    if (e.kind === 'support_end') row.supportEnd++
    else if (e.kind === 'service_life_end') row.serviceLifeEnd++
  }
  return months
}

export interface LedgerDateRow {
  id: string
  assetTag: string | null
  name: string | null
  model: string | null
  department: string | null
  lifeCritical: boolean
  supportEnd: string | null
  serviceLifeEnd: string | null
}

/** A ledger date as a calendar event; `daysLeft` is negative once the ledger's own lifecycle flag is raised. */
export function dateEvent(d: LedgerDateRow, kind: 'support_end' | 'service_life_end', today: string): CalendarEvent {
  const date = (kind === 'support_end' ? d.supportEnd : d.serviceLifeEnd) ?? today
  // The same rule as the ledger's flags (api/device-lifecycle.ts): past means strictly before today.
  const flags = lifecycleFlags({ ...d, os: null, osVersion: null, declaredPorts: [] }, today)
  const past = flags.some((f) => f.id === (kind === 'support_end' ? 'support_ended' : 'past_service_life'))
  const left = daysBetween(today, date)
  return {
    date,
    kind,
    deviceId: d.id,
    assetTag: d.assetTag,
    name: d.name,
    model: d.model,
    department: d.department,
    daysLeft: past ? Math.min(-1, left) : Math.max(0, left),
    lifeCritical: d.lifeCritical,
  }
}

/** Events in date order, then kind, then asset tag. */
export const byDate = (a: CalendarEvent, b: CalendarEvent) =>
  a.date.localeCompare(b.date) ||
  a.kind.localeCompare(b.kind) ||
  (a.assetTag ?? a.deviceId).localeCompare(b.assetTag ?? b.deviceId)

// ── re-scan cadence ──

/**
 * Default days between scans (ADR 0041): servers, PCs and network gear change often and are robust to scanning (30);
 * monitors and imaging modalities are scanned gently and less often (90); pumps and other bedside devices (180).
 */
export const DEFAULT_CADENCE: RescanCadence = {
  defaultDays: 180,
  byCategory: {
    server: 30,
    workstation: 30,
    modality_workstation: 30,
    his_emr: 30,
    pacs: 30,
    ris: 30,
    switch: 30,
    router: 30,
    firewall: 30,
    wireless_ap: 30,
    patient_monitor: 90,
    central_monitor: 90,
    telemetry: 90,
    ct: 90,
    mri: 90,
    xray: 90,
    angiography: 90,
    mammography: 90,
    nuclear_medicine: 90,
    ultrasound: 90,
    infusion_pump: 180,
    syringe_pump: 180,
  },
}

export const cadenceDaysOf = (c: RescanCadence, category: string) => c.byCategory[category] ?? c.defaultDays

export const DEFAULT_REMINDERS: ReminderSettings = {
  enabled: true,
  leadDays: [365, 180, 90, 30],
  kinds: ['support_end', 'service_life_end'],
}

/** Lead days once each, largest first. */
export const normalisedLeads = (leads: readonly number[]) => [...new Set(leads)].sort((a, b) => b - a)
