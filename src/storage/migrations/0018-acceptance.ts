import type { Kysely } from 'kysely'

/**
 * Issue 11, acceptance tests (導入時確認) and decommissioning (廃棄・譲渡), ADR 0040: one row per acceptance and per
 * decommission of a device; checks, issues, the comparison, checklist items and handover data are JSON text read and
 * written whole with the row's optimistic version.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('acceptances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull()) // in_progress | signed_off | cancelled
    .addColumn('previous_status', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text')
    .addColumn('comparison', 'text', (c) => c.notNull())
    .addColumn('checks', 'text', (c) => c.notNull())
    .addColumn('issues', 'text', (c) => c.notNull())
    .addColumn('sign_off', 'text')
    .addColumn('cancelled', 'text')
    .addColumn('last_scan_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('acceptances_device_idx').on('acceptances').columns(['device_id', 'started_at']).execute()
  await db.schema
    .createTable('decommissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull()) // in_progress | completed
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text')
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('handover', 'text', (c) => c.notNull())
    .addColumn('completed', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('decommissions_device_idx')
    .on('decommissions')
    .columns(['device_id', 'started_at'])
    .execute()
}

/** Drops what `up` created, children first. */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['decommissions', 'acceptances']) await db.schema.dropTable(t).ifExists().execute()
}
