/**
 * The model catalog: the seam every disclosure, declared port list, SBOM and advisory attaches to. A device in the
 * ledger links to one catalog model (suggested from its manufacturer/model text, confirmed by a person); what is
 * known about the model then applies to all of its devices. See docs/decisions/0023-model-catalog.md.
 */

/** A manufacturer + model (+ software version range) as the catalog keeps it. */
export interface CatalogModel {
  id: string
  /** The global vendor name advisories use (Philips, Nihon Kohden…), after the alias table. */
  vendor: string
  /** The model designation as the manufacturer writes it (型式), e.g. "IntelliVue MX450". */
  name: string
  /** Inclusive software version range this record covers; null = any. Compared as dotted versions. */
  versionFrom: string | null
  versionTo: string | null
  createdAt: string
  updatedAt: string
}

/** One row of the editable alias table: a name as ledgers write it → the vendor it stands for. */
export interface ManufacturerAlias {
  id: string
  /** As entered (株式会社フィリップス・ジャパン). */
  alias: string
  /** The normalised form used for lookups (see `normaliseManufacturer`). Unique. */
  aliasKey: string
  /** The global vendor name (Philips). */
  vendor: string
  /** Shipped with Mamori (a person may still edit or delete it). */
  builtin: boolean
}

/** How sure a device ↔ model link is. A suggestion never applies findings until a person confirms it. */
export type ModelLinkState = 'suggested' | 'confirmed'

export interface DeviceModelLink {
  deviceId: string
  modelId: string
  state: ModelLinkState
  /** 0..1, how well the device's manufacturer/model/version text matched. */
  confidence: number
  /** Why it was suggested, in words (e.g. "maker alias 日本光電工業株式会社 → Nihon Kohden; model text equal"). */
  reason: string
  /** The same reason in Japanese (the suggester writes both). */
  reasonJa?: string
  decidedBy: string | null
  decidedAt: string | null
}
