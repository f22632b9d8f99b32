import { builtinAliasRows } from '../core/catalog/builtin-aliases.js'
import { parseMakerModel } from '../core/catalog/maker-model.js'
import type { CatalogModel, DeviceModelLink, ManufacturerAlias } from '../core/catalog/model.js'
import { normaliseManufacturer, normaliseModel } from '../core/catalog/normalise.js'
import {
  type ModelCandidate,
  modelCandidates,
  planSuggestions,
  type SuggestionPlan,
} from '../core/catalog/plan-links.js'
import type { CatalogModelSummary, LinkedDevice, ModelCatalogStore, ModelRecord } from '../core/catalog/store.js'
import { VendorResolver } from '../core/catalog/vendor-resolver.js'
import { versionRangeProblems } from '../core/catalog/version.js'
import { MamoriError, notFound } from '../core/errors.js'
import { type Actor, type LedgerReader, SYSTEM_ACTOR } from '../core/ports.js'

/** What a person types to create or change a model: the maker as written (it goes through the alias table). */
export interface ModelInput {
  manufacturer: string
  name: string
  versionFrom?: string | null
  versionTo?: string | null
}

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null)

/**
 * The model catalog (ADR 0023): the editable manufacturer alias table (seeded with the built-in Japanese-maker
 * names), catalog models, and device ↔ model links suggested over the whole ledger and confirmed by a person.
 * Other services call `devicesOfModel`, `modelOfDevice`, `resolveOrCreate`, `splitMakerModel` and `exists`.
 */
export class ModelCatalogService {
  private seeded: Promise<void> | null = null

  constructor(
    private readonly store: ModelCatalogStore,
    private readonly ledger: Pick<LedgerReader, 'get' | 'idWithAssetTag'>,
  ) {}

  /** Seeds the built-in aliases once per process; a person's edits and deletions stay (tombstones). */
  ensureAliases(): Promise<void> {
    this.seeded ??= this.store
      .seedAliases(
        builtinAliasRows().map((r) => ({ ...r, aliasKey: normaliseManufacturer(r.alias) })),
        SYSTEM_ACTOR,
      )
      .then(
        () => undefined,
        (err: unknown) => {
          this.seeded = null
          throw err
        },
      )
    return this.seeded
  }

  async aliases(): Promise<ManufacturerAlias[]> {
    await this.ensureAliases()
    return this.store.aliases()
  }

  async addAlias(actor: Actor, input: { alias: string; vendor: string }): Promise<ManufacturerAlias> {
    await this.ensureAliases()
    return this.store.insertAlias(aliasRecord(input.alias, input.vendor), actor)
  }

  async updateAlias(actor: Actor, id: string, set: { alias?: string; vendor?: string }): Promise<ManufacturerAlias> {
    await this.ensureAliases()
    const current = (await this.store.aliases()).find((a) => a.id === id)
    if (!current) throw notFound('Manufacturer alias', id, 'メーカー別名')
    return this.store.updateAlias(id, aliasRecord(set.alias ?? current.alias, set.vendor ?? current.vendor), actor)
  }

  async removeAlias(actor: Actor, id: string): Promise<void> {
    await this.ensureAliases()
    await this.store.removeAlias(id, actor)
  }

  list = (): Promise<CatalogModelSummary[]> => this.store.models()
  get = (id: string): Promise<CatalogModelSummary> => this.store.model(id)

  /** A model with every linked device (suggested and confirmed). */
  async detail(id: string): Promise<{ model: CatalogModelSummary; devices: LinkedDevice[] }> {
    const model = await this.store.model(id)
    return { model, devices: await this.store.devicesOfModel(id, { confirmedOnly: false }) }
  }

  /** For the disclosures service: NOT_FOUND for an unknown model id. */
  async exists(id: string): Promise<void> {
    await this.store.model(id)
  }

  async create(actor: Actor, input: ModelInput): Promise<CatalogModel> {
    const [model] = await this.store.insertModels([await this.record(input)], actor)
    return model as CatalogModel
  }

  async update(actor: Actor, id: string, set: Partial<ModelInput>): Promise<CatalogModel> {
    const current = await this.store.model(id)
    const merged: ModelInput = {
      manufacturer: set.manufacturer ?? current.vendor,
      name: set.name ?? current.name,
      versionFrom: set.versionFrom === undefined ? current.versionFrom : set.versionFrom,
      versionTo: set.versionTo === undefined ? current.versionTo : set.versionTo,
    }
    return this.store.updateModel(id, await this.record(merged), actor)
  }

  /** Refused (MODEL_INVALID… MODEL_IN_USE) while devices are confirmed or disclosures attach, unless `force`. */
  remove = (actor: Actor, id: string, opts: { force: boolean }): Promise<void> =>
    this.store.removeModel(id, actor, opts)

  /** Moves links, disclosures and declared ports of `fromId` into `intoId` and deletes `fromId`. */
  merge = (actor: Actor, fromId: string, intoId: string) => this.store.mergeModels(fromId, intoId, actor)

  /** Splits "日本光電 BSM-6501" by the alias table and the catalog's vendors; null when no maker is recognised. */
  async splitMakerModel(text: string): Promise<{ manufacturer: string; model: string } | null> {
    const aliases = await this.aliases()
    const vendors = (await this.store.models()).map((m) => ({ alias: m.vendor, vendor: m.vendor }))
    return parseMakerModel(text, [...aliases, ...vendors])
  }

  /**
   * The model for a maker/model pair, created when the catalog has none. Without a version range: the only model
   * of that name, else its open-ended one, else a new open-ended one. With a range: exactly that range.
   */
  async resolveOrCreate(
    actor: Actor,
    input: { manufacturer: string; model: string; versionFrom?: string | null; versionTo?: string | null },
  ): Promise<CatalogModel> {
    const record = await this.record({ ...input, name: input.model })
    const same = (await this.store.models()).filter(
      (m) => normaliseManufacturer(m.vendor) === record.vendorKey && normaliseModel(m.name) === record.nameKey,
    )
    const ranged = record.versionFrom !== null || record.versionTo !== null
    const found = ranged
      ? same.find((m) => m.versionFrom === record.versionFrom && m.versionTo === record.versionTo)
      : same.length === 1
        ? same[0]
        : same.find((m) => m.versionFrom === null && m.versionTo === null)
    if (found) return found
    const [created] = await this.store.insertModels([record], actor)
    return created as CatalogModel
  }

  /** A model by id or by "MAKER MODEL" text (CLI): MODEL_NOT_FOUND, MODEL_AMBIGUOUS or MODEL_TEXT_UNREADABLE. */
  async find(idOrText: string): Promise<CatalogModelSummary> {
    const models = await this.store.models()
    const byId = models.find((m) => m.id === idOrText)
    if (byId) return byId
    const split = await this.splitMakerModel(idOrText)
    if (!split) throw MamoriError.of('MODEL_TEXT_UNREADABLE', { text: idOrText })
    const vendor = (await this.resolver()).resolve(split.manufacturer)
    const nameKey = normaliseModel(split.model)
    const hits = models.filter(
      (m) => normaliseManufacturer(m.vendor) === vendor?.vendorKey && normaliseModel(m.name) === nameKey,
    )
    if (hits.length === 0) throw MamoriError.of('MODEL_NOT_FOUND', { query: idOrText })
    if (hits.length > 1)
      throw MamoriError.of('MODEL_AMBIGUOUS', {
        query: idOrText,
        count: hits.length,
        models: hits.map((m) => `${m.id} ${m.versionFrom ?? '…'}–${m.versionTo ?? '…'}`).join(', '),
      })
    return hits[0] as CatalogModelSummary
  }

  /** Pairs of the ledger no catalog model has, most devices first. */
  async candidates(): Promise<ModelCandidate[]> {
    const [devices, models, aliases] = await Promise.all([
      this.store.devicesForMatching(),
      this.store.models(),
      this.aliases(),
    ])
    return modelCandidates(devices, models, aliases)
  }

  /** Creates the accepted candidates (those still missing) in one transaction, then suggests links. */
  async acceptCandidates(
    actor: Actor,
    items: { manufacturer: string; name: string }[],
  ): Promise<{ created: CatalogModel[]; suggestions: SuggestionPlan['counts'] }> {
    const models = await this.store.models()
    const have = new Set(models.map((m) => `${normaliseManufacturer(m.vendor)}\u0000${normaliseModel(m.name)}`))
    const records: ModelRecord[] = []
    for (const item of items) {
      const r = await this.record(item)
      const key = `${r.vendorKey}\u0000${r.nameKey}`
      if (have.has(key)) continue
      have.add(key)
      records.push(r)
    }
    const created = records.length > 0 ? await this.store.insertModels(records, actor) : []
    return { created, suggestions: await this.suggestLinks(actor) }
  }

  /** Suggests a model for every ledger device without a confirmed link: one read, one batched write. */
  async suggestLinks(actor: Actor): Promise<SuggestionPlan['counts']> {
    const [devices, models, aliases] = await Promise.all([
      this.store.devicesForMatching(),
      this.store.models(),
      this.aliases(),
    ])
    const plan = planSuggestions(devices, models, aliases)
    await this.store.replaceSuggestions(plan.links, plan.stale, actor)
    return plan.counts
  }

  /** Links a device (id or asset tag) to a model (id or "MAKER MODEL") as confirmed. */
  /**
   * Called after a person confirms or removes links, with the devices and models involved: the disclosures service
   * re-applies those models' disclosures (set in `buildServices`; what a model says reaches a device only once its
   * link is confirmed).
   */
  onLinksChanged: ((actor: Actor, change: { deviceIds: string[]; modelIds: string[] }) => Promise<unknown>) | null =
    null

  async link(actor: Actor, device: string, model: string): Promise<DeviceModelLink> {
    const deviceId = await this.deviceId(device)
    const target = await this.find(model)
    const before = await this.store.linkOf(deviceId)
    const link = await this.store.confirmLink(deviceId, target.id, actor)
    await this.onLinksChanged?.(actor, { deviceIds: [deviceId], modelIds: uniq([target.id, before?.modelId]) })
    return link
  }

  /** Confirms a device's suggested link as it stands. */
  async confirm(actor: Actor, device: string): Promise<DeviceModelLink> {
    const deviceId = await this.deviceId(device)
    const current = await this.store.linkOf(deviceId)
    if (!current) throw MamoriError.of('DEVICE_NOT_LINKED', { device })
    const link = await this.store.confirmLink(deviceId, current.modelId, actor)
    await this.onLinksChanged?.(actor, { deviceIds: [deviceId], modelIds: [current.modelId] })
    return link
  }

  async unlink(actor: Actor, device: string): Promise<void> {
    const deviceId = await this.deviceId(device)
    const before = await this.store.linkOf(deviceId)
    await this.store.removeLink(deviceId, actor)
    await this.onLinksChanged?.(actor, { deviceIds: [deviceId], modelIds: uniq([before?.modelId]) })
  }

  /** Confirms every suggestion of one model. */
  async confirmSuggestions(actor: Actor, modelId: string): Promise<number> {
    const n = await this.store.confirmSuggested(modelId, actor)
    if (n > 0) await this.onLinksChanged?.(actor, { deviceIds: [], modelIds: [modelId] })
    return n
  }

  devicesOfModel = (modelId: string, opts: { confirmedOnly: boolean }): Promise<LinkedDevice[]> =>
    this.store.devicesOfModel(modelId, opts)

  /** A device's link and its model, or null. */
  async modelOfDevice(deviceId: string): Promise<{ link: DeviceModelLink; model: CatalogModelSummary } | null> {
    const link = await this.store.linkOf(deviceId)
    return link ? { link, model: await this.store.model(link.modelId) } : null
  }

  /** The alias table and the catalog's vendors as one resolver (vulnerability matching reads makers through it). */
  vendorResolver(): Promise<VendorResolver> {
    return this.resolver()
  }

  private async resolver(): Promise<VendorResolver> {
    const [aliases, models] = await Promise.all([this.aliases(), this.store.models()])
    return new VendorResolver(
      aliases,
      models.map((m) => m.vendor),
    )
  }

  /** A model record from what a person typed: vendor through the alias table, keys, checked version range. */
  private async record(input: ModelInput): Promise<ModelRecord> {
    const vendor = (await this.resolver()).resolve(input.manufacturer)
    const name = input.name.normalize('NFKC').trim().replace(/\s+/g, ' ')
    const versionFrom = blankToNull(input.versionFrom)
    const versionTo = blankToNull(input.versionTo)
    const problems = versionRangeProblems(versionFrom, versionTo)
    if (!vendor) problems.unshift({ en: 'the manufacturer is empty', ja: 'メーカーが空です' })
    if (!normaliseModel(name)) problems.unshift({ en: 'the model name is empty', ja: '型式が空です' })
    if (!vendor || problems.length > 0)
      throw MamoriError.of('MODEL_INVALID', {
        problems: { en: problems.map((p) => p.en).join('; '), ja: problems.map((p) => p.ja).join('、') },
      })
    return {
      vendor: vendor.vendor,
      vendorKey: vendor.vendorKey,
      name,
      nameKey: normaliseModel(name),
      versionFrom,
      versionTo,
    }
  }

  /** A device id from an id or an asset tag. */
  async deviceId(ref: string): Promise<string> {
    const byTag = await this.ledger.idWithAssetTag(ref, null)
    if (byTag) return byTag
    return (await this.ledger.get(ref)).id
  }
}

function aliasRecord(alias: string, vendor: string) {
  const aliasKey = normaliseManufacturer(alias)
  if (!aliasKey) throw MamoriError.of('ALIAS_EMPTY', { alias })
  const v = vendor.normalize('NFKC').trim().replace(/\s+/g, ' ')
  if (!v || !normaliseManufacturer(v)) throw MamoriError.of('ALIAS_EMPTY', { alias: vendor })
  return { alias: alias.trim(), aliasKey, vendor: v }
}

/** The distinct ids among these, without nulls. */
const uniq = (ids: (string | null | undefined)[]): string[] => [...new Set(ids.filter((x): x is string => !!x))]
