import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import {
  ACCEPTANCE_CHECK_IDS,
  type Acceptance,
  type AcceptanceCheckId,
  type AcceptanceIssue,
  type AcceptanceState,
  type acceptanceCheckInput,
  type acceptanceIssueInput,
  type acceptanceIssuePatch,
  type acceptanceSignOff,
} from '../../../api/acceptance.js'
import { ACCEPTANCE_CHECKS } from '../../core/acceptance/checks.js'
import { compareWithDeclaration, emptyComparison } from '../../core/acceptance/compare.js'
import { acceptanceOutstanding } from '../../core/acceptance/outstanding.js'
import { addressOutsideQuarantine } from '../../core/acceptance/quarantine.js'
import type { AcceptancePorts, AcceptanceRecord } from '../../core/acceptance/store.js'
import type { Actor } from '../../core/actor.js'
import { MamoriError } from '../../core/errors.js'
import type { Device } from '../../core/ledger/device.js'
import type { AuditRecord, Clock, DiscoveryStore } from '../../core/ports.js'
import { renderPdf } from '../../documents/index.js'
import { acceptanceReport } from '../../reports/acceptance/index.js'
import type { LifecycleDeps, ModuleCommon } from '../module-common.js'

const invalid = (en: string, ja: string) => MamoriError.of('LIFECYCLE_INVALID', { why: { en, ja } })

/**
 * Acceptance tests (導入時確認, ADR 0040): the ledger status moves through DeviceService (versioned and audited like
 * any ledger edit); the record and its audit entry are written together; the scan never leaves the quarantine scope.
 */
export class AcceptanceService {
  constructor(
    private readonly store: AcceptancePorts,
    private readonly discovery: Pick<DiscoveryStore, 'scopes'>,
    private readonly common: Pick<ModuleCommon, 'clock' | 'audit' | 'catalog'>,
    private readonly deps: LifecycleDeps,
  ) {}

  private now(): string {
    return (this.common.clock as Clock).now().toISOString()
  }

  private label(d: Device): string {
    return d.assetTag ?? d.name ?? d.id
  }

  async view(rec: AcceptanceRecord): Promise<Acceptance> {
    const d = await this.deps.devices.get(rec.deviceId)
    const outstanding = acceptanceOutstanding(rec.comparison, rec.checks, rec.issues)
    return {
      id: rec.id,
      deviceId: rec.deviceId,
      device: {
        assetTag: d.assetTag,
        name: d.name,
        manufacturer: d.manufacturer,
        model: d.model,
        department: d.department,
        addresses: [...d.ipAddresses],
      },
      state: rec.state,
      previousStatus: rec.previousStatus,
      scopeId: rec.scopeId,
      startedAt: rec.startedAt,
      startedBy: rec.startedBy,
      comparison: rec.comparison,
      checks: ACCEPTANCE_CHECK_IDS.map((id) => {
        const c = rec.checks[id]
        return {
          id,
          ...ACCEPTANCE_CHECKS[id],
          result: c?.result ?? null,
          note: c?.note ?? '',
          checkedBy: c?.checkedBy ?? null,
          checkedAt: c?.checkedAt ?? null,
        }
      }),
      issues: rec.issues,
      signOff: rec.signOff,
      cancelled: rec.cancelled,
      outstandingJa: rec.state === 'in_progress' ? outstanding.ja : [],
      outstandingEn: rec.state === 'in_progress' ? outstanding.en : [],
      version: rec.version,
    }
  }

  /** Removes every acceptance and decommission (demo reset only). */
  clearAll(): Promise<void> {
    return this.store.acceptanceClearAll()
  }

  async list(state?: AcceptanceState): Promise<{ items: Acceptance[] }> {
    const recs = await this.store.acceptanceList(state)
    return { items: await Promise.all(recs.map((r) => this.view(r))) }
  }

  async get(id: string): Promise<Acceptance> {
    return this.view(await this.store.acceptanceGet(id))
  }

  /** The latest acceptance of a device (id or asset tag); 404 when it never had one. */
  async latestFor(ref: string): Promise<Acceptance> {
    const deviceId = await this.common.catalog.deviceId(ref)
    const rec = await this.store.acceptanceLatestForDevice(deviceId)
    if (!rec)
      throw MamoriError.of('NOT_FOUND', { what: { en: 'Acceptance test of device', ja: '機器の導入時確認' }, id: ref })
    return this.view(rec)
  }

  private audit(action: string, rec: AcceptanceRecord, before: unknown, after: unknown): AuditRecord {
    return { action: `acceptance.${action}`, targetType: 'device', targetId: rec.deviceId, before, after }
  }

  private async save(rec: AcceptanceRecord, seen: number, actor: Actor, audit: AuditRecord): Promise<Acceptance> {
    return this.view(await this.store.acceptanceSave(rec, seen, actor, audit))
  }

  private async open(id: string, version?: number): Promise<AcceptanceRecord> {
    const rec = await this.store.acceptanceGet(id)
    if (rec.state !== 'in_progress')
      throw invalid(
        `this acceptance test is ${rec.state.replace('_', ' ')}; start a new one to change anything`,
        `この導入時確認は${rec.state === 'signed_off' ? '承認済み' : '中止済み'}です。変更するには新しく開始してください`,
      )
    if (version !== undefined && version !== rec.version)
      throw MamoriError.of('BCP_VERSION_CONFLICT', { seen: version, current: rec.version })
    return rec
  }

  private async setStatus(deviceId: string, status: string, actor: Actor): Promise<void> {
    const d = await this.deps.devices.get(deviceId)
    if (d.status === status) return
    await this.deps.devices.update(deviceId, d.version, { status: status as Device['status'] }, actor)
  }

  async start(input: { device: string; scopeId: string | null }, actor: Actor): Promise<Acceptance> {
    const deviceId = await this.common.catalog.deviceId(input.device)
    const device = await this.deps.devices.get(deviceId)
    if (device.status === 'decommissioned')
      throw MamoriError.of('ACCEPTANCE_NOT_ALLOWED', {
        device: this.label(device),
        why: { en: 'it is decommissioned', ja: '廃棄済みの機器です' },
      })
    const latest = await this.store.acceptanceLatestForDevice(deviceId)
    if (latest?.state === 'in_progress')
      throw MamoriError.of('ACCEPTANCE_ALREADY_OPEN', { device: this.label(device), startedAt: latest.startedAt })
    if (input.scopeId) await this.scope(input.scopeId)
    const declaration = await this.declaration(device)
    const previousStatus = device.status === 'acceptance' ? 'in_use' : device.status
    const rec: AcceptanceRecord = {
      id: randomUUID(),
      deviceId,
      state: 'in_progress',
      previousStatus,
      scopeId: input.scopeId,
      startedAt: this.now(),
      startedBy: actor.name,
      comparison: emptyComparison(declaration.source, declaration.ports),
      checks: {},
      issues: [],
      signOff: null,
      cancelled: null,
      lastScanId: null,
      version: 1,
    }
    await this.setStatus(deviceId, 'acceptance', actor)
    try {
      await this.store.acceptanceInsert(
        rec,
        actor,
        this.audit('start', rec, { status: previousStatus }, { ...rec, status: 'acceptance' }),
      )
    } catch (e) {
      await this.setStatus(deviceId, previousStatus, actor)
      throw e
    }
    return this.view(rec)
  }

  private async declaration(device: Device): Promise<{ source: string | null; ports: number[] }> {
    const fromModel = await this.store.acceptanceDeclaration(device.id)
    if (fromModel.source) return fromModel
    if (device.declaredPorts.length > 0) return { source: 'declared ports (ledger)', ports: [...device.declaredPorts] }
    return { source: null, ports: [] }
  }

  private async scope(scopeId: string) {
    const scope = (await this.discovery.scopes()).find((s) => s.id === scopeId)
    if (!scope)
      throw MamoriError.of('NOT_FOUND', { what: { en: 'Approved scope', ja: '承認済みスコープ' }, id: scopeId })
    return scope
  }

  /**
   * Starts the gentle scan of the device's addresses from the quarantine scope. Every address must be inside that
   * one scope; otherwise nothing is started (ACCEPTANCE_OUTSIDE_QUARANTINE naming the address).
   */
  async scan(
    id: string,
    scopeId: string | null | undefined,
    actor: Actor,
  ): Promise<{ jobId: string; scanId: string; done: Promise<Acceptance | null> }> {
    const rec = await this.open(id)
    const device = await this.deps.devices.get(rec.deviceId)
    const chosen = scopeId ?? rec.scopeId
    if (!chosen)
      throw invalid(
        'choose the approved scope of the quarantine segment (scopeId) before scanning',
        'スキャンの前に隔離セグメントの承認済みスコープ (scopeId) を選んでください',
      )
    const scope = await this.scope(chosen)
    const addresses = [...device.ipAddresses]
    const outside = addressOutsideQuarantine(this.label(device), addresses, scope.target)
    if (outside !== null)
      throw MamoriError.of('ACCEPTANCE_OUTSIDE_QUARANTINE', { address: outside, scope: scope.label ?? scope.target })
    const started = await this.deps.scans.start({ targets: addresses, profile: 'gentle' }, actor, { trigger: 'user' })
    const next = { ...rec, scopeId: chosen, lastScanId: started.scan.id }
    await this.store.acceptanceSave(
      next,
      rec.version,
      actor,
      this.audit('scan', rec, null, { scanId: started.scan.id, jobId: started.jobId, scope: scope.target, addresses }),
    )
    // When the scan has finished, its results are compared with the declaration (a failure leaves the comparison as
    // it was; `POST …/compare` recomputes it on request).
    const compared = started.done.then(
      () => this.compare(id, actor, started.scan.id),
      () => null,
    )
    return { jobId: started.jobId, scanId: started.scan.id, done: compared.catch(() => null) }
  }

  /** Recomputes the comparison from the latest scan of this acceptance (or a given one). */
  async compare(id: string, actor: Actor, scanId?: string): Promise<Acceptance> {
    const rec = await this.open(id)
    const device = await this.deps.devices.get(rec.deviceId)
    const scan = scanId ?? rec.lastScanId ?? rec.comparison.scanId
    const declaration = await this.declaration(device)
    const disclosureFindings = (await this.store.acceptanceDisclosureFindings(rec.deviceId)).map((f) => ({
      titleJa: f.titleJa,
      titleEn: f.titleEn,
      severity: f.severity,
    }))
    let comparison = emptyComparison(declaration.source, declaration.ports)
    comparison.disclosureFindings = disclosureFindings
    if (scan) {
      const obs = await this.store.acceptanceScanObservation(scan, device.ipAddresses)
      const findings = await this.store.acceptanceScanFindings(rec.deviceId, device.ipAddresses, scan)
      comparison = compareWithDeclaration({
        scanId: scan,
        scannedAt: obs.scannedAt,
        declarationSource: declaration.source,
        declaredPorts: declaration.ports,
        openPorts: obs.openPorts,
        findings: findings.map((f) => ({
          ruleId: f.where ?? '',
          severity: f.severity,
          titleJa: f.titleJa,
          titleEn: f.titleEn,
        })),
        disclosureFindings,
      })
    }
    const next = { ...rec, comparison }
    return this.save(next, rec.version, actor, this.audit('scan', rec, rec.comparison, comparison))
  }

  async check(
    id: string,
    checkId: AcceptanceCheckId,
    input: z.output<typeof acceptanceCheckInput> & { version?: number },
    actor: Actor,
  ): Promise<Acceptance> {
    if (!ACCEPTANCE_CHECK_IDS.includes(checkId))
      throw MamoriError.of('NOT_FOUND', { what: { en: 'Check', ja: '確認項目' }, id: checkId })
    const rec = await this.open(id, input.version)
    const before = rec.checks[checkId] ?? null
    const after = {
      result: input.result,
      note: input.note,
      checkedBy: input.result === null ? null : actor.name,
      checkedAt: input.result === null ? null : this.now(),
    }
    const next = { ...rec, checks: { ...rec.checks, [checkId]: after } }
    return this.save(next, rec.version, actor, this.audit('check', rec, { checkId, ...before }, { checkId, ...after }))
  }

  async raiseIssue(
    id: string,
    input: z.output<typeof acceptanceIssueInput> & { version?: number },
    actor: Actor,
  ): Promise<Acceptance> {
    const rec = await this.open(id, input.version)
    const issue: AcceptanceIssue = {
      id: randomUUID(),
      title: input.title,
      detail: input.detail,
      raisedOn: input.raisedOn ?? this.now().slice(0, 10),
      raisedBy: actor.name,
      manufacturerReply: '',
      repliedOn: null,
      resolution: 'open',
      decision: '',
    }
    const next = { ...rec, issues: [...rec.issues, issue] }
    return this.save(next, rec.version, actor, this.audit('issue', rec, null, issue))
  }

  async replyIssue(
    id: string,
    issueId: string,
    patch: z.output<typeof acceptanceIssuePatch> & { version?: number },
    actor: Actor,
  ): Promise<Acceptance> {
    const rec = await this.open(id, patch.version)
    const before = rec.issues.find((i) => i.id === issueId)
    if (!before) throw MamoriError.of('NOT_FOUND', { what: { en: 'Issue', ja: '課題' }, id: issueId })
    const { version: _v, ...fields } = patch
    const after: AcceptanceIssue = {
      ...before,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    }
    if (after.resolution === 'accepted' && after.decision.trim() === '')
      throw invalid(
        'an issue accepted as it is needs the decision written (who decided, and why)',
        'そのまま受け入れる課題には判断（誰が、なぜ）を記入してください',
      )
    if (patch.manufacturerReply !== undefined && after.repliedOn === null) after.repliedOn = this.now().slice(0, 10)
    const next = { ...rec, issues: rec.issues.map((i) => (i.id === issueId ? after : i)) }
    return this.save(next, rec.version, actor, this.audit('issue_reply', rec, before, after))
  }

  async signOff(
    id: string,
    input: z.output<typeof acceptanceSignOff> & { version?: number },
    actor: Actor,
  ): Promise<Acceptance> {
    const rec = await this.open(id, input.version)
    const outstanding = acceptanceOutstanding(rec.comparison, rec.checks, rec.issues)
    const acceptedOpen = outstanding.en.length > 0
    if (acceptedOpen && !(input.acceptOpen && input.reason.trim() !== ''))
      throw MamoriError.of(
        'ACCEPTANCE_INCOMPLETE',
        { outstanding: { en: outstanding.en.join('; '), ja: outstanding.ja.join('、') } },
        outstanding.en.map((m, i) => ({ where: 'outstanding', message: m, messageJa: outstanding.ja[i] })),
      )
    const signOff = {
      by: actor.name,
      at: this.now(),
      note: input.note,
      acceptedOpen,
      reason: acceptedOpen ? input.reason : '',
    }
    await this.setStatus(rec.deviceId, 'in_use', actor)
    const next: AcceptanceRecord = { ...rec, state: 'signed_off', signOff }
    return this.save(
      next,
      rec.version,
      actor,
      this.audit('sign_off', rec, { state: rec.state }, { state: 'signed_off', signOff, outstanding: outstanding.en }),
    )
  }

  async cancel(id: string, reason: string, actor: Actor): Promise<Acceptance> {
    const rec = await this.open(id)
    if (reason.trim() === '')
      throw invalid('say why the acceptance test is cancelled', '中止する理由を記入してください')
    const cancelled = { by: actor.name, at: this.now(), reason }
    await this.setStatus(rec.deviceId, rec.previousStatus, actor)
    const next: AcceptanceRecord = { ...rec, state: 'cancelled', cancelled }
    return this.save(
      next,
      rec.version,
      actor,
      this.audit(
        'cancel',
        rec,
        { state: rec.state },
        { state: 'cancelled', cancelled, restoredStatus: rec.previousStatus },
      ),
    )
  }

  /** The acceptance report as a PDF (audited as an export). */
  async report(id: string, lang: 'ja' | 'en', actor: Actor): Promise<{ fileName: string; pdf: Buffer }> {
    const a = await this.get(id)
    const pdf = await renderPdf(acceptanceReport(a, lang, this.now().slice(0, 10)))
    const fileName = `${lang === 'ja' ? '導入時確認報告書' : 'acceptance-report'}-${a.device.assetTag ?? a.deviceId}.pdf`
    await this.common.audit.record(actor, {
      action: 'acceptance.report',
      targetType: 'device',
      targetId: a.deviceId,
      after: { acceptanceId: a.id, lang, fileName, bytes: pdf.length },
    })
    return { fileName, pdf }
  }
}
