import type { Transaction } from 'kysely'
import type { Device, DeviceFields } from '../../api/device.js'
import type { Actor } from './audit-repository.js'
import type { Db } from './database.js'
import { addressRowsOf, fromDeviceRow, type RowMeta, toDeviceRow } from './device-rows.js'
import type { Database, DeviceAddressTable, DeviceTable } from './schema.js'

/**
 * Batched reads and writes for the ledger import (services/import-devices.ts), on SQLite and PostgreSQL alike.
 * No per-row queries: lookups use chunked `IN (…)` lists and writes use chunked multi-row INSERTs, so 100,000 rows
 * cost a few hundred statements.
 */

/** Keys that identify a device across imports. */
export interface DeviceKeys {
  ids: readonly string[]
  assetTags: readonly string[]
  serials: readonly string[]
  macs: readonly string[]
}

export interface DeviceWrite {
  id: string
  fields: DeviceFields
}

export interface DeviceUpdateWrite extends DeviceWrite {
  /** Version the device will have after the write. */
  version: number
  createdAt: string
  createdBy: string | null
}

export interface AuditDraft {
  action: string
  targetType: string | null
  targetId: string | null
  before: unknown
  after: unknown
}

export type { Actor }

/** Reads that both the planner and the commit (inside its transaction) need. */
export interface DeviceImportReads {
  /** Every device that any of the keys points at (id, asset tag, serial number or MAC). */
  findByKeys(keys: DeviceKeys): Promise<Device[]>
  /** Ids of the sites that exist. */
  siteIds(): Promise<string[]>
}

/** Writes available inside the import transaction. */
export interface DeviceImportTx extends DeviceImportReads {
  ensureSites(ids: readonly string[], now: string): Promise<void>
  insertDevices(rows: readonly DeviceWrite[], actor: Actor, now: string): Promise<void>
  updateDevices(rows: readonly DeviceUpdateWrite[], actor: Actor, now: string): Promise<void>
  insertAudit(entries: readonly AuditDraft[], actor: Actor, now: string): Promise<void>
}

/** The storage port of the ledger import. */
export interface DeviceImportStore extends DeviceImportReads {
  /** Runs `fn` in one database transaction: if it throws, nothing it wrote remains. */
  transaction<T>(fn: (tx: DeviceImportTx) => Promise<T>): Promise<T>
}

/**
 * SQLite's default limit is 32,766 bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32) and
 * PostgreSQL's is 65,535; stay well under the smaller one.
 */
const MAX_PARAMS = 30_000
/** Values per `IN (…)` lookup. */
const LOOKUP_CHUNK = 5_000

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

type Executor = Db | Transaction<Database>

/** Columns of `devices` (schema.ts DeviceTable): bound parameters per inserted row. */
const DEVICE_COLUMN_COUNT = 44

const UPDATABLE: readonly (keyof DeviceTable)[] = [
  'siteId',
  'department',
  'location',
  'assetTag',
  'kind',
  'category',
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

function reads(db: Executor): DeviceImportReads {
  return {
    async findByKeys(keys) {
      const found = new Map<string, Device>()
      const ids = new Set<string>(keys.ids)
      for (const part of chunks([...new Set(keys.macs)], LOOKUP_CHUNK)) {
        const rows = await db
          .selectFrom('deviceAddresses')
          .select('deviceId')
          .where('kind', '=', 'mac')
          .where('value', 'in', part)
          .execute()
        for (const r of rows) ids.add(r.deviceId)
      }
      const add = (rows: DeviceTable[]) => {
        for (const r of rows) if (!found.has(r.id)) found.set(r.id, fromDeviceRow(r))
      }
      for (const part of chunks([...ids], LOOKUP_CHUNK)) {
        add(await db.selectFrom('devices').selectAll().where('id', 'in', part).execute())
      }
      for (const part of chunks([...new Set(keys.assetTags)], LOOKUP_CHUNK)) {
        add(await db.selectFrom('devices').selectAll().where('assetTag', 'in', part).execute())
      }
      for (const part of chunks([...new Set(keys.serials)], LOOKUP_CHUNK)) {
        add(await db.selectFrom('devices').selectAll().where('serialNumber', 'in', part).execute())
      }
      return [...found.values()]
    },
    async siteIds() {
      const rows = await db.selectFrom('sites').select('id').execute()
      return rows.map((r) => r.id)
    },
  }
}

/** Rows per multi-row INSERT for a table with `columns` columns. */
const rowsPerInsert = (columns: number) => Math.max(1, Math.floor(MAX_PARAMS / columns))

async function insertDeviceRows(db: Executor, rows: readonly DeviceTable[]): Promise<void> {
  for (const part of chunks(rows, rowsPerInsert(DEVICE_COLUMN_COUNT)))
    await db.insertInto('devices').values(part).execute()
}

async function insertAddressRows(db: Executor, rows: readonly DeviceAddressTable[]): Promise<void> {
  for (const part of chunks(rows, rowsPerInsert(3))) await db.insertInto('deviceAddresses').values(part).execute()
}

function tx(db: Transaction<Database>): DeviceImportTx {
  return {
    ...reads(db),
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
      const deviceRows = rows.map((r) => toDeviceRow(r.fields, meta(r.id)))
      await insertDeviceRows(db, deviceRows)
      await insertAddressRows(
        db,
        rows.flatMap((r) => addressRowsOf(r.id, r.fields)),
      )
    },
    async updateDevices(rows, actor, now) {
      if (rows.length === 0) return
      const deviceRows = rows.map((r) =>
        toDeviceRow(r.fields, {
          id: r.id,
          version: r.version,
          createdAt: r.createdAt,
          createdBy: r.createdBy,
          updatedAt: now,
          updatedBy: actor.name,
        }),
      )
      // One multi-row upsert per chunk (INSERT … ON CONFLICT (id) DO UPDATE, valid in SQLite ≥ 3.24 and PostgreSQL)
      // instead of one UPDATE per device. Every id exists (checked in the same transaction), so nothing is inserted.
      const size = rowsPerInsert(DEVICE_COLUMN_COUNT)
      for (const part of chunks(deviceRows, size)) {
        await db
          .insertInto('devices')
          .values(part)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => Object.fromEntries(UPDATABLE.map((c) => [c, eb.ref(`excluded.${c}`)]))),
          )
          .execute()
      }
      for (const part of chunks(
        rows.map((r) => r.id),
        LOOKUP_CHUNK,
      )) {
        await db.deleteFrom('deviceAddresses').where('deviceId', 'in', part).execute()
      }
      await insertAddressRows(
        db,
        rows.flatMap((r) => addressRowsOf(r.id, r.fields)),
      )
    },
    async insertAudit(entries, actor, now) {
      const rows = entries.map((e) => ({
        at: now,
        actorId: actor.id,
        actorName: actor.name,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        before: e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
        after: e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
        ip: actor.ip ?? null,
      }))
      const size = rowsPerInsert(9)
      for (const part of chunks(rows, size)) await db.insertInto('auditLog').values(part).execute()
    },
  }
}

/** The Kysely implementation of {@link DeviceImportStore}. */
export function createDeviceImportStore(db: Db): DeviceImportStore {
  return {
    ...reads(db),
    transaction: (fn) => db.transaction().execute((trx) => fn(tx(trx))),
  }
}
