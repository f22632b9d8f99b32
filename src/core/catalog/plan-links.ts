import type { CatalogModel, ManufacturerAlias } from './model.js'
import { normaliseModel } from './normalise.js'
import type { DeviceForMatching, SuggestedLink } from './store.js'
import { ModelMatcher } from './suggest.js'
import { VendorResolver } from './vendor-resolver.js'

/** What a suggestion pass over the ledger decided. */
export interface SuggestionPlan {
  /** New or changed suggestions to write. */
  links: SuggestedLink[]
  /** Devices whose old suggestion no longer holds (text changed, model gone). */
  stale: string[]
  counts: {
    devices: number
    confirmed: number
    suggested: number
    unchanged: number
    withdrawn: number
    unmatched: number
  }
}

/**
 * Suggests a model for every device of the ledger that has no confirmed link, in one pass (models indexed by
 * vendor once). A confirmed link is a person's decision and never touched; a suggestion that equals the stored
 * one is not rewritten.
 */
export function planSuggestions(
  devices: readonly DeviceForMatching[],
  models: readonly CatalogModel[],
  aliases: readonly Pick<ManufacturerAlias, 'alias' | 'vendor'>[],
): SuggestionPlan {
  const matcher = new ModelMatcher(models, aliases)
  const plan: SuggestionPlan = {
    links: [],
    stale: [],
    counts: { devices: devices.length, confirmed: 0, suggested: 0, unchanged: 0, withdrawn: 0, unmatched: 0 },
  }
  for (const d of devices) {
    if (d.link?.state === 'confirmed') {
      plan.counts.confirmed++
      continue
    }
    const s = matcher.suggest(d)
    if (!s) {
      if (d.link) {
        plan.stale.push(d.id)
        plan.counts.withdrawn++
      } else plan.counts.unmatched++
      continue
    }
    const old = d.link
    if (
      old &&
      old.modelId === s.modelId &&
      old.confidence === s.confidence &&
      old.reason === JSON.stringify(s.reason)
    ) {
      plan.counts.unchanged++
      continue
    }
    plan.links.push({ deviceId: d.id, modelId: s.modelId, confidence: s.confidence, reason: s.reason })
    plan.counts.suggested++
  }
  return plan
}

/** A (maker, model) pair the ledger uses that the catalog does not have yet. */
export interface ModelCandidate {
  /** The vendor the maker text resolves to (through the alias table). */
  vendor: string
  /** The model as most devices write it. */
  name: string
  /** Maker texts as the ledger writes them (up to five). */
  manufacturers: string[]
  devices: number
}

/**
 * Distinct (vendor, model) pairs of the ledger, after normalisation, that no catalog model has (whatever its
 * version range), most devices first: the list a person accepts to fill the catalog from the ledger.
 */
export function modelCandidates(
  devices: readonly DeviceForMatching[],
  models: readonly CatalogModel[],
  aliases: readonly Pick<ManufacturerAlias, 'alias' | 'vendor'>[],
): ModelCandidate[] {
  const resolver = new VendorResolver(
    aliases,
    models.map((m) => m.vendor),
  )
  const known = new Set<string>()
  for (const m of models) {
    const v = resolver.resolve(m.vendor)
    if (v) known.add(`${v.vendorKey}\u0000${normaliseModel(m.name)}`)
  }
  const keys = new Map<string, string>()
  const modelKey = (name: string) => {
    const known = keys.get(name)
    if (known !== undefined) return known
    const k = normaliseModel(name)
    keys.set(name, k)
    return k
  }
  const groups = new Map<string, { vendor: string; names: Map<string, number>; makers: Set<string>; devices: number }>()
  for (const d of devices) {
    const vendor = resolver.resolve(d.manufacturer)
    const name = d.model?.trim()
    if (!vendor || !name || !modelKey(name)) continue
    const key = `${vendor.vendorKey}\u0000${modelKey(name)}`
    if (known.has(key)) continue
    const g = groups.get(key) ?? { vendor: vendor.vendor, names: new Map(), makers: new Set(), devices: 0 }
    g.devices++
    g.names.set(name, (g.names.get(name) ?? 0) + 1)
    if (d.manufacturer) g.makers.add(d.manufacturer.trim())
    groups.set(key, g)
  }
  return [...groups.values()]
    .map((g) => ({
      vendor: g.vendor,
      name: [...g.names.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '',
      manufacturers: [...g.makers].sort().slice(0, 5),
      devices: g.devices,
    }))
    .sort((a, b) => b.devices - a.devices || a.vendor.localeCompare(b.vendor) || a.name.localeCompare(b.name))
}
