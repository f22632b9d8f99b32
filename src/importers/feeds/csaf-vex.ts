import type { AdvisoryDocument, ProductStatus, VexStatementInput, VexStatus } from '../../core/vulns/model.js'

/**
 * VEX statements of a CSAF document: one per product and CVE. A `csaf_vex` document states every status; in an
 * ordinary advisory only "not affected" and "fixed" are statements a device's answer can rest on ("affected" there
 * is what matching derives itself). Statuses fold to four (CSAF spelling); `recommended` says nothing about
 * being affected and gives no statement. Pure.
 */

const FOLD: Record<ProductStatus, VexStatus | null> = {
  known_not_affected: 'not_affected',
  fixed: 'fixed',
  first_fixed: 'fixed',
  under_investigation: 'under_investigation',
  known_affected: 'affected',
  first_affected: 'affected',
  last_affected: 'affected',
  recommended: null,
}

export function vexFromCsaf(doc: AdvisoryDocument): VexStatementInput[] {
  const isVex = doc.category === 'csaf_vex'
  const products = new Map(doc.products.map((p) => [p.productId, p]))
  const out: VexStatementInput[] = []
  for (const v of doc.vulnerabilities) {
    if (!v.cve) continue
    for (const [productId, status] of Object.entries(v.status)) {
      const folded = FOLD[status]
      if (!folded || (!isVex && folded !== 'not_affected' && folded !== 'fixed')) continue
      const p = products.get(productId)
      const remedy = v.remediations.find((r) => r.productIds.includes(productId) && r.details)
      out.push({
        vendor: p?.vendor ?? null,
        product: p ? (p.productName ?? p.name) : productId,
        version: p ? (p.version ?? p.versionRange) : null,
        cpe: p?.cpe ?? null,
        purl: p?.purl ?? null,
        cve: v.cve,
        status: folded,
        justification: v.justifications[productId] ?? null,
        detail: v.impacts?.[productId] ?? remedy?.details ?? null,
        issuedAt: doc.updated ?? doc.released,
      })
    }
  }
  return out
}
