/**
 * In-memory fakes of the ports (src/core/ports.ts) and `newTestServices()`, which builds the services over them
 * (Immich's `newTestService`): service tests run without a database and read the fakes' state to check what the
 * service decided (what was stored, what was audited).
 */
import { randomUUID } from 'node:crypto'
import type { AuditEntry, User } from '../../api/common.js'
import type { DashboardStats, Device, DeviceFields, DeviceListQuery, DeviceListResponse } from '../../api/device.js'
import type { Exclusion, Finding, Scan, ScanHost, Scope } from '../../api/discovery.js'
import { MamoriError, notFound } from '../../src/core/errors.js'
import type {
  Actor,
  ApiTokenInfo,
  AuditLog,
  AuditQuery,
  AuditRecord,
  BackupRow,
  BackupStore,
  Clock,
  DeviceReplacement,
  DiscoveryStore,
  FindingQuery,
  LedgerDevice,
  LedgerReader,
  LedgerWriter,
  NewSession,
  PasswordChange,
  UserRecord,
  UserStore,
} from '../../src/core/ports.js'
import { BackupService } from '../../src/services/backup.js'
import { DeviceService } from '../../src/services/devices.js'
import { FindingReviewService } from '../../src/services/finding-review.js'
import { FirstStepsService } from '../../src/services/first-steps.js'
import { ReconciliationService } from '../../src/services/reconciliation.js'
import { ScopeService } from '../../src/services/scopes.js'
import { UserService, type UserServiceOptions } from '../../src/services/users.js'
import { FakeModelCatalogStore } from './model-catalog-store.js'

/** A clock that stands still until a test moves it. */
export class FakeClock implements Clock {
  constructor(public at = new Date('2026-04-01T09:00:00Z')) {}
  now = () => new Date(this.at)
}

/** Every audit entry, in order, with its actor. */
export class FakeAuditLog implements AuditLog {
  readonly entries: (AuditRecord & { actor: string })[] = []
  async record(actor: Actor, rec: AuditRecord | AuditRecord[]) {
    for (const r of Array.isArray(rec) ? rec : [rec]) this.entries.push({ ...r, actor: actor.name })
  }
  async list(q: AuditQuery) {
    const items = this.entries.filter((e) => !q.action || e.action.startsWith(q.action)).map(toEntry)
    return { items: items.slice(q.offset, q.offset + q.limit), total: items.length }
  }
  async deviceHistory(deviceId: string, q: { limit: number; offset: number }) {
    const items = this.entries.filter((e) => e.targetId === deviceId).map(toEntry)
    return { items: items.slice(q.offset, q.offset + q.limit), total: items.length }
  }
  async withTargetLabels(items: AuditEntry[]) {
    return items.map((e) => ({ ...e, targetLabel: null }))
  }
  actions = () => this.entries.map((e) => e.action)
}

const toEntry = (e: AuditRecord & { actor: string }, i: number): AuditEntry => ({
  id: i + 1,
  at: '2026-04-01T09:00:00.000Z',
  actor: e.actor,
  action: e.action,
  targetType: e.targetType ?? null,
  targetId: e.targetId ?? null,
  before: e.before ?? null,
  after: e.after ?? null,
  ip: null,
})

/** The device ledger in a Map; changes are audited into the given fake audit log, as the store does. */
export class FakeLedger implements LedgerReader, LedgerWriter {
  readonly devices = new Map<string, Device>()
  private changes = 0
  constructor(private readonly audit: FakeAuditLog) {}

  /** Seeds devices without auditing (as a test's "given"). */
  seed(fields: DeviceFields[]): Device[] {
    return fields.map((f) => this.put(f, { name: 'seed', id: null }))
  }

  private put(f: DeviceFields, actor: Actor): Device {
    const now = '2026-04-01T09:00:00.000Z'
    const d = { ...f, id: randomUUID(), version: 1, createdAt: now, createdBy: actor.name }
    const device = { ...d, updatedAt: now, updatedBy: actor.name } as Device
    this.devices.set(device.id, device)
    this.changes++
    return device
  }

  async get(id: string) {
    const d = this.devices.get(id)
    if (!d) throw notFound('Device', id)
    return d
  }
  async list(q: DeviceListQuery): Promise<DeviceListResponse> {
    const all = [...this.devices.values()].filter((d) => !q.status || d.status === q.status)
    const limit = Number(q.limit ?? 50)
    const offset = Number(q.offset ?? 0)
    return { items: all.slice(offset, offset + limit), total: all.length, limit, offset }
  }
  async ledgerEntries(): Promise<LedgerDevice[]> {
    return [...this.devices.values()].map((d) => ({
      id: d.id,
      assetTag: d.assetTag,
      department: d.department,
      ipAddresses: [...d.ipAddresses],
      macAddresses: [...d.macAddresses],
      hostname: d.hostname,
      status: d.status,
      declaredPorts: [...d.declaredPorts],
      siteId: d.siteId,
    }))
  }
  async scanFlagged() {
    return [...this.devices.values()]
      .filter((d) => d.neverScan || d.fragile)
      .map((d) => ({ assetTag: d.assetTag, ipAddresses: [...d.ipAddresses], neverScan: d.neverScan }))
  }
  async findByAddresses(kind: 'ip' | 'mac', values: string[]) {
    const out = new Map<string, Device>()
    for (const d of this.devices.values())
      for (const a of kind === 'ip' ? d.ipAddresses : d.macAddresses) if (values.includes(a)) out.set(a, d)
    return out
  }
  async count() {
    return this.devices.size
  }
  async version() {
    return this.changes
  }
  async sites() {
    return [...new Set([...this.devices.values()].map((d) => d.siteId))].map((id) => ({ id, name: id }))
  }
  async facets() {
    const values = (k: 'department' | 'manufacturer') =>
      [...new Set([...this.devices.values()].map((d) => d[k]).filter((v): v is string => !!v))].sort()
    return { departments: values('department'), manufacturers: values('manufacturer'), sites: await this.sites() }
  }
  async stats(): Promise<DashboardStats> {
    const total = this.devices.size
    return {
      total,
      byKind: {},
      byStatus: {},
      byCategory: {},
      byDepartment: [],
      pastServiceLife: 0,
      pastSupportEnd: 0,
      lifeCritical: 0,
      legacyOs: 0,
    }
  }
  private others = (exceptId: string | null) => [...this.devices.values()].filter((d) => d.id !== exceptId)
  async idWithAssetTag(assetTag: string, exceptId: string | null) {
    return this.others(exceptId).find((d) => d.assetTag === assetTag)?.id ?? null
  }
  async withSerialNumber(serial: string, exceptId: string | null) {
    return this.others(exceptId)
      .filter((d) => d.serialNumber === serial)
      .map((d) => ({ assetTag: d.assetTag, manufacturer: d.manufacturer }))
  }
  async withMacAddresses(macs: string[], exceptId: string | null) {
    return this.others(exceptId).flatMap((d) =>
      d.macAddresses.filter((m) => macs.includes(m)).map((value) => ({ assetTag: d.assetTag, value })),
    )
  }
  /** Host ids linked by `insert(…, { linkHostId })`, host → device. */
  readonly linkedHosts = new Map<string, string>()
  /** When set, linking this host fails (as a link to a missing host does in the database): nothing is kept. */
  failLinkOf: string | null = null

  async insert(
    fields: DeviceFields[],
    actor: Actor,
    audit: (d: Device) => AuditRecord,
    opts: { linkHostId?: string } = {},
  ) {
    if (opts.linkHostId && opts.linkHostId === this.failLinkOf) throw notFound('Scan host', opts.linkHostId)
    const made = fields.map((f) => this.put(f, actor))
    await this.audit.record(actor, made.map(audit))
    if (opts.linkHostId) this.linkedHosts.set(opts.linkHostId, made[0]!.id)
    return made
  }
  async replace(change: DeviceReplacement, actor: Actor) {
    const before = await this.get(change.id)
    if (before.version !== change.version)
      throw MamoriError.of('DEVICE_VERSION_CONFLICT', {
        device: before.assetTag ?? before.id,
        by: before.updatedBy ?? '',
        at: before.updatedAt,
      })
    const after = {
      ...before,
      ...change.fields,
      version: before.version + 1,
      updatedBy: actor.name,
    } as Device
    this.devices.set(after.id, after)
    this.changes++
    await this.audit.record(actor, { ...change.audit, before, after })
    return after
  }
  async remove(id: string, actor: Actor, audit: (before: Device) => AuditRecord) {
    const before = await this.get(id)
    this.devices.delete(id)
    this.changes++
    await this.audit.record(actor, audit(before))
  }
  async ensureSite() {}
}

interface FakeUser {
  user: User
  passwordHash: string
  sessions: Set<string>
  tokens: Map<string, ApiTokenInfo & { secret: string }>
}

/** Users, sessions and tokens in memory; names unique regardless of case, as in the database. */
export class FakeUserStore implements UserStore {
  readonly users = new Map<string, FakeUser>()
  constructor(private readonly audit: FakeAuditLog) {}

  private byName = (name: string) =>
    [...this.users.values()].find((u) => u.user.username.toLowerCase() === name.trim().toLowerCase())
  private of(id: string): FakeUser {
    const u = this.users.get(id)
    if (!u) throw notFound('User', id)
    return u
  }
  async count() {
    return this.users.size
  }
  async list() {
    return [...this.users.values()].map((u) => u.user)
  }
  async get(id: string) {
    return this.of(id).user
  }
  async findByUsername(username: string) {
    return this.byName(username)?.user ?? null
  }
  async credentials(username: string) {
    const u = this.byName(username)
    return u ? { user: u.user, passwordHash: u.passwordHash } : null
  }
  async credentialsOf(id: string) {
    const u = this.of(id)
    return { user: u.user, passwordHash: u.passwordHash }
  }
  async insert(
    rec: UserRecord,
    actor: Actor,
    opts: { onlyIfNoUsers?: boolean; beforeCommit?: (user: User) => void | Promise<void> } = {},
  ) {
    if (opts.onlyIfNoUsers && this.users.size > 0) return null
    const taken = this.byName(rec.username)
    if (taken) throw MamoriError.of('USERNAME_TAKEN', { username: rec.username, clash: { en: '', ja: '' } })
    const user: User = {
      id: randomUUID(),
      username: rec.username,
      displayName: rec.displayName,
      role: rec.role,
      disabled: false,
      createdAt: '2026-04-01T09:00:00.000Z',
      lastLoginAt: null,
    }
    await opts.beforeCommit?.(user)
    this.users.set(user.id, { user, passwordHash: rec.passwordHash, sessions: new Set(), tokens: new Map() })
    await this.audit.record(actor, { action: 'user.create', targetType: 'user', targetId: user.id, after: user })
    return user
  }
  private endAccess(u: FakeUser) {
    const sessionsEnded = u.sessions.size
    u.sessions.clear()
    let tokensRevoked = 0
    for (const t of u.tokens.values())
      if (!t.revokedAt) {
        t.revokedAt = '2026-04-01T09:00:00.000Z'
        tokensRevoked++
      }
    return { sessionsEnded, tokensRevoked }
  }
  async setPassword(
    id: string,
    passwordHash: string,
    actor: Actor,
    audit: AuditRecord,
    opts: { sessionHours?: number } = {},
  ): Promise<PasswordChange> {
    const u = this.of(id)
    u.passwordHash = passwordHash
    const ended = this.endAccess(u)
    const session = opts.sessionHours ? await this.createSession(id, opts.sessionHours) : undefined
    await this.audit.record(actor, { ...audit, after: { ...(audit.after as object), ...ended } })
    return { ...ended, session }
  }
  async update(
    id: string,
    set: { displayName?: string; role?: User['role']; disabled?: boolean; passwordHash?: string },
    actor: Actor,
    audit: { action: string; endAccess: boolean },
  ) {
    const u = this.of(id)
    const before = u.user
    const { passwordHash, ...fields } = set
    u.user = { ...u.user, ...fields }
    if (passwordHash) u.passwordHash = passwordHash
    const ended = audit.endAccess ? this.endAccess(u) : {}
    await this.audit.record(actor, {
      action: audit.action,
      targetType: 'user',
      targetId: id,
      before,
      after: { ...u.user, ...ended },
    })
    return u.user
  }
  async touchLogin(id: string) {
    const u = this.of(id)
    u.user = { ...u.user, lastLoginAt: '2026-04-01T09:00:00.000Z' }
  }
  async createSession(userId: string, hours: number): Promise<NewSession> {
    const token = randomUUID()
    this.of(userId).sessions.add(token)
    return { token, csrfToken: randomUUID(), expiresAt: new Date(Date.now() + hours * 3600_000).toISOString() }
  }
  async sessionUser(token: string) {
    const u = [...this.users.values()].find((x) => x.sessions.has(token))
    return u && !u.user.disabled ? { user: u.user, csrfToken: 'csrf' } : null
  }
  async deleteSession(token: string) {
    for (const u of this.users.values()) u.sessions.delete(token)
  }
  async purgeExpiredSessions() {}
  async createToken(userId: string, name: string, actor: Actor) {
    const id = randomUUID()
    const token = `mamori_${randomUUID()}`
    const info = { id, name, createdAt: '2026-04-01T09:00:00.000Z', lastUsedAt: null, revokedAt: null }
    this.of(userId).tokens.set(id, { ...info, secret: token })
    await this.audit.record(actor, { action: 'token.create', targetType: 'api_token', targetId: id })
    return { id, token }
  }
  async listTokens(userId: string) {
    return [...this.of(userId).tokens.values()].map(({ secret: _s, ...t }) => t)
  }
  async revokeToken(userId: string, id: string, actor: Actor) {
    const t = this.of(userId).tokens.get(id)
    if (!t) throw notFound('API token', id)
    t.revokedAt = '2026-04-01T09:00:00.000Z'
    await this.audit.record(actor, { action: 'token.revoke', targetType: 'api_token', targetId: id })
  }
  async tokenUser(token: string) {
    for (const u of this.users.values())
      for (const t of u.tokens.values()) if (t.secret === token && !t.revokedAt && !u.user.disabled) return u.user
    return null
  }
  /** Live sessions and unrevoked tokens of a user (for "a reset ends every session"). */
  access(id: string) {
    const u = this.of(id)
    return { sessions: u.sessions.size, tokens: [...u.tokens.values()].filter((t) => !t.revokedAt).length }
  }
}

/** Scopes, exclusions, scans with their hosts, and findings, in arrays. */
export class FakeDiscovery implements DiscoveryStore {
  readonly scopeList: Scope[] = []
  readonly exclusionList: Exclusion[] = []
  readonly scanList: Scan[] = []
  readonly hostList: ScanHost[] = []
  readonly findingList: Finding[] = []

  async scopes() {
    return this.scopeList
  }
  async addScope(target: string, label: string | null, actor: Actor) {
    const s = { id: randomUUID(), target, label, approvedBy: actor.name, approvedAt: '2026-04-01T09:00:00.000Z' }
    this.scopeList.push(s as Scope)
    return s as Scope
  }
  async removeScope(idOrTarget: string) {
    const i = this.scopeList.findIndex((s) => s.id === idOrTarget || s.target === idOrTarget)
    if (i < 0) throw notFound('Scope', idOrTarget)
    this.scopeList.splice(i, 1)
  }
  async exclusions() {
    return this.exclusionList
  }
  async addExclusion(address: string, reason: string | null, actor: Actor) {
    const e = { id: randomUUID(), address, reason, createdBy: actor.name, createdAt: '2026-04-01T09:00:00.000Z' }
    this.exclusionList.push(e as Exclusion)
    return e as Exclusion
  }
  async removeExclusion(idOrAddress: string) {
    const i = this.exclusionList.findIndex((e) => e.id === idOrAddress || e.address === idOrAddress)
    if (i < 0) throw notFound('Exclusion', idOrAddress)
    this.exclusionList.splice(i, 1)
  }
  async scan(id: string) {
    const s = this.scanList.find((x) => x.id === id)
    if (!s) throw notFound('Scan', id)
    return s
  }
  async scans() {
    return this.scanList
  }
  async latestFinishedScan() {
    return this.scanList.filter((s) => s.status === 'completed' || s.status === 'stopped').at(-1) ?? null
  }
  async finishedScanCount() {
    return this.scanList.filter((s) => s.status === 'completed' || s.status === 'stopped').length
  }
  async hosts(scanId: string) {
    return this.hostList.filter((h) => h.scanId === scanId)
  }
  async host(hostId: string) {
    const h = this.hostList.find((x) => x.id === hostId)
    if (!h) throw notFound('Discovered host', hostId)
    return h
  }
  async lastSeen() {
    return null
  }
  async findingCounts() {
    return { open: {}, total: this.findingList.length, reviewed: 0 }
  }
  async findings(q: FindingQuery) {
    const items = this.findingList.filter((f) => !q.status || f.status === q.status)
    return { items: items.slice(q.offset, q.offset + q.limit), total: items.length }
  }
  async updateFinding(id: string, set: { status: Finding['status']; reason?: string }) {
    const f = this.findingList.find((x) => x.id === id)
    if (!f) throw notFound('Finding', id)
    Object.assign(f, { status: set.status, statusReason: set.reason ?? null })
    return f
  }
}

/** Tables as arrays; `replaceAll` works on a copy and keeps it only when `write` succeeds (one transaction). */
export class FakeBackupStore implements BackupStore {
  readonly tables = ['sites', 'devices', 'auditLog']
  readonly migrations = ['0001-initial']
  data: Record<string, BackupRow[]> = { sites: [], devices: [], auditLog: [] }

  async snapshot<T>(read: (page: (t: string, offset: number, limit: number) => Promise<BackupRow[]>) => Promise<T>) {
    const frozen = structuredClone(this.data)
    return read(async (t, offset, limit) => (frozen[t] ?? []).slice(offset, offset + limit))
  }
  async replaceAll<T>(write: (insert: (t: string, rows: BackupRow[]) => Promise<void>) => Promise<T>) {
    const next: Record<string, BackupRow[]> = Object.fromEntries(this.tables.map((t) => [t, []]))
    const result = await write(async (t, rows) => {
      next[t]!.push(...rows)
    })
    this.data = next
    return result
  }
}

/** Every fake port, sharing one audit log. */
export function newFakePorts() {
  const audit = new FakeAuditLog()
  return {
    audit,
    clock: new FakeClock(),
    ledger: new FakeLedger(audit),
    users: new FakeUserStore(audit),
    discovery: new FakeDiscovery(),
    backup: new FakeBackupStore(),
    catalog: new FakeModelCatalogStore(audit),
  }
}
export type FakePorts = ReturnType<typeof newFakePorts>

/**
 * The services over in-memory fakes, as `buildServices` wires them over the database: `sut` are the services,
 * `ports` the fakes to seed and inspect. (The scan services need a scan engine and the job runner: they have
 * their own tests.)
 */
export function newTestServices(opts: { users?: UserServiceOptions } = {}) {
  const ports = newFakePorts()
  const devices = new DeviceService(ports.ledger, ports.clock)
  const reconciliation = new ReconciliationService(ports.discovery, ports.ledger, devices)
  const findings = new FindingReviewService(ports.discovery)
  const sut = {
    users: new UserService(ports.users, ports.audit, opts.users),
    devices,
    reconciliation,
    scopes: new ScopeService(ports.discovery),
    findings,
    firstSteps: new FirstStepsService(ports.ledger, ports.discovery, findings, reconciliation),
    backup: new BackupService(ports.backup, ports.audit),
  }
  return { sut, ports }
}
