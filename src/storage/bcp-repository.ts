import { randomUUID } from 'node:crypto'
import { type Kysely, sql, type Transaction } from 'kysely'
import type { NodeKind, OutsideParty, ServiceCriticality } from '../../api/bcp.js'
import type {
  BcpPorts,
  BcpStore,
  DepRow,
  GraphDeviceRow,
  PartyFields,
  PlanDeviceRow,
  PlanFields,
  PlanRow,
  ServiceFields,
  ServiceRow,
} from '../core/bcp/store.js'
import { MamoriError, notFound } from '../core/errors.js'
import type { Actor } from '../core/ports.js'
import { recordAudit } from './audit-repository.js'
import type { Database } from './schema.js'
import type { BcpDependencyTable, BcpPartyTable, BcpServiceTable } from './schema-bcp.js'

type Db = Kysely<Database> | Transaction<Database>

const CHUNK = 500
const chunks = <T>(xs: readonly T[]) =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK))

function strings(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json)
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

const depOf = (r: BcpDependencyTable): DepRow => ({
  target: { kind: r.targetKind as NodeKind, id: r.targetId },
  strength: r.strength === 'soft' ? 'soft' : 'hard',
  note: r.note,
})

const toParty = (r: BcpPartyTable): OutsideParty => ({
  id: r.id,
  name: r.name,
  kind: r.kind as OutsideParty['kind'],
  contact24h: r.contact24h,
  email: r.email,
  notes: r.notes,
  updatedAt: r.updatedAt,
})

const serviceCols = (f: ServiceFields) => ({
  name: f.name,
  nameEn: f.nameEn,
  description: f.description,
  department: f.department,
  criticality: f.criticality,
  owner: f.owner,
  decider: f.decider,
  maxDowntimeMinutes: f.maxDowntimeMinutes,
  fallbackJa: f.fallbackJa,
  fallbackEn: f.fallbackEn,
  seedKey: f.seedKey,
})

function toService(r: BcpServiceTable, deps: DepRow[]): ServiceRow {
  return {
    id: r.id,
    name: r.name,
    nameEn: r.nameEn,
    description: r.description,
    department: r.department,
    criticality: r.criticality as ServiceCriticality,
    owner: r.owner,
    decider: r.decider,
    maxDowntimeMinutes: r.maxDowntimeMinutes === null ? null : Number(r.maxDowntimeMinutes),
    fallbackJa: r.fallbackJa,
    fallbackEn: r.fallbackEn,
    seedKey: r.seedKey,
    dependencies: deps,
    version: Number(r.version),
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  }
}

async function bump(db: Db): Promise<void> {
  await db.updateTable('bcpState').set({ version: sql`version + 1` }).where('id', '=', 1).execute()
}

async function writeDeps(db: Db, kind: 'service' | 'device', id: string, deps: readonly DepRow[]): Promise<void> {
  await db.deleteFrom('bcpDependencies').where('sourceKind', '=', kind).where('sourceId', '=', id).execute()
  // One row per target (the primary key): the first mention wins.
  const seen = new Set<string>()
  const rows = []
  for (const [i, d] of deps.entries()) {
    const k = `${d.target.kind}:${d.target.id}`
    if (seen.has(k)) continue
    seen.add(k)
    rows.push({
      sourceKind: kind,
      sourceId: id,
      targetKind: d.target.kind,
      targetId: d.target.id,
      strength: d.strength,
      note: d.note,
      sortOrder: i,
    })
  }
  for (const c of chunks(rows)) await db.insertInto('bcpDependencies').values(c).execute()
}

const planCols = (f: PlanFields, at: string, by: string | null) => ({
  isolationJa: f.isolationJa,
  isolationEn: f.isolationEn,
  recoveryStepsJa: JSON.stringify(f.recoveryStepsJa),
  recoveryStepsEn: JSON.stringify(f.recoveryStepsEn),
  validationJa: JSON.stringify(f.validationJa),
  validationEn: JSON.stringify(f.validationEn),
  manufacturerContact24h: f.manufacturerContact24h,
  backupNote: f.backupNote,
  updatedAt: at,
  updatedBy: by,
})

class BcpRepository implements BcpStore {
  constructor(private readonly db: Kysely<Database>) {}

  async versions() {
    const [l, p] = await Promise.all([
      this.db.selectFrom('ledgerVersion').select('version').where('id', '=', 1).executeTakeFirst(),
      this.db.selectFrom('bcpState').select('version').where('id', '=', 1).executeTakeFirst(),
    ])
    return { ledger: Number(l?.version ?? 0), plan: Number(p?.version ?? 0) }
  }

  async graphRows() {
    const [devices, services, deps, parties, plans] = await Promise.all([
      this.db
        .selectFrom('devices')
        .select(['id', 'assetTag', 'name', 'networkSegment as segment', 'status', 'category', 'department', 'model'])
        .execute(),
      this.db.selectFrom('bcpServices').selectAll().orderBy('name').execute(),
      this.db.selectFrom('bcpDependencies').selectAll().orderBy('sourceId').orderBy('sortOrder').execute(),
      this.db.selectFrom('bcpParties').selectAll().orderBy('name').execute(),
      this.db.selectFrom('bcpDevicePlans').select('deviceId').execute(),
    ])
    const bySvc = new Map<string, DepRow[]>()
    const deviceEdges: { deviceId: string; dep: DepRow }[] = []
    for (const d of deps) {
      if (d.sourceKind === 'device') deviceEdges.push({ deviceId: d.sourceId, dep: depOf(d) })
      else {
        let l = bySvc.get(d.sourceId)
        if (!l) {
          l = []
          bySvc.set(d.sourceId, l)
        }
        l.push(depOf(d))
      }
    }
    return {
      devices: devices as GraphDeviceRow[],
      services: services.map((s) => toService(s, bySvc.get(s.id) ?? [])),
      parties: parties.map(toParty),
      deviceEdges,
      plannedIds: plans.map((p) => p.deviceId),
    }
  }

  async createService(f: ServiceFields, actor: Actor, at: string) {
    const id = randomUUID()
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('bcpServices')
        .values({ id, ...serviceCols(f), version: 1, createdAt: at, updatedAt: at, updatedBy: actor.name })
        .execute()
      await writeDeps(tx, 'service', id, f.dependencies)
      await bump(tx)
      await recordAudit(tx, actor, {
        action: 'bcp.service.create',
        targetType: 'bcp_service',
        targetId: id,
        after: { ...serviceCols(f), dependencies: f.dependencies.length },
      })
    })
    return id
  }

  async updateService(id: string, f: ServiceFields, version: number | undefined, actor: Actor, at: string) {
    await this.db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('bcpServices').selectAll().where('id', '=', id).executeTakeFirst()
      if (!before) throw notFound('Clinical service', id, '診療サービス')
      const current = Number(before.version)
      if (version !== undefined && version !== current)
        throw MamoriError.of('BCP_VERSION_CONFLICT', { seen: version, current })
      const r = await tx
        .updateTable('bcpServices')
        .set({ ...serviceCols(f), version: current + 1, updatedAt: at, updatedBy: actor.name })
        .where('id', '=', id)
        .where('version', '=', current)
        .executeTakeFirst()
      if (Number(r.numUpdatedRows) !== 1)
        throw MamoriError.of('BCP_VERSION_CONFLICT', { seen: version ?? current, current: current + 1 })
      await writeDeps(tx, 'service', id, f.dependencies)
      await bump(tx)
      const { id: _i, version: _v, createdAt: _c, updatedAt: _u, updatedBy: _b, ...was } = before
      await recordAudit(tx, actor, {
        action: 'bcp.service.update',
        targetType: 'bcp_service',
        targetId: id,
        before: was,
        after: { ...serviceCols(f), dependencies: f.dependencies.length },
      })
    })
  }

  async deleteService(id: string, actor: Actor, _at: string) {
    await this.db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('bcpServices').selectAll().where('id', '=', id).executeTakeFirst()
      if (!before) throw notFound('Clinical service', id, '診療サービス')
      await tx.deleteFrom('bcpDependencies').where('sourceKind', '=', 'service').where('sourceId', '=', id).execute()
      await tx.deleteFrom('bcpServices').where('id', '=', id).execute()
      await bump(tx)
      await recordAudit(tx, actor, {
        action: 'bcp.service.delete',
        targetType: 'bcp_service',
        targetId: id,
        before: { name: before.name },
      })
    })
  }

  async createParty(f: PartyFields, actor: Actor, at: string) {
    const row = { id: randomUUID(), ...f, updatedAt: at }
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('bcpParties').values(row).execute()
      await bump(tx)
      await recordAudit(tx, actor, { action: 'bcp.party.create', targetType: 'bcp_party', targetId: row.id, after: f })
    })
    return toParty(row)
  }

  async updateParty(id: string, f: PartyFields, actor: Actor, at: string) {
    return this.db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('bcpParties').selectAll().where('id', '=', id).executeTakeFirst()
      if (!before) throw notFound('Outside party', id, '外部関係先')
      await tx
        .updateTable('bcpParties')
        .set({ ...f, updatedAt: at })
        .where('id', '=', id)
        .execute()
      await bump(tx)
      await recordAudit(tx, actor, {
        action: 'bcp.party.update',
        targetType: 'bcp_party',
        targetId: id,
        before: toParty(before),
        after: f,
      })
      return toParty({ id, ...f, updatedAt: at })
    })
  }

  async deleteParty(id: string, actor: Actor, _at: string) {
    await this.db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('bcpParties').selectAll().where('id', '=', id).executeTakeFirst()
      if (!before) throw notFound('Outside party', id, '外部関係先')
      await tx.deleteFrom('bcpParties').where('id', '=', id).execute()
      await bump(tx)
      await recordAudit(tx, actor, {
        action: 'bcp.party.delete',
        targetType: 'bcp_party',
        targetId: id,
        before: { name: before.name },
      })
    })
  }

  async devicesByKey(keys: readonly string[]) {
    const out: PlanDeviceRow[] = []
    const seen = new Set<string>()
    for (const c of chunks([...new Set(keys)])) {
      const rows = await this.db
        .selectFrom('devices')
        .select([
          'id',
          'assetTag',
          'name',
          'networkSegment as segment',
          'status',
          'category',
          'model',
          'department',
          'location',
          'lifeCritical',
          'vendorContact',
        ])
        .where((eb) => eb.or([eb('id', 'in', c), eb('assetTag', 'in', c)]))
        .execute()
      for (const r of rows)
        if (!seen.has(r.id)) {
          seen.add(r.id)
          out.push({ ...r, lifeCritical: Number(r.lifeCritical) === 1 })
        }
    }
    return out
  }

  async plans(deviceIds: readonly string[]) {
    const out: PlanRow[] = []
    for (const c of chunks([...new Set(deviceIds)])) {
      const [rows, deps] = await Promise.all([
        this.db.selectFrom('bcpDevicePlans').selectAll().where('deviceId', 'in', c).execute(),
        this.db
          .selectFrom('bcpDependencies')
          .selectAll()
          .where('sourceKind', '=', 'device')
          .where('sourceId', 'in', c)
          .orderBy('sortOrder')
          .execute(),
      ])
      const byDev = new Map<string, DepRow[]>()
      for (const d of deps) {
        let l = byDev.get(d.sourceId)
        if (!l) {
          l = []
          byDev.set(d.sourceId, l)
        }
        l.push(depOf(d))
      }
      for (const r of rows)
        out.push({
          deviceId: r.deviceId,
          isolationJa: r.isolationJa,
          isolationEn: r.isolationEn,
          recoveryStepsJa: strings(r.recoveryStepsJa),
          recoveryStepsEn: strings(r.recoveryStepsEn),
          validationJa: strings(r.validationJa),
          validationEn: strings(r.validationEn),
          manufacturerContact24h: r.manufacturerContact24h,
          backupNote: r.backupNote,
          dependsOn: byDev.get(r.deviceId) ?? [],
          updatedAt: r.updatedAt,
          updatedBy: r.updatedBy,
        })
    }
    return out
  }

  async putPlan(deviceId: string, f: PlanFields, actor: Actor, at: string) {
    await this.db.transaction().execute(async (tx) => {
      const before = await tx
        .selectFrom('bcpDevicePlans')
        .selectAll()
        .where('deviceId', '=', deviceId)
        .executeTakeFirst()
      const cols = planCols(f, at, actor.name)
      if (before) await tx.updateTable('bcpDevicePlans').set(cols).where('deviceId', '=', deviceId).execute()
      else
        await tx
          .insertInto('bcpDevicePlans')
          .values({ deviceId, ...cols })
          .execute()
      await writeDeps(tx, 'device', deviceId, f.dependsOn)
      await bump(tx)
      // The device's timeline reads these (targetType device).
      await recordAudit(tx, actor, {
        action: 'bcp.device_plan.update',
        targetType: 'device',
        targetId: deviceId,
        before: before ? { isolationJa: before.isolationJa } : null,
        after: { isolationJa: f.isolationJa, dependsOn: f.dependsOn.map((d) => `${d.target.kind}:${d.target.id}`) },
      })
    })
  }

  async clear(actor: Actor, _at: string) {
    await this.db.transaction().execute(async (tx) => {
      for (const t of ['bcpDependencies', 'bcpDevicePlans', 'bcpParties', 'bcpServices'] as const)
        await tx.deleteFrom(t).execute()
      await bump(tx)
      await recordAudit(tx, actor, { action: 'bcp.clear', targetType: 'bcp_service' })
    })
  }
}

/** The continuity module's repositories over one database (issue 11, ADR 0042). */
export function bcpStoragePorts(db: Kysely<Database>): BcpPorts {
  return { bcpStore: new BcpRepository(db) }
}
