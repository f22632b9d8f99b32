import { randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { Exclusion, Finding, Scan, ScanHost, ScanProgress, Scope } from '../../api/discovery.js'
import type { FindingDraft, HostObservation, Identification } from '../core/discovery/observation.js'
import { conflict, notFound } from '../core/errors.js'
import { type Actor, recordAudit } from './audit-repository.js'
import type { Database, FindingTable, ScanHostTable, ScanTable } from './schema.js'

export const EMPTY_PROGRESS: ScanProgress = {
  hostsTotal: 0,
  hostsDone: 0,
  hostsUp: 0,
  portsScanned: 0,
  openPorts: 0,
  probesRun: 0,
  probesPerSecond: 0,
  findings: 0,
  currentHost: null,
  refused: [],
}

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

function toFinding(r: FindingTable): Finding {
  return {
    ...r,
    severity: r.severity as Finding['severity'],
    status: r.status as Finding['status'],
    incomplete: r.incomplete === 1,
  }
}

/** A host as stored, plus the identity and the ledger device it was matched to. */
export interface StoredHost {
  observation: HostObservation
  deviceId: string | null
  identification: Identification | null
}

/** Scopes, exclusions, scans with their hosts/services, and findings from every source. */
export class DiscoveryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  // ── scopes and exclusions ────────────────────────────────────────────────

  async scopes(): Promise<Scope[]> {
    return this.db.selectFrom('scanScopes').selectAll().orderBy('target').execute()
  }

  async addScope(target: string, label: string | null, actor: Actor): Promise<Scope> {
    const existing = await this.db.selectFrom('scanScopes').select('id').where('target', '=', target).executeTakeFirst()
    if (existing)
      throw conflict('SCOPE_EXISTS', {
        en: `The scope ${target} is already approved.`,
        ja: `スコープ ${target} はすでに承認されています。`,
      })
    const row = { id: randomUUID(), target, label, approvedBy: actor.name, approvedAt: new Date().toISOString() }
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('scanScopes').values(row).execute()
      await recordAudit(trx, actor, { action: 'scope.approve', targetType: 'scan_scope', targetId: row.id, after: row })
    })
    return row
  }

  async removeScope(idOrTarget: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('scanScopes')
        .selectAll()
        .where((eb) => eb.or([eb('id', '=', idOrTarget), eb('target', '=', idOrTarget)]))
        .executeTakeFirst()
      if (!row) throw notFound('Scope', idOrTarget, 'スコープ')
      await trx.deleteFrom('scanScopes').where('id', '=', row.id).execute()
      await recordAudit(trx, actor, { action: 'scope.remove', targetType: 'scan_scope', targetId: row.id, before: row })
    })
  }

  async exclusions(): Promise<Exclusion[]> {
    return this.db.selectFrom('scanExclusions').selectAll().orderBy('address').execute()
  }

  async addExclusion(address: string, reason: string | null, actor: Actor): Promise<Exclusion> {
    const existing = await this.db
      .selectFrom('scanExclusions')
      .select('id')
      .where('address', '=', address)
      .executeTakeFirst()
    if (existing)
      throw conflict('EXCLUSION_EXISTS', {
        en: `${address} is already excluded.`,
        ja: `${address} はすでに除外されています。`,
      })
    const row = { id: randomUUID(), address, reason, createdBy: actor.name, createdAt: new Date().toISOString() }
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('scanExclusions').values(row).execute()
      await recordAudit(trx, actor, {
        action: 'exclusion.add',
        targetType: 'scan_exclusion',
        targetId: row.id,
        after: row,
      })
    })
    return row
  }

  async removeExclusion(idOrAddress: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('scanExclusions')
        .selectAll()
        .where((eb) => eb.or([eb('id', '=', idOrAddress), eb('address', '=', idOrAddress)]))
        .executeTakeFirst()
      if (!row) throw notFound('Exclusion', idOrAddress, '除外')
      await trx.deleteFrom('scanExclusions').where('id', '=', row.id).execute()
      await recordAudit(trx, actor, {
        action: 'exclusion.remove',
        targetType: 'scan_exclusion',
        targetId: row.id,
        before: row,
      })
    })
  }

  // ── scans ────────────────────────────────────────────────────────────────

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

  /** Open findings per severity, and how many findings a person has reviewed (accepted or marked fixed). */
  async findingCounts(): Promise<{ open: Record<string, number>; total: number; reviewed: number }> {
    const rows = await this.db
      .selectFrom('findings')
      .select(['severity', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['severity', 'status'])
      .execute()
    const open: Record<string, number> = {}
    let total = 0
    let reviewed = 0
    for (const r of rows) {
      const n = Number(r.n)
      total += n
      if (r.status === 'open') open[r.severity] = (open[r.severity] ?? 0) + n
      else reviewed += n
    }
    return { open, total, reviewed }
  }

  // ── findings ─────────────────────────────────────────────────────────────

  /**
   * Inserts new findings and refreshes ones seen before (same source + key), so a re-scan updates instead of
   * duplicating. A finding someone accepted stays accepted; a "fixed" one that reappears is reopened.
   */
  async upsertFindings(
    source: string,
    scanId: string | null,
    items: { key: string; draft: FindingDraft; deviceId: string | null; siteId: string }[],
  ): Promise<{ created: number; updated: number }> {
    const now = new Date().toISOString()
    let created = 0
    let updated = 0
    await this.db.transaction().execute(async (trx) => {
      for (const { key, draft, deviceId, siteId } of items) {
        const existing = await trx
          .selectFrom('findings')
          .select(['id', 'status'])
          .where('source', '=', source)
          .where('key', '=', key)
          .executeTakeFirst()
        const text = {
          severity: draft.severity,
          titleJa: draft.titleJa,
          titleEn: draft.titleEn,
          detailJa: draft.detailJa,
          detailEn: draft.detailEn,
          recommendationJa: draft.recommendationJa,
          recommendationEn: draft.recommendationEn,
          evidence: draft.evidence,
          incomplete: draft.incomplete ? 1 : 0,
        }
        if (existing) {
          updated++
          await trx
            .updateTable('findings')
            .set({
              ...text,
              deviceId,
              lastSeenAt: now,
              lastScanId: scanId,
              status: existing.status === 'fixed' ? 'open' : existing.status,
            })
            .where('id', '=', existing.id)
            .execute()
        } else {
          created++
          await trx
            .insertInto('findings')
            .values({
              id: randomUUID(),
              source,
              key,
              siteId,
              deviceId,
              address: draft.address,
              port: draft.port,
              ruleId: draft.ruleId,
              ...text,
              status: 'open',
              statusReason: null,
              statusExpiresAt: null,
              firstSeenAt: now,
              lastSeenAt: now,
              lastScanId: scanId,
            })
            .execute()
        }
      }
    })
    return { created, updated }
  }

  /**
   * Open findings of `source` on these fully scanned addresses that this scan did not observe again become
   * "fixed" — only for ports the scan covered (a port-80-only scan says nothing about Telnet on 23).
   */
  async resolveUnseen(
    source: string,
    scanId: string,
    addresses: string[],
    coveredPorts: ReadonlySet<number>,
  ): Promise<number> {
    let n = 0
    for (let i = 0; i < addresses.length; i += 500) {
      const stale = await this.db
        .selectFrom('findings')
        .select(['id', 'port'])
        .where('source', '=', source)
        .where('status', '=', 'open')
        .where('address', 'in', addresses.slice(i, i + 500))
        .where((eb) => eb.or([eb('lastScanId', '!=', scanId), eb('lastScanId', 'is', null)]))
        .execute()
      const ids = stale.filter((f) => f.port === null || coveredPorts.has(f.port)).map((f) => f.id)
      if (ids.length === 0) continue
      const r = await this.db
        .updateTable('findings')
        .set({ status: 'fixed', statusReason: `not observed again by scan ${scanId}` })
        .where('id', 'in', ids)
        .executeTakeFirst()
      n += Number(r.numUpdatedRows)
    }
    return n
  }

  async findings(q: {
    severity?: string
    status?: string
    deviceId?: string
    scanId?: string
    address?: string
    ruleId?: string
    limit: number
    offset: number
  }): Promise<{ items: Finding[]; total: number }> {
    let base = this.db.selectFrom('findings')
    if (q.severity) base = base.where('findings.severity', '=', q.severity)
    if (q.status) base = base.where('findings.status', '=', q.status)
    if (q.deviceId) base = base.where('findings.deviceId', '=', q.deviceId)
    if (q.scanId) base = base.where('findings.lastScanId', '=', q.scanId)
    if (q.address) base = base.where('findings.address', '=', q.address)
    if (q.ruleId) base = base.where('findings.ruleId', '=', q.ruleId)
    const [rows, count] = await Promise.all([
      base
        .leftJoin('devices', 'devices.id', 'findings.deviceId')
        .selectAll('findings')
        .select([
          'devices.assetTag as deviceAssetTag',
          'devices.name as deviceName',
          'devices.department as deviceDepartment',
          'devices.id as joinedDeviceId',
        ])
        // Most severe first, then most recently seen; in SQL so that paging stays stable.
        .orderBy(
          sql`case findings.severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`,
        )
        .orderBy('findings.lastSeenAt', 'desc')
        .orderBy('findings.id')
        .limit(q.limit)
        .offset(q.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return {
      items: rows.map(({ deviceAssetTag, deviceName, deviceDepartment, joinedDeviceId, ...r }) => ({
        ...toFinding(r),
        device: joinedDeviceId
          ? { id: joinedDeviceId, assetTag: deviceAssetTag, name: deviceName, department: deviceDepartment }
          : null,
      })),
      total: Number(count.n),
    }
  }

  async updateFinding(
    id: string,
    set: { status: Finding['status']; reason?: string; expiresAt?: string },
    actor: Actor,
  ): Promise<Finding> {
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst()
      if (!before) throw notFound('Finding', id, '検出事項')
      await trx
        .updateTable('findings')
        .set({ status: set.status, statusReason: set.reason ?? null, statusExpiresAt: set.expiresAt ?? null })
        .where('id', '=', id)
        .execute()
      const after = await trx.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      await recordAudit(trx, actor, {
        action: 'finding.update',
        targetType: 'finding',
        targetId: id,
        before: { status: before.status, reason: before.statusReason },
        after: { status: after.status, reason: after.statusReason, expiresAt: after.statusExpiresAt },
      })
      return toFinding(after)
    })
  }
}
