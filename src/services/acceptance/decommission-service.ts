import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import {
  DECOMMISSION_ITEM_IDS,
  type Decommission,
  type DecommissionItemId,
  type DecommissionState,
  type decommissionComplete,
  type decommissionHandoverInput,
  type decommissionItemInput,
} from '../../../api/decommission.js'
import { DECOMMISSION_ITEMS } from '../../core/acceptance/checks.js'
import { decommissionOutstanding } from '../../core/acceptance/outstanding.js'
import type { AcceptancePorts, DecommissionRecord } from '../../core/acceptance/store.js'
import type { Actor } from '../../core/actor.js'
import { MamoriError } from '../../core/errors.js'
import type { AuditRecord } from '../../core/ports.js'
import type { ReportPorts } from '../../core/reports/store.js'
import { renderPdf } from '../../documents/index.js'
import { handoverSheet } from '../../reports/handover/index.js'
import type { LifecycleDeps, ModuleCommon } from '../module-common.js'

const invalid = (en: string, ja: string) => MamoriError.of('LIFECYCLE_INVALID', { why: { en, ja } })

/**
 * Decommissioning and handover (廃棄・譲渡, ADR 0040): the checklist, the handover data, completion through
 * DeviceService (status → decommissioned), refused while items are left or continuity services still depend on
 * the device unless forced with a reason; every step audited with the device as its target.
 */
export class DecommissionService {
  constructor(
    /** The module's ports, and the reports' store for the hospital's name on the handover sheet. */
    private readonly store: AcceptancePorts & ReportPorts,
    private readonly common: Pick<ModuleCommon, 'clock' | 'audit' | 'catalog' | 'config'>,
    private readonly deps: Pick<LifecycleDeps, 'devices' | 'continuity'>,
  ) {}

  private now(): string {
    return this.common.clock.now().toISOString()
  }

  async view(rec: DecommissionRecord): Promise<Decommission> {
    const d = await this.deps.devices.get(rec.deviceId)
    const dependentServices =
      rec.state === 'completed' ? [] : await this.deps.continuity.servicesDependingOn(rec.deviceId)
    const outstanding = decommissionOutstanding(rec.items, rec.handover)
    return {
      id: rec.id,
      deviceId: rec.deviceId,
      device: {
        assetTag: d.assetTag,
        name: d.name,
        manufacturer: d.manufacturer,
        model: d.model,
        serialNumber: d.serialNumber,
        softwareVersion: d.softwareVersion,
        department: d.department,
      },
      state: rec.state,
      startedAt: rec.startedAt,
      startedBy: rec.startedBy,
      items: DECOMMISSION_ITEM_IDS.map((id) => {
        const s = rec.items[id]
        return {
          id,
          ...DECOMMISSION_ITEMS[id],
          done: s?.done ?? false,
          notApplicable: s?.notApplicable ?? false,
          note: s?.note ?? '',
          doneBy: s?.doneBy ?? null,
          doneAt: s?.doneAt ?? null,
        }
      }),
      handover: rec.handover,
      dependentServices,
      completed: rec.completed,
      outstandingJa: rec.state === 'completed' ? [] : outstanding.ja,
      outstandingEn: rec.state === 'completed' ? [] : outstanding.en,
      version: rec.version,
    }
  }

  async list(state?: DecommissionState): Promise<{ items: Decommission[] }> {
    const recs = await this.store.decommissionList(state)
    return { items: await Promise.all(recs.map((r) => this.view(r))) }
  }

  async get(id: string): Promise<Decommission> {
    return this.view(await this.store.decommissionGet(id))
  }

  async latestFor(ref: string): Promise<Decommission> {
    const deviceId = await this.common.catalog.deviceId(ref)
    const rec = await this.store.decommissionLatestForDevice(deviceId)
    if (!rec)
      throw MamoriError.of('NOT_FOUND', { what: { en: 'Decommissioning of device', ja: '機器の廃棄手続き' }, id: ref })
    return this.view(rec)
  }

  /** The open decommission of the device, or null. */
  async openFor(ref: string): Promise<Decommission | null> {
    const deviceId = await this.common.catalog.deviceId(ref)
    const rec = await this.store.decommissionLatestForDevice(deviceId)
    return rec?.state === 'in_progress' ? this.view(rec) : null
  }

  private audit(action: string, rec: DecommissionRecord, before: unknown, after: unknown): AuditRecord {
    return { action: `decommission.${action}`, targetType: 'device', targetId: rec.deviceId, before, after }
  }

  private async open(id: string, version?: number): Promise<DecommissionRecord> {
    const rec = await this.store.decommissionGet(id)
    if (rec.state !== 'in_progress')
      throw invalid('this decommissioning is already completed', 'この廃棄手続きはすでに完了しています')
    if (version !== undefined && version !== rec.version)
      throw MamoriError.of('BCP_VERSION_CONFLICT', { seen: version, current: rec.version })
    return rec
  }

  async start(device: string, actor: Actor): Promise<Decommission> {
    const deviceId = await this.common.catalog.deviceId(device)
    const d = await this.deps.devices.get(deviceId)
    const latest = await this.store.decommissionLatestForDevice(deviceId)
    if (latest?.state === 'in_progress')
      throw MamoriError.of('DECOMMISSION_ALREADY_OPEN', {
        device: d.assetTag ?? d.name ?? d.id,
        startedAt: latest.startedAt,
      })
    const rec: DecommissionRecord = {
      id: randomUUID(),
      deviceId,
      state: 'in_progress',
      startedAt: this.now(),
      startedBy: actor.name,
      items: {},
      handover: { erasureMethod: null, erasureEvidence: '', recipient: null, handoverOn: null },
      completed: null,
      version: 1,
    }
    await this.store.decommissionInsert(rec, actor, this.audit('start', rec, null, { ...rec, status: d.status }))
    return this.view(rec)
  }

  async item(
    id: string,
    itemId: DecommissionItemId,
    input: z.output<typeof decommissionItemInput> & { version?: number },
    actor: Actor,
  ): Promise<Decommission> {
    if (!DECOMMISSION_ITEM_IDS.includes(itemId))
      throw MamoriError.of('NOT_FOUND', { what: { en: 'Checklist item', ja: 'チェック項目' }, id: itemId })
    if (input.notApplicable && input.note.trim() === '')
      throw invalid(
        `"${itemId}" marked not applicable needs a note saying why`,
        `「${DECOMMISSION_ITEMS[itemId].titleJa}」を対象外にするには理由をメモに記入してください`,
      )
    const rec = await this.open(id, input.version)
    const before = rec.items[itemId] ?? null
    const marked = input.done || input.notApplicable
    const after = {
      done: input.done,
      notApplicable: input.notApplicable,
      note: input.note,
      doneBy: marked ? actor.name : null,
      doneAt: marked ? this.now() : null,
    }
    const next = { ...rec, items: { ...rec.items, [itemId]: after } }
    return this.view(
      await this.store.decommissionSave(
        next,
        rec.version,
        actor,
        this.audit('item', rec, { itemId, ...before }, { itemId, ...after }),
      ),
    )
  }

  async handover(
    id: string,
    input: z.output<typeof decommissionHandoverInput> & { version?: number },
    actor: Actor,
  ): Promise<Decommission> {
    const rec = await this.open(id, input.version)
    const handover = {
      erasureMethod: input.erasureMethod,
      erasureEvidence: input.erasureEvidence,
      recipient: input.recipient,
      handoverOn: input.handoverOn,
    }
    const next = { ...rec, handover }
    return this.view(
      await this.store.decommissionSave(next, rec.version, actor, this.audit('handover', rec, rec.handover, handover)),
    )
  }

  async complete(
    id: string,
    input: z.output<typeof decommissionComplete> & { version?: number },
    actor: Actor,
  ): Promise<Decommission> {
    const rec = await this.open(id, input.version)
    const d = await this.deps.devices.get(rec.deviceId)
    const label = d.assetTag ?? d.name ?? d.id
    const outstanding = decommissionOutstanding(rec.items, rec.handover)
    if (outstanding.en.length > 0)
      throw MamoriError.of(
        'DECOMMISSION_INCOMPLETE',
        { outstanding: { en: outstanding.en.join('; '), ja: outstanding.ja.join('、') } },
        outstanding.en.map((m, i) => ({ where: 'items', message: m, messageJa: outstanding.ja[i] })),
      )
    const dependents = await this.deps.continuity.servicesDependingOn(rec.deviceId)
    const forced = dependents.length > 0
    if (forced && !(input.force && input.reason.trim() !== ''))
      throw MamoriError.of(
        'DECOMMISSION_DEPENDENTS',
        { device: label, services: dependents.map((s) => s.name).join(', ') },
        dependents.map((s) => ({ where: 'services', message: s.name })),
      )
    if (d.status !== 'decommissioned')
      await this.deps.devices.update(rec.deviceId, d.version, { status: 'decommissioned' }, actor)
    const completed = { by: actor.name, at: this.now(), forced, reason: forced ? input.reason : '' }
    const items = {
      ...rec.items,
      ledger_updated: { done: true, notApplicable: false, note: '', doneBy: actor.name, doneAt: completed.at },
    }
    const next: DecommissionRecord = { ...rec, state: 'completed', completed, items }
    return this.view(
      await this.store.decommissionSave(
        next,
        rec.version,
        actor,
        this.audit(
          'complete',
          rec,
          { state: rec.state, status: d.status },
          { state: 'completed', status: 'decommissioned', completed, dependents },
        ),
      ),
    )
  }

  /** The handover sheet as a PDF (audited as an export). */
  async handoverSheet(id: string, lang: 'ja' | 'en', actor: Actor): Promise<{ fileName: string; pdf: Buffer }> {
    const dc = await this.get(id)
    const device = await this.deps.devices.get(dc.deviceId)
    const [findings, vulnerabilities] = await Promise.all([
      this.store.decommissionOpenFindings(dc.deviceId),
      this.store.decommissionVulnerabilities(dc.deviceId),
    ])
    // The letter sender's name, or the only site's name (as the management report prints it).
    const hospital = await this.store.reports.hospitalName()
    const pdf = await renderPdf(
      handoverSheet(
        {
          decommission: dc,
          supportEnd: device.supportEnd,
          findings,
          vulnerabilities,
          today: this.now().slice(0, 10),
          hospital,
        },
        lang,
      ),
    )
    const fileName = `${lang === 'ja' ? '譲渡時の情報提供書' : 'handover-sheet'}-${dc.device.assetTag ?? dc.deviceId}.pdf`
    await this.common.audit.record(actor, {
      action: 'decommission.handover_sheet',
      targetType: 'device',
      targetId: dc.deviceId,
      after: { decommissionId: dc.id, lang, fileName, bytes: pdf.length },
    })
    return { fileName, pdf }
  }
}
