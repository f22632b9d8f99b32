import type { Kysely } from 'kysely'

/**
 * Issue 10, actions (ADR 0034): the action plan. One action per site and kind (what is to be done), the findings it
 * groups, the one-row SLA policy and the state of the last sync. JSON-free; booleans are 0/1 integers, dates ISO text (YYYY-MM-DD for days).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    // The grouping key, e.g. scan:telnet-cleartext, control:secure-zone, vuln:ICSMA-20-049-01.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('detail_ja', 'text', (c) => c.notNull())
    .addColumn('detail_en', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull()) // critical | high | medium | low | info
    // 0 for sorting: the most severe first (critical 0 … info 4).
    .addColumn('severity_rank', 'integer', (c) => c.notNull())
    .addColumn('known_exploited', 'integer', (c) => c.notNull()) // 1 when any finding is KEV-listed
    .addColumn('device_count', 'integer', (c) => c.notNull())
    .addColumn('finding_count', 'integer', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('due_set_by_person', 'integer', (c) => c.notNull()) // 1: the SLA no longer moves it
    .addColumn('status', 'text', (c) => c.notNull()) // open | in_progress | done | accepted
    .addColumn('accept_reason', 'text')
    .addColumn('accept_approver', 'text')
    .addColumn('accept_expires_on', 'text')
    .addColumn('accepted_by', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_evidence', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('actions_site_kind_uq', ['site_id', 'kind'])
    .execute()
  await db.schema.createIndex('actions_status_idx').on('actions').columns(['status', 'due_on']).execute()
  await db.schema
    .createTable('action_findings')
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id').onDelete('cascade'))
    .addColumn('finding_id', 'text', (c) => c.notNull().references('findings.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('action_findings_pk', ['action_id', 'finding_id'])
    .execute()
  // A finding belongs to one action at most.
  await db.schema
    .createIndex('action_findings_finding_uq')
    .unique()
    .on('action_findings')
    .column('finding_id')
    .execute()
  await db.schema
    .createTable('action_sla')
    .addColumn('id', 'integer', (c) => c.primaryKey()) // always 1
    .addColumn('critical', 'integer', (c) => c.notNull())
    .addColumn('high', 'integer', (c) => c.notNull())
    .addColumn('medium', 'integer', (c) => c.notNull())
    .addColumn('low', 'integer', (c) => c.notNull())
    .addColumn('info', 'integer', (c) => c.notNull())
    .addColumn('known_exploited', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute()
  await db.schema
    .createTable('action_sync')
    .addColumn('id', 'integer', (c) => c.primaryKey()) // always 1
    .addColumn('synced_at', 'text', (c) => c.notNull())
    // What the findings looked like at the last sync (counts, last seen, statuses, the day): a read re-syncs when it differs.
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .execute()
}

/** Drops what `up` created, children first (a test migrates down to an older schema and up again). */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['action_sync', 'action_sla', 'action_findings', 'actions'])
    await db.schema.dropTable(t).ifExists().execute()
}
