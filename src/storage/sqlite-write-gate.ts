import type SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  SqliteDialect,
  type TransactionSettings,
} from 'kysely'

/**
 * SQLite allows one writer at a time. The ledger import commits on its own connection in a worker thread
 * (import-worker.ts), holding the write lock for seconds; a write on the server's connection meanwhile would make
 * better-sqlite3 wait synchronously (busy_timeout), freezing every request. This module keeps such writes off the
 * event loop:
 * - {@link WriteGate}: closed while an import of this process holds (or is about to take) the write lock; writes on
 *   the main connection wait for it asynchronously and run once the import has committed or rolled back.
 * - {@link GatedSqliteDialect}: Kysely's SQLite dialect with a driver that (1) begins transactions with
 *   `BEGIN IMMEDIATE`, so a transaction takes the write lock at its start or not at all, (2) waits at the gate before
 *   that and before every write outside a transaction, and (3) answers SQLITE_BUSY from other processes (a CLI
 *   command, a restore) by retrying after a pause, letting other queries use the connection meanwhile, instead of
 *   blocking in SQLite's busy handler. Inside a transaction nothing waits: it already holds the lock.
 */

/** Closed while an import commit of this process holds the SQLite write lock (or waits to take it). */
export class WriteGate {
  private holders = 0
  private opened: Promise<void> | null = null
  private open: (() => void) | null = null

  /** Whether writes on the main connection must wait now. */
  get closed(): boolean {
    return this.holders > 0
  }

  /** Resolves when the gate is open (at once if it is). */
  wait(): Promise<void> {
    return this.opened ?? Promise.resolve()
  }

  /** Keeps the gate closed while `fn` runs (nested or concurrent holders keep it closed until the last ends). */
  async hold<T>(fn: () => Promise<T>): Promise<T> {
    if (this.holders++ === 0) this.opened = new Promise((resolve) => (this.open = resolve))
    try {
      return await fn()
    } finally {
      if (--this.holders === 0) {
        const open = this.open
        this.opened = null
        this.open = null
        open?.()
      }
    }
  }
}

export interface GatedSqliteConfig {
  sqlite: SQLite.Database
  /** Prepares (or returns a cached) statement. */
  prepare(sql: string): SQLite.Statement
  gate: WriteGate
  /** How long SQLITE_BUSY from another process is retried before the error is thrown (as busy_timeout did). */
  busyRetryMs: number
  /** Runs before the connection closes (stops the import worker). */
  beforeClose?: () => Promise<void>
}

/** Kysely's SQLite dialect over {@link GatedSqliteDriver}. */
export class GatedSqliteDialect extends SqliteDialect {
  constructor(private readonly gated: GatedSqliteConfig) {
    super({ database: { close: () => gated.sqlite.close(), prepare: (s) => gated.prepare(s) } })
  }

  override createDriver(): Driver {
    return new GatedSqliteDriver(this.gated)
  }
}

const isBusy = (err: unknown) =>
  typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('SQLITE_BUSY')

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Kysely's one-connection mutex (the same as its SqliteDriver's). */
class ConnectionMutex {
  private promise: Promise<void> | undefined
  private resolve: (() => void) | undefined
  async lock(): Promise<void> {
    while (this.promise) await this.promise
    this.promise = new Promise((resolve) => (this.resolve = resolve))
  }
  unlock(): void {
    const resolve = this.resolve
    this.promise = undefined
    this.resolve = undefined
    resolve?.()
  }
}

/**
 * Kysely's SqliteDriver (kysely/dist/esm/dialect/sqlite/sqlite-driver.js) plus the write gate and asynchronous
 * busy retries. SQLite has one connection here, shared under a mutex; while a write waits (outside any transaction,
 * so nothing is held), the mutex is released so that reads keep being answered.
 */
export class GatedSqliteDriver implements Driver {
  private readonly mutex = new ConnectionMutex()
  private readonly connection: GatedConnection

  constructor(private readonly config: GatedSqliteConfig) {
    this.connection = new GatedConnection(this, config)
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock()
    return this.connection
  }

  /**
   * A transaction that says it only reads (`setAccessMode('read only')`, e.g. the backup's snapshot) begins DEFERRED:
   * it takes no write lock and needs no gate (in WAL, reads never wait). Every other one begins IMMEDIATE.
   */
  async beginTransaction(_connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (settings.accessMode === 'read only') {
      this.config.prepare('begin').run()
      return
    }
    const begin = this.config.prepare('begin immediate')
    await this.writeTurn(() => begin.run())
  }

  // Not through the gate: they end what holds the lock (and a rollback after SQLite ended the transaction itself
  // must fail at once, as before).
  async commitTransaction(): Promise<void> {
    this.config.prepare('commit').run()
  }

  async rollbackTransaction(): Promise<void> {
    this.config.prepare('rollback').run()
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name.replaceAll('"', '""')}"`))
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to "${name.replaceAll('"', '""')}"`))
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release "${name.replaceAll('"', '""')}"`))
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock()
  }

  async destroy(): Promise<void> {
    await this.config.beforeClose?.()
    this.config.sqlite.close()
  }

  /** Gives the connection to others while `wait` runs, then takes it back (called only outside a transaction). */
  private async yieldWhile(wait: Promise<void>): Promise<void> {
    this.mutex.unlock()
    try {
      await wait
    } finally {
      await this.mutex.lock()
    }
  }

  /**
   * Runs `run` (a statement outside a transaction, or BEGIN IMMEDIATE) once this process's import has released the
   * write lock; on SQLITE_BUSY (another process writes) retries after a growing pause until `busyRetryMs` passed.
   */
  async writeTurn<T>(run: () => T, write = true): Promise<T> {
    let deadline = Date.now() + this.config.busyRetryMs
    let delay = 2
    for (;;) {
      if (write && this.config.gate.closed) {
        await this.yieldWhile(this.config.gate.wait())
        deadline = Date.now() + this.config.busyRetryMs
        continue
      }
      try {
        return run()
      } catch (err) {
        if (!isBusy(err) || Date.now() >= deadline) throw err
      }
      await this.yieldWhile(pause(delay))
      delay = Math.min(delay * 2, 100)
    }
  }
}

class GatedConnection implements DatabaseConnection {
  constructor(
    private readonly driver: GatedSqliteDriver,
    private readonly config: GatedSqliteConfig,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery
    const stmt = this.config.prepare(sql)
    const inTransaction = this.config.sqlite.inTransaction
    if (stmt.reader) {
      const all = () => stmt.all(parameters) as R[]
      // RETURNING makes a write a reader too: `readonly` tells them apart.
      const rows = inTransaction ? all() : await this.driver.writeTurn(all, !stmt.readonly)
      return { rows }
    }
    const run = () => stmt.run(parameters)
    const { changes, lastInsertRowid } = inTransaction ? run() : await this.driver.writeTurn(run, !stmt.readonly)
    return {
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    }
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { sql, parameters, query } = compiledQuery
    if (!SelectQueryNode.is(query)) throw new Error('Sqlite driver only supports streaming of select queries')
    const stmt = this.config.prepare(sql)
    for (const row of stmt.iterate(parameters)) yield { rows: [row as R] }
  }
}
