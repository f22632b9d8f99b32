import type { Actor } from '../actor.js'
import type { CatalogModel, DeviceModelLink, ManufacturerAlias, ModelLinkState } from './model.js'

/** A catalog model with what hangs on it: devices by link state, and attached disclosures. */
export interface CatalogModelSummary extends CatalogModel {
  confirmed: number
  suggested: number
  disclosures: number
}

/** A model as the service has decided it: keys computed, open version ends null. */
export interface ModelRecord {
  vendor: string
  vendorKey: string
  name: string
  nameKey: string
  versionFrom: string | null
  versionTo: string | null
}

/** An alias row as the service has decided it. */
export interface AliasRecord {
  alias: string
  aliasKey: string
  vendor: string
}

/** What the matcher reads of each ledger device, with its current link. */
export interface DeviceForMatching {
  id: string
  assetTag: string | null
  manufacturer: string | null
  model: string | null
  softwareVersion: string | null
  /** `reason` as stored (JSON of both languages), to tell an unchanged suggestion. */
  link: { modelId: string; state: ModelLinkState; confidence: number; reason: string } | null
}

/** A device linked to a model, as the model page lists it. */
export interface LinkedDevice extends DeviceModelLink {
  assetTag: string | null
  name: string | null
  department: string | null
  manufacturer: string | null
  model: string | null
  softwareVersion: string | null
}

/** A suggestion to write: `reason` in both languages. */
export interface SuggestedLink {
  deviceId: string
  modelId: string
  confidence: number
  reason: { en: string; ja: string }
}

/**
 * The model catalog's storage (implemented by `storage/model-catalog-repository.ts`). Each change is one
 * transaction with its audit entry; uniqueness is by normalised key (ALIAS_EXISTS, MODEL_EXISTS).
 */
export interface ModelCatalogStore {
  aliases(): Promise<ManufacturerAlias[]>
  insertAlias(row: AliasRecord, actor: Actor): Promise<ManufacturerAlias>
  /** A built-in row whose name (key) changes is remembered, so seeding never brings the old name back. */
  updateAlias(id: string, set: Partial<AliasRecord>, actor: Actor): Promise<ManufacturerAlias>
  /** A deleted built-in row is remembered (settings key `catalog.builtinAliasTombstones`). */
  removeAlias(id: string, actor: Actor): Promise<void>
  /** Inserts built-in rows whose key is neither present nor tombstoned; returns how many were added. */
  seedAliases(rows: AliasRecord[], actor: Actor): Promise<number>

  models(): Promise<CatalogModelSummary[]>
  /** NOT_FOUND for an unknown id. */
  model(id: string): Promise<CatalogModelSummary>
  /** Inserts models (one transaction, one audit entry each); MODEL_EXISTS when one is already there. */
  insertModels(rows: ModelRecord[], actor: Actor): Promise<CatalogModel[]>
  updateModel(id: string, set: Partial<ModelRecord>, actor: Actor): Promise<CatalogModel>
  /** MODEL_IN_USE while devices are confirmed or disclosures attach, unless `force`. */
  removeModel(id: string, actor: Actor, opts: { force: boolean }): Promise<void>
  /** Moves links, disclosures and declared ports of `fromId` to `intoId`, then deletes `fromId`. */
  mergeModels(fromId: string, intoId: string, actor: Actor): Promise<{ links: number; disclosures: number }>

  /** The whole ledger in one query, never a page. */
  devicesForMatching(): Promise<DeviceForMatching[]>
  /**
   * Writes suggestions (never over a confirmed link) and drops `staleDeviceIds`' suggestions, in batches in one
   * transaction with one summary audit entry.
   */
  replaceSuggestions(links: SuggestedLink[], staleDeviceIds: string[], actor: Actor): Promise<void>
  /** Sets a device's link as confirmed (audited on the device). */
  confirmLink(deviceId: string, modelId: string, actor: Actor): Promise<DeviceModelLink>
  /** Confirms every suggestion of one model; returns how many. */
  confirmSuggested(modelId: string, actor: Actor): Promise<number>
  /** DEVICE_NOT_LINKED when there is no link. */
  removeLink(deviceId: string, actor: Actor): Promise<void>
  linkOf(deviceId: string): Promise<DeviceModelLink | null>
  devicesOfModel(modelId: string, opts: { confirmedOnly: boolean }): Promise<LinkedDevice[]>
}
