import type { Kysely } from 'kysely'

/**
 * Issue 12, passive discovery (ADR 0044): capture imports, the hosts heard in each, and the communications map
 * (traffic edges summed over every capture, linked to ledger devices by address).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('capture_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('format', 'text')
    .addColumn('gzip', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('file_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_read', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('packets', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('link_types', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('first_seen', 'text')
    .addColumn('last_seen', 'text')
    .addColumn('hosts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('conversations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('findings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('problem_counts', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('scan_id', 'text')
    .addColumn('job_id', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute()
  await db.schema.createIndex('capture_imports_created_idx').on('capture_imports').column('created_at').execute()
  await db.schema
    .createTable('capture_hosts')
    .addColumn('capture_id', 'text', (c) => c.notNull().references('capture_imports.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('mac', 'text')
    .addColumn('vendor', 'text')
    .addColumn('names', 'text', (c) => c.notNull())
    .addColumn('protocols', 'text', (c) => c.notNull())
    .addColumn('services', 'text', (c) => c.notNull())
    .addColumn('identification', 'text')
    .addColumn('device_id', 'text')
    .addColumn('external', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('bytes_sent', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_received', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('capture_hosts_pk', ['capture_id', 'address'])
    .execute()
  await db.schema.createIndex('capture_hosts_device_idx').on('capture_hosts').column('device_id').execute()
  await db.schema
    .createTable('traffic_edges')
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('server', 'text', (c) => c.notNull())
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('server_port', 'integer', (c) => c.notNull())
    .addColumn('protocol', 'text')
    .addColumn('packets', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('client_device_id', 'text')
    .addColumn('server_device_id', 'text')
    // 1 when one end is an internet address (not private, loopback, link-local or multicast).
    .addColumn('external', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('traffic_edges_pk', ['client', 'server', 'transport', 'server_port'])
    .execute()
  await db.schema
    .createIndex('traffic_edges_client_device_idx')
    .on('traffic_edges')
    .column('client_device_id')
    .execute()
  await db.schema
    .createIndex('traffic_edges_server_device_idx')
    .on('traffic_edges')
    .column('server_device_id')
    .execute()
  await db.schema.createIndex('traffic_edges_server_idx').on('traffic_edges').column('server').execute()
}

/** Drops what `up` created, children first. */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['traffic_edges', 'capture_hosts', 'capture_imports'])
    await db.schema.dropTable(t).ifExists().execute()
}
