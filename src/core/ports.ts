/**
 * Ports: what the services need from the outside world, as plain interfaces over domain types (api/ and core/).
 * Storage implements them (`src/storage/ports.ts` → `storagePorts`), tests pass in-memory fakes
 * (`test/fakes/ports.ts`), and `buildServices(ports, config)` (`src/services/index.ts`) is the one place that
 * puts services together, for the server and for every CLI command (Immich `services/base.service.ts`).
 *
 * Rules: no Kysely, Fastify or socket types here; a method that must commit together with its audit entry takes
 * that entry (the service decides *what* is audited, the store writes it in the same transaction).
 */
import type { AuditEntry, Role, User } from '../../api/common.js'
import type { DashboardStats, Device, DeviceFields, DeviceListQuery, DeviceListResponse } from '../../api/device.js'
import type { Exclusion, Finding, Scan, ScanHost, ScanProgress, Scope } from '../../api/discovery.js'
import type { Actor } from './actor.js'
import type { ModelCatalogStore } from './catalog/store.js'
import type {
  DeclaredPort,
  DisclosureAnswer,
  DisclosureForm,
  DisclosureHeader,
  DisclosureNote,
  DisclosureProblem,
  ObservedService,
  ParsedDisclosure,
} from './disclosures/disclosure.js'
import type { HostObservation, Identification } from './discovery/observation.js'
import type { LedgerEntry } from './discovery/reconcile.js'
import type { FindingStore } from './findings/finding.js'
import type { JobStore } from './jobs/job-store.js'
import type { VulnStore } from './vulns/store.js'

export { type Actor, SYSTEM_ACTOR } from './actor.js'
export type { FindingStore } from './findings/finding.js'
export type { JobStore } from './jobs/job-store.js'
export type { ModelCatalogStore }

/** One audit entry as a service decides it; the store adds who and when. */
export interface AuditRecord {
  action: string
  targetType?: string | null
  targetId?: string | null
  before?: unknown
  after?: unknown
}

/** Filters of the audit log view. */
export interface AuditQuery {
  limit: number
  offset: number
  action?: string
  actor?: string
  targetId?: string
}

/** The audit log: append-only. Changes write their own entry inside their transaction; this is for the rest. */
export interface AuditLog {
  record(actor: Actor, rec: AuditRecord | AuditRecord[]): Promise<void>
  list(q: AuditQuery): Promise<{ items: AuditEntry[]; total: number }>
  /** A device's story: its own entries and every decision on its findings, newest first. */
  deviceHistory(deviceId: string, q: { limit: number; offset: number }): Promise<{ items: AuditEntry[]; total: number }>
  /** Adds `targetLabel` (asset tag, range, user name…) to entries, so people need not read UUIDs. */
  withTargetLabels(items: AuditEntry[]): Promise<AuditEntry[]>
}

/** Time, so services and tests agree on "now". */
export interface Clock {
  now(): Date
}

/** A device as reconciliation and scans see it: the whole ledger, every status (`LedgerReader.ledgerEntries`). */
export interface LedgerDevice extends LedgerEntry {
  department: string | null
  declaredPorts: number[]
  siteId: string
  /**
   * What the device's confirmed catalog model declares (MDS2 CONN, the template, or typed in): when present it
   * replaces the ledger's own `declaredPorts` in the scan rules. Absent or null: no confirmed model declaration.
   */
  modelDeclaration?: ModelDeclaration | null
}

/** A model's declared ports as the scan rules use them. */
export interface ModelDeclaration {
  /** "Example Medical SP-2000", for the finding's words. */
  model: string
  ports: number[]
  /** Ports declared as encrypted (TLS): cleartext seen there is a finding. */
  tlsPorts: number[]
}

/** Other devices sharing an identifier with a device being saved (`exceptId`: the device itself, left out). */
export interface DuplicateLookup {
  /** The id of another device with this asset tag, or null. */
  idWithAssetTag(assetTag: string, exceptId: string | null): Promise<string | null>
  withSerialNumber(
    serial: string,
    exceptId: string | null,
  ): Promise<{ assetTag: string | null; manufacturer: string | null }[]>
  /** One row per other device and MAC address it shares. */
  withMacAddresses(macs: string[], exceptId: string | null): Promise<{ assetTag: string | null; value: string }[]>
}

/** Reading the device ledger. */
export interface LedgerReader extends DuplicateLookup {
  get(id: string): Promise<Device>
  list(q: DeviceListQuery, today?: string): Promise<DeviceListResponse>
  /** Every device, whatever its status, never a page (a page would report registered devices as unknown). */
  ledgerEntries(): Promise<LedgerDevice[]>
  /** Devices marked "never scan" or fragile, with their addresses as written (scan planning). */
  scanFlagged(): Promise<{ assetTag: string | null; ipAddresses: string[]; neverScan: boolean }[]>
  findByAddresses(kind: 'ip' | 'mac', values: string[]): Promise<Map<string, Device>>
  count(): Promise<number>
  version(): Promise<number>
  sites(): Promise<{ id: string; name: string }[]>
  facets(): Promise<{ departments: string[]; manufacturers: string[]; sites: { id: string; name: string }[] }>
  stats(today?: string): Promise<DashboardStats>
}

/** A device update the service has decided on: the store writes it only if `version` is still current. */
export interface DeviceReplacement {
  id: string
  /** The version the change was based on (optimistic locking). */
  version: number
  fields: DeviceFields
  /** The audit entry, written in the same transaction. */
  audit: AuditRecord
}

/** Changing the device ledger. Each call is one transaction, audit entry included. */
export interface LedgerWriter {
  /** Inserts devices; `audit(device)` says what to record for each. `linkHostId` links a discovered host too. */
  insert(
    fields: DeviceFields[],
    actor: Actor,
    audit: (d: Device) => AuditRecord,
    opts?: { linkHostId?: string },
  ): Promise<Device[]>
  /** Replaces a device's fields; a DEVICE_VERSION_CONFLICT when someone else changed it in the meantime. */
  replace(change: DeviceReplacement, actor: Actor): Promise<Device>
  remove(id: string, actor: Actor, audit: (before: Device) => AuditRecord): Promise<void>
  ensureSite(id: string, name?: string): Promise<void>
}

/** What a password change ended; `session` is the fresh session of a self-service change made from a browser. */
export interface PasswordChange {
  sessionsEnded: number
  tokensRevoked: number
  session?: NewSession
}

export interface NewSession {
  token: string
  csrfToken: string
  expiresAt: string
}

/** A user as the service has validated it, with the password already hashed. */
export interface UserRecord {
  username: string
  displayName: string
  role: Role
  passwordHash: string
}

export interface ApiTokenInfo {
  id: string
  name: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

/** Users, sessions and API tokens. Secrets are stored only as hashes; policy lives in the UserService. */
export interface UserStore {
  count(): Promise<number>
  list(): Promise<User[]>
  get(id: string): Promise<User>
  /** Regardless of case. */
  findByUsername(username: string): Promise<User | null>
  /** The user and password hash of a name (regardless of case), for checking a password. */
  credentials(username: string): Promise<{ user: User; passwordHash: string } | null>
  /** By id; a NOT_FOUND when there is no such user. */
  credentialsOf(id: string): Promise<{ user: User; passwordHash: string }>
  /**
   * Inserts a user (USERNAME_TAKEN regardless of case) with its `user.create` audit entry; with `onlyIfNoUsers`,
   * only when there are none (null otherwise). `beforeCommit` runs last inside the transaction.
   */
  insert(
    user: UserRecord,
    actor: Actor,
    opts?: { onlyIfNoUsers?: boolean; beforeCommit?: (user: User) => void | Promise<void> },
  ): Promise<User | null>
  /**
   * Sets a password hash, ends every session and API token of the user, opens a new session when asked and writes
   * `audit` (its `after` gets the counts) — one transaction.
   */
  setPassword(
    id: string,
    passwordHash: string,
    actor: Actor,
    audit: AuditRecord,
    opts?: { sessionHours?: number },
  ): Promise<PasswordChange>
  /** Changes a user; `endAccess` ends sessions and tokens in the same transaction; `audit` gets before/after. */
  update(
    id: string,
    set: { displayName?: string; role?: Role; disabled?: boolean; passwordHash?: string },
    actor: Actor,
    audit: { action: string; endAccess: boolean },
  ): Promise<User>
  touchLogin(id: string): Promise<void>
  createSession(userId: string, hours: number): Promise<NewSession>
  sessionUser(token: string): Promise<{ user: User; csrfToken: string } | null>
  deleteSession(token: string): Promise<void>
  purgeExpiredSessions(): Promise<void>
  createToken(userId: string, name: string, actor: Actor): Promise<{ id: string; token: string }>
  listTokens(userId: string): Promise<ApiTokenInfo[]>
  revokeToken(userId: string, id: string, actor: Actor): Promise<void>
  tokenUser(token: string): Promise<User | null>
}

export interface FindingQuery {
  severity?: string
  status?: string
  deviceId?: string
  scanId?: string
  address?: string
  ruleId?: string
  limit: number
  offset: number
}

/** Where and when a scan last saw a device. */
export interface LastSeen {
  scanId: string
  at: string
  address: string
  openPorts: { port: number; transport: string; service: string | null }[]
}

/**
 * Scopes, exclusions, scans, hosts and findings (implemented by `storage/discovery-repository.ts`). Only what the
 * services outside the scan engine read; the scan service adds its own methods as it moves onto ports.
 */
export interface DiscoveryStore {
  scopes(): Promise<Scope[]>
  addScope(target: string, label: string | null, actor: Actor): Promise<Scope>
  removeScope(idOrTarget: string, actor: Actor): Promise<void>
  exclusions(): Promise<Exclusion[]>
  addExclusion(address: string, reason: string | null, actor: Actor): Promise<Exclusion>
  removeExclusion(idOrAddress: string, actor: Actor): Promise<void>
  scan(id: string): Promise<Scan>
  scans(limit?: number): Promise<Scan[]>
  latestFinishedScan(): Promise<Scan | null>
  finishedScanCount(): Promise<number>
  hosts(scanId: string): Promise<ScanHost[]>
  host(hostId: string): Promise<ScanHost>
  findingCounts(): Promise<{ open: Record<string, number>; total: number; reviewed: number }>
  /** The latest finished scan that saw a device up (linked, or at one of its addresses), with its open ports. */
  lastSeen(deviceId: string, addresses: readonly string[]): Promise<LastSeen | null>
  findings(q: FindingQuery): Promise<{ items: Finding[]; total: number }>
  updateFinding(
    id: string,
    set: { status: Finding['status']; reason?: string; expiresAt?: string },
    actor: Actor,
  ): Promise<Finding>
}

/** A host as a scan stores it, plus the identity and the ledger device it was matched to. */
export interface StoredHost {
  observation: HostObservation
  deviceId: string | null
  identification: Identification | null
}

/** What the scan service writes and reads while a scan runs (implemented by `storage/discovery-repository.ts`). */
export interface ScanStore extends FindingStore {
  createScan(
    input: { targets: string[]; profile: string; portSpec: string | null; scheduleId?: string | null },
    actor: Actor,
  ): Promise<Scan>
  setScanState(
    id: string,
    set: {
      status?: Scan['status']
      progress?: ScanProgress
      startedAt?: string
      finishedAt?: string
      error?: string | null
    },
  ): Promise<void>
  /** Asks a running scan to stop (the process running it polls for this). */
  requestStop(id: string, actor: Actor): Promise<Scan>
  /** Stores the hosts of a scan; answers host id by address. */
  saveHosts(scanId: string, hosts: StoredHost[]): Promise<Map<string, string>>
  /** The latest finished scan before this one with the same targets (for drift). */
  previousScan(scan: Scan): Promise<Scan | null>
  /** Marks open findings of `source` on these addresses and ports that this scan no longer saw as fixed. */
  resolveUnseen(source: string, scanId: string, addresses: string[], coveredPorts: ReadonlySet<number>): Promise<number>
}

/** Where a model's declared port list came from. */
export type DeclaredPortSource = 'mds2' | 'template' | 'manual'

/** A disclosure as stored (answers and notes are read separately: a list need not carry ~225 answers each). */
export interface StoredDisclosure {
  id: string
  modelId: string | null
  model: { id: string; vendor: string; name: string } | null
  form: DisclosureForm
  fileName: string | null
  fileSha256: string | null
  header: DisclosureHeader
  questionCount: number
  answeredCount: number
  /** The reader's warnings, kept for the problem report. */
  problems: DisclosureProblem[]
  importedAt: string
  importedBy: string | null
}

/** A ledger device linked to a catalog model, with what disclosure findings need to know about it. */
export interface LinkedDevice {
  deviceId: string
  siteId: string
  /** Asset tag, else name, else id: what people recognise in a letter or a table. */
  label: string
  serviceLifeEnd: string | null
  supportEnd: string | null
  status: string
  modelId: string
  state: 'suggested' | 'confirmed'
  model: { id: string; vendor: string; name: string }
}

/** A parsed disclosure as the service hands it to the store: the model it belongs to, its file, who and when. */
export interface NewDisclosure {
  modelId: string | null
  fileName: string | null
  fileSha256: string | null
  parsed: ParsedDisclosure
  importedBy: string | null
  now: string
}

/** Disclosures, their answers, and the ports models declare (implemented by `storage/disclosure-repository.ts`). */
export interface DisclosureStore {
  /** Stores a parsed disclosure whole (answers, notes, declared ports from the form) with its audit entry. */
  insert(input: NewDisclosure, actor: Actor, audit: (d: StoredDisclosure) => AuditRecord): Promise<StoredDisclosure>
  list(q: { modelId?: string }): Promise<StoredDisclosure[]>
  get(id: string): Promise<{ disclosure: StoredDisclosure; answers: DisclosureAnswer[]; notes: DisclosureNote[] }>
  remove(id: string, actor: Actor, audit: (d: StoredDisclosure) => AuditRecord): Promise<void>
  /** model id → id of its most recently imported disclosure. */
  latestPerModel(): Promise<Map<string, string>>
  declaredPorts(
    modelIds: readonly string[],
  ): Promise<Map<string, { source: DeclaredPortSource; ports: DeclaredPort[] }>>
  replaceDeclaredPorts(
    modelId: string,
    ports: readonly DeclaredPort[],
    source: DeclaredPortSource,
    actor: Actor,
    audit: AuditRecord,
  ): Promise<void>
  /** Devices linked to models (suggested and confirmed), by model or for one device. */
  linkedDevices(q: { modelIds?: readonly string[]; deviceId?: string }): Promise<LinkedDevice[]>
  /** Vendor and name of catalog models (unknown ids are left out). */
  modelRefs(ids: readonly string[]): Promise<Map<string, { id: string; vendor: string; name: string }>>
  /** A settings value (e.g. `letters.sender`, JSON), or null. */
  setting(key: string): Promise<string | null>
  putSetting(key: string, value: string, actor: Actor, audit: AuditRecord): Promise<void>
  /**
   * Marks fixed the open `disclosure` findings of these devices (null: of every device) whose key is not in `keep`:
   * the model's latest disclosure no longer gives them, or the device is no longer linked.
   */
  resolveStaleFindings(deviceIds: readonly string[] | null, keep: ReadonlySet<string>): Promise<number>
  /** Open services seen on a device by the latest finished scan of each of its addresses. */
  observedServices(
    deviceId: string,
    addresses: readonly string[],
  ): Promise<{ services: ObservedService[]; lastScannedAt: string | null }>
}

/** One row of a table as a backup holds it (column → value). */
export type BackupRow = Record<string, unknown>

/** The whole database as backup and restore see it: tables in dependency order, read and replaced at once. */
export interface BackupStore {
  /** Table names, parents first (restore inserts in this order). */
  readonly tables: readonly string[]
  /** The migrations this build knows (a backup naming others was made by a newer Mamori). */
  readonly migrations: readonly string[]
  /** Runs `read` inside one read-only snapshot of the database; `page` reads a table in pages. */
  snapshot<T>(
    read: (page: (table: string, offset: number, limit: number) => Promise<BackupRow[]>) => Promise<T>,
  ): Promise<T>
  /** Empties every table and runs `write` in the same transaction: a throw leaves the database as it was. */
  replaceAll<T>(write: (insert: (table: string, rows: BackupRow[]) => Promise<void>) => Promise<T>): Promise<T>
}

/** The database as the health check sees it. */
export interface DatabaseHealth {
  readonly dialect: 'sqlite' | 'postgres'
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>
}

/** Everything `buildServices` needs. */
export interface Ports {
  ledger: LedgerReader & LedgerWriter
  users: UserStore
  audit: AuditLog
  discovery: DiscoveryStore
  jobs: JobStore
  backup: BackupStore
  database: DatabaseHealth
  clock: Clock
  /** The model catalog: manufacturer aliases, models, device ↔ model links (ADR 0023). */
  catalog: ModelCatalogStore
  /** Vulnerability intelligence: advisories, CVEs, KEV, EPSS, SBOMs, components, matches (ADR 0030). */
  vulns: VulnStore
}
