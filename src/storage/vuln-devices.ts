import type { Kysely } from 'kysely'
import type { VulnDeviceRef, VulnDeviceStore } from '../core/vulns/store.js'
import type { Database } from './schema.js'
import { slices } from './vuln-bulk.js'

/** The ledger as vulnerability matching and its views read it ({@link VulnDeviceStore}), in either database. */
export class VulnDeviceRepository implements VulnDeviceStore {
  constructor(private readonly db: Kysely<Database>) {}

  async devicesForMatch(deviceIds?: readonly string[]) {
    const base = () =>
      this.db
        .selectFrom('devices as d')
        .leftJoin('deviceModelLinks as l', (j) => j.onRef('l.deviceId', '=', 'd.id').on('l.state', '=', 'confirmed'))
        .leftJoin('deviceModels as m', 'm.id', 'l.modelId')
        .select([
          'd.id',
          'd.siteId',
          'd.manufacturer',
          'd.model',
          'd.softwareVersion',
          'd.os',
          'd.osVersion',
          'm.id as modelId',
          'm.vendor as modelVendor',
          'm.name as modelName',
        ])
        // A decommissioned device is no longer on the network: an advisory about it is not a task.
        .where('d.status', '!=', 'decommissioned')
    const rows = deviceIds
      ? (await Promise.all(slices(deviceIds).map((ids) => base().where('d.id', 'in', ids).execute()))).flat()
      : await base().execute()
    return rows.map((r) => ({
      id: r.id,
      siteId: r.siteId,
      manufacturer: r.manufacturer,
      model: r.model,
      softwareVersion: r.softwareVersion,
      os: [r.os, r.osVersion].filter(Boolean).join(' ') || null,
      catalogModel: r.modelId ? { id: r.modelId, vendor: r.modelVendor ?? '', name: r.modelName ?? '' } : null,
    }))
  }

  async deviceRefs(ids: readonly string[]): Promise<Map<string, VulnDeviceRef>> {
    const out = new Map<string, VulnDeviceRef>()
    for (const part of slices([...new Set(ids)])) {
      const rows = await this.db
        .selectFrom('devices')
        .select([
          'id',
          'assetTag',
          'name',
          'manufacturer',
          'model',
          'softwareVersion',
          'location',
          'department',
          'responsiblePerson',
          'responsibleDepartment',
        ])
        .where('id', 'in', part)
        .execute()
      for (const r of rows)
        out.set(r.id, {
          id: r.id,
          assetTag: r.assetTag,
          name: r.name,
          manufacturer: r.manufacturer,
          model: r.model,
          softwareVersion: r.softwareVersion,
          location: r.location,
          department: r.department,
          owner: r.responsiblePerson ?? r.responsibleDepartment,
        })
    }
    return out
  }

  async resolveStaleFindings(deviceIds: readonly string[] | null, keep: ReadonlySet<string>): Promise<number> {
    if (deviceIds && deviceIds.length === 0) return 0
    const open = deviceIds
      ? (
          await Promise.all(
            slices(deviceIds).map((ids) =>
              this.db
                .selectFrom('findings')
                .select(['id', 'key'])
                .where('source', '=', 'vulnerability')
                .where('status', '=', 'open')
                .where('deviceId', 'in', ids)
                .execute(),
            ),
          )
        ).flat()
      : await this.db
          .selectFrom('findings')
          .select(['id', 'key'])
          .where('source', '=', 'vulnerability')
          .where('status', '=', 'open')
          .execute()
    const stale = open.filter((f) => !keep.has(f.key)).map((f) => f.id)
    let n = 0
    for (const part of slices(stale)) {
      const r = await this.db
        .updateTable('findings')
        .set({
          status: 'fixed',
          statusReason: 'no longer matched: the advisory, the version, a VEX statement or a person ruled it out',
        })
        .where('id', 'in', part)
        .executeTakeFirst()
      n += Number(r.numUpdatedRows)
    }
    return n
  }
}
