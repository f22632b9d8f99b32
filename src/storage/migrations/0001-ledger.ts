import type { Kysely } from 'kysely'
import { autoIdType } from './dialect.js'

/** Sites, the device ledger, accounts, sessions, API tokens, audit log and settings. */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('department', 'text')
    .addColumn('location', 'text')
    .addColumn('asset_tag', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('manufacturer', 'text')
    .addColumn('model', 'text')
    .addColumn('serial_number', 'text')
    .addColumn('software_version', 'text')
    .addColumn('os', 'text')
    .addColumn('os_version', 'text')
    .addColumn('ip_addresses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('mac_addresses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('hostname', 'text')
    .addColumn('network_segment', 'text')
    .addColumn('vlan', 'integer')
    .addColumn('connection_types', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('declared_ports', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('usage_environment', 'text', (c) => c.notNull())
    .addColumn('patient_proximity', 'integer')
    .addColumn('life_critical', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('never_scan', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fragile', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('installed_on', 'text')
    .addColumn('service_life_end', 'text')
    .addColumn('support_end', 'text')
    .addColumn('responsible_department', 'text')
    .addColumn('responsible_person', 'text')
    .addColumn('maintenance_contract', 'text')
    .addColumn('vendor_contact', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('notes', 'text')
    .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute()
  for (const col of [
    'asset_tag',
    'serial_number',
    'department',
    'kind',
    'category',
    'status',
    'service_life_end',
    'support_end',
    'updated_at',
    'manufacturer',
    'hostname',
  ]) {
    await db.schema.createIndex(`devices_${col}_idx`).on('devices').column(col).execute()
  }

  await db.schema
    .createTable('device_addresses')
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_addresses_pk', ['device_id', 'kind', 'value'])
    .execute()
  await db.schema.createIndex('device_addresses_value_idx').on('device_addresses').columns(['kind', 'value']).execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', autoIdType(db), (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('ip', 'text')
    .execute()
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute()

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'settings',
    'audit_log',
    'api_tokens',
    'sessions',
    'users',
    'device_addresses',
    'devices',
    'sites',
  ]) {
    await db.schema.dropTable(t).execute()
  }
}
