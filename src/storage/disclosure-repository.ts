import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type {
  CellRef,
  DeclaredPort,
  DisclosureAnswer,
  DisclosureForm,
  DisclosureHeader,
  DisclosureNote,
  DisclosureProblem,
  ObservedService,
} from '../core/disclosures/disclosure.js'
import { notFound } from '../core/errors.js'
import type {
  Actor,
  AuditRecord,
  DeclaredPortSource,
  DisclosureStore,
  LinkedDevice,
  NewDisclosure,
  StoredDisclosure,
} from '../core/ports.js'
import { recordAudit } from './audit-repository.js'
import type { Database, DisclosureTable } from './schema.js'

const BATCH = 200

function toStored(r: DisclosureTable & { vendor?: string | null; modelName?: string | null }): StoredDisclosure {
  return {
    id: r.id,
    modelId: r.modelId,
    model: r.modelId && r.vendor && r.modelName ? { id: r.modelId, vendor: r.vendor, name: r.modelName } : null,
    form: r.form as DisclosureForm,
    fileName: r.fileName,
    fileSha256: r.fileSha256,
    header: JSON.parse(r.header) as DisclosureHeader,
    questionCount: r.questionCount,
    answeredCount: r.answeredCount,
    problems: JSON.parse(r.problems) as DisclosureProblem[],
    importedAt: r.importedAt,
    importedBy: r.importedBy,
  }
}

const portRow = (p: DeclaredPort, modelId: string, source: DeclaredPortSource, disclosureId: string | null) => ({
  id: randomUUID(),
  modelId,
  port: p.port,
  transport: p.transport,
  direction: p.direction,
  service: p.service,
  purpose: p.purpose,
  tls: p.tls === null ? null : p.tls ? 1 : 0,
  source,
  disclosureId,
})

/** Keeps one row per (port, transport, direction): the same port named twice in a form is one declaration. */
function uniquePorts(ports: readonly DeclaredPort[]): DeclaredPort[] {
  const seen = new Map<string, DeclaredPort>()
  for (const p of ports) {
    const k = `${p.port}/${p.transport}/${p.direction}`
    if (!seen.has(k)) seen.set(k, p)
  }
  return [...seen.values()]
}

/** Disclosures, their answers and notes, and the ports models declare; every change audited in its transaction. */
export class DisclosureRepository implements DisclosureStore {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('disclosures')
      .leftJoin('deviceModels', 'deviceModels.id', 'disclosures.modelId')
      .selectAll('disclosures')
      .select(['deviceModels.vendor as vendor', 'deviceModels.name as modelName'])
  }

  async insert(
    input: NewDisclosure,
    actor: Actor,
    audit: (d: StoredDisclosure) => AuditRecord,
  ): Promise<StoredDisclosure> {
    const { parsed } = input
    const row: DisclosureTable = {
      id: randomUUID(),
      modelId: input.modelId,
      form: parsed.form,
      fileName: input.fileName,
      fileSha256: input.fileSha256,
      header: JSON.stringify(parsed.header),
      questionCount: parsed.questionCount,
      answeredCount: parsed.answers.filter((a) => a.value !== null).length,
      problems: JSON.stringify(parsed.problems.filter((p) => p.severity === 'warning')),
      importedAt: input.now,
      importedBy: input.importedBy,
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('disclosures').values(row).execute()
      const answers = parsed.answers.map((a) => ({
        disclosureId: row.id,
        questionId: a.questionId,
        writtenId: a.writtenId,
        value: a.value,
        comment: a.comment,
        noteRefs: JSON.stringify(a.noteRefs),
        cell: a.cell ? JSON.stringify(a.cell) : null,
      }))
      for (let i = 0; i < answers.length; i += BATCH)
        await trx
          .insertInto('disclosureAnswers')
          .values(answers.slice(i, i + BATCH))
          .execute()
      const notes = parsed.notes.map((n) => ({ disclosureId: row.id, number: n.number, text: n.text }))
      for (let i = 0; i < notes.length; i += BATCH)
        await trx
          .insertInto('disclosureNotes')
          .values(notes.slice(i, i + BATCH))
          .execute()
      // A form that states its ports replaces what an earlier form of the same model declared; a declaration typed
      // in by hand or from the template is the hospital's own and stays.
      if (input.modelId && parsed.declaredPorts.length > 0) {
        const current = await trx
          .selectFrom('modelDeclaredPorts')
          .select('source')
          .where('modelId', '=', input.modelId)
          .executeTakeFirst()
        if (!current || current.source === 'mds2')
          await this.writePorts(trx, input.modelId, parsed.declaredPorts, 'mds2', row.id)
      }
      await recordAudit(trx, actor, audit(toStored(row)))
    })
    return this.get(row.id).then((d) => d.disclosure)
  }

  private async writePorts(
    trx: Transaction<Database>,
    modelId: string,
    ports: readonly DeclaredPort[],
    source: DeclaredPortSource,
    disclosureId: string | null,
  ): Promise<void> {
    await trx.deleteFrom('modelDeclaredPorts').where('modelId', '=', modelId).execute()
    const rows = uniquePorts(ports).map((p) => portRow(p, modelId, source, disclosureId))
    for (let i = 0; i < rows.length; i += BATCH)
      await trx
        .insertInto('modelDeclaredPorts')
        .values(rows.slice(i, i + BATCH))
        .execute()
  }

  async list(q: { modelId?: string }): Promise<StoredDisclosure[]> {
    let query = this.base()
    if (q.modelId) query = query.where('disclosures.modelId', '=', q.modelId)
    const rows = await query.orderBy('disclosures.importedAt', 'desc').orderBy('disclosures.id').execute()
    return rows.map(toStored)
  }

  async get(
    id: string,
  ): Promise<{ disclosure: StoredDisclosure; answers: DisclosureAnswer[]; notes: DisclosureNote[] }> {
    const row = await this.base().where('disclosures.id', '=', id).executeTakeFirst()
    if (!row) throw notFound('Disclosure', id, '開示書')
    const [answers, notes] = await Promise.all([
      this.db.selectFrom('disclosureAnswers').selectAll().where('disclosureId', '=', id).execute(),
      this.db
        .selectFrom('disclosureNotes')
        .select(['number', 'text'])
        .where('disclosureId', '=', id)
        .orderBy('number')
        .execute(),
    ])
    return {
      disclosure: toStored(row),
      answers: answers.map((a) => ({
        questionId: a.questionId,
        writtenId: a.writtenId,
        value: a.value as DisclosureAnswer['value'],
        comment: a.comment,
        noteRefs: JSON.parse(a.noteRefs) as number[],
        cell: a.cell ? (JSON.parse(a.cell) as CellRef) : null,
      })),
      notes,
    }
  }

  async remove(id: string, actor: Actor, audit: (d: StoredDisclosure) => AuditRecord): Promise<void> {
    const { disclosure } = await this.get(id)
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('disclosures').where('id', '=', id).execute()
      await recordAudit(trx, actor, audit(disclosure))
    })
  }

  async latestPerModel(): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('disclosures')
      .select(['id', 'modelId', 'importedAt'])
      .where('modelId', 'is not', null)
      .orderBy('importedAt', 'desc')
      .orderBy('id', 'desc')
      .execute()
    const latest = new Map<string, string>()
    for (const r of rows) if (r.modelId && !latest.has(r.modelId)) latest.set(r.modelId, r.id)
    return latest
  }

  async declaredPorts(
    modelIds: readonly string[],
  ): Promise<Map<string, { source: DeclaredPortSource; ports: DeclaredPort[] }>> {
    const out = new Map<string, { source: DeclaredPortSource; ports: DeclaredPort[] }>()
    for (let i = 0; i < modelIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('modelDeclaredPorts')
        .selectAll()
        .where('modelId', 'in', modelIds.slice(i, i + 500))
        .orderBy('port')
        .orderBy('transport')
        .execute()
      for (const r of rows) {
        const entry = out.get(r.modelId) ?? { source: r.source as DeclaredPortSource, ports: [] }
        entry.ports.push({
          port: r.port,
          transport: r.transport as DeclaredPort['transport'],
          direction: r.direction as DeclaredPort['direction'],
          service: r.service,
          purpose: r.purpose,
          tls: r.tls === null ? null : r.tls === 1,
        })
        out.set(r.modelId, entry)
      }
    }
    return out
  }

  async replaceDeclaredPorts(
    modelId: string,
    ports: readonly DeclaredPort[],
    source: DeclaredPortSource,
    actor: Actor,
    audit: AuditRecord,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.writePorts(trx, modelId, ports, source, null)
      await recordAudit(trx, actor, audit)
    })
  }

  async linkedDevices(q: { modelIds?: readonly string[]; deviceId?: string }): Promise<LinkedDevice[]> {
    let query = this.db
      .selectFrom('deviceModelLinks')
      .innerJoin('devices', 'devices.id', 'deviceModelLinks.deviceId')
      .innerJoin('deviceModels', 'deviceModels.id', 'deviceModelLinks.modelId')
      .select([
        'devices.id as deviceId',
        'devices.siteId',
        'devices.assetTag',
        'devices.name',
        'devices.serviceLifeEnd',
        'devices.supportEnd',
        'devices.status',
        'deviceModelLinks.modelId',
        'deviceModelLinks.state',
        'deviceModels.vendor',
        'deviceModels.name as modelName',
      ])
    if (q.deviceId) query = query.where('devices.id', '=', q.deviceId)
    if (q.modelIds) {
      if (q.modelIds.length === 0) return []
      query = query.where('deviceModelLinks.modelId', 'in', [...q.modelIds])
    }
    const rows = await query.orderBy('devices.id').execute()
    return rows.map((r) => ({
      deviceId: r.deviceId,
      siteId: r.siteId,
      label: r.assetTag ?? r.name ?? r.deviceId,
      serviceLifeEnd: r.serviceLifeEnd,
      supportEnd: r.supportEnd,
      status: r.status,
      modelId: r.modelId,
      state: r.state as LinkedDevice['state'],
      model: { id: r.modelId, vendor: r.vendor, name: r.modelName },
    }))
  }

  async modelRefs(ids: readonly string[]): Promise<Map<string, { id: string; vendor: string; name: string }>> {
    if (ids.length === 0) return new Map()
    const rows = await this.db
      .selectFrom('deviceModels')
      .select(['id', 'vendor', 'name'])
      .where('id', 'in', [...ids])
      .execute()
    return new Map(rows.map((r) => [r.id, r]))
  }

  async setting(key: string): Promise<string | null> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
    return row?.value ?? null
  }

  async putSetting(key: string, value: string, actor: Actor, audit: AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute()
      await recordAudit(trx, actor, audit)
    })
  }

  async resolveStaleFindings(deviceIds: readonly string[] | null, keep: ReadonlySet<string>): Promise<number> {
    let q = this.db
      .selectFrom('findings')
      .select(['id', 'key'])
      .where('source', '=', 'disclosure')
      .where('status', '=', 'open')
    if (deviceIds) {
      if (deviceIds.length === 0) return 0
      q = q.where('deviceId', 'in', [...deviceIds])
    }
    const stale = (await q.execute()).filter((f) => !keep.has(f.key)).map((f) => f.id)
    let n = 0
    for (let i = 0; i < stale.length; i += 500) {
      const r = await this.db
        .updateTable('findings')
        .set({ status: 'fixed', statusReason: "no longer follows from the model's latest disclosure" })
        .where('id', 'in', stale.slice(i, i + 500))
        .executeTakeFirst()
      n += Number(r.numUpdatedRows)
    }
    return n
  }

  async observedServices(
    deviceId: string,
    addresses: readonly string[],
  ): Promise<{ services: ObservedService[]; lastScannedAt: string | null }> {
    // The latest finished scan per address that saw the device up: older scans of an address say nothing new.
    const hosts = await this.db
      .selectFrom('scanHosts')
      .innerJoin('scans', 'scans.id', 'scanHosts.scanId')
      .select(['scanHosts.id', 'scanHosts.address', 'scans.finishedAt', 'scans.createdAt'])
      .where('scanHosts.state', '=', 'up')
      .where('scans.status', 'in', ['completed', 'stopped'])
      .where((eb) =>
        addresses.length > 0
          ? eb.or([eb('scanHosts.deviceId', '=', deviceId), eb('scanHosts.address', 'in', [...addresses])])
          : eb('scanHosts.deviceId', '=', deviceId),
      )
      .orderBy('scans.createdAt', 'desc')
      .limit(200)
      .execute()
    const latest = new Map<string, (typeof hosts)[number]>()
    for (const h of hosts) if (!latest.has(h.address)) latest.set(h.address, h)
    if (latest.size === 0) return { services: [], lastScannedAt: null }
    const byId = new Map([...latest.values()].map((h) => [h.id, h]))
    const rows = await this.db
      .selectFrom('scanServices')
      .select(['scanHostId', 'port', 'transport', 'service', 'facts'])
      .where('scanHostId', 'in', [...byId.keys()])
      .where('state', '=', 'open')
      .orderBy('port')
      .execute()
    const services = rows.map((r) => {
      const h = byId.get(r.scanHostId)!
      return {
        address: h.address,
        port: r.port,
        transport: r.transport as ObservedService['transport'],
        service: r.service,
        tls: tlsFromProbes(r.facts),
        lastSeenAt: h.finishedAt ?? h.createdAt,
      }
    })
    const lastScannedAt =
      [...latest.values()]
        .map((h) => h.finishedAt ?? h.createdAt)
        .sort()
        .at(-1) ?? null
    return { services, lastScannedAt }
  }
}

/** TLS as the probes saw it: a TLS handshake or an https answer → true; an http answer in clear → false. */
function tlsFromProbes(factsJson: string | null): boolean | null {
  if (!factsJson) return null
  let probes: unknown
  try {
    probes = JSON.parse(factsJson)
  } catch {
    return null
  }
  if (!Array.isArray(probes)) return null
  let seen: boolean | null = null
  for (const p of probes as { probeId?: unknown; outcome?: unknown; facts?: Record<string, unknown> }[]) {
    if (p.outcome !== 'observed' || !p.facts) continue
    if (p.probeId === 'tls-info') return true
    if (p.probeId === 'http-info' && typeof p.facts.tls === 'boolean') seen = p.facts.tls
  }
  return seen
}
