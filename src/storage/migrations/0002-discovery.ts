import type { Kysely } from 'kysely'

/** Scan scopes, exclusions, scans with their hosts and services, schedules, and the shared findings table. */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scan_scopes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text')
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('scan_exclusions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull().unique())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('scan_schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('port_spec', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .execute()
  await db.schema
    .createTable('scans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('port_spec', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('schedule_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('progress', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('error', 'text')
    .execute()
  await db.schema
    .createTable('scan_hosts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scan_id', 'text', (c) => c.notNull().references('scans.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('mac', 'text')
    .addColumn('hostname', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .addColumn('identification', 'text')
    .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('scan_hosts_scan_idx').on('scan_hosts').columns(['scan_id', 'address']).execute()
  await db.schema
    .createTable('scan_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scan_host_id', 'text', (c) => c.notNull().references('scan_hosts.id').onDelete('cascade'))
    .addColumn('scan_id', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('service', 'text')
    .addColumn('banner', 'text')
    .addColumn('facts', 'text')
    .execute()
  await db.schema.createIndex('scan_services_host_idx').on('scan_services').column('scan_host_id').execute()
  await db.schema
    .createTable('findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .addColumn('address', 'text')
    .addColumn('port', 'integer')
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('detail_ja', 'text', (c) => c.notNull())
    .addColumn('detail_en', 'text', (c) => c.notNull())
    .addColumn('recommendation_ja', 'text', (c) => c.notNull())
    .addColumn('recommendation_en', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('status_expires_at', 'text')
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_scan_id', 'text')
    .addColumn('incomplete', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('findings_source_key_uq', ['source', 'key'])
    .execute()
  await db.schema.createIndex('findings_device_idx').on('findings').column('device_id').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'findings',
    'scan_services',
    'scan_hosts',
    'scans',
    'scan_schedules',
    'scan_exclusions',
    'scan_scopes',
  ]) {
    await db.schema.dropTable(t).execute()
  }
}
