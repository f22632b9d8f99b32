/**
 * The vulnerability store port (implemented by `storage/vuln-repository.ts`, both dialects). Each write method is one
 * transaction: a batch is applied whole or not at all, so an interrupted sync never leaves half a feed.
 */
import type { Actor } from '../actor.js'
import type { AuditRecord } from '../ports.js'
import type {
  AdvisoryDocument,
  Component,
  ComponentInput,
  CveForMatch,
  CveRecord,
  EpssRow,
  FeedSource,
  KevEntry,
  MatchReview,
  Notification,
  StoredSbom,
  VexStatement,
  VexStatementInput,
  VulnMatch,
} from './model.js'

export interface StoredAdvisory {
  id: string
  source: 'csaf' | 'jvn'
  category: string
  title: string
  titleJa: string | null
  publisher: string | null
  revision: string | null
  releasedAt: string | null
  updatedAt: string | null
  url: string | null
  sha256: string
  feed: string | null
  firstImportedAt: string
  importedAt: string
  cves: string[]
}

export interface AdvisoryListQuery {
  /** Only advisories first imported at or after this instant (the morning view: since the last visit). */
  since?: string
  /** Only advisories with a CVE in KEV. */
  kev?: boolean
  /** Only advisories matching this device (any decision but ruled out / not affected). */
  deviceId?: string
  /** Free text over id and titles. */
  q?: string
  limit: number
  offset: number
}

export interface AdvisoryListItem extends StoredAdvisory {
  /** Devices with an `affected` or `needs-review` match not marked false by a person. */
  affectedDevices: number
  knownExploited: boolean
  maxCvss: number | null
}

/** What the views add to a CVE: its record (when NVD/JVN gave one), KEV and EPSS. */
export interface CveFacts {
  id: string
  record: CveRecord | null
  kev: KevEntry | null
  epss: (EpssRow & { scoreDate: string | null }) | null
}

/** A stored match with the person's decision on it, if any. */
export interface StoredMatch extends VulnMatch {
  firstSeenAt: string
  lastSeenAt: string
  review: MatchReview | null
}

export interface MatchQuery {
  /** One match by its id. */
  id?: string
  deviceId?: string
  advisoryId?: string
  cve?: string
}

export interface ReplaceMatchesResult {
  /** Matches that did not exist before this run (for notifications). */
  added: VulnMatch[]
  /** Matches that existed before and changed decision. */
  changed: number
  /** Matches the run no longer produced (removed). */
  removed: number
}

export interface VulnStore {
  // ── feeds ──
  /** Stores or replaces an advisory (by id) with its CVE list and VEX statements (replaced for this source). */
  putAdvisory(
    doc: AdvisoryDocument,
    meta: { sha256: string; feed: string | null; now: string },
    vex: readonly (VexStatementInput & { modelId: string | null })[],
  ): Promise<{ created: boolean; changed: boolean }>
  /** Upserts CVE records and their cve_cpe_index rows; one transaction per call. */
  putCves(cves: readonly CveRecord[]): Promise<number>
  /** Replaces the whole KEV catalogue (one transaction). */
  replaceKev(entries: readonly KevEntry[]): Promise<number>
  /** Upserts EPSS scores (one transaction per call). */
  putEpss(rows: readonly EpssRow[], meta: { modelVersion: string | null; scoreDate: string | null }): Promise<number>
  /** Replaces the VEX statements one source (an SBOM's CycloneDX VEX, a CycloneDX VEX file) gave. */
  replaceVex(
    sourceKind: 'csaf' | 'cyclonedx',
    sourceId: string,
    statements: readonly (VexStatementInput & { modelId: string | null })[],
  ): Promise<void>
  listAdvisories(q: AdvisoryListQuery): Promise<{ items: AdvisoryListItem[]; total: number }>
  getAdvisory(id: string): Promise<{ advisory: StoredAdvisory; document: AdvisoryDocument } | null>
  /** Every stored advisory document (matching runs over all of them; thousands, not millions). */
  advisoryDocuments(): Promise<AdvisoryDocument[]>
  /** CVEs any of whose cpeMatch entries name one of these vendor:product pairs (lower case, CPE-escaped). */
  cveCandidates(pairs: readonly { vendor: string; product: string }[]): Promise<CveForMatch[]>
  cveFacts(ids: readonly string[]): Promise<Map<string, CveFacts>>
  vexStatements(): Promise<VexStatement[]>
  counts(): Promise<{ advisories: number; cves: number; kev: number; epss: number; components: number }>
  /** Pages of a table for the offline bundle (`feeds export`): advisories, cves, kevEntries, epssScores. */
  exportPage(
    table: 'advisories' | 'cves' | 'kevEntries' | 'epssScores' | 'vexStatements',
    offset: number,
    limit: number,
  ): Promise<Record<string, unknown>[]>

  // ── SBOMs and components ──
  insertSbom(
    sbom: Omit<StoredSbom, 'id' | 'componentCount'>,
    components: readonly ComponentInput[],
    vex: readonly VexStatementInput[],
    actor: Actor,
    audit: (s: StoredSbom) => AuditRecord,
  ): Promise<StoredSbom>
  listSboms(q: { modelId?: string; deviceId?: string }): Promise<StoredSbom[]>
  removeSbom(id: string, actor: Actor, audit: (s: StoredSbom) => AuditRecord): Promise<void>
  /** Components of models and devices (both lists may be given; an absent list is not a filter on that side). */
  components(q: { modelIds?: readonly string[]; deviceIds?: readonly string[] }): Promise<Component[]>
  addComponent(
    c: ComponentInput & Pick<Component, 'modelId' | 'deviceId' | 'source' | 'confidence' | 'confirmed'>,
    actor: Actor,
    audit: (c: Component) => AuditRecord,
  ): Promise<Component>
  updateComponent(
    id: string,
    set: Partial<ComponentInput & Pick<Component, 'confirmed' | 'confidence'>>,
    actor: Actor,
    audit: (before: Component, after: Component) => AuditRecord,
  ): Promise<Component>
  removeComponent(id: string, actor: Actor, audit: (c: Component) => AuditRecord): Promise<void>

  // ── matches and people's decisions ──
  /**
   * Replaces the stored matches with this run's (all devices, or only `deviceIds`): keeps first_seen of those that
   * stay, answers which are new. One transaction.
   */
  replaceMatches(
    matches: readonly VulnMatch[],
    now: string,
    deviceIds?: readonly string[],
  ): Promise<ReplaceMatchesResult>
  matches(q: MatchQuery): Promise<StoredMatch[]>
  markNotified(matchIds: readonly string[], now: string): Promise<void>
  putReview(
    r: Omit<MatchReview, 'id'>,
    actor: Actor,
    audit: (before: MatchReview | null, after: MatchReview) => AuditRecord,
  ): Promise<MatchReview>
  removeReview(id: string, actor: Actor, audit: (r: MatchReview) => AuditRecord): Promise<void>
  reviews(): Promise<MatchReview[]>

  // ── feed sources ──
  feedSources(): Promise<FeedSource[]>
  putFeedSource(
    s: Pick<FeedSource, 'id' | 'kind' | 'url' | 'enabled'>,
    actor: Actor,
    audit: AuditRecord,
  ): Promise<FeedSource>
  setFeedState(
    id: string,
    set: Partial<Pick<FeedSource, 'cursor' | 'lastAttemptAt' | 'lastSuccessAt' | 'lastError' | 'itemCount'>>,
  ): Promise<void>

  // ── notifications ──
  addNotification(n: Omit<Notification, 'id' | 'read'>): Promise<Notification>
  notifications(userId: string, q: { unreadOnly?: boolean; limit: number }): Promise<Notification[]>
  markRead(userId: string, ids: readonly string[] | 'all', now: string): Promise<void>

  /** A settings value (JSON text) — `notifications.channels`, `advisories.lastVisit.<userId>`, `feeds.nvd.apiKey`. */
  setting(key: string): Promise<string | null>
  putSetting(key: string, value: string, actor: Actor, audit: AuditRecord | null): Promise<void>
}

/** A device as the vulnerability views show it: who can find it and who answers for it. */
export interface VulnDeviceRef {
  id: string
  assetTag: string | null
  name: string | null
  manufacturer: string | null
  model: string | null
  softwareVersion: string | null
  location: string | null
  department: string | null
  /** The responsible person, else the responsible department. */
  owner: string | null
}

/**
 * The ledger as vulnerability matching reads it (implemented by `storage/vuln-devices.ts`): every device in one
 * query with its confirmed catalog model, and the housekeeping of `vulnerability` findings.
 */
export interface VulnDeviceStore {
  /** Devices (all, or these ids) with the fields matching needs; retired/disposed devices are left out. */
  devicesForMatch(deviceIds?: readonly string[]): Promise<
    {
      id: string
      siteId: string
      manufacturer: string | null
      model: string | null
      softwareVersion: string | null
      os: string | null
      catalogModel: { id: string; vendor: string; name: string } | null
    }[]
  >
  deviceRefs(ids: readonly string[]): Promise<Map<string, VulnDeviceRef>>
  /** Marks fixed the open `vulnerability` findings (of these devices, or all) whose key is not in `keep`. */
  resolveStaleFindings(deviceIds: readonly string[] | null, keep: ReadonlySet<string>): Promise<number>
}
