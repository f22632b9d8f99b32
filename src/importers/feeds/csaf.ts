import {
  type AdvisoryProduct,
  type AdvisoryVulnerability,
  type FeedProblem,
  PRODUCT_STATUSES,
  type ProductStatus,
} from '../../core/vulns/model.js'

/**
 * A CSAF 2.0 advisory or VEX document (OASIS CSAF 2.0; CISA's ICSA/ICSMA files) read into what matching needs:
 * the product tree flattened to one entry per product id with the vendor / product / version (or range) its
 * branches give, the product identification helpers (CPE, purl, model numbers, SKUs), and per vulnerability the
 * CVE, scores, product status and remediations. Pure; never throws: a document that is not CSAF 2.0 is one error,
 * a malformed part is a warning with its JSON path and is left out.
 */

export type CsafProduct = AdvisoryProduct
export type CsafVulnerability = AdvisoryVulnerability
export { PRODUCT_STATUSES, type ProductStatus } from '../../core/vulns/model.js'

export interface CsafDocument {
  id: string
  title: string
  category: string
  publisher: string | null
  version: string | null
  released: string | null
  /** document.tracking.current_release_date (released is the same date, or the first when it is missing). */
  updated: string | null
  /** document.notes: the first `summary` (else `description`) note, as written. */
  summary: string | null
  /** document.references: the `self` link (the provider's copy of this document). */
  url: string | null
  products: CsafProduct[]
  vulnerabilities: CsafVulnerability[]
  problems: FeedProblem[]
}

type Json = Record<string, unknown>
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null)
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])

const cvssOf = (c: unknown, version: string) =>
  isObj(c) && typeof c.baseScore === 'number' && str(c.vectorString)
    ? { baseScore: c.baseScore, vector: str(c.vectorString)!, version: str(c.version) ?? version }
    : null

/** Reads one CSAF document. */
export function readCsaf(bytes: Uint8Array, file: string): CsafDocument {
  const problems: FeedProblem[] = []
  const warn = (path: string, why: string, value: unknown) =>
    problems.push({
      severity: 'warning',
      code: 'field',
      file,
      path,
      params: { file, path, why, value: JSON.stringify(value ?? null).slice(0, 80) },
    })
  const empty = (code: string, params: Record<string, string | number>): CsafDocument => ({
    id: '',
    title: '',
    category: '',
    publisher: null,
    version: null,
    released: null,
    updated: null,
    summary: null,
    url: null,
    products: [],
    vulnerabilities: [],
    problems: [{ severity: 'error', code, file, path: null, params: { file, ...params } }],
  })
  let doc: unknown
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''))
  } catch (err) {
    const why = (err as Error).message
    return empty('notJson', { why: why.split('\n')[0]!.slice(0, 120), offset: /position (\d+)/.exec(why)?.[1] ?? '?' })
  }
  const d = isObj(doc) && isObj(doc.document) ? doc.document : null
  if (!isObj(doc) || !d)
    return empty('notCsaf', { found: isObj(doc) ? Object.keys(doc).slice(0, 8).join(', ') : typeof doc })
  if (d.csaf_version !== '2.0') return empty('csafVersion', { version: String(d.csaf_version ?? '(missing)') })
  const tracking = isObj(d.tracking) ? d.tracking : {}
  const products: CsafProduct[] = []
  const seen = new Set<string>()
  const addProduct = (p: unknown, path: string, ctx: Partial<CsafProduct>) => {
    if (!isObj(p) || !str(p.product_id) || !str(p.name)) return warn(path, 'a product needs product_id and name', p)
    const id = str(p.product_id)!
    if (seen.has(id)) return warn(`${path}.product_id`, 'the same product id appears again', id)
    seen.add(id)
    const helper = isObj(p.product_identification_helper) ? p.product_identification_helper : {}
    products.push({
      productId: id,
      name: str(p.name)!,
      vendor: ctx.vendor ?? null,
      family: ctx.family ?? null,
      productName: ctx.productName ?? null,
      version: ctx.version ?? null,
      versionRange: ctx.versionRange ?? null,
      cpe: str(helper.cpe),
      purl: str(helper.purl),
      modelNumbers: strs(helper.model_numbers),
      skus: strs(helper.skus),
      path,
    })
  }
  const walk = (branches: unknown, path: string, ctx: Partial<CsafProduct>, depth: number) => {
    if (branches === undefined) return
    if (!Array.isArray(branches)) return warn(path, 'branches must be a list', branches)
    if (depth > 30) return warn(path, 'branches nested deeper than 30 levels', null)
    for (const [i, b] of branches.entries()) {
      const at = `${path}[${i}]`
      if (!isObj(b)) {
        warn(at, 'a branch must be an object', b)
        continue
      }
      const name = str(b.name)
      const next: Partial<CsafProduct> = { ...ctx }
      if (b.category === 'vendor') next.vendor = name
      else if (b.category === 'product_family') next.family = name
      else if (b.category === 'product_name') next.productName = name
      else if (b.category === 'product_version') next.version = name
      else if (b.category === 'product_version_range') next.versionRange = name
      if (b.product !== undefined) addProduct(b.product, `${at}.product`, next)
      walk(b.branches, `${at}.branches`, next, depth + 1)
    }
  }
  const tree = isObj(doc.product_tree) ? doc.product_tree : {}
  walk(tree.branches, 'product_tree.branches', {}, 0)
  if (Array.isArray(tree.full_product_names))
    for (const [i, p] of tree.full_product_names.entries()) addProduct(p, `product_tree.full_product_names[${i}]`, {})
  // Flags, threats and remediations may name product groups (`group_ids`) instead of products.
  const groups = new Map<string, string[]>()
  for (const g of Array.isArray(tree.product_groups) ? tree.product_groups : [])
    if (isObj(g) && str(g.group_id)) groups.set(str(g.group_id)!, strs(g.product_ids))
  const idsOf = (x: Json) => [...strs(x.product_ids), ...strs(x.group_ids).flatMap((g) => groups.get(g) ?? [])]
  const vulnerabilities: CsafVulnerability[] = []
  const list = Array.isArray(doc.vulnerabilities) ? doc.vulnerabilities : []
  for (const [i, v] of list.entries()) {
    const at = `vulnerabilities[${i}]`
    if (!isObj(v)) {
      warn(at, 'a vulnerability must be an object', v)
      continue
    }
    const status: Record<string, ProductStatus> = {}
    const ps = isObj(v.product_status) ? v.product_status : {}
    for (const s of PRODUCT_STATUSES)
      for (const id of strs(ps[s])) {
        if (!seen.has(id)) warn(`${at}.product_status.${s}`, 'names a product the tree does not define', id)
        status[id] = s
      }
    const justifications: Record<string, string> = {}
    for (const f of Array.isArray(v.flags) ? v.flags : [])
      if (isObj(f) && str(f.label)) for (const id of idsOf(f)) justifications[id] = str(f.label)!
    // VEX impact statements (why a product is not affected), per product.
    const impacts: Record<string, string> = {}
    for (const t of Array.isArray(v.threats) ? v.threats : [])
      if (isObj(t) && t.category === 'impact' && str(t.details))
        for (const id of idsOf(t)) impacts[id] = str(t.details)!
    const cve = str(v.cve)
    if (cve && !/^CVE-\d{4}-\d{4,}$/.test(cve)) warn(`${at}.cve`, 'not a CVE id (CVE-YYYY-NNNN)', cve)
    vulnerabilities.push({
      cve,
      title: str(v.title),
      cwe: isObj(v.cwe) ? str(v.cwe.id) : null,
      status,
      scores: (Array.isArray(v.scores) ? v.scores : []).filter(isObj).map((s) => {
        return {
          cvssV3: cvssOf(s.cvss_v3, '3.x'),
          cvssV4: cvssOf(s.cvss_v4, '4.0'),
          productIds: strs(s.products),
        }
      }),
      remediations: (Array.isArray(v.remediations) ? v.remediations : []).filter(isObj).map((r) => ({
        category: str(r.category) ?? 'unknown',
        details: str(r.details) ?? '',
        productIds: idsOf(r),
        url: str(r.url),
      })),
      justifications,
      impacts,
      path: at,
    })
  }
  const publisher = isObj(d.publisher) ? str(d.publisher.name) : null
  const notes = Array.isArray(d.notes) ? d.notes.filter(isObj) : []
  const note = (category: string) => notes.map((n) => (n.category === category ? str(n.text) : null)).find(Boolean)
  const self = (Array.isArray(d.references) ? d.references.filter(isObj) : []).find((r) => r.category === 'self')
  return {
    id: str(tracking.id) ?? file,
    title: str(d.title) ?? '',
    category: str(d.category) ?? '',
    publisher,
    version: str(tracking.version),
    released: str(tracking.current_release_date) ?? str(tracking.initial_release_date),
    updated: str(tracking.current_release_date),
    summary: note('summary') ?? note('description') ?? null,
    url: self ? str(self.url) : null,
    products,
    vulnerabilities,
    problems,
  }
}
