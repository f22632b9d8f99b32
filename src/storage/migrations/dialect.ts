import { type Kysely, PostgresAdapter } from 'kysely'

/** True when the migration runs on PostgreSQL; the only place where migrations differ by dialect. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped database on purpose
export const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter

/** An auto-incrementing integer primary key in either dialect. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export const autoIdType = (db: Kysely<any>) => (isPostgres(db) ? 'bigserial' : 'integer')
