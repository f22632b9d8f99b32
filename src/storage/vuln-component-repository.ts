import { randomUUID } from 'node:crypto'
import { notFound } from '../core/errors.js'
import type { Actor, AuditRecord } from '../core/ports.js'
import type { Component, ComponentInput, StoredSbom, VexStatementInput } from '../core/vulns/model.js'
import type { VulnStore } from '../core/vulns/store.js'
import { recordAudit } from './audit-repository.js'
import type { Db } from './database.js'
import type { ComponentTable, SbomTable } from './schema.js'
import { type Exec, slices } from './vuln-bulk.js'
import { writeVex } from './vuln-feed-repository.js'
import { componentRow, toComponent, toSbom } from './vuln-rows.js'

type ComponentMethods =
  | 'insertSbom'
  | 'listSboms'
  | 'removeSbom'
  | 'components'
  | 'addComponent'
  | 'updateComponent'
  | 'removeComponent'

async function componentById(db: Exec, id: string): Promise<Component> {
  const row = await db.selectFrom('components').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('Component', id, '構成要素')
  return toComponent(row)
}

/** SBOMs and the components of models and devices (from SBOMs, typed in, or derived from the ledger). */
export class VulnComponentRepository implements Pick<VulnStore, ComponentMethods> {
  constructor(private readonly db: Db) {}

  async insertSbom(
    sbom: Omit<StoredSbom, 'id' | 'componentCount'>,
    components: readonly ComponentInput[],
    vex: readonly VexStatementInput[],
    actor: Actor,
    audit: (s: StoredSbom) => AuditRecord,
  ): Promise<StoredSbom> {
    const stored: StoredSbom = { ...sbom, id: randomUUID(), componentCount: components.length }
    const row: SbomTable = { ...stored, problems: JSON.stringify(stored.problems) }
    // An SBOM's components are the manufacturer's own list: source sbom, certain, confirmed.
    const rows: ComponentTable[] = components.map((c) =>
      componentRow({
        ...c,
        id: randomUUID(),
        modelId: sbom.modelId,
        deviceId: sbom.deviceId,
        sbomId: stored.id,
        source: 'sbom',
        confidence: 1,
        confirmed: true,
        createdAt: sbom.importedAt,
        createdBy: sbom.importedBy,
      }),
    )
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('sboms').values(row).execute()
      for (const part of slices(rows, 1000)) await trx.insertInto('components').values(part).execute()
      await writeVex(
        trx,
        'cyclonedx',
        stored.id,
        vex.map((v) => ({ ...v, modelId: sbom.modelId })),
      )
      await recordAudit(trx, actor, audit(stored))
    })
    return stored
  }

  async listSboms(q: { modelId?: string; deviceId?: string }): Promise<StoredSbom[]> {
    let query = this.db.selectFrom('sboms').selectAll()
    if (q.modelId !== undefined) query = query.where('modelId', '=', q.modelId)
    if (q.deviceId !== undefined) query = query.where('deviceId', '=', q.deviceId)
    const rows = await query.orderBy('importedAt', 'desc').orderBy('id').execute()
    return rows.map(toSbom)
  }

  async removeSbom(id: string, actor: Actor, audit: (s: StoredSbom) => AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('sboms').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) throw notFound('SBOM', id, 'SBOM')
      // Its components go with it (foreign key cascade); its VEX statements are keyed by the SBOM id.
      await trx.deleteFrom('components').where('sbomId', '=', id).execute()
      await writeVex(trx, 'cyclonedx', id, [])
      await trx.deleteFrom('sboms').where('id', '=', id).execute()
      await recordAudit(trx, actor, audit(toSbom(row)))
    })
  }

  async components(q: { modelIds?: readonly string[]; deviceIds?: readonly string[] }): Promise<Component[]> {
    const { modelIds, deviceIds } = q
    const out: Component[] = []
    const base = () => this.db.selectFrom('components').selectAll()
    if (modelIds === undefined && deviceIds === undefined)
      return (await base().orderBy('id').execute()).map(toComponent)
    for (const part of slices(modelIds ?? []))
      out.push(...(await base().where('modelId', 'in', part).orderBy('id').execute()).map(toComponent))
    for (const part of slices(deviceIds ?? []))
      out.push(...(await base().where('deviceId', 'in', part).orderBy('id').execute()).map(toComponent))
    return out
  }

  async addComponent(
    c: ComponentInput & Pick<Component, 'modelId' | 'deviceId' | 'source' | 'confidence' | 'confirmed'>,
    actor: Actor,
    audit: (c: Component) => AuditRecord,
  ): Promise<Component> {
    const component: Component = {
      ...c,
      id: randomUUID(),
      sbomId: null,
      createdAt: new Date().toISOString(),
      createdBy: actor.name,
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('components').values(componentRow(component)).execute()
      await recordAudit(trx, actor, audit(component))
    })
    return component
  }

  async updateComponent(
    id: string,
    set: Partial<ComponentInput & Pick<Component, 'confirmed' | 'confidence'>>,
    actor: Actor,
    audit: (before: Component, after: Component) => AuditRecord,
  ): Promise<Component> {
    return this.db.transaction().execute(async (trx) => {
      const before = await componentById(trx, id)
      const after: Component = { ...before, ...set }
      const { id: _id, ...row } = componentRow(after)
      await trx.updateTable('components').set(row).where('id', '=', id).execute()
      await recordAudit(trx, actor, audit(before, after))
      return after
    })
  }

  async removeComponent(id: string, actor: Actor, audit: (c: Component) => AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const before = await componentById(trx, id)
      await trx.deleteFrom('components').where('id', '=', id).execute()
      await recordAudit(trx, actor, audit(before))
    })
  }
}
