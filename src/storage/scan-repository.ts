import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { EMPTY_SCAN_PROGRESS, type Scan, type ScanHost, type ScanProgress } from '../../api/discovery.js'
import { notFound } from '../core/errors.js'
import type { StoredHost } from '../core/ports.js'
import { type Actor, recordAudit } from './audit-repository.js'
import type { Database, ScanHostTable, ScanTable } from './schema.js'

export const EMPTY_PROGRESS: ScanProgress = EMPTY_SCAN_PROGRESS

function toScan(r: ScanTable): Scan {
  return {
    id: r.id,
    status: r.status as Scan['status'],
    profile: r.profile as Scan['profile'],
    targets: JSON.parse(r.targets),
    portSpec: r.portSpec,
    requestedBy: r.requestedBy,
    scheduleId: r.scheduleId,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    progress: { ...EMPTY_PROGRESS, ...JSON.parse(r.progress) },
    error: r.error,
  }
}

export type { StoredHost } from '../core/ports.js'

/** Scans, with the hosts and services each one saw. */
export class ScanRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async createScan(
    input: { targets: string[]; profile: string; portSpec: string | null; scheduleId?: string | null },
    actor: Actor,
  ): Promise<Scan> {
    const row: ScanTable = {
      id: randomUUID(),
      status: 'queued',
      profile: input.profile,
      targets: JSON.stringify(input.targets),
      portSpec: input.portSpec,
      requestedBy: actor.name,
      scheduleId: input.scheduleId ?? null,
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      progress: JSON.stringify(EMPTY_PROGRESS),
      error: null,
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('scans').values(row).execute()
      await recordAudit(trx, actor, {
        action: 'scan.start',
        targetType: 'scan',
        targetId: row.id,
        after: { targets: input.targets, profile: input.profile, ports: input.portSpec },
      })
    })
    return toScan(row)
  }

  async scan(id: string): Promise<Scan> {
    const r = await this.db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst()
    if (!r) throw notFound('Scan', id, 'スキャン')
    return toScan(r)
  }

  async scans(limit = 50): Promise<Scan[]> {
    return (await this.db.selectFrom('scans').selectAll().orderBy('createdAt', 'desc').limit(limit).execute()).map(
      toScan,
    )
  }

  async setScanState(
    id: string,
    set: {
      status?: Scan['status']
      progress?: ScanProgress
      startedAt?: string
      finishedAt?: string
      error?: string | null
    },
  ): Promise<void> {
    await this.db
      .updateTable('scans')
      .set({ ...set, progress: set.progress ? JSON.stringify(set.progress) : undefined })
      .where('id', '=', id)
      .execute()
  }

  /** Asks a running scan to stop; the process running it polls for this (works across CLI, API and UI). */
  async requestStop(id: string, actor: Actor): Promise<Scan> {
    const s = await this.scan(id)
    if (s.status === 'running' || s.status === 'queued') {
      await this.db.transaction().execute(async (trx) => {
        await trx.updateTable('scans').set({ status: 'stopping' }).where('id', '=', id).execute()
        await recordAudit(trx, actor, { action: 'scan.stop', targetType: 'scan', targetId: id })
      })
    }
    return this.scan(id)
  }

  async scanStatus(id: string): Promise<Scan['status'] | null> {
    const r = await this.db.selectFrom('scans').select('status').where('id', '=', id).executeTakeFirst()
    return r ? (r.status as Scan['status']) : null
  }

  /** Stores what one scan saw: hosts and their services, in one transaction. */
  async saveHosts(scanId: string, hosts: StoredHost[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>()
    await this.db.transaction().execute(async (trx) => {
      for (const h of hosts) {
        const hostRow: ScanHostTable = {
          id: randomUUID(),
          scanId,
          address: h.observation.address,
          mac: h.observation.mac,
          hostname: h.observation.hostname,
          state: h.observation.state,
          deviceId: h.deviceId,
          identification: h.identification ? JSON.stringify(h.identification) : null,
          complete: h.observation.complete ? 1 : 0,
        }
        ids.set(h.observation.address, hostRow.id)
        await trx.insertInto('scanHosts').values(hostRow).execute()
        const services = h.observation.services.map((s) => ({
          id: randomUUID(),
          scanHostId: hostRow.id,
          scanId,
          port: s.port,
          transport: s.transport,
          state: s.state,
          service: s.service,
          banner: s.banner,
          facts: JSON.stringify(s.probes),
        }))
        for (let i = 0; i < services.length; i += 200)
          await trx
            .insertInto('scanServices')
            .values(services.slice(i, i + 200))
            .execute()
      }
    })
    return ids
  }

  async hosts(scanId: string): Promise<ScanHost[]> {
    const hosts = await this.db
      .selectFrom('scanHosts')
      .selectAll()
      .where('scanId', '=', scanId)
      .orderBy('address')
      .execute()
    const services = await this.db
      .selectFrom('scanServices')
      .selectAll()
      .where('scanId', '=', scanId)
      .orderBy('port')
      .execute()
    const byHost = new Map<string, ScanHost['services']>()
    for (const s of services) {
      const list = byHost.get(s.scanHostId) ?? []
      list.push({
        port: s.port,
        transport: s.transport as 'tcp' | 'udp',
        state: s.state,
        service: s.service,
        banner: s.banner,
        facts: s.facts ? JSON.parse(s.facts) : null,
      })
      byHost.set(s.scanHostId, list)
    }
    return hosts.map((h) => ({
      id: h.id,
      scanId: h.scanId,
      address: h.address,
      mac: h.mac,
      hostname: h.hostname,
      state: h.state,
      deviceId: h.deviceId,
      complete: h.complete === 1,
      identification: h.identification ? JSON.parse(h.identification) : null,
      services: byHost.get(h.id) ?? [],
    }))
  }

  async host(hostId: string): Promise<ScanHost> {
    const h = await this.db.selectFrom('scanHosts').select('scanId').where('id', '=', hostId).executeTakeFirst()
    if (!h) throw notFound('Discovered host', hostId, '発見したホスト')
    return (await this.hosts(h.scanId)).find((x) => x.id === hostId)!
  }

  async linkHost(hostId: string, deviceId: string): Promise<void> {
    const r = await this.db.updateTable('scanHosts').set({ deviceId }).where('id', '=', hostId).executeTakeFirst()
    if (Number(r.numUpdatedRows) === 0) throw notFound('Scan host', hostId)
  }

  /** The latest finished scan before `scanId` whose targets are the same (for drift). */
  async previousScan(scan: Scan): Promise<Scan | null> {
    const rows = await this.db
      .selectFrom('scans')
      .selectAll()
      .where('createdAt', '<', scan.createdAt)
      .where('status', 'in', ['completed', 'stopped'])
      .where('targets', '=', JSON.stringify(scan.targets))
      .orderBy('createdAt', 'desc')
      .limit(1)
      .execute()
    return rows[0] ? toScan(rows[0]) : null
  }

  async latestFinishedScan(): Promise<Scan | null> {
    const r = await this.db
      .selectFrom('scans')
      .selectAll()
      .where('status', 'in', ['completed', 'stopped'])
      .orderBy('createdAt', 'desc')
      .limit(1)
      .executeTakeFirst()
    return r ? toScan(r) : null
  }

  /** How many finished scans (completed or stopped) there are: the dashboard's "scan run" step. */
  async finishedScanCount(): Promise<number> {
    const r = await this.db
      .selectFrom('scans')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['completed', 'stopped'])
      .executeTakeFirstOrThrow()
    return Number(r.n)
  }

  /**
   * The latest finished scan that saw this device up (linked to it, or at one of its addresses), with the ports
   * it found open there; null when no scan has seen it.
   */
  async lastSeen(
    deviceId: string,
    addresses: readonly string[],
  ): Promise<{
    scanId: string
    at: string
    address: string
    openPorts: { port: number; transport: string; service: string | null }[]
  } | null> {
    const host = await this.db
      .selectFrom('scanHosts')
      .innerJoin('scans', 'scans.id', 'scanHosts.scanId')
      .select(['scanHosts.id', 'scanHosts.scanId', 'scanHosts.address', 'scans.finishedAt', 'scans.createdAt'])
      .where('scanHosts.state', '=', 'up')
      .where('scans.status', 'in', ['completed', 'stopped'])
      .where((eb) =>
        addresses.length > 0
          ? eb.or([eb('scanHosts.deviceId', '=', deviceId), eb('scanHosts.address', 'in', [...addresses])])
          : eb('scanHosts.deviceId', '=', deviceId),
      )
      .orderBy('scans.createdAt', 'desc')
      .limit(1)
      .executeTakeFirst()
    if (!host) return null
    const services = await this.db
      .selectFrom('scanServices')
      .select(['port', 'transport', 'service'])
      .where('scanHostId', '=', host.id)
      .where('state', '=', 'open')
      .orderBy('port')
      .execute()
    return {
      scanId: host.scanId,
      at: host.finishedAt ?? host.createdAt,
      address: host.address,
      openPorts: services,
    }
  }
}
