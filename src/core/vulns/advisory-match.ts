/**
 * "Do we have this?" for one advisory: every device against every product the advisory names, one answer per
 * device and CVE — affected, ruled out by version, not affected (a VEX statement), or for a person to review — with
 * the product it matched and the reasons. Pure: the advisory, the devices and the alias table in; answers out.
 */
import type { VendorResolver } from '../catalog/vendor-resolver.js'
import { type DeviceForMatch, type MatchDecision, matchProduct, type Reason } from './match-product.js'

export interface AdvisoryForMatch {
  id: string
  products: readonly {
    productId: string
    name: string
    vendor: string | null
    productName: string | null
    version: string | null
    versionRange: string | null
    modelNumbers: readonly string[]
  }[]
  vulnerabilities: readonly {
    cve: string | null
    status: Readonly<Record<string, string>>
    justifications: Readonly<Record<string, string>>
  }[]
}

export interface DeviceAnswer {
  deviceId: string
  cve: string | null
  productId: string
  productLabel: string
  decision: MatchDecision
  reasons: Reason[]
}

/** Which decision wins when several products of one advisory match one device: the most cautious. */
const RANK: Record<MatchDecision, number> = {
  affected: 0,
  'needs-review': 1,
  'ruled-out-by-version': 2,
  'not-affected': 3,
}

/** Every device's answer for every CVE of the advisory (devices no product names are left out). */
export function matchAdvisory(
  advisory: AdvisoryForMatch,
  devices: readonly (DeviceForMatch & { id: string })[],
  vendors: VendorResolver,
): DeviceAnswer[] {
  const out: DeviceAnswer[] = []
  for (const v of advisory.vulnerabilities) {
    const listed = advisory.products.filter((p) => v.status[p.productId] !== undefined)
    for (const d of devices) {
      let best: DeviceAnswer | null = null
      for (const p of listed) {
        const m = matchProduct(d, p, v.status[p.productId]!, vendors, v.justifications[p.productId] ?? null)
        if (!m) continue
        const answer = { deviceId: d.id, cve: v.cve, productId: p.productId, productLabel: p.name, ...m }
        if (!best || RANK[answer.decision] < RANK[best.decision]) best = answer
      }
      if (best) out.push(best)
    }
  }
  return out
}
