/** Tables of the operations (calendar, reminders, re-scan cadence, timeline) module (migration 0019-operations), merged into `Database` in ./schema.ts. */

/**
 * One reminder that went out (ADR 0041): for this device, event kind (support_end | service_life_end), event date and
 * lead (days before). The key makes a reminder go out once; a changed date is a new event and reminds again.
 */
export interface LifecycleReminderSentTable {
  deviceId: string
  kind: string
  eventDate: string
  leadDays: number
  sentAt: string
  /** The in-app notification (digest) that carried it. */
  notificationId: string | null
}

export interface OperationsTables {
  lifecycleRemindersSent: LifecycleReminderSentTable
}

/** The module's tables that a backup holds (spread into BACKUP_TABLES), in insert order: parents first. */
export const OPERATIONS_BACKUP_TABLES = ['lifecycleRemindersSent'] as const
