import { type Kysely, sql } from 'kysely'
import { isPostgres } from './dialect.js'

/**
 * Issue 10, risk (ADR 0033): versioned weight profiles (one active), the stored score of every device with its
 * profile-independent readings (fraction per factor, the texts of what they observed, segment and last seen — the
 * contributions, explanations and headline are built when read, and a new profile re-scores from them), and one
 * snapshot per day for the trend (the last re-score of the day wins).
 * JSON columns are text in both dialects; booleans are 0/1 integers; dates are ISO text.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('risk_profiles')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('weights', 'text', (c) => c.notNull()) // Record<factor, points> as JSON
    .addColumn('bands', 'text', (c) => c.notNull()) // {critical, high, medium} as JSON
    .addColumn('isolated_segments', 'text', (c) => c.notNull()) // string[] as JSON
    .addColumn('stale_after_days', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull()) // 1 for exactly one version
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute()
  await db.schema
    .createTable('device_risk')
    .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('band', 'text', (c) => c.notNull()) // critical | high | medium | low
    .addColumn('clinical_function', 'text', (c) => c.notNull())
    .addColumn('profile_version', 'integer', (c) => c.notNull())
    .addColumn('contributions', 'text', (c) => c.notNull().defaultTo('[]')) // unused: texts are in device_risk_texts
    .addColumn('headline_ja', 'text', (c) => c.notNull().defaultTo('')) // built when read since the readings
    .addColumn('headline_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scored_at', 'text', (c) => c.notNull())
    // Profile-independent readings (ADR 0033): a profile change re-scores from these without the facts.
    .addColumn('fractions', 'text', (c) => c.notNull().defaultTo('[]')) // number[] by factor index as JSON
    .addColumn('network_segment', 'text')
    .addColumn('last_seen_at', 'text')
    .addColumn('flags', 'integer', (c) => c.notNull().defaultTo(0)) // 1 networked, 2 has addresses
    .addColumn('readings_day', 'text', (c) => c.notNull().defaultTo('')) // yyyy-mm-dd
    .execute()
  // The words of the readings apart, so re-scoring reads and rewrites only short rows.
  await db.schema
    .createTable('device_risk_texts')
    .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id').onDelete('cascade'))
    .addColumn('texts', 'text', (c) => c.notNull()) // ReadingText[] as JSON
    .execute()
  // PostgreSQL: room in each page, so a re-score that only sets the profile version and time on every row updates in
  // place (HOT) without touching the indexes.
  if (isPostgres(db)) await sql`alter table device_risk set (fillfactor = 70)`.execute(db)
  await db.schema.createIndex('device_risk_score_idx').on('device_risk').columns(['score', 'device_id']).execute()
  await db.schema.createIndex('device_risk_band_idx').on('device_risk').column('band').execute()
  await db.schema
    .createTable('risk_snapshots')
    .addColumn('date', 'text', (c) => c.notNull()) // yyyy-mm-dd (UTC)
    .addColumn('site_id', 'text', (c) => c.notNull()) // '*' = every site together
    .addColumn('devices', 'integer', (c) => c.notNull())
    .addColumn('mean_score', 'real', (c) => c.notNull())
    .addColumn('critical', 'integer', (c) => c.notNull())
    .addColumn('high', 'integer', (c) => c.notNull())
    .addColumn('medium', 'integer', (c) => c.notNull())
    .addColumn('low', 'integer', (c) => c.notNull())
    .addColumn('profile_version', 'integer', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('risk_snapshots_pk', ['date', 'site_id'])
    .execute()
}

/** Drops what `up` created, children first (a test migrates down to an older schema and up again). */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['risk_snapshots', 'device_risk_texts', 'device_risk', 'risk_profiles'])
    await db.schema.dropTable(t).ifExists().execute()
}
