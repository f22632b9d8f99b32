/**
 * The whole matching engine (issue 9): every device against every advisory's products (maker through the alias
 * table + model + version, and the CSAF product helpers — CPE, purl — against the device's components), every
 * device's components against NVD configurations, then the manufacturers' VEX statements. One answer per device,
 * vulnerability and what tied them, with a stable id, a review key without the device (a person's decision covers
 * every device of the model), a confidence and reasons in Japanese and English.
 *
 * Fleet-sized: devices are bucketed by resolved vendor once, and devices with the same maker, model and version
 * text share one product answer, so the work grows with advisories × products × distinct models of that maker,
 * not with devices × every product.
 */
import type { VendorResolver } from '../catalog/vendor-resolver.js'
import { matchComponents } from './component-match.js'
import { compileCpeMatch, readComponentCpe, testCompiled } from './cpe.js'
import { advisoryReviewKey, matchId } from './match-keys.js'
import { type MatchDecision, matchProduct, type ProductMatch } from './match-product.js'
import type {
  AdvisoryDocument,
  AdvisoryProduct,
  CveForMatch,
  DeviceForVulnMatch,
  MatchVia,
  Reason,
  VexStatement,
  VulnMatch,
} from './model.js'
import { matchPurl, parsePurl, purlPackageKey } from './purl.js'
import { inRange, parseVersionRange } from './version-range.js'
import { applyVex } from './vex.js'

export interface MatchDevicesInput {
  devices: readonly DeviceForVulnMatch[]
  advisories: readonly AdvisoryDocument[]
  lookup: (vendor: string, product: string) => readonly CveForMatch[]
  vex: readonly VexStatement[]
  vendors: VendorResolver
}

/** Most cautious first: when several products of one advisory name a device, the most cautious answer speaks. */
const RANK: Record<MatchDecision, number> = {
  affected: 0,
  'needs-review': 1,
  'ruled-out-by-version': 2,
  'not-affected': 3,
}
const NOT_AFFECTED = new Set(['known_not_affected', 'fixed', 'first_fixed'])

interface Group {
  /** Devices with the same maker, model and version text: one answer for all of them. */
  devices: DeviceForVulnMatch[]
}

/** Devices by resolved vendor key, then by the text matchProduct reads. */
function bucket(devices: readonly DeviceForVulnMatch[], vendors: VendorResolver): Map<string, Group[]> {
  const out = new Map<string, Map<string, Group>>()
  for (const d of devices) {
    const v = vendors.resolve(d.catalogModel?.vendor ?? d.manufacturer)
    if (!v) continue
    const key = [d.manufacturer, d.model, d.softwareVersion, d.catalogModel?.vendor, d.catalogModel?.name].join(
      '\u0000',
    )
    let groups = out.get(v.vendorKey)
    if (!groups) {
      groups = new Map()
      out.set(v.vendorKey, groups)
    }
    const g = groups.get(key)
    if (g) g.devices.push(d)
    else groups.set(key, { devices: [d] })
  }
  return new Map([...out].map(([k, m]) => [k, [...m.values()]]))
}

interface Answer {
  via: MatchVia
  productId: string
  productLabel: string
  componentId: string | null
  decision: MatchDecision
  confidence: number
  reasons: Reason[]
}

/** A CSAF product's CPE or purl helper against one component: null when it does not name the component. */
function helperAnswer(
  p: AdvisoryProduct,
  c: DeviceComponent,
  status: string,
): Omit<Answer, 'productId' | 'productLabel'> | null {
  const range = p.versionRange ?? null
  const statusReason = (): Reason[] =>
    NOT_AFFECTED.has(status)
      ? [
          {
            ja: `製造業者はこの製品を影響なし(${status})としています`,
            en: `the manufacturer states the product is not affected (${status})`,
          },
        ]
      : []
  if (p.purl && c.purl) {
    const a = matchPurl(c.purl, p.purl, range)
    if (a.matches === false && a.why.en.startsWith('another package')) return null
    const decision: MatchDecision = NOT_AFFECTED.has(status)
      ? 'not-affected'
      : a.matches === true
        ? 'affected'
        : a.matches === false
          ? 'ruled-out-by-version'
          : 'needs-review'
    return { via: 'purl', componentId: c.id, decision, confidence: 0.95, reasons: [a.why, ...statusReason()] }
  }
  if (p.cpe && c.cpe) {
    const m = compileCpeMatch({ vulnerable: true, criteria: p.cpe })
    const cc = readComponentCpe(c.cpe)
    if (!m || !cc || m.vp !== cc.vp) return null
    const head: Reason = {
      ja: `構成品 ${c.cpe} が製品の CPE ${p.cpe} と同じ製品です`,
      en: `component ${c.cpe} is the product of CPE ${p.cpe}`,
    }
    if (NOT_AFFECTED.has(status))
      return {
        via: 'cpe',
        componentId: c.id,
        decision: 'not-affected',
        confidence: 0.9,
        reasons: [head, ...statusReason()],
      }
    let decision: MatchDecision
    let why: string
    if (range) {
      const a = inRange(c.version, parseVersionRange(range))
      decision = a.inside === true ? 'affected' : a.inside === false ? 'ruled-out-by-version' : 'needs-review'
      why = a.why
    } else {
      const t = testCompiled(m, cc)
      decision = t === 'yes' ? 'affected' : t === 'no' ? 'ruled-out-by-version' : 'needs-review'
      why = `${c.version ?? '?'} / ${m.criteria.version}`
    }
    return {
      via: 'cpe',
      componentId: c.id,
      decision,
      confidence: 0.9,
      reasons: [head, { ja: `バージョン: ${why}`, en: `version: ${why}` }],
    }
  }
  return null
}

type DeviceComponent = DeviceForVulnMatch['components'][number]

function purlKeyOf(text: string): string | null {
  const p = parsePurl(text)
  return 'purl' in p ? `purl:${purlPackageKey(p.purl)}` : null
}

/** Components by CPE vendor:product and by purl package, built only when an advisory carries such helpers. */
function componentIndex(devices: readonly DeviceForVulnMatch[]) {
  const out = new Map<string, { d: DeviceForVulnMatch; c: DeviceComponent }[]>()
  const add = (key: string | null | undefined, d: DeviceForVulnMatch, c: DeviceComponent) => {
    if (!key) return
    const list = out.get(key)
    if (list) list.push({ d, c })
    else out.set(key, [{ d, c }])
  }
  for (const d of devices)
    for (const c of d.components) {
      if (c.cpe) add(readComponentCpe(c.cpe)?.vp, d, c)
      if (c.purl) add(purlKeyOf(c.purl), d, c)
    }
  return out
}

function confidenceOf(m: ProductMatch): number {
  return m.identity === 'model-number' ? 0.95 : 0.8
}

/** Every advisory's answers for every device it names (by model, or through a component's CPE / purl). */
function matchAdvisories(input: MatchDevicesInput): VulnMatch[] {
  const buckets = bucket(input.devices, input.vendors)
  let helpers: Map<string, { d: DeviceForVulnMatch; c: DeviceComponent }[]> | null = null
  const out: VulnMatch[] = []
  for (const adv of input.advisories) {
    // Per product: the devices it names, once (the same for every vulnerability of the advisory but the status).
    const identity = new Map<string, { groups: Group[] }>()
    for (const p of adv.products) {
      const v = input.vendors.resolve(p.vendor)
      identity.set(p.productId, { groups: (v && buckets.get(v.vendorKey)) || [] })
    }
    const hasHelpers = adv.products.some((p) => p.cpe || p.purl)
    adv.vulnerabilities.forEach((vuln, vi) => {
      const vulnKey = vuln.cve ?? `${adv.id}#${vi}`
      const best = new Map<string, { d: DeviceForVulnMatch; a: Answer }>()
      const offer = (d: DeviceForVulnMatch, a: Answer) => {
        const key = `${d.id}\u0000${a.via}\u0000${a.componentId ?? ''}`
        const prev = best.get(key)
        if (!prev || RANK[a.decision] < RANK[prev.a.decision]) best.set(key, { d, a })
      }
      for (const p of adv.products) {
        const status = vuln.status[p.productId]
        if (status === undefined) continue
        const justification = vuln.justifications[p.productId] ?? null
        for (const g of identity.get(p.productId)?.groups ?? []) {
          const m = matchProduct(g.devices[0]!, p, status, input.vendors, justification)
          if (!m) continue
          const a: Answer = {
            via: 'csaf',
            productId: p.productId,
            productLabel: p.name,
            componentId: null,
            decision: m.decision,
            confidence: confidenceOf(m),
            reasons: m.reasons,
          }
          for (const d of g.devices) offer(d, a)
        }
        if (hasHelpers && (p.cpe || p.purl)) {
          helpers ??= componentIndex(input.devices)
          const keys = [p.cpe && readComponentCpe(p.cpe)?.vp, p.purl && purlKeyOf(p.purl)]
          for (const key of keys)
            for (const { d, c } of (key && helpers.get(key)) || []) {
              const h = helperAnswer(p, c, status)
              if (h) offer(d, { ...h, productId: p.productId, productLabel: p.name })
            }
        }
      }
      for (const { d, a } of best.values())
        out.push({
          id: matchId(d.id, vulnKey, `${a.via}:${adv.id}:${a.componentId ?? ''}`),
          deviceId: d.id,
          modelId: d.catalogModel?.id ?? null,
          cve: vuln.cve,
          advisoryId: adv.id,
          componentId: a.componentId,
          via: a.via,
          reviewKey: advisoryReviewKey(adv.id, vuln.cve, a.productId),
          productLabel: a.productLabel,
          decision: a.decision,
          confidence: a.confidence,
          reasons: a.reasons,
          vex: null,
        })
    })
  }
  return out
}

/**
 * Runs the engine. Advisory answers include "ruled out by version" and "not affected" (so "do we have this?" can
 * show who was ruled out and why); component answers only what is affected or needs a person.
 */
export function matchDevices(input: MatchDevicesInput): VulnMatch[] {
  const matches = [...matchAdvisories(input), ...matchComponents(input.devices, input.lookup)]
  if (input.vex.length === 0) return matches
  return applyVex(matches, input.vex, new Map(input.devices.map((d) => [d.id, d])), input.vendors)
}
