import { type Kysely, sql } from 'kysely'
import { isPostgres } from './dialect.js'

/**
 * A counter that every change to the ledger bumps, kept by database triggers so that no write path (API, import,
 * CLI in another process, restore) can forget it. Readers use it to know whether a cached answer is still true.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute()
  await sql`insert into ledger_version (id, version) values (1, 1)`.execute(db)
  if (isPostgres(db)) {
    await sql`create function mamori_bump_ledger_version() returns trigger language plpgsql as $$
      begin update ledger_version set version = version + 1 where id = 1; return null; end $$`.execute(db)
    // Statement-level: a 100,000-row import bumps it once.
    await sql`create trigger devices_bump_version after insert or update or delete or truncate on devices
      for each statement execute function mamori_bump_ledger_version()`.execute(db)
  } else {
    for (const op of ['insert', 'update', 'delete']) {
      await sql
        .raw(
          `create trigger devices_bump_version_${op} after ${op} on devices begin update ledger_version set version = version + 1 where id = 1; end`,
        )
        .execute(db)
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger devices_bump_version on devices`.execute(db)
    await sql`drop function mamori_bump_ledger_version()`.execute(db)
  } else {
    for (const op of ['insert', 'update', 'delete'])
      await sql.raw(`drop trigger devices_bump_version_${op}`).execute(db)
  }
  await db.schema.dropTable('ledger_version').execute()
}
