import type { Kysely } from 'kysely'

/**
 * Issue 11, continuity plans (ADR 0043): the playbook's tasks by MHLW phase, the contact chain (contacts and who
 * notifies whom), tabletop exercise records, and one state row saying whether the default playbook and the contact
 * template were written. Lists are JSON text; dates YYYY-MM-DD, timestamps ISO text.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bcp_plan_state')
    .addColumn('id', 'integer', (c) => c.primaryKey()) // always 1
    .addColumn('playbook_seeded_at', 'text')
    .addColumn('contacts_seeded_at', 'text')
    .execute()
  await db.schema
    .createTable('bcp_playbook_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phase', 'text', (c) => c.notNull()) // peacetime | detection | initial_response | recovery | post_incident
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('detail_ja', 'text', (c) => c.notNull())
    .addColumn('detail_en', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('service_ids', 'text', (c) => c.notNull()) // JSON array
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('bcp_playbook_tasks_phase_idx')
    .on('bcp_playbook_tasks')
    .columns(['phase', 'sort_order'])
    .execute()
  await db.schema
    .createTable('bcp_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // internal | vendor | authority | police | other
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('availability', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('bcp_contact_edges')
    .addColumn('from_id', 'text', (c) => c.notNull().references('bcp_contacts.id').onDelete('cascade'))
    .addColumn('to_id', 'text', (c) => c.notNull().references('bcp_contacts.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('bcp_contact_edges_pk', ['from_id', 'to_id'])
    .execute()
  await db.schema.createIndex('bcp_contact_edges_to_idx').on('bcp_contact_edges').column('to_id').execute()
  await db.schema
    .createTable('bcp_exercises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // tabletop | functional | full_scale
    .addColumn('participants', 'text', (c) => c.notNull())
    .addColumn('service_ids', 'text', (c) => c.notNull()) // JSON array
    .addColumn('lessons', 'text', (c) => c.notNull())
    .addColumn('follow_ups', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
}

/** Drops what `up` created, children first. */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['bcp_exercises', 'bcp_contact_edges', 'bcp_contacts', 'bcp_playbook_tasks', 'bcp_plan_state'])
    await db.schema.dropTable(t).ifExists().execute()
}
