import { daysBetween, normalisedLeads } from './calendar.js'

/** Which reminders fall due and how the daily digest reads (pure; ADR 0041). */

export type ReminderKind = 'support_end' | 'service_life_end'

export interface ReminderCandidate {
  deviceId: string
  kind: ReminderKind
  /** The support end or service-life end, YYYY-MM-DD (today or later). */
  eventDate: string
  label: string
  name: string | null
}

export interface DueReminder extends ReminderCandidate {
  /** The lead this reminder speaks of: the smallest lead already reached (the most urgent). */
  leadDays: number
  daysLeft: number
  /** Every lead reached and not yet sent: all are recorded as sent, so a late first run does not send old ones later. */
  record: number[]
}

export const sentKey = (deviceId: string, kind: string, eventDate: string, lead: number) =>
  `${deviceId}|${kind}|${eventDate}|${lead}`

/**
 * For each device and kind: the leads reached today or earlier (event date − lead ≤ today) that were not sent. One
 * reminder per device and event (the most urgent lead reached), recording every reached lead; nothing for an event
 * already past or whose reached leads were all sent.
 */
export function dueReminders(
  candidates: readonly ReminderCandidate[],
  leadDays: readonly number[],
  sent: ReadonlySet<string>,
  today: string,
): DueReminder[] {
  const leads = normalisedLeads(leadDays)
  const out: DueReminder[] = []
  for (const c of candidates) {
    const left = daysBetween(today, c.eventDate)
    if (left < 0) continue
    const reached = leads.filter((l) => left <= l)
    if (reached.length === 0) continue
    const unsent = reached.filter((l) => !sent.has(sentKey(c.deviceId, c.kind, c.eventDate, l)))
    if (unsent.length === 0) continue
    out.push({ ...c, leadDays: Math.min(...reached), daysLeft: left, record: unsent })
  }
  return out
}

const KIND_ORDER: readonly ReminderKind[] = ['support_end', 'service_life_end']

const KIND_WORDS: Record<ReminderKind, { ja: string; en: string }> = {
  support_end: { ja: 'サポート終了', en: 'End of support' },
  service_life_end: { ja: '耐用期間満了', en: 'End of service life' },
}

/**
 * The digest: one line per kind and lead, the most urgent first ("サポート終了まで 90 日: 生体情報モニタ ICU-MON-03
 * ほか 4 台"), in Japanese and English.
 */
export function digestLines(due: readonly DueReminder[]): { ja: string[]; en: string[] } {
  const groups = new Map<string, DueReminder[]>()
  for (const r of due) groups.set(`${r.kind}|${r.leadDays}`, [...(groups.get(`${r.kind}|${r.leadDays}`) ?? []), r])
  const ordered = [...groups.values()].sort(
    (a, b) => a[0]!.leadDays - b[0]!.leadDays || KIND_ORDER.indexOf(a[0]!.kind) - KIND_ORDER.indexOf(b[0]!.kind),
  )
  const ja: string[] = []
  const en: string[] = []
  for (const g of ordered) {
    const sorted = [...g].sort((a, b) => a.eventDate.localeCompare(b.eventDate) || a.label.localeCompare(b.label))
    const first = sorted[0]!
    const who = [first.name, first.label].filter(Boolean).join(' ')
    const more = sorted.length - 1
    const w = KIND_WORDS[first.kind]
    ja.push(`${w.ja}まで ${first.leadDays} 日: ${who}${more > 0 ? ` ほか ${more} 台` : ''}`)
    en.push(`${w.en} within ${first.leadDays} days: ${who}${more > 0 ? ` and ${more} more` : ''}`)
  }
  return { ja, en }
}
