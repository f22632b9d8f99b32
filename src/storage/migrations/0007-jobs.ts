import type { Kysely } from 'kysely'

/**
 * One table for every long job (scans, ledger imports; later feed sync, capture ingest, reports): its state, progress,
 * who started it and how, and what it produced or why it failed. See docs/decisions/0013-one-job-runner.md.
 *
 * `owner` names the process running the job (host:pid:boot id) and `heartbeat_at` is refreshed while it runs, so a
 * process that starts can tell a job left behind by a dead process (failed, JOB_INTERRUPTED) from one a live CLI or
 * server is still running. `cancel_requested` lets another process ask the owner to stop.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_total', 'integer')
    .addColumn('phase', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('owner', 'text')
    .addColumn('heartbeat_at', 'text')
    .execute()
  await db.schema.createIndex('jobs_created_idx').on('jobs').columns(['created_at', 'id']).execute()
  await db.schema.createIndex('jobs_state_idx').on('jobs').column('state').execute()
  await db.schema.createIndex('jobs_subject_idx').on('jobs').columns(['subject_id', 'created_at']).execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute()
}
