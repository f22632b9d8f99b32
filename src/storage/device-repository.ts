import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import {
  type DashboardStats,
  type Device,
  type DeviceFields,
  type DeviceListQuery,
  deviceInput,
  deviceListQuery,
} from '../../api/device.js'
import { MamoriError, notFound } from '../core/errors.js'
import type {
  Actor,
  AuditRecord,
  DeviceReplacement,
  LedgerDevice,
  LedgerReader,
  LedgerWriter,
  ModelDeclaration,
} from '../core/ports.js'
import { recordAudit } from './audit-repository.js'
import { addressRowsOf, fromDeviceRow, toDeviceRow } from './device-rows.js'
import { deviceStats, legacyOsConditions } from './device-stats.js'
import { DiscoveryRepository } from './discovery-repository.js'
import type { Database } from './schema.js'
import { searchFilter, searchTerms } from './search-index.js'

/** Work that must commit or roll back together with a device's creation. */
export type AlsoInTransaction = (trx: Kysely<Database>, device: Device) => Promise<void>

export type { LedgerDevice } from '../core/ports.js'

/**
 * The device ledger in either database ({@link LedgerReader} & {@link LedgerWriter}). Every change writes the audit
 * entry it is given in the same transaction; what to check and what to audit is the DeviceService's decision.
 */
export class DeviceRepository implements LedgerReader, LedgerWriter {
  constructor(private readonly db: Kysely<Database>) {}

  async ensureSite(id: string, name = id): Promise<void> {
    await this.db
      .insertInto('sites')
      .values({ id, name, createdAt: new Date().toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
  }

  async sites(): Promise<{ id: string; name: string }[]> {
    return this.db.selectFrom('sites').select(['id', 'name']).orderBy('name').execute()
  }

  /** The ledger's change counter (database triggers bump it on every insert, update or delete of a device). */
  async version(): Promise<number> {
    const r = await this.db.selectFrom('ledgerVersion').select('version').where('id', '=', 1).executeTakeFirst()
    return Number(r?.version ?? 0)
  }

  async get(id: string): Promise<Device> {
    const row = await this.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw notFound('Device', id)
    return fromDeviceRow(row)
  }

  async list(raw: DeviceListQuery, today = new Date().toISOString().slice(0, 10)) {
    const q = deviceListQuery.parse(raw)
    let base = this.db.selectFrom('devices')
    if (q.kind) base = base.where('kind', '=', q.kind)
    if (q.category) base = base.where('category', '=', q.category)
    if (q.status) base = base.where('status', '=', q.status)
    if (q.department) base = base.where('department', '=', q.department)
    if (q.siteId) base = base.where('siteId', '=', q.siteId)
    if (q.lifeCritical) base = base.where('lifeCritical', '=', q.lifeCritical === 'true' ? 1 : 0)
    // "Expired" is about devices still in the hospital, as the dashboard counts them (see activeDevices).
    // Risk filters are about devices still in the hospital, as on the dashboard: decommissioned ones are left out.
    if (q.expired || q.lifeCritical === 'true') base = base.where('status', '!=', 'decommissioned')
    if (q.expired === 'service_life') base = base.where('serviceLifeEnd', '<', today)
    if (q.expired === 'support') base = base.where('supportEnd', '<', today)
    if (q.expired === 'legacy_os') base = base.where((eb) => eb.or(legacyOsConditions(eb)))
    // Full-text search: every word must appear somewhere in the device's searchable text (search-index.ts). The
    // trigram indexes answer it for the page and the count alike.
    const search = await searchFilter(this.db, searchTerms(q.q))
    if (search) base = base.where(search.where)
    // A search alone: the index has counted its matches already.
    const searchOnly = [q.kind, q.category, q.status, q.department, q.siteId, q.lifeCritical, q.expired].every(
      (v) => v === undefined,
    )
    const known = searchOnly ? search?.matches : null
    const [rows, count] = await Promise.all([
      base
        .selectAll()
        // Empty values last in both directions: a sorted list starts with what is filled in.
        .orderBy(q.sort, (ob) => (q.order === 'asc' ? ob.asc() : ob.desc()).nullsLast())
        .orderBy('id')
        .limit(q.limit)
        .offset(q.offset)
        .execute(),
      known === null || known === undefined
        ? base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
        : { n: known },
    ])
    return { items: rows.map(fromDeviceRow), total: Number(count.n), limit: q.limit, offset: q.offset }
  }

  /**
   * Creates one device, audited as `device.create`. `alsoInTransaction` runs inside the same transaction after the
   * insert, so either both happen or neither (seeding and tests; the API goes through DeviceService).
   */
  async create(input: unknown, actor: Actor, alsoInTransaction?: AlsoInTransaction): Promise<Device> {
    const [d] = await this.createMany([deviceInput.parse(input)], actor, 'device.create', alsoInTransaction)
    return d!
  }

  /** Inserts many devices in one transaction, each audited as `auditAction` (demo load, seeding, tests). */
  async createMany(
    fields: DeviceFields[],
    actor: Actor,
    auditAction = 'device.create',
    alsoInTransaction?: AlsoInTransaction,
  ): Promise<Device[]> {
    return this.write(
      fields,
      actor,
      (d) => ({ action: auditAction, targetType: 'device', targetId: d.id, after: d }),
      alsoInTransaction,
    )
  }

  async insert(
    fields: DeviceFields[],
    actor: Actor,
    audit: (d: Device) => AuditRecord,
    opts: { linkHostId?: string } = {},
  ): Promise<Device[]> {
    const { linkHostId } = opts
    return this.write(
      fields,
      actor,
      audit,
      linkHostId ? (trx, device) => new DiscoveryRepository(trx).linkHost(linkHostId, device.id) : undefined,
    )
  }

  private async write(
    fields: DeviceFields[],
    actor: Actor,
    audit: (d: Device) => AuditRecord,
    alsoInTransaction?: AlsoInTransaction,
  ): Promise<Device[]> {
    const now = new Date().toISOString()
    const rows = fields.map((f) =>
      toDeviceRow(f, {
        id: randomUUID(),
        version: 1,
        createdAt: now,
        createdBy: actor.name,
        updatedAt: now,
        updatedBy: actor.name,
      }),
    )
    await this.db.transaction().execute(async (trx) => {
      for (const siteId of new Set(fields.map((f) => f.siteId))) await new DeviceRepository(trx).ensureSite(siteId)
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto('devices')
          .values(rows.slice(i, i + 200))
          .execute()
      const addrs = rows.flatMap((r, i) => addressRowsOf(r.id, fields[i]!))
      for (let i = 0; i < addrs.length; i += 300)
        await trx
          .insertInto('deviceAddresses')
          .values(addrs.slice(i, i + 300))
          .execute()
      await recordAudit(
        trx,
        actor,
        rows.map((r) => audit(fromDeviceRow(r))),
      )
      for (const r of rows) await alsoInTransaction?.(trx, fromDeviceRow(r))
    })
    return rows.map(fromDeviceRow)
  }

  /**
   * Writes a device's new fields if `version` is still current (optimistic locking: the service checked it; the
   * conditional update catches a change that slipped in between), with its audit entry.
   */
  async replace(change: DeviceReplacement, actor: Actor): Promise<Device> {
    const { id, version, fields, audit } = change
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) throw notFound('Device', id)
      const before = fromDeviceRow(row)
      const next = toDeviceRow(fields, {
        id,
        version: version + 1,
        createdAt: before.createdAt,
        createdBy: before.createdBy,
        updatedAt: new Date().toISOString(),
        updatedBy: actor.name,
      })
      await new DeviceRepository(trx).ensureSite(fields.siteId)
      const res = await trx
        .updateTable('devices')
        .set(next)
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) {
        // Someone saved between the service's version check and this update: name who, from the row as it is now.
        const now = await trx
          .selectFrom('devices')
          .select(['updatedBy', 'updatedAt'])
          .where('id', '=', id)
          .executeTakeFirst()
        throw MamoriError.of('DEVICE_VERSION_CONFLICT', {
          device: before.assetTag ?? id,
          by: now?.updatedBy ?? { en: 'someone', ja: '別の利用者' },
          at: now?.updatedAt ?? before.updatedAt,
        })
      }
      await trx.deleteFrom('deviceAddresses').where('deviceId', '=', id).execute()
      const addrs = addressRowsOf(id, fields)
      if (addrs.length > 0) await trx.insertInto('deviceAddresses').values(addrs).execute()
      const after = fromDeviceRow(next)
      await recordAudit(trx, actor, { ...audit, before, after })
      return after
    })
  }

  async remove(id: string, actor: Actor, audit: (before: Device) => AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) throw notFound('Device', id)
      await trx.deleteFrom('deviceAddresses').where('deviceId', '=', id).execute()
      await trx.deleteFrom('devices').where('id', '=', id).execute()
      await recordAudit(trx, actor, audit(fromDeviceRow(row)))
    })
  }

  async idWithAssetTag(assetTag: string, exceptId: string | null): Promise<string | null> {
    let q = this.db.selectFrom('devices').select(['id']).where('assetTag', '=', assetTag)
    if (exceptId !== null) q = q.where('id', '!=', exceptId)
    return (await q.executeTakeFirst())?.id ?? null
  }

  async withSerialNumber(serial: string, exceptId: string | null) {
    let q = this.db.selectFrom('devices').select(['assetTag', 'manufacturer']).where('serialNumber', '=', serial)
    if (exceptId !== null) q = q.where('id', '!=', exceptId)
    return q.execute()
  }

  async withMacAddresses(macs: string[], exceptId: string | null) {
    let q = this.db
      .selectFrom('deviceAddresses')
      .innerJoin('devices', 'devices.id', 'deviceAddresses.deviceId')
      .select(['devices.assetTag', 'deviceAddresses.value'])
      .where('deviceAddresses.kind', '=', 'mac')
      .where('deviceAddresses.value', 'in', macs)
    if (exceptId !== null) q = q.where('devices.id', '!=', exceptId)
    return q.execute()
  }

  /** Devices holding any of these addresses (reconciliation, scan exclusions). */
  async findByAddresses(kind: 'ip' | 'mac', values: string[]): Promise<Map<string, Device>> {
    const out = new Map<string, Device>()
    for (let i = 0; i < values.length; i += 500) {
      const chunk = values.slice(i, i + 500)
      const rows = await this.db
        .selectFrom('deviceAddresses')
        .innerJoin('devices', 'devices.id', 'deviceAddresses.deviceId')
        .selectAll('devices')
        .select('deviceAddresses.value as addr')
        .where('deviceAddresses.kind', '=', kind)
        .where('deviceAddresses.value', 'in', chunk)
        .execute()
      for (const r of rows) {
        const { addr, ...row } = r
        out.set(addr, fromDeviceRow(row))
      }
    }
    return out
  }

  /**
   * Devices marked "never scan" or fragile, with their IP addresses as written (scan planning decides what an
   * address that is not one means). A damaged JSON list reads as empty.
   */
  async scanFlagged(): Promise<{ assetTag: string | null; ipAddresses: string[]; neverScan: boolean }[]> {
    const rows = await this.db
      .selectFrom('devices')
      .select(['assetTag', 'ipAddresses', 'neverScan'])
      .where((eb) => eb.or([eb('neverScan', '=', 1), eb('fragile', '=', 1)]))
      .execute()
    return rows.map((r) => ({
      assetTag: r.assetTag,
      ipAddresses: stringList(r.ipAddresses),
      neverScan: r.neverScan === 1,
    }))
  }

  /**
   * Every device of the ledger, whatever its status, in the few fields that matching observed hosts needs.
   * Reconciliation and scans read the whole ledger through this one query: a page of it would report registered
   * devices as unknown once the ledger outgrows the page.
   */
  async ledgerEntries(): Promise<LedgerDevice[]> {
    const rows = await this.db
      .selectFrom('devices')
      .select([
        'id',
        'assetTag',
        'department',
        'ipAddresses',
        'macAddresses',
        'hostname',
        'status',
        'declaredPorts',
        'siteId',
      ])
      .orderBy('id')
      .execute()
    const declarations = await this.modelDeclarations()
    return rows.map((r) => ({
      id: r.id,
      assetTag: r.assetTag,
      department: r.department,
      ipAddresses: JSON.parse(r.ipAddresses) as string[],
      macAddresses: JSON.parse(r.macAddresses) as string[],
      hostname: r.hostname,
      status: r.status,
      declaredPorts: JSON.parse(r.declaredPorts) as number[],
      siteId: r.siteId,
      modelDeclaration: declarations.get(r.id) ?? null,
    }))
  }

  /** Device id → its confirmed model's declared ports (one query for the whole ledger). */
  private async modelDeclarations(): Promise<Map<string, ModelDeclaration>> {
    const rows = await this.db
      .selectFrom('deviceModelLinks')
      .innerJoin('modelDeclaredPorts', 'modelDeclaredPorts.modelId', 'deviceModelLinks.modelId')
      .innerJoin('deviceModels', 'deviceModels.id', 'deviceModelLinks.modelId')
      .select([
        'deviceModelLinks.deviceId',
        'deviceModels.vendor',
        'deviceModels.name',
        'modelDeclaredPorts.port',
        'modelDeclaredPorts.tls',
      ])
      .where('deviceModelLinks.state', '=', 'confirmed')
      .orderBy('modelDeclaredPorts.port')
      .execute()
    const out = new Map<string, ModelDeclaration>()
    for (const r of rows) {
      const d = out.get(r.deviceId) ?? { model: `${r.vendor} ${r.name}`, ports: [], tlsPorts: [] }
      out.set(r.deviceId, d)
      if (!d.ports.includes(r.port)) d.ports.push(r.port)
      if (r.tls === 1 && !d.tlsPorts.includes(r.port)) d.tlsPorts.push(r.port)
    }
    return out
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('devices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(r.n)
  }

  async facets(): Promise<{ departments: string[]; manufacturers: string[]; sites: { id: string; name: string }[] }> {
    const [deps, mans, sites] = await Promise.all([
      this.db
        .selectFrom('devices')
        .select('department')
        .distinct()
        .where('department', 'is not', null)
        .orderBy('department')
        .execute(),
      this.db
        .selectFrom('devices')
        .select('manufacturer')
        .distinct()
        .where('manufacturer', 'is not', null)
        .orderBy('manufacturer')
        .execute(),
      this.sites(),
    ])
    return {
      departments: deps.map((d) => d.department!),
      manufacturers: mans.map((m) => m.manufacturer!),
      sites,
    }
  }

  /** The dashboard's counts (see device-stats.ts). */
  async stats(today = new Date().toISOString().slice(0, 10)): Promise<DashboardStats> {
    return deviceStats(this.db, today)
  }
}

/** A JSON list of strings from a row; anything else (a damaged row) reads as empty. */
function stringList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json)
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}
