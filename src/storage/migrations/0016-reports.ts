import type { Kysely } from 'kysely'

/**
 * Issue 10, reports (ADR 0037): scheduled reports sent by e-mail. One row per schedule: the report kind and language,
 * a 5-field cron, the recipients (JSON list of addresses), who made it, and the outcome of the last sending.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // management | inspection
    .addColumn('lang', 'text', (c) => c.notNull()) // ja | en
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull()) // string[] as JSON
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // When the scheduler last tried (sent or failed): the next run counts from here, so a failure is not retried every minute.
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_sent_at', 'text')
    .addColumn('last_error', 'text')
    .execute()
}

/** Drops what `up` created, children first (a test migrates down to an older schema and up again). */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['report_schedules']) await db.schema.dropTable(t).ifExists().execute()
}
