import type { RescanCadence } from '../../../api/operations.js'
import type { Actor, AuditRecord } from '../ports.js'
import type { LedgerDateRow } from './calendar.js'
import type { ReminderCandidate, ReminderKind } from './reminders.js'
import type { TimelineCursor, TimelineRow } from './timeline.js'

/** A device as the re-scan list shows it, with its last scan (null: never seen by a scan). */
export interface RescanRow {
  id: string
  assetTag: string | null
  name: string | null
  model: string | null
  category: string
  department: string | null
  lifeCritical: boolean
  neverScan: boolean
  lastScannedAt: string | null
  cadenceDays: number
}

/**
 * What the operations (calendar, reminders, re-scan cadence, timeline) services need from storage (issue 11). Filled in by src/storage/operations-repository.ts
 * (`operationsStoragePorts`), spread into the ports by `storagePorts`.
 */
export interface OperationsStore {
  /** A settings value (JSON text) or null. */
  setting(key: string): Promise<string | null>
  /** Saves a settings value with its audit entry, in one transaction. */
  putSetting(key: string, value: string, actor: Actor, audit: AuditRecord): Promise<void>
  /** Devices (not decommissioned) whose date of this kind is in [from, to], by the date's index. */
  datesInRange(kind: ReminderKind, from: string, to: string, department?: string): Promise<LedgerDateRow[]>
  /** Devices (not decommissioned) whose support / service life ended before `today`. */
  alreadyPast(today: string, department?: string): Promise<{ supportEnd: number; serviceLifeEnd: number }>
  /**
   * Devices due a re-scan (scanned longer ago than their cadence, or never), then those never to be scanned; most
   * overdue first. `dueFrom`/`dueTo` instead: scanned devices whose due date falls in that range (the calendar).
   */
  rescanRows(
    cadence: RescanCadence,
    today: string,
    q: { limit: number; offset: number; department?: string } | { dueFrom: string; dueTo: string; department?: string },
  ): Promise<{ items: RescanRow[]; total: number }>
  /** Reminder candidates: devices (not decommissioned) whose date of this kind is in [today, until]. */
  reminderCandidates(kind: ReminderKind, today: string, until: string): Promise<ReminderCandidate[]>
  /** Keys (`sentKey`) of reminders already sent for events of this kind on or after `fromDate`. */
  sentKeys(kind: ReminderKind, fromDate: string): Promise<Set<string>>
  /** Records reminders as sent (ignoring any already recorded) with the run's audit entry, in one transaction. */
  recordSent(
    rows: { deviceId: string; kind: ReminderKind; eventDate: string; leadDays: number }[],
    sentAt: string,
    notificationId: string | null,
    actor: Actor,
    audit: AuditRecord,
  ): Promise<void>
  /** A device's id from its id or asset tag, or null. */
  resolveDevice(idOrTag: string): Promise<string | null>
  /** At most `limit` rows of each source strictly older than the cursor, newest first. */
  timelineRows(deviceId: string, cursor: TimelineCursor | null, limit: number): Promise<TimelineRow[]>
}

export interface OperationsPorts {
  operations: OperationsStore
}
