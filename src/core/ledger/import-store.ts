import type { Actor } from '../actor.js'
import type { Device, DeviceFields } from './device.js'

/**
 * The storage port of the ledger import: what planning reads and what the commit writes, in one transaction.
 * `src/storage/device-import-store.ts` implements it on SQLite and PostgreSQL; tests may pass an in-memory fake.
 * Batched by contract: one call covers many rows, so 100,000 rows cost a few hundred statements, not one per row.
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

/** One audit entry the commit writes (who and when are added by the store). */
export interface AuditDraft {
  action: string
  targetType: string | null
  targetId: string | null
  before: unknown
  after: unknown
}

/** Who runs the import. */
export type { Actor } from '../actor.js'

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
  /**
   * Announces `rows` new devices before they are inserted. When that is worth it (a bulk load at least as large as
   * the table), the store may set secondary indexes aside for the load; call the returned function after the last
   * insert, inside the same transaction, to rebuild them. A rollback restores them either way.
   */
  beginBulkInsert(rows: number): Promise<() => Promise<void>>
}

/** The storage port of the ledger import. */
export interface DeviceImportStore extends DeviceImportReads {
  /** Runs `fn` in one database transaction: if it throws, nothing it wrote remains. */
  transaction<T>(fn: (tx: DeviceImportTx) => Promise<T>): Promise<T>
}
