import type { Kysely } from 'kysely'
import type { AcceptanceState } from '../../api/acceptance.js'
import type { DecommissionState } from '../../api/decommission.js'
import type {
  AcceptancePorts,
  AcceptanceRecord,
  DecommissionRecord,
  HandoverFinding,
  ScanObservation,
} from '../core/acceptance/store.js'
import { MamoriError, notFound } from '../core/errors.js'
import { recordAudit } from './audit-repository.js'
import type { Database } from './schema.js'
import type { AcceptanceTable, DecommissionTable } from './schema-acceptance.js'

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 }
const bySeverity = (a: { severity: string }, b: { severity: string }) =>
  (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9)

function parse<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T)
}

function toAcceptance(r: AcceptanceTable): AcceptanceRecord {
  return {
    id: r.id,
    deviceId: r.deviceId,
    state: r.state as AcceptanceState,
    previousStatus: r.previousStatus,
    scopeId: r.scopeId,
    startedAt: r.startedAt,
    startedBy: r.startedBy,
    comparison: JSON.parse(r.comparison),
    checks: JSON.parse(r.checks),
    issues: JSON.parse(r.issues),
    signOff: parse(r.signOff),
    cancelled: parse(r.cancelled),
    lastScanId: r.lastScanId,
    version: Number(r.version),
  }
}

function fromAcceptance(a: AcceptanceRecord, now: string): AcceptanceTable {
  return {
    id: a.id,
    deviceId: a.deviceId,
    state: a.state,
    previousStatus: a.previousStatus,
    scopeId: a.scopeId,
    startedAt: a.startedAt,
    startedBy: a.startedBy,
    comparison: JSON.stringify(a.comparison),
    checks: JSON.stringify(a.checks),
    issues: JSON.stringify(a.issues),
    signOff: a.signOff ? JSON.stringify(a.signOff) : null,
    cancelled: a.cancelled ? JSON.stringify(a.cancelled) : null,
    lastScanId: a.lastScanId,
    updatedAt: now,
    version: a.version,
  }
}

function toDecommission(r: DecommissionTable): DecommissionRecord {
  return {
    id: r.id,
    deviceId: r.deviceId,
    state: r.state as DecommissionState,
    startedAt: r.startedAt,
    startedBy: r.startedBy,
    items: JSON.parse(r.items),
    handover: JSON.parse(r.handover),
    completed: parse(r.completed),
    version: Number(r.version),
  }
}

function fromDecommission(d: DecommissionRecord, now: string): DecommissionTable {
  return {
    id: d.id,
    deviceId: d.deviceId,
    state: d.state,
    startedAt: d.startedAt,
    startedBy: d.startedBy,
    items: JSON.stringify(d.items),
    handover: JSON.stringify(d.handover),
    completed: d.completed ? JSON.stringify(d.completed) : null,
    updatedAt: now,
    version: d.version,
  }
}

function versionConflict(seen: number, current: number) {
  return MamoriError.of('BCP_VERSION_CONFLICT', { seen, current }, [
    {
      where: 'version',
      message: `expected ${current}, got ${seen}`,
      messageJa: `現在の版は ${current}、送られた版は ${seen}`,
    },
  ])
}

/**
 * The acceptance tests and decommissioning module's repositories over one database (issue 11, ADR 0040). Each write
 * and its audit entry share a transaction; saves check the version inside it.
 */
export function acceptanceStoragePorts(db: Kysely<Database>): AcceptancePorts {
  const now = () => new Date().toISOString()
  return {
    async acceptanceList(state) {
      let q = db.selectFrom('acceptances').selectAll()
      if (state) q = q.where('state', '=', state)
      return (await q.orderBy('startedAt', 'desc').orderBy('id').execute()).map(toAcceptance)
    },
    async acceptanceGet(id) {
      const r = await db.selectFrom('acceptances').selectAll().where('id', '=', id).executeTakeFirst()
      if (!r) throw notFound('Acceptance test', id, '導入時確認')
      return toAcceptance(r)
    },
    async acceptanceLatestForDevice(deviceId) {
      const r = await db
        .selectFrom('acceptances')
        .selectAll()
        .where('deviceId', '=', deviceId)
        .orderBy('startedAt', 'desc')
        .orderBy('version', 'desc')
        .executeTakeFirst()
      return r ? toAcceptance(r) : null
    },
    async acceptanceInsert(rec, actor, audit) {
      await db.transaction().execute(async (trx) => {
        const open = await trx
          .selectFrom('acceptances')
          .select(['startedAt'])
          .where('deviceId', '=', rec.deviceId)
          .where('state', '=', 'in_progress')
          .executeTakeFirst()
        if (open) throw MamoriError.of('ACCEPTANCE_ALREADY_OPEN', { device: rec.deviceId, startedAt: open.startedAt })
        await trx.insertInto('acceptances').values(fromAcceptance(rec, now())).execute()
        await recordAudit(trx, actor, audit)
      })
    },
    async acceptanceSave(rec, seenVersion, actor, audit) {
      return db.transaction().execute(async (trx) => {
        const cur = await trx.selectFrom('acceptances').select(['version']).where('id', '=', rec.id).executeTakeFirst()
        if (!cur) throw notFound('Acceptance test', rec.id, '導入時確認')
        if (Number(cur.version) !== seenVersion) throw versionConflict(seenVersion, Number(cur.version))
        const next = { ...rec, version: seenVersion + 1 }
        const { id: _id, ...values } = fromAcceptance(next, now())
        await trx.updateTable('acceptances').set(values).where('id', '=', rec.id).execute()
        await recordAudit(trx, actor, audit)
        return next
      })
    },
    async decommissionList(state) {
      let q = db.selectFrom('decommissions').selectAll()
      if (state) q = q.where('state', '=', state)
      return (await q.orderBy('startedAt', 'desc').orderBy('id').execute()).map(toDecommission)
    },
    async decommissionGet(id) {
      const r = await db.selectFrom('decommissions').selectAll().where('id', '=', id).executeTakeFirst()
      if (!r) throw notFound('Decommissioning', id, '廃棄手続き')
      return toDecommission(r)
    },
    async decommissionLatestForDevice(deviceId) {
      const r = await db
        .selectFrom('decommissions')
        .selectAll()
        .where('deviceId', '=', deviceId)
        .orderBy('startedAt', 'desc')
        .executeTakeFirst()
      return r ? toDecommission(r) : null
    },
    async decommissionInsert(rec, actor, audit) {
      await db.transaction().execute(async (trx) => {
        const open = await trx
          .selectFrom('decommissions')
          .select(['startedAt'])
          .where('deviceId', '=', rec.deviceId)
          .where('state', '=', 'in_progress')
          .executeTakeFirst()
        if (open) throw MamoriError.of('DECOMMISSION_ALREADY_OPEN', { device: rec.deviceId, startedAt: open.startedAt })
        await trx.insertInto('decommissions').values(fromDecommission(rec, now())).execute()
        await recordAudit(trx, actor, audit)
      })
    },
    async decommissionSave(rec, seenVersion, actor, audit) {
      return db.transaction().execute(async (trx) => {
        const cur = await trx
          .selectFrom('decommissions')
          .select(['version'])
          .where('id', '=', rec.id)
          .executeTakeFirst()
        if (!cur) throw notFound('Decommissioning', rec.id, '廃棄手続き')
        if (Number(cur.version) !== seenVersion) throw versionConflict(seenVersion, Number(cur.version))
        const next = { ...rec, version: seenVersion + 1 }
        const { id: _id, ...values } = fromDecommission(next, now())
        await trx.updateTable('decommissions').set(values).where('id', '=', rec.id).execute()
        await recordAudit(trx, actor, audit)
        return next
      })
    },
    async acceptanceClearAll() {
      await db.deleteFrom('decommissions').execute()
      await db.deleteFrom('acceptances').execute()
    },
    async acceptanceScanObservation(scanId, addresses): Promise<ScanObservation> {
      const scan = await db
        .selectFrom('scans')
        .select(['id', 'status', 'finishedAt', 'startedAt'])
        .where('id', '=', scanId)
        .executeTakeFirst()
      if (!scan) throw notFound('Scan', scanId, 'スキャン')
      const openPorts =
        addresses.length === 0
          ? []
          : await db
              .selectFrom('scanServices')
              .innerJoin('scanHosts', 'scanHosts.id', 'scanServices.scanHostId')
              .select(['scanServices.port', 'scanServices.transport', 'scanServices.service'])
              .where('scanServices.scanId', '=', scanId)
              .where('scanHosts.address', 'in', [...addresses])
              .where('scanServices.state', '=', 'open')
              .execute()
      return {
        scanId,
        status: scan.status,
        scannedAt: scan.finishedAt ?? scan.startedAt,
        openPorts: openPorts.map((p) => ({ port: Number(p.port), transport: p.transport, service: p.service })),
      }
    },
    async acceptanceScanFindings(deviceId, addresses, scanId): Promise<HandoverFinding[]> {
      let q = db
        .selectFrom('findings')
        .select(['severity', 'titleJa', 'titleEn', 'ruleId', 'address', 'port'])
        .where('source', '=', 'scan')
        .where('status', '=', 'open')
        .where('lastScanId', '=', scanId)
      q =
        addresses.length > 0
          ? q.where((eb) => eb.or([eb('deviceId', '=', deviceId), eb('address', 'in', [...addresses])]))
          : q.where('deviceId', '=', deviceId)
      const rows = await q.execute()
      return rows
        .map((r) => ({
          severity: r.severity,
          titleJa: r.titleJa,
          titleEn: r.titleEn,
          where: r.ruleId,
        }))
        .sort(bySeverity)
    },
    async acceptanceDeclaration(deviceId) {
      const link = await db
        .selectFrom('deviceModelLinks')
        .innerJoin('deviceModels', 'deviceModels.id', 'deviceModelLinks.modelId')
        .select(['deviceModels.id', 'deviceModels.vendor', 'deviceModels.name'])
        .where('deviceModelLinks.deviceId', '=', deviceId)
        .where('deviceModelLinks.state', '=', 'confirmed')
        .executeTakeFirst()
      if (link) {
        const ports = await db
          .selectFrom('modelDeclaredPorts')
          .select(['port', 'source'])
          .where('modelId', '=', link.id)
          .execute()
        if (ports.length > 0) {
          const disclosure = await db
            .selectFrom('disclosures')
            .select(['form', 'importedAt'])
            .where('modelId', '=', link.id)
            .orderBy('importedAt', 'desc')
            .executeTakeFirst()
          const source = disclosure
            ? `${disclosure.form} (${disclosure.importedAt.slice(0, 10)}) — ${link.vendor} ${link.name}`
            : `declared ports — ${link.vendor} ${link.name}`
          return { source, ports: ports.map((p) => Number(p.port)) }
        }
      }
      return { source: null, ports: [] }
    },
    async acceptanceDisclosureFindings(deviceId) {
      const rows = await db
        .selectFrom('findings')
        .select(['severity', 'titleJa', 'titleEn', 'ruleId'])
        .where('source', '=', 'disclosure')
        .where('status', '=', 'open')
        .where('deviceId', '=', deviceId)
        .execute()
      return rows
        .map((r) => ({ severity: r.severity, titleJa: r.titleJa, titleEn: r.titleEn, where: r.ruleId }))
        .sort(bySeverity)
    },
    async decommissionOpenFindings(deviceId) {
      const rows = await db
        .selectFrom('findings')
        .select(['severity', 'titleJa', 'titleEn', 'address', 'port'])
        .where('deviceId', '=', deviceId)
        .where('status', '=', 'open')
        .execute()
      return rows
        .map((r) => ({
          severity: r.severity,
          titleJa: r.titleJa,
          titleEn: r.titleEn,
          where: r.address ? (r.port !== null ? `${r.address}:${r.port}` : r.address) : null,
        }))
        .sort(bySeverity)
    },
    async decommissionVulnerabilities(deviceId) {
      const rows = await db
        .selectFrom('vulnMatches')
        .select(['cve', 'advisoryId', 'productLabel', 'decision'])
        .where('deviceId', '=', deviceId)
        .where('decision', 'in', ['affected', 'needs-review'])
        .orderBy('cve')
        .execute()
      return rows.map((r) => ({ cve: r.cve, advisory: r.advisoryId, product: r.productLabel, decision: r.decision }))
    },
  }
}
