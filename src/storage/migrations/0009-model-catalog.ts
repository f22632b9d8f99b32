import type { Kysely } from 'kysely'

/**
 * The model catalog (ADR 0023): manufacturer aliases (name as ledgers write it → global vendor), catalog models
 * (vendor + model + version range), and one link per ledger device to a model, suggested or confirmed.
 * `*_key` columns hold the normalised form (`normaliseManufacturer` / `normaliseModel` in core/catalog) used for
 * lookups and uniqueness, so 株式会社 / Inc. / width differences never create a second record.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('manufacturer_aliases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('alias_key', 'text', (c) => c.notNull().unique())
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('device_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('vendor_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    // '' when open-ended, so the unique constraint treats "any version" as one value on both databases.
    .addColumn('version_from', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version_to', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('device_models_identity_uq', ['vendor_key', 'name_key', 'version_from', 'version_to'])
    .execute()
  await db.schema
    .createTable('device_model_links')
    .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id').onDelete('cascade'))
    .addColumn('model_id', 'text', (c) => c.notNull().references('device_models.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('confidence', 'real', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute()
  await db.schema.createIndex('device_model_links_model_idx').on('device_model_links').column('model_id').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['device_model_links', 'device_models', 'manufacturer_aliases'])
    await db.schema.dropTable(t).execute()
}
