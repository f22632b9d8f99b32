import type { Kysely } from 'kysely'

/**
 * Manufacturer disclosures (MDS2 2019/2013, JAHIS MDS/SDS, typed in by hand) attached to a catalog model, their
 * answers and notes, and the ports each model declares. A disclosure is stored whole or not at all (one
 * transaction); `problems` keeps the reader's warnings so the problem report can be shown again later.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('disclosures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('model_id', 'text', (c) => c.references('device_models.id').onDelete('set null'))
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('file_sha256', 'text')
    // DisclosureHeader as JSON (manufacturer, model, document id, contact, intended use, release date…).
    .addColumn('header', 'text', (c) => c.notNull())
    .addColumn('question_count', 'integer', (c) => c.notNull())
    .addColumn('answered_count', 'integer', (c) => c.notNull())
    // DisclosureProblem[] as JSON (warnings only: an error stops the import).
    .addColumn('problems', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .execute()
  await db.schema.createIndex('disclosures_model_idx').on('disclosures').columns(['model_id', 'imported_at']).execute()
  await db.schema
    .createTable('disclosure_answers')
    .addColumn('disclosure_id', 'text', (c) => c.notNull().references('disclosures.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('written_id', 'text')
    .addColumn('value', 'text')
    .addColumn('comment', 'text')
    // number[] as JSON.
    .addColumn('note_refs', 'text', (c) => c.notNull())
    // CellRef as JSON, or null when typed in by hand.
    .addColumn('cell', 'text')
    .addPrimaryKeyConstraint('disclosure_answers_pk', ['disclosure_id', 'question_id'])
    .execute()
  await db.schema
    .createTable('disclosure_notes')
    .addColumn('disclosure_id', 'text', (c) => c.notNull().references('disclosures.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('disclosure_notes_pk', ['disclosure_id', 'number'])
    .execute()
  await db.schema
    .createTable('model_declared_ports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('model_id', 'text', (c) => c.notNull().references('device_models.id').onDelete('cascade'))
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('service', 'text')
    .addColumn('purpose', 'text')
    // 1 declared encrypted, 0 declared cleartext, null not said.
    .addColumn('tls', 'integer')
    // 'mds2' | 'template' | 'manual', and the disclosure it came from when there is one.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('disclosure_id', 'text', (c) => c.references('disclosures.id').onDelete('cascade'))
    .addUniqueConstraint('model_declared_ports_uq', ['model_id', 'port', 'transport', 'direction'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['model_declared_ports', 'disclosure_notes', 'disclosure_answers', 'disclosures'])
    await db.schema.dropTable(t).execute()
}
