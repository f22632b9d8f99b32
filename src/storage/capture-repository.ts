import { type Kysely, sql } from 'kysely'
import type { CaptureImport, CaptureProblemView, PassiveHostView, TrafficEdge } from '../../api/capture.js'
import type { Actor } from '../core/ports.js'
import type { CaptureFinish, CapturePorts, CaptureStart, CaptureStore, MapDevice } from '../core/traffic/store.js'
import { isExternal } from '../passive/analyze/addresses.js'
import { recordAudit } from './audit-repository.js'
import type { Database } from './schema.js'
import type { CaptureHostTable, CaptureImportTable, TrafficEdgeTable } from './schema-capture.js'

/** Rows per INSERT (PostgreSQL allows 65,535 parameters; an edge has 12). */
const BATCH = 500

const json = <T>(s: string | null, fallback: T): T => {
  if (!s) return fallback
  try {
    return JSON.parse(s) as T
  } catch {
    return fallback
  }
}

/** A JSON list column, as text (SQLite) or already parsed (PostgreSQL json). */
function listOf(v: unknown): string[] {
  const list = typeof v === 'string' ? json<unknown>(v, []) : v
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []
}

function toCapture(r: CaptureImportTable): CaptureImport {
  return {
    id: r.id,
    kind: r.kind as CaptureImport['kind'],
    label: r.label,
    status: r.status as CaptureImport['status'],
    format: (r.format as CaptureImport['format']) ?? null,
    gzip: Number(r.gzip) === 1,
    fileBytes: Number(r.fileBytes),
    bytesRead: Number(r.bytesRead),
    packets: Number(r.packets),
    linkTypes: json<number[]>(r.linkTypes, []),
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    hosts: Number(r.hosts),
    conversations: Number(r.conversations),
    findings: Number(r.findings),
    problemCounts: json<Record<string, number>>(r.problemCounts, {}),
    problems: json<CaptureProblemView[]>(r.problems, []),
    scanId: r.scanId,
    jobId: r.jobId,
    error: r.error,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    finishedAt: r.finishedAt,
  }
}

function toHost(r: CaptureHostTable, assetTags: Map<string, string | null>): PassiveHostView {
  return {
    address: r.address,
    mac: r.mac,
    vendor: r.vendor,
    names: json(r.names, []),
    protocols: json(r.protocols, []),
    services: json(r.services, []),
    identification: json(r.identification, null),
    deviceId: r.deviceId,
    assetTag: r.deviceId ? (assetTags.get(r.deviceId) ?? null) : null,
    external: Number(r.external) === 1,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    bytesSent: Number(r.bytesSent),
    bytesReceived: Number(r.bytesReceived),
  }
}

function toEdge(r: TrafficEdgeTable): TrafficEdge {
  return {
    client: r.client,
    server: r.server,
    transport: r.transport as TrafficEdge['transport'],
    serverPort: Number(r.serverPort),
    protocol: r.protocol,
    packets: Number(r.packets),
    bytes: Number(r.bytes),
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    clientDeviceId: r.clientDeviceId,
    serverDeviceId: r.serverDeviceId,
  }
}

/** Passive discovery's storage (ADR 0044): captures, heard hosts, the map; each change with its audit entry. */
export class CaptureRepository implements CaptureStore {
  constructor(private readonly db: Kysely<Database>) {}

  async createCapture(s: CaptureStart, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('captureImports')
        .values({
          id: s.id,
          kind: s.kind,
          label: s.label,
          status: 'running',
          format: null,
          gzip: 0,
          fileBytes: s.fileBytes,
          bytesRead: 0,
          packets: 0,
          linkTypes: '[]',
          firstSeen: null,
          lastSeen: null,
          hosts: 0,
          conversations: 0,
          findings: 0,
          problemCounts: '{}',
          problems: '[]',
          scanId: null,
          jobId: null,
          error: null,
          createdAt: s.createdAt,
          createdBy: s.createdBy,
          finishedAt: null,
        })
        .execute()
      await recordAudit(trx, actor, {
        action: 'capture.start',
        targetType: 'capture',
        targetId: s.id,
        after: { kind: s.kind, label: s.label, fileBytes: s.fileBytes },
      })
    })
  }

  async setCaptureJob(id: string, jobId: string): Promise<void> {
    await this.db.updateTable('captureImports').set({ jobId }).where('id', '=', id).execute()
  }

  async finishCapture(id: string, f: CaptureFinish, actor: Actor, audit: Record<string, unknown>): Promise<void> {
    const s = f.summary
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('captureImports')
        .set({
          status: s.status,
          format: s.format,
          gzip: s.gzip ? 1 : 0,
          bytesRead: s.bytesRead,
          packets: s.packets,
          linkTypes: JSON.stringify(s.linkTypes),
          firstSeen: s.firstSeen,
          lastSeen: s.lastSeen,
          hosts: s.hosts,
          conversations: s.conversations,
          findings: s.findings,
          problemCounts: JSON.stringify(s.problemCounts),
          problems: JSON.stringify(s.problems),
          scanId: s.scanId,
          error: s.error,
          finishedAt: s.finishedAt,
        })
        .where('id', '=', id)
        .execute()
      for (let i = 0; i < f.hosts.length; i += BATCH) {
        await trx
          .insertInto('captureHosts')
          .values(
            f.hosts.slice(i, i + BATCH).map((h) => ({
              captureId: id,
              address: h.address,
              mac: h.mac,
              vendor: h.vendor,
              names: JSON.stringify(h.names),
              protocols: JSON.stringify(h.protocols),
              services: JSON.stringify(h.services),
              identification: h.identification ? JSON.stringify(h.identification) : null,
              deviceId: h.deviceId,
              external: h.external ? 1 : 0,
              firstSeen: h.firstSeen,
              lastSeen: h.lastSeen,
              // Counters are whole numbers (PostgreSQL's bigint refuses anything else).
              bytesSent: Math.round(h.bytesSent),
              bytesReceived: Math.round(h.bytesReceived),
            })),
          )
          .execute()
      }
      // The map is a sum over every capture: an edge seen again adds its counters and widens its time range.
      for (let i = 0; i < f.edges.length; i += BATCH) {
        await trx
          .insertInto('trafficEdges')
          .values(
            f.edges.slice(i, i + BATCH).map((e) => ({
              client: e.client,
              server: e.server,
              transport: e.transport,
              serverPort: e.serverPort,
              protocol: e.protocol,
              packets: Math.round(e.packets),
              bytes: Math.round(e.bytes),
              firstSeen: e.firstSeen,
              lastSeen: e.lastSeen,
              clientDeviceId: e.clientDeviceId,
              serverDeviceId: e.serverDeviceId,
              external: isExternal(e.client) || isExternal(e.server) ? 1 : 0,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['client', 'server', 'transport', 'serverPort']).doUpdateSet((eb) => ({
              packets: sql`${eb.ref('trafficEdges.packets')} + ${eb.ref('excluded.packets')}`,
              bytes: sql`${eb.ref('trafficEdges.bytes')} + ${eb.ref('excluded.bytes')}`,
              firstSeen: sql`CASE WHEN ${eb.ref('excluded.firstSeen')} < ${eb.ref('trafficEdges.firstSeen')} THEN ${eb.ref('excluded.firstSeen')} ELSE ${eb.ref('trafficEdges.firstSeen')} END`,
              lastSeen: sql`CASE WHEN ${eb.ref('excluded.lastSeen')} > ${eb.ref('trafficEdges.lastSeen')} THEN ${eb.ref('excluded.lastSeen')} ELSE ${eb.ref('trafficEdges.lastSeen')} END`,
              protocol: sql`COALESCE(${eb.ref('excluded.protocol')}, ${eb.ref('trafficEdges.protocol')})`,
              clientDeviceId: sql`COALESCE(${eb.ref('excluded.clientDeviceId')}, ${eb.ref('trafficEdges.clientDeviceId')})`,
              serverDeviceId: sql`COALESCE(${eb.ref('excluded.serverDeviceId')}, ${eb.ref('trafficEdges.serverDeviceId')})`,
            })),
          )
          .execute()
      }
      await recordAudit(trx, actor, { action: 'capture.import', targetType: 'capture', targetId: id, after: audit })
    })
  }

  async abandonCapture(id: string, status: 'failed' | 'cancelled', error: string | null, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('captureImports')
        .set({ status, error, finishedAt: new Date().toISOString() })
        .where('id', '=', id)
        .execute()
      await recordAudit(trx, actor, {
        action: status === 'failed' ? 'capture.fail' : 'capture.cancel',
        targetType: 'capture',
        targetId: id,
        after: { error },
      })
    })
  }

  async listCaptures(limit: number): Promise<CaptureImport[]> {
    const rows = await this.db
      .selectFrom('captureImports')
      .selectAll()
      .orderBy('createdAt', 'desc')
      .limit(limit)
      .execute()
    return rows.map(toCapture)
  }

  async getCapture(id: string): Promise<CaptureImport | null> {
    const r = await this.db.selectFrom('captureImports').selectAll().where('id', '=', id).executeTakeFirst()
    return r ? toCapture(r) : null
  }

  async captureHosts(id: string): Promise<PassiveHostView[]> {
    const rows = await this.db.selectFrom('captureHosts').selectAll().where('captureId', '=', id).execute()
    const ids = [...new Set(rows.map((r) => r.deviceId).filter((x): x is string => x !== null))]
    const tags = new Map<string, string | null>()
    for (let i = 0; i < ids.length; i += BATCH)
      for (const d of await this.db
        .selectFrom('devices')
        .select(['id', 'assetTag'])
        .where('id', 'in', ids.slice(i, i + BATCH))
        .execute())
        tags.set(d.id, d.assetTag)
    return rows.map((r) => toHost(r, tags))
  }

  async trafficEdges(q: { addresses?: string[]; limit: number }): Promise<{ edges: TrafficEdge[]; total: number }> {
    let base = this.db.selectFrom('trafficEdges')
    if (q.addresses) {
      const list = q.addresses.length ? q.addresses : ['']
      base = base.where((eb) => eb.or([eb('client', 'in', list), eb('server', 'in', list)]))
    }
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0)
    const rows = await base
      .selectAll()
      .orderBy('bytes', 'desc')
      .orderBy('client')
      .orderBy('server')
      .limit(q.limit)
      .execute()
    return { edges: rows.map(toEdge), total }
  }

  async mapDevices(): Promise<MapDevice[]> {
    const rows = await this.db
      .selectFrom('devices')
      .select(['id', 'assetTag', 'name', 'category', 'networkSegment', 'ipAddresses'])
      .where('status', '!=', 'decommissioned')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      assetTag: r.assetTag,
      name: r.name,
      category: r.category,
      segment: r.networkSegment,
      addresses: listOf(r.ipAddresses),
    }))
  }

  async internetTraffic(): Promise<{ heard: Set<string>; external: Set<string> }> {
    const heard = new Set<string>()
    const external = new Set<string>()
    for (const r of await this.db
      .selectFrom('captureHosts')
      .select('deviceId')
      .distinct()
      .where('deviceId', 'is not', null)
      .execute())
      heard.add(r.deviceId as string)
    for (const r of await this.db
      .selectFrom('trafficEdges')
      .select(['clientDeviceId', 'serverDeviceId'])
      .where('external', '=', 1)
      .execute()) {
      if (r.clientDeviceId) external.add(r.clientDeviceId)
      if (r.serverDeviceId) external.add(r.serverDeviceId)
    }
    return { heard, external }
  }
}

export function captureStoragePorts(db: Kysely<Database>): CapturePorts {
  return { captureStore: new CaptureRepository(db) }
}
