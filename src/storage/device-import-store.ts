import type SQLite from 'better-sqlite3'
import type { DeviceImportReads, DeviceImportStore, DeviceImportTx } from '../core/ledger/import-store.js'
import { type Db, sqliteFileOf, sqliteHandleOf } from './database.js'
import {
  AUDIT_COLUMNS,
  type AuditRow,
  chunks,
  DEVICE_COLUMNS,
  type Executor,
  insertAddressesSql,
  insertAuditSql,
  insertDevicesSql,
  LOOKUP_CHUNK,
  snake,
  UPSERT_SUFFIX,
  upsertDevicesSql,
} from './device-import-sql.js'
import { addressRowsOf, fromDeviceRow, type RowMeta, toDeviceRow } from './device-rows.js'
import { ImportWorkerClient } from './import-worker-client.js'
import type { DeviceAddressTable, DeviceTable } from './schema.js'
import { suspendSearchIndex } from './search-index.js'

/**
 * Batched reads and writes for the ledger import (services/import/), on SQLite and PostgreSQL alike: the storage side
 * of the port `DeviceImportStore` (core/ledger/import-store.ts).
 * No per-row queries: lookups use chunked `IN (…)` lists and writes use chunked multi-row INSERTs, so 100,000 rows
 * cost a few hundred statements.
 */

export type {
  Actor,
  AuditDraft,
  DeviceImportReads,
  DeviceImportStore,
  DeviceImportTx,
  DeviceKeys,
  DeviceUpdateWrite,
  DeviceWrite,
} from '../core/ledger/import-store.js'

/**
 * The primitive operations the import needs, implemented twice: through Kysely (PostgreSQL, and SQLite without a
 * raw handle) and through cached better-sqlite3 statements (the embedded default, where per-statement preparation
 * is the main cost of bulk work).
 */
export interface Backend {
  idsByMac(macs: readonly string[]): Promise<string[]>
  idsByAssetTag(tags: readonly string[]): Promise<string[]>
  idsBySerial(serials: readonly string[]): Promise<string[]>
  devicesById(ids: readonly string[]): Promise<DeviceTable[]>
  insertDevices(rows: readonly DeviceTable[]): Promise<void>
  upsertDevices(rows: readonly DeviceTable[]): Promise<void>
  deleteAddresses(deviceIds: readonly string[]): Promise<void>
  insertAddresses(rows: readonly DeviceAddressTable[]): Promise<void>
  insertAudit(rows: readonly AuditRow[]): Promise<void>
  beginBulkInsert(rows: number): Promise<() => Promise<void>>
  hasDevices(): Promise<boolean>
}

const NOTHING_TO_RESTORE = async () => {}

/** Smallest insert for which rebuilding the secondary indexes beats maintaining them row by row. */
export const BULK_INDEX_THRESHOLD = 5_000

function kyselyBackend(db: Executor): Backend {
  const inChunks = async <T>(values: readonly string[], q: (part: string[]) => Promise<T[]>): Promise<T[]> => {
    const out: T[] = []
    for (const part of chunks(values, LOOKUP_CHUNK)) out.push(...(await q(part)))
    return out
  }
  return {
    idsByMac: (macs) =>
      inChunks(macs, async (part) =>
        (
          await db
            .selectFrom('deviceAddresses')
            .select('deviceId')
            .where('kind', '=', 'mac')
            .where('value', 'in', part)
            .execute()
        ).map((r) => r.deviceId),
      ),
    idsByAssetTag: (tags) =>
      inChunks(tags, async (part) =>
        (await db.selectFrom('devices').select('id').where('assetTag', 'in', part).execute()).map((r) => r.id),
      ),
    idsBySerial: (serials) =>
      inChunks(serials, async (part) =>
        (await db.selectFrom('devices').select('id').where('serialNumber', 'in', part).execute()).map((r) => r.id),
      ),
    devicesById: (ids) =>
      inChunks(ids, (part) => db.selectFrom('devices').selectAll().where('id', 'in', part).execute()),
    insertDevices: (rows) => insertDevicesSql.run(db, rows),
    upsertDevices: (rows) => upsertDevicesSql.run(db, rows),
    async deleteAddresses(ids) {
      for (const part of chunks(ids, LOOKUP_CHUNK))
        await db.deleteFrom('deviceAddresses').where('deviceId', 'in', part).execute()
    },
    insertAddresses: (rows) => insertAddressesSql.run(db, rows),
    insertAudit: (rows) => insertAuditSql.run(db, rows),
    beginBulkInsert: async () => NOTHING_TO_RESTORE,
    hasDevices: async () => (await db.selectFrom('devices').select('id').limit(1).executeTakeFirst()) !== undefined,
  }
}

interface SqliteStatements {
  idByMac: SQLite.Statement<[string], string>
  idByAssetTag: SQLite.Statement<[string], string>
  idBySerial: SQLite.Statement<[string], string>
  deviceById: SQLite.Statement<[string], DeviceTable>
  insertDevice: SQLite.Statement<[DeviceTable]>
  upsertDevice: SQLite.Statement<[DeviceTable]>
  deleteAddresses: SQLite.Statement<[string]>
  insertAddress: SQLite.Statement<unknown[]>
  insertAudit: SQLite.Statement<[AuditRow]>
}

const STATEMENTS = new WeakMap<SQLite.Database, SqliteStatements>()

function statementsOf(h: SQLite.Database): SqliteStatements {
  let st = STATEMENTS.get(h)
  if (!st) {
    const cols = DEVICE_COLUMNS.map((c) => `"${snake(c)}"`).join(',')
    // Named parameters (@assetTag) bind straight from the row object and aliased columns come back camelCase, so
    // no per-row array or key mapping is built in JavaScript.
    const named = (list: readonly string[]) => `(${list.map((c) => `@${c}`).join(',')})`
    const aliased = DEVICE_COLUMNS.map((c) => `"${snake(c)}" as "${c}"`).join(',')
    st = {
      idByMac: h
        .prepare<[string], string>("select device_id from device_addresses where kind = 'mac' and value = ?")
        .pluck(),
      idByAssetTag: h.prepare<[string], string>('select id from devices where asset_tag = ?').pluck(),
      idBySerial: h.prepare<[string], string>('select id from devices where serial_number = ?').pluck(),
      deviceById: h.prepare<[string], DeviceTable>(`select ${aliased} from devices where id = ?`),
      insertDevice: h.prepare<[DeviceTable]>(`insert into devices (${cols}) values ${named(DEVICE_COLUMNS)}`),
      upsertDevice: h.prepare<[DeviceTable]>(
        `insert into devices (${cols}) values ${named(DEVICE_COLUMNS)}${UPSERT_SUFFIX}`,
      ),
      deleteAddresses: h.prepare<[string]>('delete from device_addresses where device_id = ?'),
      insertAddress: h.prepare('insert into device_addresses (device_id, kind, value) values (?, ?, ?)'),
      insertAudit: h.prepare<[AuditRow]>(
        `insert into audit_log (${AUDIT_COLUMNS.map((c) => `"${snake(c)}"`).join(',')}) values ${named(AUDIT_COLUMNS)}`,
      ),
    }
    STATEMENTS.set(h, st)
  }
  return st
}

export function sqliteBackend(h: SQLite.Database): Backend {
  // Prepared on first use, not when the store is built: the store may be created before migrations have run.
  const st = () => statementsOf(h)
  const ids = (pick: (s: SqliteStatements) => SQLite.Statement<[string], string>, values: readonly string[]) => {
    const stmt = pick(st())
    const out: string[] = []
    for (const v of values) for (const id of stmt.all(v)) out.push(id)
    return Promise.resolve(out)
  }
  return {
    idsByMac: (macs) => ids((s) => s.idByMac, macs),
    idsByAssetTag: (tags) => ids((s) => s.idByAssetTag, tags),
    idsBySerial: (serials) => ids((s) => s.idBySerial, serials),
    devicesById(list) {
      const stmt = st().deviceById
      const out: DeviceTable[] = []
      for (const id of list) {
        const row = stmt.get(id)
        if (row) out.push(row)
      }
      return Promise.resolve(out)
    },
    async insertDevices(rows) {
      const stmt = st().insertDevice
      for (const r of rows) stmt.run(r)
    },
    async upsertDevices(rows) {
      const stmt = st().upsertDevice
      for (const r of rows) stmt.run(r)
    },
    async deleteAddresses(list) {
      const stmt = st().deleteAddresses
      for (const id of list) stmt.run(id)
    },
    async insertAddresses(rows) {
      const stmt = st().insertAddress
      for (const r of rows) stmt.run([r.deviceId, r.kind, r.value])
    },
    async insertAudit(rows) {
      const stmt = st().insertAudit
      for (const r of rows) stmt.run(r)
    },
    hasDevices: () => Promise.resolve(h.prepare('select 1 from devices limit 1').get() !== undefined),
    async beginBulkInsert(rows) {
      // Each new device touches 11 secondary indexes on `devices` and one on `device_addresses`, at random places;
      // sorting once per index afterwards (CREATE INDEX) costs a fraction of that for a large load. Worth it only
      // when the load is at least as big as the table (a rebuild reads every row). SQLite DDL is transactional,
      // so a rollback brings the indexes back, and other connections keep seeing them until the commit.
      const existing = h.prepare<[], number>('select count(*) from devices').pluck().get() ?? 0
      if (rows < BULK_INDEX_THRESHOLD || rows < existing) return NOTHING_TO_RESTORE
      const indexes = h
        .prepare<[], { name: string; sql: string }>(
          "select name, sql from sqlite_master where type = 'index' and tbl_name in ('devices', 'device_addresses') and sql is not null",
        )
        .all()
      for (const i of indexes) h.exec(`drop index "${i.name.replaceAll('"', '""')}"`)
      // The full-text index likewise: its triggers set aside, rebuilt from `devices` in one pass.
      const resumeSearchIndex = suspendSearchIndex(h)
      return async () => {
        for (const i of indexes) h.exec(i.sql)
        resumeSearchIndex()
      }
    },
  }
}

export function reads(b: Backend, db: Executor): DeviceImportReads {
  return {
    async findByKeys(keys) {
      // A first import into an empty ledger: nothing can match, skip the lookups.
      if (!(await b.hasDevices())) return []
      // First collect ids with narrow index-only lookups, then read each matching device once.
      const ids = new Set<string>(keys.ids)
      for (const id of await b.idsByMac([...new Set(keys.macs)])) ids.add(id)
      for (const id of await b.idsByAssetTag([...new Set(keys.assetTags)])) ids.add(id)
      for (const id of await b.idsBySerial([...new Set(keys.serials)])) ids.add(id)
      return (await b.devicesById([...ids])).map(fromDeviceRow)
    },
    async siteIds() {
      const rows = await db.selectFrom('sites').select('id').execute()
      return rows.map((r) => r.id)
    },
  }
}

/**
 * Rows converted and written per step on PostgreSQL. The driver is asynchronous, so the event loop is free while a
 * statement runs; what blocks it is the JavaScript that builds a statement (row conversion, audit JSON, the driver
 * encoding the column arrays). Smaller steps keep each such stretch short (docs/bench-notes/responsive-import.md).
 */
export const PG_ROWS_PER_STEP = 1_000

/**
 * The import's writes over `db`, which must be inside a transaction (a Kysely one, or BEGIN on the connection).
 * `step`: rows converted and written at a time (each call's rows by default).
 */
export function tx(db: Executor, b: Backend, step = Number.POSITIVE_INFINITY): DeviceImportTx {
  const steps = <T>(rows: readonly T[]): (readonly T[])[] => (rows.length <= step ? [rows] : chunks(rows, step))
  return {
    ...reads(b, db),
    beginBulkInsert: (rows) => b.beginBulkInsert(rows),
    async ensureSites(ids, now) {
      if (ids.length === 0) return
      await db
        .insertInto('sites')
        .values(ids.map((id) => ({ id, name: id, createdAt: now })))
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
    },
    async insertDevices(rows, actor, now) {
      const meta = (id: string): RowMeta => ({
        id,
        version: 1,
        createdAt: now,
        createdBy: actor.name,
        updatedAt: now,
        updatedBy: actor.name,
      })
      for (const part of steps(rows)) {
        await b.insertDevices(part.map((r) => toDeviceRow(r.fields, meta(r.id))))
        await b.insertAddresses(part.flatMap((r) => addressRowsOf(r.id, r.fields)))
      }
    },
    async updateDevices(rows, actor, now) {
      for (const part of steps(rows)) {
        if (part.length === 0) continue
        const deviceRows = part.map((r) =>
          toDeviceRow(r.fields, {
            id: r.id,
            version: r.version,
            createdAt: r.createdAt,
            createdBy: r.createdBy,
            updatedAt: now,
            updatedBy: actor.name,
          }),
        )
        await b.upsertDevices(deviceRows)
        await b.deleteAddresses(part.map((r) => r.id))
        await b.insertAddresses(part.flatMap((r) => addressRowsOf(r.id, r.fields)))
      }
    },
    async insertAudit(entries, actor, now) {
      for (const part of steps(entries)) {
        const rows = part.map(
          (e): AuditRow => ({
            at: now,
            actorId: actor.id,
            actorName: actor.name,
            action: e.action,
            targetType: e.targetType,
            targetId: e.targetId,
            before: e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
            after: e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
            ip: actor.ip ?? null,
          }),
        )
        await b.insertAudit(rows)
      }
    },
  }
}

/**
 * The storage implementation of {@link DeviceImportStore}: Kysely for PostgreSQL; on SQLite, cached better-sqlite3
 * statements. For a SQLite file the transaction runs in a worker thread on its own connection (import-worker.ts), so
 * a long commit does not stall the server; in memory (tests), or where the worker cannot start, on the same
 * connection (so the statements join Kysely's transaction).
 */
export function createDeviceImportStore(db: Db): DeviceImportStore {
  const handle = sqliteHandleOf(db)
  const backend = (ex: Executor) => (handle ? sqliteBackend(handle) : kyselyBackend(ex))
  const inThread = <T>(fn: (tx: DeviceImportTx) => Promise<T>) =>
    db.transaction().execute((trx) => fn(tx(trx, backend(trx), handle ? undefined : PG_ROWS_PER_STEP)))
  const file = sqliteFileOf(db)
  const worker = file ? new ImportWorkerClient(file) : null
  return {
    ...reads(backend(db), db),
    transaction: (fn) => (worker ? worker.transaction(fn, inThread) : inThread(fn)),
  }
}
