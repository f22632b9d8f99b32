import type { ColumnType, Generated } from 'kysely'
import type { AcceptanceTables } from './schema-acceptance.js'
import type { ActionTables } from './schema-actions.js'
import type { BcpTables } from './schema-bcp.js'
import type { BcpPlansTables } from './schema-bcp-plans.js'
import type { BenchmarkTables } from './schema-benchmark.js'
import type { CaptureTables } from './schema-capture.js'
import type { ChecklistTables } from './schema-checklist.js'
import type { OperationsTables } from './schema-operations.js'
import type { ProcurementTables } from './schema-procurement.js'
import type { ReportTables } from './schema-reports.js'
import type { RiskTables } from './schema-risk.js'

/**
 * Table types as Kysely sees them (camelCase; the CamelCasePlugin maps them to snake_case columns).
 * Timestamps are ISO-8601 text and booleans are 0/1 integers in both SQLite and PostgreSQL, so one set of
 * migrations and one set of queries serve both dialects. JSON values are stored as text.
 */
type Bool = number
type Json = string
type AutoId = Generated<number>

export interface SiteTable {
  id: string
  name: string
  createdAt: string
}

export interface DeviceTable {
  id: string
  siteId: string
  department: string | null
  location: string | null
  assetTag: string | null
  kind: string
  category: string
  /** Generic name (一般的名称 / 機器名), added by migration 0005. */
  name: string | null
  manufacturer: string | null
  model: string | null
  serialNumber: string | null
  softwareVersion: string | null
  os: string | null
  osVersion: string | null
  ipAddresses: Json
  macAddresses: Json
  hostname: string | null
  networkSegment: string | null
  vlan: number | null
  connectionTypes: Json
  declaredPorts: Json
  usageEnvironment: string
  patientProximity: number | null
  lifeCritical: Bool
  neverScan: Bool
  fragile: Bool
  installedOn: string | null
  serviceLifeEnd: string | null
  supportEnd: string | null
  responsibleDepartment: string | null
  responsiblePerson: string | null
  maintenanceContract: string | null
  vendorContact: string | null
  status: string
  tags: Json
  notes: string | null
  customFields: Json
  /** Lower-cased concatenation of the searchable fields, for full-text search in both dialects. */
  searchText: string
  version: number
  createdAt: string
  createdBy: string | null
  updatedAt: string
  updatedBy: string | null
}

/** One row per IP or MAC of a device: reconciliation and import deduplication look devices up by address. */
export interface DeviceAddressTable {
  deviceId: string
  kind: 'ip' | 'mac'
  value: string
}

export interface UserTable {
  id: string
  username: string
  displayName: string
  role: string
  passwordHash: string
  disabled: Bool
  createdAt: string
  updatedAt: string
  lastLoginAt: string | null
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  idHash: string
  userId: string
  csrfToken: string
  createdAt: string
  expiresAt: string
}

export interface ApiTokenTable {
  id: string
  userId: string
  name: string
  tokenHash: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

export interface AuditLogTable {
  id: AutoId
  at: string
  actorId: string | null
  actorName: string | null
  action: string
  targetType: string | null
  targetId: string | null
  before: Json | null
  after: Json | null
  ip: string | null
}

export interface SettingTable {
  key: string
  value: Json
}

/** An approved scan scope: a CIDR range or a single host. Scans never leave the union of approved scopes. */
export interface ScanScopeTable {
  id: string
  target: string
  label: string | null
  approvedBy: string
  approvedAt: string
}

/** Addresses never scanned, whatever the scope (life support, known-fragile devices). */
export interface ScanExclusionTable {
  id: string
  address: string
  reason: string | null
  createdBy: string
  createdAt: string
}

export interface ScanTable {
  id: string
  status: string // queued | running | stopped | completed | failed
  profile: string
  targets: Json
  portSpec: string | null
  requestedBy: string | null
  scheduleId: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  progress: Json
  error: string | null
}

export interface ScanHostTable {
  id: string
  scanId: string
  address: string
  mac: string | null
  hostname: string | null
  state: string // up | down
  deviceId: string | null
  identification: Json | null
  complete: Bool
}

export interface ScanServiceTable {
  id: string
  scanHostId: string
  scanId: string
  port: number
  transport: string // tcp | udp
  state: string // open | closed | filtered | open|filtered
  service: string | null
  banner: string | null
  facts: Json | null
}

/** One Finding model for every source (scan, capture, disclosure, vulnerability, checklist). */
export interface FindingTable {
  id: string
  source: string
  /** Stable identity within the source, so a re-run updates the finding instead of duplicating it. */
  key: string
  siteId: string
  deviceId: string | null
  address: string | null
  port: number | null
  ruleId: string
  severity: string // critical | high | medium | low | info
  titleJa: string
  titleEn: string
  detailJa: string
  detailEn: string
  recommendationJa: string
  recommendationEn: string
  evidence: string
  status: string // open | accepted | fixed
  statusReason: string | null
  statusExpiresAt: string | null
  firstSeenAt: string
  lastSeenAt: string
  lastScanId: string | null
  incomplete: Bool
}

export interface ScanScheduleTable {
  id: string
  cron: string
  targets: Json
  profile: string
  portSpec: string | null
  enabled: Bool
  createdBy: string
  createdAt: string
  lastRunAt: string | null
}

/** One long job (scan, ledger import, …): see api/jobs.ts and src/core/jobs/. */
export interface JobTable {
  id: string
  kind: string
  state: string
  progressDone: number
  progressTotal: number | null
  phase: string | null
  subjectId: string | null
  trigger: string
  createdById: string | null
  createdByName: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  result: Json | null
  error: Json | null
  cancelRequested: Bool
  /** host:pid:boot of the process running it; null while queued in no process. */
  owner: string | null
  heartbeatAt: string | null
}

/** One row (id 1) whose version every change to `devices` bumps (database triggers). */
export interface LedgerVersionTable {
  id: number
  version: number
}

/** Model catalog (migration 0009, ADR 0023): name as ledgers write it → global vendor. */
export interface ManufacturerAliasTable {
  id: string
  alias: string
  aliasKey: string
  vendor: string
  builtin: Bool
  createdAt: string
  updatedAt: string
}

/** A catalog model; `versionFrom`/`versionTo` are '' when open-ended. */
export interface DeviceModelTable {
  id: string
  vendor: string
  vendorKey: string
  name: string
  nameKey: string
  versionFrom: string
  versionTo: string
  createdAt: string
  updatedAt: string
}

/** A ledger device's link to its catalog model (state: suggested | confirmed). */
export interface DeviceModelLinkTable {
  deviceId: string
  modelId: string
  state: string
  confidence: number
  reason: string
  decidedBy: string | null
  decidedAt: string | null
}

/** A manufacturer's disclosure (migration 0010): header and problems as JSON. */
export interface DisclosureTable {
  id: string
  modelId: string | null
  form: string
  fileName: string | null
  fileSha256: string | null
  header: Json
  questionCount: number
  answeredCount: number
  problems: Json
  importedAt: string
  importedBy: string | null
}

export interface DisclosureAnswerTable {
  disclosureId: string
  questionId: string
  writtenId: string | null
  value: string | null
  comment: string | null
  noteRefs: Json
  cell: Json | null
}

export interface DisclosureNoteTable {
  disclosureId: string
  number: number
  text: string
}

/** A port a model declares; `tls` 1/0/null; `source` mds2 | template | manual. */
export interface ModelDeclaredPortTable {
  id: string
  modelId: string
  port: number
  transport: string
  direction: string
  service: string | null
  purpose: string | null
  tls: Bool | null
  source: string
  disclosureId: string | null
}

/** Vulnerability intelligence (migration 0011, ADR 0028). JSON columns hold the types of core/vulns/model.ts. */
export interface AdvisoryTable {
  id: string
  source: string
  category: string
  title: string
  titleJa: string | null
  publisher: string | null
  revision: string | null
  releasedAt: string | null
  updatedAt: string | null
  url: string | null
  document: Json
  sha256: string
  feed: string | null
  firstImportedAt: string
  importedAt: string
}

export interface AdvisoryCveTable {
  advisoryId: string
  cve: string
}

export interface CveTable {
  id: string
  source: string
  publishedAt: string | null
  modifiedAt: string | null
  descriptionEn: string | null
  descriptionJa: string | null
  cvss3Vector: string | null
  cvss3Score: number | null
  cvss4Vector: string | null
  cvss4Score: number | null
  cwes: Json | null
  configurations: Json | null
}

export interface CveCpeIndexTable {
  cveId: string
  vendor: string
  product: string
}

export interface KevEntryTable {
  cveId: string
  vendorProject: string
  product: string
  name: string
  dateAdded: string
  dueDate: string | null
  ransomware: Bool
  requiredAction: string | null
  description: string | null
  notes: string | null
}

export interface EpssScoreTable {
  cveId: string
  score: number
  percentile: number
  modelVersion: string | null
  scoreDate: string | null
}

export interface SbomTable {
  id: string
  modelId: string | null
  deviceId: string | null
  format: string
  specVersion: string
  fileName: string | null
  sha256: string
  serialNumber: string | null
  componentCount: number
  problems: Json
  importedAt: string
  importedBy: string | null
}

export interface ComponentTable {
  id: string
  modelId: string | null
  deviceId: string | null
  sbomId: string | null
  kind: string
  name: string
  supplier: string | null
  version: string | null
  cpe: string | null
  purl: string | null
  source: string
  confidence: number
  confirmed: Bool
  createdAt: string
  createdBy: string | null
}

export interface VexStatementTable {
  id: string
  sourceKind: string
  sourceId: string
  modelId: string | null
  vendor: string | null
  product: string | null
  version: string | null
  cpe: string | null
  purl: string | null
  cve: string
  status: string
  justification: string | null
  detail: string | null
  issuedAt: string | null
}

export interface VulnMatchTable {
  id: string
  deviceId: string
  modelId: string | null
  cve: string | null
  advisoryId: string | null
  componentId: string | null
  via: string
  reviewKey: string
  productLabel: string
  decision: string
  confidence: number
  reasons: Json
  vex: Json | null
  firstSeenAt: string
  lastSeenAt: string
  notifiedAt: string | null
}

export interface MatchReviewTable {
  id: string
  modelId: string | null
  deviceId: string | null
  reviewKey: string
  decision: string
  note: string | null
  decidedBy: string
  decidedAt: string
}

export interface FeedSourceTable {
  id: string
  kind: string
  url: string | null
  enabled: Bool
  cursor: string | null
  lastAttemptAt: string | null
  lastSuccessAt: string | null
  lastError: string | null
  itemCount: number
}

export interface NotificationTable {
  id: string
  kind: string
  titleJa: string
  titleEn: string
  body: Json
  createdAt: string
}

export interface NotificationReadTable {
  notificationId: string
  userId: string
  readAt: string
}

export interface Database
  extends RiskTables,
    ActionTables,
    ChecklistTables,
    BenchmarkTables,
    ReportTables,
    ProcurementTables,
    AcceptanceTables,
    OperationsTables,
    BcpTables,
    BcpPlansTables,
    CaptureTables {
  ledgerVersion: LedgerVersionTable
  sites: SiteTable
  devices: DeviceTable
  deviceAddresses: DeviceAddressTable
  users: UserTable
  sessions: SessionTable
  apiTokens: ApiTokenTable
  auditLog: AuditLogTable
  settings: SettingTable
  scanScopes: ScanScopeTable
  scanExclusions: ScanExclusionTable
  scans: ScanTable
  scanHosts: ScanHostTable
  scanServices: ScanServiceTable
  findings: FindingTable
  scanSchedules: ScanScheduleTable
  jobs: JobTable
  manufacturerAliases: ManufacturerAliasTable
  deviceModels: DeviceModelTable
  deviceModelLinks: DeviceModelLinkTable
  disclosures: DisclosureTable
  disclosureAnswers: DisclosureAnswerTable
  disclosureNotes: DisclosureNoteTable
  modelDeclaredPorts: ModelDeclaredPortTable
  advisories: AdvisoryTable
  advisoryCves: AdvisoryCveTable
  cves: CveTable
  cveCpeIndex: CveCpeIndexTable
  kevEntries: KevEntryTable
  epssScores: EpssScoreTable
  sboms: SbomTable
  components: ComponentTable
  vexStatements: VexStatementTable
  vulnMatches: VulnMatchTable
  matchReviews: MatchReviewTable
  feedSources: FeedSourceTable
  notifications: NotificationTable
  notificationReads: NotificationReadTable
}

export type Timestamp = ColumnType<string, string, string>
