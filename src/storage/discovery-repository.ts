import type { Kysely } from 'kysely'
import { FindingRepository } from './finding-repository.js'
import { ScanRepository } from './scan-repository.js'
import type { Database } from './schema.js'
import { ScopeRepository } from './scope-repository.js'

export { EMPTY_PROGRESS, type StoredHost } from './scan-repository.js'

/**
 * Scopes, exclusions, scans with their hosts/services, and findings from every source: one facade over
 * {@link ScopeRepository}, {@link ScanRepository} and {@link FindingRepository}, so callers keep one object (and one
 * transaction handle: `new DiscoveryRepository(trx)`). New code may take the narrower repository it needs.
 */
export class DiscoveryRepository {
  readonly #scopes: ScopeRepository
  readonly #scans: ScanRepository
  readonly #findings: FindingRepository

  constructor(db: Kysely<Database>) {
    this.#scopes = new ScopeRepository(db)
    this.#scans = new ScanRepository(db)
    this.#findings = new FindingRepository(db)
  }

  // ── scopes and exclusions (ScopeRepository) ──
  scopes(...a: Parameters<ScopeRepository['scopes']>): ReturnType<ScopeRepository['scopes']> {
    return this.#scopes.scopes(...a)
  }
  addScope(...a: Parameters<ScopeRepository['addScope']>): ReturnType<ScopeRepository['addScope']> {
    return this.#scopes.addScope(...a)
  }
  removeScope(...a: Parameters<ScopeRepository['removeScope']>): ReturnType<ScopeRepository['removeScope']> {
    return this.#scopes.removeScope(...a)
  }
  exclusions(...a: Parameters<ScopeRepository['exclusions']>): ReturnType<ScopeRepository['exclusions']> {
    return this.#scopes.exclusions(...a)
  }
  addExclusion(...a: Parameters<ScopeRepository['addExclusion']>): ReturnType<ScopeRepository['addExclusion']> {
    return this.#scopes.addExclusion(...a)
  }
  removeExclusion(
    ...a: Parameters<ScopeRepository['removeExclusion']>
  ): ReturnType<ScopeRepository['removeExclusion']> {
    return this.#scopes.removeExclusion(...a)
  }
  // ── scans and hosts (ScanRepository) ──
  createScan(...a: Parameters<ScanRepository['createScan']>): ReturnType<ScanRepository['createScan']> {
    return this.#scans.createScan(...a)
  }
  scan(...a: Parameters<ScanRepository['scan']>): ReturnType<ScanRepository['scan']> {
    return this.#scans.scan(...a)
  }
  scans(...a: Parameters<ScanRepository['scans']>): ReturnType<ScanRepository['scans']> {
    return this.#scans.scans(...a)
  }
  setScanState(...a: Parameters<ScanRepository['setScanState']>): ReturnType<ScanRepository['setScanState']> {
    return this.#scans.setScanState(...a)
  }
  requestStop(...a: Parameters<ScanRepository['requestStop']>): ReturnType<ScanRepository['requestStop']> {
    return this.#scans.requestStop(...a)
  }
  scanStatus(...a: Parameters<ScanRepository['scanStatus']>): ReturnType<ScanRepository['scanStatus']> {
    return this.#scans.scanStatus(...a)
  }
  saveHosts(...a: Parameters<ScanRepository['saveHosts']>): ReturnType<ScanRepository['saveHosts']> {
    return this.#scans.saveHosts(...a)
  }
  hosts(...a: Parameters<ScanRepository['hosts']>): ReturnType<ScanRepository['hosts']> {
    return this.#scans.hosts(...a)
  }
  host(...a: Parameters<ScanRepository['host']>): ReturnType<ScanRepository['host']> {
    return this.#scans.host(...a)
  }
  linkHost(...a: Parameters<ScanRepository['linkHost']>): ReturnType<ScanRepository['linkHost']> {
    return this.#scans.linkHost(...a)
  }
  previousScan(...a: Parameters<ScanRepository['previousScan']>): ReturnType<ScanRepository['previousScan']> {
    return this.#scans.previousScan(...a)
  }
  latestFinishedScan(
    ...a: Parameters<ScanRepository['latestFinishedScan']>
  ): ReturnType<ScanRepository['latestFinishedScan']> {
    return this.#scans.latestFinishedScan(...a)
  }
  finishedScanCount(
    ...a: Parameters<ScanRepository['finishedScanCount']>
  ): ReturnType<ScanRepository['finishedScanCount']> {
    return this.#scans.finishedScanCount(...a)
  }
  lastSeen(...a: Parameters<ScanRepository['lastSeen']>): ReturnType<ScanRepository['lastSeen']> {
    return this.#scans.lastSeen(...a)
  }
  // ── findings (FindingRepository) ──
  findingCounts(...a: Parameters<FindingRepository['findingCounts']>): ReturnType<FindingRepository['findingCounts']> {
    return this.#findings.findingCounts(...a)
  }
  upsertFindings(
    ...a: Parameters<FindingRepository['upsertFindings']>
  ): ReturnType<FindingRepository['upsertFindings']> {
    return this.#findings.upsertFindings(...a)
  }
  resolveUnseen(...a: Parameters<FindingRepository['resolveUnseen']>): ReturnType<FindingRepository['resolveUnseen']> {
    return this.#findings.resolveUnseen(...a)
  }
  findings(...a: Parameters<FindingRepository['findings']>): ReturnType<FindingRepository['findings']> {
    return this.#findings.findings(...a)
  }
  updateFinding(...a: Parameters<FindingRepository['updateFinding']>): ReturnType<FindingRepository['updateFinding']> {
    return this.#findings.updateFinding(...a)
  }
}
