import type { Actor } from '../core/actor.js'
import { DEFAULT_CADENCE, DEFAULT_REMINDERS } from '../core/operations/calendar.js'
import type { Services } from '../services/index.js'

/**
 * The demo hospital's reminder settings and a re-scan cadence (issue 11), through the module's own services so that every row is what a person
 * could have entered. `reset` first removes what the module holds (the ledger was replaced). Returns a line for the
 * CLI's summary, or null when nothing was loaded.
 *
 * Both are Mamori's defaults, saved explicitly so the page shows them as the hospital's settings; the ledger's support
 * and service-life ends (src/demo/hospital.ts) fill the calendar. Reminders already sent go with their devices when
 * the ledger is replaced (the table cascades), so `reset` has nothing else to remove.
 */
export async function seedDemoOperations(s: Services, actor: Actor, _opts: { reset: boolean }): Promise<string | null> {
  const reminders = await s.operations.putReminderSettings(DEFAULT_REMINDERS, actor)
  const cadence = await s.operations.putRescanCadence(DEFAULT_CADENCE, actor)
  const cal = await s.operations.calendar({ kind: undefined })
  const dated = cal.events.filter((e) => e.kind !== 'rescan_due').length
  return (
    `Operations: ${dated} support/service-life ends in the next 24 months, reminders ${reminders.leadDays.join('/')} days ahead, ` +
    `re-scans every ${cadence.defaultDays} days by default (${Object.keys(cadence.byCategory).length} categories set) / ` +
    `運用: 今後 24 か月のサポート終了・耐用期間満了 ${dated} 件、${reminders.leadDays.join('・')} 日前にお知らせ、再スキャン間隔 既定 ${cadence.defaultDays} 日`
  )
}
