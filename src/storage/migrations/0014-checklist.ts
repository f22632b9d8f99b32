import type { Kysely } from 'kysely'

/**
 * Issue 10, checklist (ADR 0035): editions loaded from MHLW's .xlsx (items as JSON text; the built-in editions are
 * code), vendors the 事業者確認用 goes to, answers per (edition, vendor, item) — vendor_id '' is the hospital's own
 * form — and attached files (bytes as base64 text so both dialects and the backup keep them the same way).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('checklist_editions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('form', 'text', (c) => c.notNull()) // hospital | vendor
    .addColumn('fiscal_year_ja', 'text', (c) => c.notNull())
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull()) // file name and SHA-256
    .addColumn('items', 'text', (c) => c.notNull()) // ChecklistItem[] as JSON
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addColumn('loaded_by', 'text')
    .execute()
  await db.schema
    .createTable('checklist_vendors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute()
  await db.schema
    .createTable('checklist_answers')
    .addColumn('edition_id', 'text', (c) => c.notNull())
    .addColumn('vendor_id', 'text', (c) => c.notNull()) // '' = the hospital's own form
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull()) // yes | no
    .addColumn('checked_on', 'text', (c) => c.notNull())
    .addColumn('target_on', 'text')
    .addColumn('responsible', 'text')
    .addColumn('note', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('checklist_answers_pk', ['edition_id', 'vendor_id', 'item_id'])
    .execute()
  await db.schema
    .createTable('checklist_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('edition_id', 'text', (c) => c.notNull())
    .addColumn('vendor_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull()) // base64
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('checklist_attachments_item_idx')
    .on('checklist_attachments')
    .columns(['edition_id', 'vendor_id', 'item_id'])
    .execute()
}

/** Drops what `up` created, children first (a test migrates down to an older schema and up again). */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['checklist_attachments', 'checklist_answers', 'checklist_vendors', 'checklist_editions'])
    await db.schema.dropTable(t).ifExists().execute()
}
