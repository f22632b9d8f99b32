import { randomUUID } from 'node:crypto'
import type { CatalogModel, DeviceModelLink, ManufacturerAlias } from '../../src/core/catalog/model.js'
import type {
  AliasRecord,
  CatalogModelSummary,
  DeviceForMatching,
  LinkedDevice,
  ModelCatalogStore,
  ModelRecord,
  SuggestedLink,
} from '../../src/core/catalog/store.js'
import { MamoriError, notFound } from '../../src/core/errors.js'
import type { Actor, AuditLog } from '../../src/core/ports.js'

/** A ledger device as the fake catalog sees it. */
export interface FakeCatalogDevice {
  id: string
  assetTag: string | null
  manufacturer: string | null
  model: string | null
  softwareVersion: string | null
}

/**
 * The model catalog in memory (same rules as `storage/model-catalog-repository.ts`: uniqueness by key,
 * tombstones for built-in aliases, MODEL_IN_USE, confirmed links never overwritten by suggestions), auditing
 * into the shared fake audit log. `devices` stands in for the ledger; `disclosures` counts per model id.
 */
export class FakeModelCatalogStore implements ModelCatalogStore {
  readonly aliasRows: ManufacturerAlias[] = []
  readonly tombstones = new Set<string>()
  readonly modelRows: (ModelRecord & CatalogModel)[] = []
  readonly links = new Map<string, DeviceModelLink & { reasonJson: string }>()
  readonly devices: FakeCatalogDevice[] = []
  readonly disclosures = new Map<string, number>()

  constructor(private readonly audit: AuditLog) {}

  async aliases() {
    return [...this.aliasRows]
  }
  async insertAlias(row: AliasRecord, actor: Actor) {
    this.assertAliasFree(row, null)
    const alias = { id: randomUUID(), ...row, builtin: false }
    this.aliasRows.push(alias)
    await this.audit.record(actor, {
      action: 'alias.add',
      targetType: 'manufacturer_alias',
      targetId: alias.id,
      after: alias,
    })
    return alias
  }
  async updateAlias(id: string, set: Partial<AliasRecord>, actor: Actor) {
    const a = this.aliasRows.find((x) => x.id === id)
    if (!a) throw notFound('Manufacturer alias', id, 'メーカー別名')
    const next = { ...a, ...set }
    if (next.aliasKey !== a.aliasKey) {
      this.assertAliasFree(next, id)
      if (a.builtin) this.tombstones.add(a.aliasKey)
    }
    Object.assign(a, next)
    await this.audit.record(actor, { action: 'alias.update', targetType: 'manufacturer_alias', targetId: id, after: a })
    return { ...a }
  }
  async removeAlias(id: string, actor: Actor) {
    const at = this.aliasRows.findIndex((x) => x.id === id)
    const a = this.aliasRows[at]
    if (!a) throw notFound('Manufacturer alias', id, 'メーカー別名')
    if (a.builtin) this.tombstones.add(a.aliasKey)
    this.aliasRows.splice(at, 1)
    await this.audit.record(actor, {
      action: 'alias.remove',
      targetType: 'manufacturer_alias',
      targetId: id,
      before: a,
    })
  }
  async seedAliases(rows: AliasRecord[], actor: Actor) {
    const skip = new Set([...this.tombstones, ...this.aliasRows.map((a) => a.aliasKey)])
    let added = 0
    for (const r of rows) {
      if (!r.aliasKey || skip.has(r.aliasKey)) continue
      skip.add(r.aliasKey)
      this.aliasRows.push({ id: randomUUID(), ...r, builtin: true })
      added++
    }
    if (added > 0) await this.audit.record(actor, { action: 'alias.seed', after: { added } })
    return added
  }

  async models() {
    return this.modelRows.map((m) => this.summary(m))
  }
  async model(id: string) {
    return this.summary(this.row(id))
  }
  async insertModels(rows: ModelRecord[], actor: Actor) {
    const out: CatalogModel[] = []
    for (const r of rows) {
      this.assertModelFree(r, null)
      const now = '2026-04-01T09:00:00.000Z'
      const m = { id: randomUUID(), ...r, createdAt: now, updatedAt: now }
      this.modelRows.push(m)
      out.push(toModel(m))
      await this.audit.record(actor, { action: 'model.create', targetType: 'device_model', targetId: m.id, after: m })
    }
    return out
  }
  async updateModel(id: string, set: Partial<ModelRecord>, actor: Actor) {
    const m = this.row(id)
    this.assertModelFree({ ...m, ...set }, id)
    Object.assign(m, set)
    await this.audit.record(actor, { action: 'model.update', targetType: 'device_model', targetId: id, after: m })
    return toModel(m)
  }
  async removeModel(id: string, actor: Actor, opts: { force: boolean }) {
    const s = this.summary(this.row(id))
    if (!opts.force && (s.confirmed > 0 || s.disclosures > 0))
      throw MamoriError.of('MODEL_IN_USE', {
        model: `${s.vendor} ${s.name}`,
        devices: s.confirmed,
        disclosures: s.disclosures,
      })
    this.modelRows.splice(this.modelRows.indexOf(this.row(id)), 1)
    for (const [d, l] of this.links) if (l.modelId === id) this.links.delete(d)
    await this.audit.record(actor, { action: 'model.remove', targetType: 'device_model', targetId: id })
  }
  async mergeModels(fromId: string, intoId: string, actor: Actor) {
    if (fromId === intoId) throw MamoriError.of('MODEL_MERGE_SAME')
    this.row(intoId)
    const from = this.row(fromId)
    let links = 0
    for (const l of this.links.values())
      if (l.modelId === fromId) {
        l.modelId = intoId
        links++
      }
    const disclosures = this.disclosures.get(fromId) ?? 0
    this.disclosures.set(intoId, (this.disclosures.get(intoId) ?? 0) + disclosures)
    this.disclosures.delete(fromId)
    this.modelRows.splice(this.modelRows.indexOf(from), 1)
    await this.audit.record(actor, { action: 'model.merge', targetType: 'device_model', targetId: intoId })
    return { links, disclosures }
  }

  async devicesForMatching(): Promise<DeviceForMatching[]> {
    return this.devices.map((d) => {
      const l = this.links.get(d.id)
      return {
        ...d,
        link: l ? { modelId: l.modelId, state: l.state, confidence: l.confidence, reason: l.reasonJson } : null,
      }
    })
  }
  async replaceSuggestions(links: SuggestedLink[], stale: string[], actor: Actor) {
    for (const id of stale) if (this.links.get(id)?.state === 'suggested') this.links.delete(id)
    for (const l of links) {
      if (this.links.get(l.deviceId)?.state === 'confirmed') continue
      this.links.set(l.deviceId, {
        deviceId: l.deviceId,
        modelId: l.modelId,
        state: 'suggested',
        confidence: l.confidence,
        reason: l.reason.en,
        reasonJa: l.reason.ja,
        reasonJson: JSON.stringify(l.reason),
        decidedBy: null,
        decidedAt: null,
      })
    }
    await this.audit.record(actor, {
      action: 'model-link.suggest',
      after: { suggested: links.length, withdrawn: stale.length },
    })
  }
  async confirmLink(deviceId: string, modelId: string, actor: Actor) {
    this.row(modelId)
    if (!this.devices.some((d) => d.id === deviceId)) throw notFound('Device', deviceId, '機器')
    const before = this.links.get(deviceId)
    const kept = before?.modelId === modelId
    const reason = kept
      ? { en: before.reason, ja: before.reasonJa ?? before.reason }
      : { en: `chosen by ${actor.name}`, ja: `${actor.name} が選択` }
    const link = {
      deviceId,
      modelId,
      state: 'confirmed' as const,
      confidence: kept ? before.confidence : 1,
      reason: reason.en,
      reasonJa: reason.ja,
      reasonJson: JSON.stringify(reason),
      decidedBy: actor.name,
      decidedAt: '2026-04-01T09:00:00.000Z',
    }
    this.links.set(deviceId, link)
    await this.audit.record(actor, {
      action: 'model-link.confirm',
      targetType: 'device',
      targetId: deviceId,
      after: { modelId },
    })
    const { reasonJson: _, ...out } = link
    return out
  }
  async confirmSuggested(modelId: string, actor: Actor) {
    this.row(modelId)
    let n = 0
    for (const l of this.links.values())
      if (l.modelId === modelId && l.state === 'suggested') {
        Object.assign(l, { state: 'confirmed', decidedBy: actor.name })
        await this.audit.record(actor, { action: 'model-link.confirm', targetType: 'device', targetId: l.deviceId })
        n++
      }
    return n
  }
  async removeLink(deviceId: string, actor: Actor) {
    if (!this.links.delete(deviceId)) throw MamoriError.of('DEVICE_NOT_LINKED', { device: deviceId })
    await this.audit.record(actor, { action: 'model-link.remove', targetType: 'device', targetId: deviceId })
  }
  async linkOf(deviceId: string) {
    const l = this.links.get(deviceId)
    if (!l) return null
    const { reasonJson: _, ...out } = l
    return out
  }
  async devicesOfModel(modelId: string, opts: { confirmedOnly: boolean }): Promise<LinkedDevice[]> {
    const out: LinkedDevice[] = []
    for (const d of this.devices) {
      const l = this.links.get(d.id)
      if (!l || l.modelId !== modelId || (opts.confirmedOnly && l.state !== 'confirmed')) continue
      const { reasonJson: _, ...link } = l
      out.push({
        ...link,
        assetTag: d.assetTag,
        name: null,
        department: null,
        manufacturer: d.manufacturer,
        model: d.model,
        softwareVersion: d.softwareVersion,
      })
    }
    return out
  }

  private row(id: string) {
    const m = this.modelRows.find((x) => x.id === id)
    if (!m) throw notFound('Catalog model', id, '機種')
    return m
  }
  private summary(m: CatalogModel): CatalogModelSummary {
    const states = [...this.links.values()].filter((l) => l.modelId === m.id).map((l) => l.state)
    return {
      ...toModel(m),
      confirmed: states.filter((s) => s === 'confirmed').length,
      suggested: states.filter((s) => s === 'suggested').length,
      disclosures: this.disclosures.get(m.id) ?? 0,
    }
  }
  private assertAliasFree(r: AliasRecord, exceptId: string | null) {
    const clash = this.aliasRows.find((a) => a.aliasKey === r.aliasKey && a.id !== exceptId)
    if (clash) throw MamoriError.of('ALIAS_EXISTS', { alias: r.alias, existing: clash.alias, vendor: clash.vendor })
  }
  private assertModelFree(r: ModelRecord, exceptId: string | null) {
    const clash = this.modelRows.find(
      (m) =>
        m.id !== exceptId &&
        m.vendorKey === r.vendorKey &&
        m.nameKey === r.nameKey &&
        m.versionFrom === r.versionFrom &&
        m.versionTo === r.versionTo,
    )
    if (clash) throw MamoriError.of('MODEL_EXISTS', { vendor: clash.vendor, name: clash.name, versions: '' })
  }
}

const toModel = (m: CatalogModel): CatalogModel => ({
  id: m.id,
  vendor: m.vendor,
  name: m.name,
  versionFrom: m.versionFrom,
  versionTo: m.versionTo,
  createdAt: m.createdAt,
  updatedAt: m.updatedAt,
})
