import type { ConfigNode, Configuration } from '../core/vulns/cpe.js'
import type {
  Component,
  ComponentKind,
  ComponentSource,
  CveRecord,
  FeedProblem,
  FeedSource,
  KevEntry,
  MatchReview,
  ReviewDecision,
  StoredSbom,
  VexStatement,
  VexStatus,
} from '../core/vulns/model.js'
import type {
  ComponentTable,
  CveTable,
  FeedSourceTable,
  KevEntryTable,
  MatchReviewTable,
  SbomTable,
  VexStatementTable,
} from './schema.js'

/**
 * Row ↔ model mapping of the vulnerability tables (migration 0011): JSON columns are text, booleans 0/1, and the
 * CPE index rows a CVE's configurations give.
 */

export const parseJson = <T>(text: string | null, fallback: T): T =>
  text === null ? fallback : (JSON.parse(text) as T)

export function cveRow(c: CveRecord): CveTable {
  return {
    id: c.id,
    source: c.source,
    publishedAt: c.publishedAt,
    modifiedAt: c.modifiedAt,
    descriptionEn: c.descriptionEn,
    descriptionJa: c.descriptionJa,
    cvss3Vector: c.cvss3?.vector ?? null,
    cvss3Score: c.cvss3?.baseScore ?? null,
    cvss4Vector: c.cvss4?.vector ?? null,
    cvss4Score: c.cvss4?.baseScore ?? null,
    cwes: JSON.stringify(c.cwes),
    configurations: c.configurations.length > 0 ? JSON.stringify(c.configurations) : null,
  }
}

/** The CVSS version of a stored vector (`CVSS:3.1/…` → 3.1); the table keeps only vector and score. */
const cvssVersion = (vector: string, fallback: string) => /^CVSS:(\d+\.\d+)\//.exec(vector)?.[1] ?? fallback

export function toCveRecord(r: CveTable): CveRecord {
  return {
    id: r.id,
    source: r.source as CveRecord['source'],
    publishedAt: r.publishedAt,
    modifiedAt: r.modifiedAt,
    descriptionEn: r.descriptionEn,
    descriptionJa: r.descriptionJa,
    cvss3:
      r.cvss3Vector !== null && r.cvss3Score !== null
        ? { version: cvssVersion(r.cvss3Vector, '3.1'), vector: r.cvss3Vector, baseScore: r.cvss3Score }
        : null,
    cvss4:
      r.cvss4Vector !== null && r.cvss4Score !== null
        ? { version: cvssVersion(r.cvss4Vector, '4.0'), vector: r.cvss4Vector, baseScore: r.cvss4Score }
        : null,
    cwes: parseJson<string[]>(r.cwes, []),
    configurations: parseJson<Configuration[]>(r.configurations, []),
  }
}

/**
 * Vendor and product of a CPE 2.3 formatted string (`cpe:2.3:part:vendor:product:…`), lower-cased and kept escaped as
 * written (`\:` inside a field is not a separator); null when the string has fewer fields.
 */
export function cpeVendorProduct(criteria: string): { vendor: string; product: string } | null {
  let field = 0
  let start = 0
  let vendor: string | null = null
  for (let i = 0; i < criteria.length; i++) {
    const ch = criteria.charCodeAt(i)
    if (ch === 92 /* \ */) {
      i++
      continue
    }
    if (ch !== 58 /* : */) continue
    field++
    if (field === 4) vendor = criteria.slice(start, i)
    else if (field === 5) return { vendor: vendor!.toLowerCase(), product: criteria.slice(start, i).toLowerCase() }
    start = i + 1
  }
  // `cpe:2.3:a:vendor:product` with nothing after the product.
  if (field === 4 && vendor !== null && start < criteria.length)
    return { vendor: vendor.toLowerCase(), product: criteria.slice(start).toLowerCase() }
  return null
}

/** The distinct `vendor\u0000product` keys every cpeMatch of the configurations names (platforms included). */
export function cpeIndexKeys(configs: readonly Configuration[]): Set<string> {
  const keys = new Set<string>()
  const walk = (nodes: readonly ConfigNode[] | undefined, depth: number) => {
    if (!nodes || depth > 10) return
    for (const n of nodes) {
      for (const m of n.cpeMatch ?? []) {
        const vp = cpeVendorProduct(m.criteria)
        if (vp) keys.add(`${vp.vendor}\u0000${vp.product}`)
      }
      walk(n.nodes, depth + 1)
    }
  }
  for (const c of configs) walk(c.nodes, 0)
  return keys
}

export function toKev(r: KevEntryTable): KevEntry {
  return {
    cve: r.cveId,
    vendorProject: r.vendorProject,
    product: r.product,
    name: r.name,
    dateAdded: r.dateAdded,
    shortDescription: r.description ?? '',
    requiredAction: r.requiredAction ?? '',
    dueDate: r.dueDate,
    ransomware: r.ransomware === 1,
    notes: r.notes,
    // Migration 0011 has no column for KEV's CWEs (the CVE record carries them).
    cwes: [],
  }
}

export function kevRow(e: KevEntry): KevEntryTable {
  return {
    cveId: e.cve,
    vendorProject: e.vendorProject,
    product: e.product,
    name: e.name,
    dateAdded: e.dateAdded,
    dueDate: e.dueDate,
    ransomware: e.ransomware ? 1 : 0,
    requiredAction: e.requiredAction,
    description: e.shortDescription,
    notes: e.notes,
  }
}

export function toVex(r: VexStatementTable): VexStatement {
  return {
    id: r.id,
    sourceKind: r.sourceKind as VexStatement['sourceKind'],
    sourceId: r.sourceId,
    modelId: r.modelId,
    vendor: r.vendor,
    product: r.product,
    version: r.version,
    cpe: r.cpe,
    purl: r.purl,
    cve: r.cve,
    status: r.status as VexStatus,
    justification: r.justification,
    detail: r.detail,
    issuedAt: r.issuedAt,
  }
}

export function toSbom(r: SbomTable): StoredSbom {
  return {
    id: r.id,
    modelId: r.modelId,
    deviceId: r.deviceId,
    format: r.format as StoredSbom['format'],
    specVersion: r.specVersion,
    fileName: r.fileName,
    sha256: r.sha256,
    serialNumber: r.serialNumber,
    componentCount: r.componentCount,
    problems: parseJson<FeedProblem[]>(r.problems, []),
    importedAt: r.importedAt,
    importedBy: r.importedBy,
  }
}

export function toComponent(r: ComponentTable): Component {
  return {
    id: r.id,
    modelId: r.modelId,
    deviceId: r.deviceId,
    sbomId: r.sbomId,
    kind: r.kind as ComponentKind,
    name: r.name,
    supplier: r.supplier,
    version: r.version,
    cpe: r.cpe,
    purl: r.purl,
    source: r.source as ComponentSource,
    confidence: r.confidence,
    confirmed: r.confirmed === 1,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
  }
}

export function componentRow(c: Component): ComponentTable {
  return { ...c, confirmed: c.confirmed ? 1 : 0 }
}

export function toReview(r: MatchReviewTable): MatchReview {
  return { ...r, decision: r.decision as ReviewDecision }
}

export function toFeedSource(r: FeedSourceTable): FeedSource {
  return { ...r, kind: r.kind as FeedSource['kind'], enabled: r.enabled === 1 }
}
