import { CompiledQuery, PostgresAdapter, type Transaction } from 'kysely'
import type { Db } from './database.js'
import type { Database, DeviceAddressTable, DeviceTable } from './schema.js'

/**
 * The bulk SQL of the ledger import (./device-import-store.ts): chunk sizes under the parameter limits of both
 * databases, and prepared multi-row INSERTs / upserts for devices, their addresses and audit entries.
 */

/**
 * SQLite's default limit is 32,766 bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32) and
 * PostgreSQL's is 65,535; stay well under the smaller one.
 */
const MAX_PARAMS = 30_000
/** Values per `IN (…)` lookup. */
export const LOOKUP_CHUNK = 5_000

/** Splits `items` into slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** The database or the open transaction a statement runs on. */
export type Executor = Db | Transaction<Database>

const UPDATABLE: readonly (keyof DeviceTable)[] = [
  'siteId',
  'department',
  'location',
  'assetTag',
  'kind',
  'category',
  'name',
  'manufacturer',
  'model',
  'serialNumber',
  'softwareVersion',
  'os',
  'osVersion',
  'ipAddresses',
  'macAddresses',
  'hostname',
  'networkSegment',
  'vlan',
  'connectionTypes',
  'declaredPorts',
  'usageEnvironment',
  'patientProximity',
  'lifeCritical',
  'neverScan',
  'fragile',
  'installedOn',
  'serviceLifeEnd',
  'supportEnd',
  'responsibleDepartment',
  'responsiblePerson',
  'maintenanceContract',
  'vendorContact',
  'status',
  'tags',
  'notes',
  'customFields',
  'searchText',
  'version',
  'updatedAt',
  'updatedBy',
]

/** Rows per multi-row INSERT for a table with `columns` columns. */
const rowsPerInsert = (columns: number) => Math.max(1, Math.floor(MAX_PARAMS / columns))

/** camelCase column name → the snake_case name in SQL. */
export const snake = (c: string) => c.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)

/** Column order of the bulk INSERT into `devices` (every DeviceTable column). */
export const DEVICE_COLUMNS: readonly (keyof DeviceTable)[] = ['id', 'createdAt', 'createdBy', ...UPDATABLE]
const ADDRESS_COLUMNS: readonly (keyof DeviceAddressTable)[] = ['deviceId', 'kind', 'value']
/** Column order of the bulk INSERT into `audit_log`. */
export const AUDIT_COLUMNS = [
  'at',
  'actorId',
  'actorName',
  'action',
  'targetType',
  'targetId',
  'before',
  'after',
  'ip',
] as const

/** Rows per PostgreSQL `unnest` INSERT: one array parameter per column, so the parameter limit does not apply. */
export const PG_ROWS_PER_INSERT = 5_000

/** PostgreSQL element type of each column of a table (`text`, `int4`…), read once from the catalog. */
const PG_TYPES = new Map<string, Promise<Map<string, string>>>()

function pgColumnTypes(db: Executor, table: string): Promise<Map<string, string>> {
  let types = PG_TYPES.get(table)
  if (!types) {
    types = db
      .executeQuery<{ name: string; type: string }>(
        CompiledQuery.raw(
          'select column_name as name, udt_name as type from information_schema.columns where table_schema = current_schema() and table_name = $1',
          [table],
        ),
      )
      .then((r) => new Map(r.rows.map((c) => [c.name, c.type])))
    // A failed lookup (no table yet) is not remembered.
    types.catch(() => PG_TYPES.delete(table))
    PG_TYPES.set(table, types)
  }
  return types
}

/**
 * A bulk INSERT, built once per (table, row count) and run through Kysely's executor as a compiled query. Building
 * 30,000 value nodes per statement with the query builder (and copying them through the CamelCase plugin) cost more
 * than SQLite's own work, so bulk writes skip the builder.
 *
 * SQLite: plain multi-row `INSERT … VALUES (?, …), (…)` under its parameter limit. PostgreSQL:
 * `INSERT … SELECT * FROM unnest($1::text[], $2::int4[], …)`, one array per column: 5,000 rows per statement with
 * 43 parameters, instead of ~700 rows with 30,000 parameters that the server parses and plans again each time.
 */
class BulkInsert<Row> {
  private readonly cache = new Map<string, string>()
  constructor(
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly values: (row: Row) => readonly unknown[],
    private readonly suffix = '',
  ) {}

  private sql(rows: number): string {
    const key = `sqlite:${rows}`
    let text = this.cache.get(key)
    if (text === undefined) {
      const tuple = `(${this.columns.map(() => '?').join(',')})`
      text = `insert into ${this.table} (${this.columns.map((c) => `"${snake(c)}"`).join(',')}) values ${Array(rows).fill(tuple).join(',')}${this.suffix}`
      this.cache.set(key, text)
    }
    return text
  }

  private async unnestSql(db: Executor): Promise<string> {
    let text = this.cache.get('pg')
    if (text === undefined) {
      const types = await pgColumnTypes(db, this.table)
      const arrays = this.columns.map((c, i) => `$${i + 1}::${types.get(snake(c)) ?? 'text'}[]`)
      text = `insert into ${this.table} (${this.columns.map((c) => `"${snake(c)}"`).join(',')}) select * from unnest(${arrays.join(',')})${this.suffix}`
      this.cache.set('pg', text)
    }
    return text
  }

  async run(db: Executor, rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      const text = await this.unnestSql(db)
      for (let i = 0; i < rows.length; i += PG_ROWS_PER_INSERT) {
        const end = Math.min(rows.length, i + PG_ROWS_PER_INSERT)
        const columns: unknown[][] = this.columns.map(() => new Array(end - i))
        for (let r = i; r < end; r++) {
          const v = this.values(rows[r]!)
          for (let c = 0; c < columns.length; c++) columns[c]![r - i] = v[c]
        }
        await db.executeQuery(CompiledQuery.raw(text, columns))
      }
      return
    }
    for (const part of chunks(rows, rowsPerInsert(this.columns.length))) {
      const params: unknown[] = []
      for (const row of part) for (const v of this.values(row)) params.push(v)
      await db.executeQuery(CompiledQuery.raw(this.sql(part.length), params))
    }
  }
}

const deviceValues = (r: DeviceTable) => DEVICE_COLUMNS.map((c) => r[c])
export const insertDevicesSql = new BulkInsert<DeviceTable>('devices', DEVICE_COLUMNS, deviceValues)
/**
 * Updates are upserts (INSERT … ON CONFLICT (id) DO UPDATE, SQLite ≥ 3.24 and PostgreSQL), so they batch like inserts
 * instead of one UPDATE per device. Every id exists (checked in the same transaction), so nothing is inserted.
 */
export const UPSERT_SUFFIX = ` on conflict ("id") do update set ${UPDATABLE.map((c) => `"${snake(c)}" = excluded."${snake(c)}"`).join(', ')}`
export const upsertDevicesSql = new BulkInsert<DeviceTable>('devices', DEVICE_COLUMNS, deviceValues, UPSERT_SUFFIX)
export const insertAddressesSql = new BulkInsert<DeviceAddressTable>('device_addresses', ADDRESS_COLUMNS, (r) => [
  r.deviceId,
  r.kind,
  r.value,
])
/** One audit_log row as the bulk INSERT writes it. */
export type AuditRow = Record<(typeof AUDIT_COLUMNS)[number], string | null>
export const insertAuditSql = new BulkInsert<AuditRow>('audit_log', AUDIT_COLUMNS, (r) =>
  AUDIT_COLUMNS.map((c) => r[c]),
)
