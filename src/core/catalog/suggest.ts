import type { CatalogModel, ManufacturerAlias } from './model.js'
import { normaliseModel } from './normalise.js'
import { VendorResolver } from './vendor-resolver.js'
import { inVersionRange } from './version.js'

/** What a ledger device says about itself. */
export interface DeviceModelText {
  manufacturer: string | null
  model: string | null
  softwareVersion: string | null
}

/** A suggested model for a device: how sure, and why in words (both languages). */
export interface ModelSuggestion {
  modelId: string
  /** 0..1: 0.95 model text equal, 0.6 one starts with the other, 0.5 one contains the other; −0.1 when a
   * version range could not be checked. */
  confidence: number
  reason: { en: string; ja: string }
}

// Shorter texts contained in a longer one match too often by chance ("10" in "X-100").
const MIN_PARTIAL = 3

interface Indexed {
  model: CatalogModel
  nameKey: string
}

/**
 * Suggests catalog models for many devices: models are indexed by vendor once, so a whole ledger is matched in
 * one pass without comparing every device with every model.
 */
export class ModelMatcher {
  private readonly resolver: VendorResolver
  private readonly byVendor = new Map<string, Indexed[]>()

  constructor(models: readonly CatalogModel[], aliases: readonly Pick<ManufacturerAlias, 'alias' | 'vendor'>[]) {
    this.resolver = new VendorResolver(
      aliases,
      models.map((m) => m.vendor),
    )
    for (const model of models) {
      const vendorKey = this.resolver.resolve(model.vendor)?.vendorKey
      if (!vendorKey) continue
      const list = this.byVendor.get(vendorKey) ?? []
      list.push({ model, nameKey: normaliseModel(model.name) })
      this.byVendor.set(vendorKey, list)
    }
  }

  // Devices of one model share maker, model and version text: each distinct triple is matched once.
  private readonly memo = new Map<string, ModelSuggestion | null>()

  /** The best model for a device, or null when no model of its vendor matches its model text and version. */
  suggest(device: DeviceModelText): ModelSuggestion | null {
    const key = `${device.manufacturer ?? ''}\u0000${device.model ?? ''}\u0000${device.softwareVersion ?? ''}`
    const known = this.memo.get(key)
    if (known !== undefined) return known
    const found = this.match(device)
    this.memo.set(key, found)
    return found
  }

  private match(device: DeviceModelText): ModelSuggestion | null {
    const vendor = this.resolver.resolve(device.manufacturer)
    const nameKey = device.model ? normaliseModel(device.model) : ''
    if (!vendor || !nameKey) return null
    const candidates = this.byVendor.get(vendor.vendorKey)
    if (!candidates) return null
    let best: { c: Indexed; score: number; how: Match; version: VersionFit } | null = null
    for (const c of candidates) {
      const how = matchName(nameKey, c.nameKey)
      if (!how) continue
      const version = fitVersion(device.softwareVersion, c.model)
      if (version === 'outside') continue
      const score = SCORE[how] - (version === 'unchecked' ? 0.1 : 0)
      // Ties go to the model with a range that holds the version (more specific), then to the smaller id (stable).
      const better =
        !best ||
        score > best.score ||
        (score === best.score && version === 'inside' && best.version !== 'inside') ||
        (score === best.score && version === best.version && c.model.id < best.c.model.id)
      if (better) best = { c, score, how, version }
    }
    if (!best) return null
    return {
      modelId: best.c.model.id,
      confidence: Math.round(best.score * 100) / 100,
      reason: reasonText(device, vendor, best.c.model, best.how, best.version),
    }
  }
}

/**
 * The best catalog model for one device (see {@link ModelMatcher} for a whole ledger): the vendor through the
 * alias table (or equal normalised names), then the model text after `normaliseModel` — equal (high), one the
 * start of the other or contained in it (lower) — and the device's software version inside the model's range.
 */
export function suggestModel(
  device: DeviceModelText,
  models: readonly CatalogModel[],
  aliases: readonly Pick<ManufacturerAlias, 'alias' | 'vendor'>[],
): ModelSuggestion | null {
  return new ModelMatcher(models, aliases).suggest(device)
}

type Match = 'equal' | 'prefix' | 'contained'
type VersionFit = 'inside' | 'outside' | 'unchecked' | 'any'

const SCORE: Record<Match, number> = { equal: 0.95, prefix: 0.6, contained: 0.5 }

function matchName(device: string, model: string): Match | null {
  if (device === model) return 'equal'
  const [short, long] = device.length < model.length ? [device, model] : [model, device]
  if (short.length < MIN_PARTIAL) return null
  if (long.startsWith(short) && !cutsNumber(long, 0, short.length)) return 'prefix'
  for (let at = long.indexOf(short, 1); at >= 0; at = long.indexOf(short, at + 1))
    if (!cutsNumber(long, at, at + short.length)) return 'contained'
  return null
}

const DIGIT = /\d/
/** True when [start, end) of `text` starts or ends inside a number: DS-1 is not part of DS-10. */
function cutsNumber(text: string, start: number, end: number): boolean {
  const edge = (a: string | undefined, b: string | undefined) =>
    a !== undefined && b !== undefined && DIGIT.test(a) && DIGIT.test(b)
  return edge(text[start - 1], text[start]) || edge(text[end - 1], text[end])
}

function fitVersion(version: string | null, model: CatalogModel): VersionFit {
  if (!model.versionFrom && !model.versionTo) return 'any'
  if (!version?.trim()) return 'unchecked'
  return inVersionRange(version, model.versionFrom, model.versionTo) ? 'inside' : 'outside'
}

function rangeText(m: CatalogModel): string {
  return `${m.versionFrom ?? '…'}–${m.versionTo ?? '…'}`
}

function reasonText(
  device: DeviceModelText,
  vendor: NonNullable<ReturnType<VendorResolver['resolve']>>,
  model: CatalogModel,
  how: Match,
  version: VersionFit,
): { en: string; ja: string } {
  const maker = device.manufacturer ?? ''
  const vendorEn =
    vendor.via === 'alias' ? `maker "${maker}" → ${vendor.vendor} (alias table)` : `maker "${maker}" = ${vendor.vendor}`
  const vendorJa =
    vendor.via === 'alias'
      ? `メーカー「${maker}」→ ${vendor.vendor}（別名表）`
      : `メーカー「${maker}」= ${vendor.vendor}`
  const text = device.model ?? ''
  const nameEn = {
    equal: `model "${text}" equals ${model.name}`,
    prefix: `model "${text}" and ${model.name} start alike`,
    contained: `model "${text}" and ${model.name} partly match`,
  }[how]
  const nameJa = {
    equal: `型式「${text}」が ${model.name} と一致`,
    prefix: `型式「${text}」と ${model.name} の先頭が一致`,
    contained: `型式「${text}」と ${model.name} が部分一致`,
  }[how]
  const v = device.softwareVersion ?? ''
  const versionEn = {
    inside: `; version ${v} within ${rangeText(model)}`,
    unchecked: `; no software version in the ledger to check against ${rangeText(model)}`,
    any: '',
    outside: '',
  }[version]
  const versionJa = {
    inside: `、バージョン ${v} は ${rangeText(model)} の範囲内`,
    unchecked: `、台帳にソフトウェアバージョンがなく ${rangeText(model)} と照合できません`,
    any: '',
    outside: '',
  }[version]
  return { en: `${vendorEn}; ${nameEn}${versionEn}`, ja: `${vendorJa}、${nameJa}${versionJa}` }
}
