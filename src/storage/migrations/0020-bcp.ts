import type { Kysely } from 'kysely'

/**
 * Issue 11, continuity (ADR 0042): clinical services, outside parties, device plans and the dependencies of services
 * and devices, indexed by source (what a node needs) and by target (who needs a node: the impact walk). Lists are
 * JSON text; timestamps ISO text. A state row counts changes so a cached graph knows when it is stale.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bcp_state')
    .addColumn('id', 'integer', (c) => c.primaryKey()) // always 1
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.insertInto('bcp_state').values({ id: 1, version: 0 }).execute()
  await db.schema
    .createTable('bcp_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('department', 'text')
    .addColumn('criticality', 'text', (c) => c.notNull()) // life_critical | high | medium | low
    .addColumn('owner', 'text')
    .addColumn('decider', 'text')
    .addColumn('max_downtime_minutes', 'integer')
    .addColumn('fallback_ja', 'text', (c) => c.notNull())
    .addColumn('fallback_en', 'text', (c) => c.notNull())
    .addColumn('seed_key', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute()
  await db.schema.createIndex('bcp_services_seed_key_idx').on('bcp_services').column('seed_key').execute()
  await db.schema
    .createTable('bcp_parties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // vendor | cloud | carrier | utility | authority | other
    .addColumn('contact24h', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('bcp_device_plans')
    // No foreign key: a plan outlives a device that is deleted from the ledger (it is then ignored).
    .addColumn('device_id', 'text', (c) => c.primaryKey())
    .addColumn('isolation_ja', 'text', (c) => c.notNull())
    .addColumn('isolation_en', 'text', (c) => c.notNull())
    .addColumn('recovery_steps_ja', 'text', (c) => c.notNull()) // JSON array
    .addColumn('recovery_steps_en', 'text', (c) => c.notNull())
    .addColumn('validation_ja', 'text', (c) => c.notNull())
    .addColumn('validation_en', 'text', (c) => c.notNull())
    .addColumn('manufacturer_contact24h', 'text', (c) => c.notNull())
    .addColumn('backup_note', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute()
  await db.schema
    .createTable('bcp_dependencies')
    .addColumn('source_kind', 'text', (c) => c.notNull()) // service | device
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull()) // service | device | segment | party
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('strength', 'text', (c) => c.notNull()) // hard | soft
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('bcp_dependencies_pk', ['source_kind', 'source_id', 'target_kind', 'target_id'])
    .execute()
  await db.schema
    .createIndex('bcp_dependencies_target_idx')
    .on('bcp_dependencies')
    .columns(['target_kind', 'target_id'])
    .execute()
}

/** Drops what `up` created, children first. */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['bcp_dependencies', 'bcp_device_plans', 'bcp_parties', 'bcp_services', 'bcp_state'])
    await db.schema.dropTable(t).ifExists().execute()
}
