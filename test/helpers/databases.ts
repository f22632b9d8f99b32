import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { migrate, openStorage, type Storage } from '../../src/storage/database.js'

/**
 * The databases every storage test runs against (Kysely's DIALECTS idea): SQLite always, PostgreSQL when
 * MAMORI_TEST_DATABASE_URL is set (CI starts one with scripts/start-test-postgres.sh). In CI=true a missing
 * PostgreSQL is an error, not a silent skip.
 */
export interface TestDialect {
  name: 'sqlite' | 'postgres'
  /** A fresh, migrated, empty database; close() drops it. */
  open(): Promise<Storage>
}

const PG_URL = process.env.MAMORI_TEST_DATABASE_URL
if (process.env.CI === 'true' && !PG_URL) {
  throw new Error('CI=true but MAMORI_TEST_DATABASE_URL is not set: the PostgreSQL storage tests cannot run.')
}

const sqlite: TestDialect = {
  name: 'sqlite',
  async open() {
    const s = openStorage({ dataDir: '', memory: true })
    await migrate(s.db)
    return s
  },
}

const postgres: TestDialect = {
  name: 'postgres',
  async open() {
    const url = new URL(PG_URL!)
    const dbName = `mamori_t_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    await admin.query(`create database ${dbName}`)
    await admin.end()
    url.pathname = `/${dbName}`
    const s = openStorage({ dataDir: '', databaseUrl: url.toString() })
    await migrate(s.db)
    return {
      ...s,
      async close() {
        await s.close()
        const c = new pg.Client({ connectionString: PG_URL })
        await c.connect()
        await c.query(`drop database if exists ${dbName} with (force)`)
        await c.end()
      },
    }
  },
}

export const DIALECTS: TestDialect[] = PG_URL ? [sqlite, postgres] : [sqlite]
