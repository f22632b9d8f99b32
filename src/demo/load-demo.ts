import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DeviceFields } from '../../api/device.js'
import { MamoriError } from '../core/errors.js'
import { type Actor, recordAudit } from '../storage/audit-repository.js'
import { DeviceRepository } from '../storage/device-repository.js'
import { addressRowsOf, fromDeviceRow, toDeviceRow } from '../storage/device-rows.js'
import type { Database } from '../storage/schema.js'
import { DEMO_SITE, demoHospital } from './hospital.js'
import type { DemoDeviceView } from './observations.js'

/** What `loadDemo` did, for the CLI's summary and `--json`. */
export interface DemoLoadResult {
  site: { id: string; name: string }
  created: number
  /** Devices deleted first (only with `reset`). */
  removed: number
  byKind: Record<string, number>
  byDepartment: Record<string, number>
}

export interface DemoLoadOptions {
  actor: Actor
  /** Replace whatever the ledger holds. Without it, a non-empty ledger is refused. */
  reset?: boolean
  /** Defaults to the demo hospital; tests pass a smaller list. */
  devices?: DeviceFields[]
}

const countBy = (items: DeviceFields[], key: (d: DeviceFields) => string) => {
  const out: Record<string, number> = {}
  for (const d of items) out[key(d)] = (out[key(d)] ?? 0) + 1
  return out
}

/**
 * Loads みなと総合病院 into the ledger in one transaction: either every device is there with its audit entries, or
 * nothing changed. Refuses (`DEMO_LEDGER_NOT_EMPTY`, 409) when devices exist, so a real ledger is never mixed with
 * fiction; with `reset` the existing devices are deleted first, inside the same transaction.
 *
 * Each device gets a `device.create` audit entry (its history starts somewhere), and the load as a whole one
 * `demo.load` entry with the counts.
 */
export async function loadDemo(db: Kysely<Database>, opts: DemoLoadOptions): Promise<DemoLoadResult> {
  const devices = opts.devices ?? demoHospital()
  return db.transaction().execute(async (trx) => {
    const existing = Number(
      (
        await trx
          .selectFrom('devices')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    if (existing > 0 && !opts.reset) {
      throw MamoriError.of('DEMO_LEDGER_NOT_EMPTY', { count: existing })
    }
    if (existing > 0) {
      // Scan results and findings keep their history but lose the link to the deleted devices.
      await trx.updateTable('scanHosts').set({ deviceId: null }).where('deviceId', 'is not', null).execute()
      await trx.updateTable('findings').set({ deviceId: null }).where('deviceId', 'is not', null).execute()
      await trx.deleteFrom('deviceAddresses').execute()
      await trx.deleteFrom('devices').execute()
      await recordAudit(trx, opts.actor, { action: 'demo.reset', targetType: 'device', before: { devices: existing } })
    }
    const now = new Date().toISOString()
    const by = opts.actor.name
    const rows = devices.map((f) =>
      toDeviceRow(f, { id: randomUUID(), version: 1, createdAt: now, createdBy: by, updatedAt: now, updatedBy: by }),
    )
    for (const siteId of new Set(devices.map((d) => d.siteId))) {
      const name = siteId === DEMO_SITE.id ? DEMO_SITE.name : siteId
      await new DeviceRepository(trx).ensureSite(siteId, name)
    }
    // Chunks keep each statement under SQLite's bound-parameter limit (about 40 columns per row).
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('devices')
        .values(rows.slice(i, i + 200))
        .execute()
    const addresses = rows.flatMap((r, i) => addressRowsOf(r.id, devices[i]!))
    for (let i = 0; i < addresses.length; i += 300) {
      await trx
        .insertInto('deviceAddresses')
        .values(addresses.slice(i, i + 300))
        .execute()
    }
    await recordAudit(
      trx,
      opts.actor,
      rows.map((r) => ({ action: 'device.create', targetType: 'device', targetId: r.id, after: fromDeviceRow(r) })),
    )
    const result: DemoLoadResult = {
      site: { ...DEMO_SITE },
      created: rows.length,
      removed: existing,
      byKind: countBy(devices, (d) => d.kind),
      byDepartment: countBy(devices, (d) => d.department ?? '—'),
    }
    await recordAudit(trx, opts.actor, {
      action: 'demo.load',
      targetType: 'site',
      targetId: DEMO_SITE.id,
      after: { created: result.created, removed: result.removed, byKind: result.byKind },
    })
    return result
  })
}

/** The demo ledger as the demo scan reads it (src/demo/observations.ts). */
export async function demoDeviceViews(db: Kysely<Database>): Promise<DemoDeviceView[]> {
  const rows = await db
    .selectFrom('devices')
    .select(['id', 'assetTag', 'category', 'kind', 'os', 'ipAddresses', 'neverScan', 'status'])
    .where('siteId', '=', DEMO_SITE.id)
    .execute()
  return rows.map((r) => ({
    ...r,
    ipAddresses: (typeof r.ipAddresses === 'string' ? JSON.parse(r.ipAddresses) : r.ipAddresses) as string[],
    neverScan: Boolean(r.neverScan),
  }))
}
