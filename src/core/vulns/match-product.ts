/**
 * Does an advisory's product (a CSAF product tree leaf) describe this device, and is the device's version affected?
 * Pure and explained: every decision carries its reasons in Japanese and English, so a clinical engineer can check
 * it ("maker 日本光電工業株式会社 is Nihon Kohden by the alias table; model BSM-6501 is named in the product; version 01-23
 * is <= 02-10"). A suggestion is never silently final: what cannot be decided from the data is `needs-review`.
 */
import { normaliseModel } from '../catalog/normalise.js'
import type { VendorResolver } from '../catalog/vendor-resolver.js'
import { inRange, parseVersionRange } from './version-range.js'

export interface DeviceForMatch {
  manufacturer: string | null
  model: string | null
  softwareVersion: string | null
  /** The device's confirmed catalog model, when there is one: its vendor and name win over the ledger's text. */
  catalogModel: { vendor: string; name: string } | null
}

export interface ProductForMatch {
  vendor: string | null
  productName: string | null
  version: string | null
  versionRange: string | null
  modelNumbers: readonly string[]
}

export type MatchDecision = 'affected' | 'ruled-out-by-version' | 'not-affected' | 'needs-review'

export interface Reason {
  ja: string
  en: string
}

export interface ProductMatch {
  decision: MatchDecision
  reasons: Reason[]
  /** How the product was recognised as the device: a model number the advisory lists, or the model in its name. */
  identity: 'model-number' | 'product-name'
}

/** CSAF statuses that say the product is not (or no longer) affected. */
const NOT_AFFECTED = new Set(['known_not_affected', 'fixed', 'first_fixed'])

/** A model designation inside a product name or model number, on token boundaries ("SP-2000" in "SP-2000 pump"). */
export function namesModel(haystack: string, model: string): boolean {
  const m = normaliseModel(model)
  if (m.length < 2) return false
  // normaliseModel drops spaces and hyphens (TE-LM800 ≡ TE LM800), so compare runs of whole words, never parts of one.
  const words = haystack
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
  for (let i = 0; i < words.length; i++)
    for (let n = 1; n <= 4 && i + n <= words.length; n++)
      if (normaliseModel(words.slice(i, i + n).join(' ')) === m) return true
  return normaliseModel(haystack) === m
}

/** A CSAF model number with `*` wildcards ("SP-2000*") against a model. */
function modelNumberMatches(pattern: string, model: string): boolean {
  const p = normaliseModel(pattern)
  const m = normaliseModel(model)
  if (!p.includes('*')) return p === m
  const re = new RegExp(
    `^${p
      .split('*')
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  )
  return re.test(m)
}

/**
 * Matches one device against one product with the status the advisory gives it. null: the product is not this
 * device (another maker, another model) — nothing to explain.
 */
export function matchProduct(
  device: DeviceForMatch,
  product: ProductForMatch,
  status: string,
  vendors: VendorResolver,
  justification: string | null = null,
): ProductMatch | null {
  const deviceVendor = vendors.resolve(device.catalogModel?.vendor ?? device.manufacturer)
  const productVendor = vendors.resolve(product.vendor)
  if (!deviceVendor || !productVendor || deviceVendor.vendorKey !== productVendor.vendorKey) return null
  const model = device.catalogModel?.name ?? device.model
  if (!model) return null
  const byNumber = product.modelNumbers.find((n) => modelNumberMatches(n, model))
  const byName = product.productName && namesModel(product.productName, model) ? product.productName : null
  if (!byNumber && !byName) return null
  const identity = byNumber ? 'model-number' : 'product-name'
  const reasons: Reason[] = [
    deviceVendor.via === 'alias'
      ? {
          ja: `メーカー「${device.manufacturer ?? deviceVendor.alias}」は別名表により ${productVendor.vendor} です`,
          en: `maker "${device.manufacturer ?? deviceVendor.alias}" is ${productVendor.vendor} by the alias table`,
        }
      : { ja: `メーカーが ${productVendor.vendor} です`, en: `the maker is ${productVendor.vendor}` },
    byNumber
      ? { ja: `型式 ${model} が型番 ${byNumber} に当たります`, en: `model ${model} fits model number ${byNumber}` }
      : { ja: `型式 ${model} が製品名「${byName}」に含まれます`, en: `model ${model} is named in "${byName}"` },
  ]
  if (NOT_AFFECTED.has(status)) {
    reasons.push({
      ja: `製造業者はこの製品を影響なし(${status}${justification ? `: ${justification}` : ''})としています`,
      en: `the manufacturer states the product is not affected (${status}${justification ? `: ${justification}` : ''})`,
    })
    return { decision: 'not-affected', reasons, identity }
  }
  const rangeText = product.versionRange ?? product.version
  if (!rangeText) {
    reasons.push({ ja: '対象のバージョンが示されていません', en: 'the advisory names no version' })
    return { decision: 'affected', reasons, identity }
  }
  const range = parseVersionRange(/^(vers:|[<>=!])/i.test(rangeText) ? rangeText : `= ${rangeText}`)
  const answer = inRange(device.softwareVersion, range)
  if (answer.inside === true) {
    reasons.push({ ja: `バージョンが該当します(${answer.why})`, en: `the version is affected (${answer.why})` })
    return { decision: 'affected', reasons, identity }
  }
  if (answer.inside === false) {
    reasons.push({ ja: `バージョンが対象外です(${answer.why})`, en: `the version is not affected (${answer.why})` })
    return { decision: 'ruled-out-by-version', reasons, identity }
  }
  reasons.push({ ja: `バージョンを判断できません(${answer.why})`, en: `the version cannot be decided (${answer.why})` })
  return { decision: 'needs-review', reasons, identity }
}
