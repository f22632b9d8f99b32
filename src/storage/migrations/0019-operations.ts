import type { Kysely } from 'kysely'

/**
 * Issue 11, operations (ADR 0041): the reminders already sent (one row per device, event kind, event date and lead),
 * and the indexes the timeline and the re-scan cadence read by: the audit log by target (a device's entries without
 * reading the whole log) and scan hosts by device (a device's last scan). Settings live in `settings`.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lifecycle_reminders_sent')
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // support_end | service_life_end
    .addColumn('event_date', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('lead_days', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('notification_id', 'text')
    .addPrimaryKeyConstraint('lifecycle_reminders_sent_pk', ['device_id', 'kind', 'event_date', 'lead_days'])
    .execute()
  await db.schema
    .createIndex('audit_log_target_idx')
    .on('audit_log')
    .columns(['target_type', 'target_id', 'at', 'id'])
    .execute()
  await db.schema.createIndex('scan_hosts_device_idx').on('scan_hosts').columns(['device_id', 'scan_id']).execute()
}

/** Drops what `up` created, children first. */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('scan_hosts_device_idx').execute()
  await db.schema.dropIndex('audit_log_target_idx').execute()
  await db.schema.dropTable('lifecycle_reminders_sent').execute()
}
