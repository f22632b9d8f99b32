import type { Database as SqliteHandle, Statement } from 'better-sqlite3'
import { CompiledQuery, PostgresAdapter, type Transaction } from 'kysely'
import { type Db, sqliteHandleOf } from './database.js'
import type { Database } from './schema.js'

/** The database or the open transaction a statement runs on. */
export type Exec = Db | Transaction<Database>

/** Values per `IN (…)` list: far under SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
export const IN_CHUNK = 5_000
/** Rows per PostgreSQL `unnest` statement (one array parameter per column, so no parameter limit applies). */
const PG_ROWS = 5_000

/** Splits `items` into slices of at most `size`. */
export function slices<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export const isPostgres = (db: Exec) => db.getExecutor().adapter instanceof PostgresAdapter

const snakeCase = (c: string) => c.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)

/**
 * A bulk INSERT (optionally an upsert through `suffix`) of the vulnerability tables, which take hundreds of thousands
 * of rows per feed: the query builder would cost more than the database's own work.
 *
 * SQLite: one prepared single-row statement run per row on the better-sqlite3 handle; it joins the Kysely transaction
 * that is open (one connection, BEGIN IMMEDIATE already took the write lock). PostgreSQL: `INSERT … SELECT * FROM
 * unnest($1::text[], …)`, 5,000 rows per statement. `types` are the PostgreSQL element types, in column order.
 */
export class VulnBulkInsert<Row> {
  private readonly columnList: string
  private readonly suffix: string
  private pgText: string | undefined
  private readonly sqliteText: string
  private readonly prepared = new WeakMap<SqliteHandle, Statement>()
  constructor(
    private readonly table: string,
    private readonly columns: readonly { name: string; pg: 'text' | 'float8' | 'int4' }[],
    private readonly values: (row: Row) => unknown[],
    /** Upsert on this key column: every other column takes the new value, except those in `keep`. */
    conflictKey?: string,
    keep: readonly string[] = [],
  ) {
    this.columnList = columns.map((c) => `"${snakeCase(c.name)}"`).join(',')
    this.suffix = conflictKey
      ? ` on conflict ("${snakeCase(conflictKey)}") do update set ${columns
          .filter((c) => c.name !== conflictKey && !keep.includes(c.name))
          .map((c) => `"${snakeCase(c.name)}" = excluded."${snakeCase(c.name)}"`)
          .join(', ')}`
      : ''
    this.sqliteText = `insert into ${table} (${this.columnList}) values (${columns.map(() => '?').join(',')})${this.suffix}`
  }

  async run(trx: Exec, db: Db, rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return
    if (isPostgres(trx)) {
      this.pgText ??= `insert into ${this.table} (${this.columnList}) select * from unnest(${this.columns
        .map((c, i) => `$${i + 1}::${c.pg}[]`)
        .join(',')})${this.suffix}`
      for (const part of slices(rows, PG_ROWS)) {
        const arrays: unknown[][] = this.columns.map(() => new Array(part.length))
        part.forEach((row, r) => {
          const v = this.values(row)
          for (let c = 0; c < arrays.length; c++) arrays[c]![r] = v[c]
        })
        await trx.executeQuery(CompiledQuery.raw(this.pgText, arrays))
      }
      return
    }
    const handle = sqliteHandleOf(db)
    if (!handle) {
      // A Kysely instance not opened by openStorage: the same statement through Kysely, row by row.
      for (const row of rows) await trx.executeQuery(CompiledQuery.raw(this.sqliteText, this.values(row)))
      return
    }
    // One prepared single-row statement: measured no slower than 100-row statements (the B-tree work dominates).
    const stmt = this.statement(handle)
    for (const row of rows) stmt.run(this.values(row))
  }

  /** The single-row SQLite statement, prepared once per connection. */
  private statement(handle: SqliteHandle): Statement {
    let stmt = this.prepared.get(handle)
    if (!stmt) {
      stmt = handle.prepare(this.sqliteText)
      this.prepared.set(handle, stmt)
    }
    return stmt
  }
}
