import type { Kysely } from 'kysely'

const SORTED = [
  'asset_tag',
  'department',
  'kind',
  'category',
  'status',
  'service_life_end',
  'support_end',
  'updated_at',
  'manufacturer',
  'hostname',
]

/**
 * Indexes as (column, id) so that the ledger list's `order by column, id limit n` reads in index order instead of
 * sorting every matching row; plus the filters the dashboard cards open (ward by asset tag, life-critical).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  for (const col of SORTED) {
    await db.schema.dropIndex(`devices_${col}_idx`).ifExists().execute()
    await db.schema.createIndex(`devices_${col}_id_idx`).on('devices').columns([col, 'id']).execute()
  }
  await db.schema
    .createIndex('devices_department_asset_tag_idx')
    .on('devices')
    .columns(['department', 'asset_tag', 'id'])
    .execute()
  await db.schema
    .createIndex('devices_life_critical_idx')
    .on('devices')
    .columns(['life_critical', 'service_life_end', 'id'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('devices_life_critical_idx').execute()
  await db.schema.dropIndex('devices_department_asset_tag_idx').execute()
  for (const col of SORTED) {
    await db.schema.dropIndex(`devices_${col}_id_idx`).execute()
    await db.schema.createIndex(`devices_${col}_idx`).on('devices').column(col).execute()
  }
}
