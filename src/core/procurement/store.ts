import type { BidAnswer, BidInput, RequirementItem } from '../../../api/procurement.js'
import type { Actor, AuditRecord } from '../ports.js'

/** The stored requirement set (absent: the built-in template). */
export interface StoredRequirementSet {
  name: string
  version: string
  items: RequirementItem[]
  updatedAt: string
  updatedBy: string | null
}

/** A stored bid, before scoring. */
export interface StoredBid {
  id: string
  tender: string
  vendor: string
  manufacturer: string
  model: string
  modelId: string | null
  receivedOn: string | null
  notes: string
  answers: BidAnswer[]
  createdAt: string
  createdBy: string | null
  updatedAt: string
}

export type BidFields = Required<Omit<BidInput, 'answers'>> & { answers: BidAnswer[] }

/** What Mamori holds of a catalog model's disclosures (read through procurement's own queries). */
export interface ModelDisclosureFacts {
  /** The newest disclosure of the model (evaluated for the comparison's disclosure findings), if any. */
  latestDisclosureId: string | null
  forms: string[]
  supportEnd: string | null
  hasSbom: boolean
  ports: { port: number; service: string | null; tls: boolean | null }[]
  /** Affected matches (decision not "not_affected"/"false_positive"), by CVE or advisory id, de-duplicated. */
  vulnerabilities: string[]
  knownExploited: string[]
}

export interface ProcurementStore {
  getSet(): Promise<StoredRequirementSet | null>
  /** Replaces the set (null: back to the template), auditing in the same transaction. */
  putSet(set: StoredRequirementSet | null, actor: Actor, audit: AuditRecord): Promise<void>
  listBids(): Promise<StoredBid[]>
  getBid(id: string): Promise<StoredBid | null>
  getBids(ids: readonly string[]): Promise<StoredBid[]>
  insertBid(bid: StoredBid, actor: Actor, audit: AuditRecord): Promise<void>
  updateBid(bid: StoredBid, actor: Actor, audit: AuditRecord): Promise<void>
  deleteBid(id: string, actor: Actor, audit: AuditRecord): Promise<void>
  /** Removes every bid and the stored set (the demo reloads). */
  clear(actor: Actor): Promise<void>
  modelFacts(modelId: string): Promise<ModelDisclosureFacts>
}

/** Storage ports of the procurement module (spread into the service ports). */
export interface ProcurementPorts {
  procurementStore: ProcurementStore
}
