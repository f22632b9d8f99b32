import type { Kysely } from 'kysely'

/**
 * Issue 11, procurement (ADR 0039): the hospital's one requirement set (row id 1; absent = the built-in template; items
 * as JSON text) and the vendors' bids with their answers (JSON text). A bid's model id is a soft link to the catalog:
 * a model removed later leaves the bid as it was written.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('procurement_requirement_set')
    .addColumn('id', 'integer', (c) => c.primaryKey()) // always 1
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute()
  await db.schema
    .createTable('procurement_bids')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tender', 'text', (c) => c.notNull())
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('manufacturer', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('model_id', 'text')
    .addColumn('received_on', 'text')
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('procurement_bids_tender_idx')
    .on('procurement_bids')
    .columns(['tender', 'created_at'])
    .execute()
}

/** Drops what `up` created, children first. */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['procurement_bids', 'procurement_requirement_set']) await db.schema.dropTable(t).ifExists().execute()
}
