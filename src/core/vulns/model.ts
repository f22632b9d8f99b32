/**
 * The vulnerability-intelligence contract (issue 9, ADR 0028): what feed and SBOM readers produce, what the store
 * keeps, what the matching engine takes and answers. Pure types, no I/O. Every layer (importers, storage, services,
 * routes, web) speaks these; `api/vulns.ts` is their wire form.
 */
import type { Configuration } from './cpe.js'
import type { MatchDecision, Reason } from './match-product.js'

export type { Configuration } from './cpe.js'
export type { MatchDecision, Reason } from './match-product.js'

/** A reader's problem with its place: file and JSON path (or line for CSV / tag-value), and catalog params. */
export interface FeedProblem {
  severity: 'error' | 'warning'
  /** Catalog key under `feeds.problem.` */
  code: string
  file: string
  /** JSON path (`vulnerabilities[12].cveID`), `line 14` for text formats; null for the file as a whole. */
  path: string | null
  params: Record<string, string | number>
}

// ── Advisories (CSAF 2.0 incl. VEX; JVN) ────────────────────────────────────────────────────────────────────────

/** One product of an advisory's product tree, flattened (CSAF branches; JVN affected-product entries). */
export interface AdvisoryProduct {
  productId: string
  /** The full product name as the document gives it. */
  name: string
  vendor: string | null
  family: string | null
  productName: string | null
  /** An exact version (`product_version`), or null. */
  version: string | null
  /** A range as written (`product_version_range`: `vers:…` or free text), or null. */
  versionRange: string | null
  cpe: string | null
  purl: string | null
  modelNumbers: string[]
  skus: string[]
  /** JSON path of the product, for explanations and problems. */
  path: string
}

export const PRODUCT_STATUSES = [
  'known_affected',
  'known_not_affected',
  'fixed',
  'first_fixed',
  'under_investigation',
  'recommended',
  'first_affected',
  'last_affected',
] as const
export type ProductStatus = (typeof PRODUCT_STATUSES)[number]

export interface CvssScore {
  /** '3.0' | '3.1' | '4.0' */
  version: string
  vector: string
  baseScore: number
}

export interface AdvisoryVulnerability {
  cve: string | null
  title: string | null
  cwe: string | null
  /** Product id → status, as the document lists it. */
  status: Record<string, ProductStatus>
  scores: { cvssV3: CvssScore | null; cvssV4?: CvssScore | null; productIds: string[] }[]
  /** CSAF remediation categories: vendor_fix | mitigation | workaround | none_available | no_fix_planned. */
  remediations: { category: string; details: string; productIds: string[]; url: string | null }[]
  /** known_not_affected justification per product (VEX), when given as flags or threats. */
  justifications: Record<string, string>
  /** VEX impact statement per product (CSAF threats of category `impact`), when given. */
  impacts?: Record<string, string>
  path: string
}

/** An advisory as matching and the views need it (stored whole as JSON in `advisories.document`). */
export interface AdvisoryDocument {
  id: string
  source: 'csaf' | 'jvn'
  /** CSAF document.category (csaf_security_advisory, csaf_vex, …); 'jvn' for JVN. */
  category: string
  title: string
  /** JVN's Japanese title, kept for the Japanese UI. */
  titleJa: string | null
  summaryEn: string | null
  summaryJa: string | null
  publisher: string | null
  /** document.tracking.version */
  version: string | null
  released: string | null
  /** document.tracking.current_release_date */
  updated: string | null
  url: string | null
  products: AdvisoryProduct[]
  vulnerabilities: AdvisoryVulnerability[]
}

// ── CVE records (NVD CVE JSON 2.0, JVN), KEV, EPSS ─────────────────────────────────────────────────────────────

export interface CveRecord {
  id: string
  source: 'nvd' | 'jvn' | 'csaf'
  publishedAt: string | null
  modifiedAt: string | null
  descriptionEn: string | null
  descriptionJa: string | null
  cvss3: CvssScore | null
  cvss4: CvssScore | null
  cwes: string[]
  /** NVD applicability (AND/OR nodes, negate, vulnerable:false platforms); empty when unknown. */
  configurations: Configuration[]
}

export interface KevEntry {
  cve: string
  vendorProject: string
  product: string
  name: string
  dateAdded: string
  shortDescription: string
  requiredAction: string
  dueDate: string | null
  /** CISA: "Known" when used in ransomware campaigns. */
  ransomware: boolean
  notes: string | null
  cwes: string[]
}

export interface EpssRow {
  cve: string
  score: number
  percentile: number
}

// ── VEX ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/** CycloneDX analysis states and CSAF product statuses, folded to four (CSAF spelling). */
export type VexStatus = 'not_affected' | 'fixed' | 'under_investigation' | 'affected'

/** A manufacturer's statement about one product (or component) and one CVE, as a reader extracts it. */
export interface VexStatementInput {
  vendor: string | null
  product: string | null
  version: string | null
  cpe: string | null
  purl: string | null
  cve: string
  status: VexStatus
  /** component_not_present | vulnerable_code_not_present | … (CSAF flags / CycloneDX justification), or null. */
  justification: string | null
  /** Impact or action statement, as written. */
  detail: string | null
  issuedAt: string | null
}

export interface VexStatement extends VexStatementInput {
  id: string
  sourceKind: 'csaf' | 'cyclonedx'
  /** Advisory id (CSAF VEX) or SBOM id (CycloneDX VEX). */
  sourceId: string
  /** The catalog model the statement is about when known (SBOM attached to a model; CSAF product resolved). */
  modelId: string | null
}

// ── What readers produce ────────────────────────────────────────────────────────────────────────────────────────

export type FeedKind = 'csaf' | 'kev' | 'epss' | 'nvd' | 'jvn' | 'cyclonedx-vex' | 'bundle'

/** Where an NVD API 2.0 page (or feed file) sits in the whole result set, for the client's next request. */
export interface NvdPage {
  resultsPerPage: number
  startIndex: number
  totalResults: number
  /** NVD's `timestamp` of the answer (ISO 8601), to resume with lastModStartDate. */
  timestamp: string | null
}

/** One file read by `readFeed` (format detected from its content). Readers never throw: errors are problems. */
export type ParsedFeed = (
  | { kind: 'csaf'; document: AdvisoryDocument; vex: VexStatementInput[] }
  | { kind: 'jvn'; documents: AdvisoryDocument[]; cves: CveRecord[] }
  | { kind: 'kev'; version: string | null; released: string | null; entries: KevEntry[] }
  | { kind: 'epss'; modelVersion: string | null; scoreDate: string | null; rows: EpssRow[] }
  | { kind: 'nvd'; cves: CveRecord[]; page?: NvdPage; rejected?: string[] }
  | { kind: 'cyclonedx-vex'; statements: VexStatementInput[] }
) & { file: string; problems: FeedProblem[] }

// ── SBOMs and components ────────────────────────────────────────────────────────────────────────────────────────

export const COMPONENT_KINDS = [
  'operating-system',
  'firmware',
  'application',
  'library',
  'hardware',
  'device',
  'other',
] as const
export type ComponentKind = (typeof COMPONENT_KINDS)[number]

export interface ComponentInput {
  kind: ComponentKind
  name: string
  supplier: string | null
  version: string | null
  /** CPE 2.3 formatted string, or null. */
  cpe: string | null
  purl: string | null
}

export interface ParsedSbom {
  format: 'cyclonedx' | 'spdx'
  /** '1.4' | '1.5' | '1.6' | 'SPDX-2.2' | 'SPDX-2.3' */
  specVersion: string
  serialNumber: string | null
  /** The SBOM's subject (CycloneDX metadata.component / SPDX document name), when given. */
  subject: string | null
  components: ComponentInput[]
  /** CycloneDX `vulnerabilities[].analysis` (VEX inside or beside the BOM). */
  vex: VexStatementInput[]
  problems: FeedProblem[]
}

export type ComponentSource = 'sbom' | 'manual' | 'derived'

export interface Component extends ComponentInput {
  id: string
  modelId: string | null
  deviceId: string | null
  sbomId: string | null
  source: ComponentSource
  /** 1 for SBOM and manual components; < 1 for candidates derived from the ledger until a person confirms. */
  confidence: number
  confirmed: boolean
  createdAt: string
  createdBy: string | null
}

export interface StoredSbom {
  id: string
  modelId: string | null
  deviceId: string | null
  format: 'cyclonedx' | 'spdx'
  specVersion: string
  fileName: string | null
  sha256: string
  serialNumber: string | null
  componentCount: number
  problems: FeedProblem[]
  importedAt: string
  importedBy: string | null
}

// ── Matching ────────────────────────────────────────────────────────────────────────────────────────────────────

/** A device as the engine sees it: ledger text, its confirmed model, and its components (own + its model's). */
export interface DeviceForVulnMatch {
  id: string
  manufacturer: string | null
  model: string | null
  softwareVersion: string | null
  catalogModel: { id: string; vendor: string; name: string } | null
  components: readonly Pick<Component, 'id' | 'kind' | 'name' | 'supplier' | 'version' | 'cpe' | 'purl'>[]
}

export type MatchVia = 'csaf' | 'cpe' | 'purl'

/** One engine answer: a device and a vulnerability (with the advisory or the component that tied them). */
export interface VulnMatch {
  /** Stable id: the same device, vulnerability and product give the same id on every run. */
  id: string
  deviceId: string
  modelId: string | null
  cve: string | null
  advisoryId: string | null
  componentId: string | null
  via: MatchVia
  /** What a person's decision is keyed on, together with the model (or device): advisory|cve|product. */
  reviewKey: string
  productLabel: string
  decision: MatchDecision
  /** 0..1: how sure the engine is that the product is this device (exact model number > name in title > alias). */
  confidence: number
  reasons: Reason[]
  /** The VEX statement that decided the answer, shown beside it. */
  vex: Pick<VexStatement, 'sourceKind' | 'sourceId' | 'status' | 'justification' | 'detail'> | null
}

/** A candidate CVE for the CPE/purl engine (loaded per vendor:product the components name). */
export interface CveForMatch {
  id: string
  configurations: Configuration[]
}

export type ReviewDecision = 'false-positive' | 'accepted'

/** A person's decision on a match: per model (every device of it) or per device when it has no model. */
export interface MatchReview {
  id: string
  modelId: string | null
  deviceId: string | null
  reviewKey: string
  decision: ReviewDecision
  note: string | null
  decidedBy: string
  decidedAt: string
}

// ── Feed sources and notifications ──────────────────────────────────────────────────────────────────────────────

export interface FeedSource {
  /** 'kev' | 'epss' | 'nvd' | 'jvn' | 'csaf:<name>' */
  id: string
  kind: Exclude<FeedKind, 'bundle' | 'cyclonedx-vex'>
  /** Where to fetch (for CSAF: provider-metadata.json or a ROLIE feed); null = import from files only. */
  url: string | null
  enabled: boolean
  /** Where the last sync stopped (NVD lastModified, ROLIE updated) so the next one resumes. */
  cursor: string | null
  lastAttemptAt: string | null
  lastSuccessAt: string | null
  lastError: string | null
  itemCount: number
}

export interface Notification {
  id: string
  /** lifecycle-reminder: the daily digest of support / service-life ends coming up (issue 11). */
  kind: 'new-match' | 'sync-failed' | 'lifecycle-reminder'
  titleJa: string
  titleEn: string
  body: {
    advisoryId?: string | null
    cves?: string[]
    deviceIds?: string[]
    knownExploited?: boolean
    feed?: string
    error?: string
  }
  createdAt: string
  read: boolean
}
