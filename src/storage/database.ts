import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { CamelCasePlugin, Kysely, type Migration, Migrator, PostgresDialect } from 'kysely'
import pg from 'pg'
import * as m0001 from './migrations/0001-ledger.js'
import * as m0002 from './migrations/0002-discovery.js'
import * as m0003 from './migrations/0003-ledger-version.js'
import * as m0004 from './migrations/0004-sort-indexes.js'
import * as m0005 from './migrations/0005-device-name.js'
import * as m0006 from './migrations/0006-username-case.js'
import * as m0007 from './migrations/0007-jobs.js'
import * as m0008 from './migrations/0008-search-index.js'
import * as m0009 from './migrations/0009-model-catalog.js'
import * as m0010 from './migrations/0010-disclosures.js'
import * as m0011 from './migrations/0011-vulnerabilities.js'
import * as m0012 from './migrations/0012-risk.js'
import * as m0013 from './migrations/0013-actions.js'
import * as m0014 from './migrations/0014-checklist.js'
import * as m0015 from './migrations/0015-benchmark.js'
import * as m0016 from './migrations/0016-reports.js'
import * as m0017 from './migrations/0017-procurement.js'
import * as m0018 from './migrations/0018-acceptance.js'
import * as m0019 from './migrations/0019-operations.js'
import * as m0020 from './migrations/0020-bcp.js'
import * as m0021 from './migrations/0021-bcp-plans.js'
import * as m0022 from './migrations/0022-capture.js'
import { createPrivateFile, ensurePrivateDir, tightenFiles } from './private-files.js'
import type { Database } from './schema.js'
import { GatedSqliteDialect, WriteGate } from './sqlite-write-gate.js'

export type Db = Kysely<Database>
export type Dialect = 'sqlite' | 'postgres'

/** Every migration, in order. Static imports keep the build self-contained (no directory scanning at run time). */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-ledger': m0001,
  '0002-discovery': m0002,
  '0003-ledger-version': m0003,
  '0004-sort-indexes': m0004,
  '0005-device-name': m0005,
  '0006-username-case': m0006,
  '0007-jobs': m0007,
  '0008-search-index': m0008,
  '0009-model-catalog': m0009,
  '0010-disclosures': m0010,
  '0011-vulnerabilities': m0011,
  '0012-risk': m0012,
  '0013-actions': m0013,
  '0014-checklist': m0014,
  '0015-benchmark': m0015,
  '0016-reports': m0016,
  '0017-procurement': m0017,
  '0018-acceptance': m0018,
  '0019-operations': m0019,
  '0020-bcp': m0020,
  '0021-bcp-plans': m0021,
  '0022-capture': m0022,
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded SQLite file in `dataDir` is used. */
  databaseUrl?: string
  dataDir: string
  /** Use an in-memory SQLite database (tests). */
  memory?: boolean
}

export interface Storage {
  db: Db
  dialect: Dialect
  /** For SQLite, the database file; null for PostgreSQL or in-memory. */
  file: string | null
  close(): Promise<void>
}

/** Opens the database chosen by the configuration. Does not migrate; call {@link migrate}. */
export function openStorage(opts: OpenOptions): Storage {
  if (opts.databaseUrl) {
    // Keep BIGINT (audit ids, counts) as JS numbers: counts never exceed 2^53 here.
    pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10))
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 })
    // An idle connection dropped by the server (restart, admin) must not crash the process; the pool replaces it.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`))
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] })
    return { db, dialect: 'postgres', file: null, close: () => db.destroy() }
  }
  let file: string | null = null
  let sqlite: SQLite.Database
  if (opts.memory) {
    sqlite = new SQLite(':memory:')
  } else {
    // Owner-only: the directory 700, the database and its -wal/-shm 600, also when an older start left them open
    // to others. SQLite gives the -wal and -shm files the database file's mode, so the file is created 600 first.
    ensurePrivateDir(opts.dataDir)
    file = join(opts.dataDir, 'mamori.sqlite')
    createPrivateFile(file)
    tightenFiles(file, `${file}-wal`, `${file}-shm`, `${file}-journal`)
    sqlite = new SQLite(file)
    sqlite.pragma('journal_mode = WAL')
    tightenFiles(`${file}-wal`, `${file}-shm`)
  }
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('synchronous = NORMAL')
  // A file database waits for other writers asynchronously (sqlite-write-gate.ts), not in SQLite's busy handler,
  // which would block the event loop: only a few milliseconds here, retried for up to BUSY_RETRY_MS.
  sqlite.pragma(`busy_timeout = ${file ? 10 : BUSY_RETRY_MS}`)
  const gate = new WriteGate()
  const closers = new Set<() => Promise<void>>()
  const cache = withStatementCache(sqlite)
  const db = new Kysely<Database>({
    dialect: new GatedSqliteDialect({
      sqlite,
      prepare: cache.prepare,
      gate,
      busyRetryMs: BUSY_RETRY_MS,
      beforeClose: async () => {
        await Promise.all([...closers].map((c) => c()))
      },
    }),
    plugins: [new CamelCasePlugin()],
  })
  SQLITE_HANDLES.set(db, sqlite)
  if (file) SQLITE_FILES.set(db, { path: file, gate, onClose: (fn) => closers.add(fn) })
  return { db, dialect: 'sqlite', file, close: () => db.destroy() }
}

/** How long a write waits for another process's write lock before SQLITE_BUSY is thrown (busy_timeout before). */
export const BUSY_RETRY_MS = 5000

/** What a second connection to the same SQLite file (the import worker) needs to know. */
export interface SqliteFile {
  path: string
  /** Closed while that connection holds the write lock: the main connection's writes wait for it. */
  gate: WriteGate
  /** Registers work to finish before the main connection closes (stopping a worker). */
  onClose(fn: () => Promise<void>): void
}

const SQLITE_FILES = new WeakMap<Db, SqliteFile>()

/** The SQLite file behind a Kysely instance from {@link openStorage}; undefined for PostgreSQL and in-memory. */
export function sqliteFileOf(db: Db): SqliteFile | undefined {
  return SQLITE_FILES.get(db)
}

const SQLITE_HANDLES = new WeakMap<Db, SQLite.Database>()

/**
 * Kysely's SQLite driver calls `prepare` on every execution; preparing costs more than running a small query.
 * This keeps the most recent statements per SQL text (statements are reusable; Kysely runs them synchronously).
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>()
  return {
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText)
      if (!stmt) {
        stmt = sqlite.prepare(sqlText)
        cache.set(sqlText, stmt)
        if (cache.size > max) cache.delete(cache.keys().next().value!)
      }
      return stmt
    },
  }
}

/**
 * The better-sqlite3 handle behind a Kysely instance from {@link openStorage} (SQLite only). Bulk paths (the ledger
 * import) reuse its prepared statements, which Kysely's driver re-prepares on every call. Statements run on it join
 * whatever transaction Kysely has open, since SQLite has this one connection.
 */
export function sqliteHandleOf(db: Db): SQLite.Database | undefined {
  return SQLITE_HANDLES.get(db)
}

/** Brings the schema to the latest version. Throws with the failing migration's name. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
