import type { Kysely } from 'kysely'

/**
 * Issue 10, benchmark (ADR 0036): imported anonymous profiles (the coordinator's side) and imported published cohort
 * reports (a hospital's side). The settings (bed band, region, minCohort) live in `settings` under "benchmark".
 * JSON columns are text in both dialects.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('benchmark_profiles')
    .addColumn('profile_id', 'text', (c) => c.primaryKey())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('bed_band', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .execute()
  await db.schema
    .createTable('benchmark_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .execute()
  await db.schema.createIndex('benchmark_reports_imported_idx').on('benchmark_reports').column('imported_at').execute()
}

/** Drops what `up` created, children first (a test migrates down to an older schema and up again). */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['benchmark_reports', 'benchmark_profiles']) await db.schema.dropTable(t).ifExists().execute()
}
