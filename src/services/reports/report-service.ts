import { randomUUID } from 'node:crypto'
import {
  type HomeView,
  type ReportKind,
  type ReportSchedule,
  type ReportScheduleInput,
  reportScheduleInput,
} from '../../../api/reports.js'
import type { Actor } from '../../core/actor.js'
import { MamoriError } from '../../core/errors.js'
import type { ReportScheduleRow, ReportStore } from '../../core/reports/store.js'
import { renderDocx, renderPdf } from '../../documents/index.js'
import type { DocumentModel } from '../../documents/model.js'
import { deviceCardPdf } from '../../reports/device-card/index.js'
import { composeInspection } from '../../reports/inspection/index.js'
import { composeManagement, type ManagementInput } from '../../reports/management/index.js'
import type { AssessmentReaders, ModuleCommon } from '../module-common.js'
import { nextRun } from '../scan-scheduler.js'

export type ReportLang = 'ja' | 'en'
export type ReportFormat = 'pdf' | 'docx'

/** A generated report, ready to download or attach. */
export interface ReportFile {
  fileName: string
  mediaType: string
  format: ReportFormat
  body: Buffer
}

const MEDIA: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

/** Actions still to do: open or in progress (done and accepted ones are not "what to do first"). */
const TO_DO = new Set(['open', 'in_progress'])
/** How many actions are read to find the most urgent ones still to do (the list is most urgent first). */
const ACTIONS_READ = 200

/**
 * Reports for management and inspections and the home page (issue 10, ADR 0037). Every report is composed from the
 * readers of the risk, actions, checklist and benchmark modules (the same data the UI shows) and rendered through the
 * documents seam; every download is audited as an export (`report.export`). Scheduled reports go by e-mail through
 * the notification channels' SMTP server; `start()` ticks them, `stop()` ends the timer.
 */
export class ReportService {
  private timer: NodeJS.Timeout | null = null
  private ticking: Promise<unknown> | null = null

  constructor(
    private readonly store: ReportStore,
    private readonly readers: AssessmentReaders,
    private readonly common: ModuleCommon,
  ) {}

  private today(): string {
    return this.common.clock.now().toISOString().slice(0, 10)
  }

  /** What the management report is made of (also what the benchmark in bench/ times). */
  async managementInput(lang: ReportLang): Promise<ManagementInput> {
    const { risk, actions, checklist, benchmark } = this.readers
    const [hospital, summary, trend, devices, actionList, view, position] = await Promise.all([
      this.store.hospitalName(),
      risk.summary(),
      risk.trend(180),
      risk.list({ limit: 10, offset: 0 }),
      actions.list({ limit: ACTIONS_READ, offset: 0 }),
      checklist.view({ form: 'hospital' }),
      benchmark.position(),
    ])
    return {
      lang,
      date: this.today(),
      hospital,
      summary,
      trend,
      actions: actionList.items.filter((a) => TO_DO.has(a.status)),
      actionCounts: actionList.counts,
      devices: devices.items,
      checklist: view,
      benchmark: position,
    }
  }

  /** The management report (経営層向け) as PDF or .docx; audited as an export. */
  async management(lang: ReportLang, format: ReportFormat, actor: Actor): Promise<ReportFile> {
    const doc = composeManagement(await this.managementInput(lang))
    return this.exported(actor, 'management', doc, format, `mamori-management-${this.today()}-${lang}`, {})
  }

  /** The inspection pack (立入検査) as PDF; audited as an export. */
  async inspection(lang: ReportLang, actor: Actor): Promise<ReportFile> {
    const [hospital, checklist, ledger] = await Promise.all([
      this.store.hospitalName(),
      this.readers.checklist.view({ form: 'hospital' }),
      this.store.ledgerSummary(this.today()),
    ])
    const doc = composeInspection({ lang, date: this.today(), hospital, checklist, ledger })
    return this.exported(actor, 'inspection', doc, 'pdf', `mamori-inspection-${this.today()}-${lang}`, {})
  }

  /** The one-page device card (id or asset tag) as PDF; audited as an export naming the device. */
  async deviceCard(deviceIdOrTag: string, lang: ReportLang, actor: Actor): Promise<ReportFile> {
    const device = await this.store.device(deviceIdOrTag)
    if (!device) throw MamoriError.of('NOT_FOUND', { what: { en: 'Device', ja: '機器' }, id: deviceIdOrTag })
    const [hospital, risk, findings, actions] = await Promise.all([
      this.store.hospitalName(),
      this.readers.risk.explain(device.id).catch((err: unknown) => {
        // A device not scored yet has a card without a score; anything else is a real failure.
        if (err instanceof MamoriError && err.code === 'NOT_FOUND') return null
        throw err
      }),
      this.store.openFindings(device.id),
      this.store.deviceActions(device.id),
    ])
    const { doc, pdf } = await deviceCardPdf({ lang, date: this.today(), hospital, device, risk, findings, actions })
    const tag = (device.assetTag ?? device.id.slice(0, 8)).replace(/[^\w.-]+/g, '_')
    return this.exported(
      actor,
      'device-card',
      doc,
      'pdf',
      `mamori-device-card-${tag}-${lang}`,
      { deviceId: device.id },
      pdf,
    )
  }

  private async exported(
    actor: Actor,
    kind: ReportKind | 'device-card',
    doc: DocumentModel,
    format: ReportFormat,
    base: string,
    extra: Record<string, unknown>,
    rendered?: Buffer,
  ): Promise<ReportFile> {
    const body = rendered ?? (format === 'docx' ? await renderDocx(doc) : await renderPdf(doc))
    const file: ReportFile = { fileName: `${base}.${format}`, mediaType: MEDIA[format], format, body }
    await this.common.audit.record(actor, {
      action: 'report.export',
      targetType: 'report',
      targetId: kind,
      after: { lang: doc.lang, format, fileName: file.fileName, bytes: body.length, ...extra },
    })
    return file
  }

  /** The home page: "what should I do first?" */
  async home(): Promise<HomeView> {
    const { risk, actions, checklist } = this.readers
    const [devices, actionList, summary, view, counts] = await Promise.all([
      risk.list({ limit: 5, offset: 0 }),
      actions.list({ limit: ACTIONS_READ, offset: 0 }),
      risk.summary(),
      checklist.view({ form: 'hospital' }),
      this.store.homeCounts(),
    ])
    return {
      generatedAt: this.common.clock.now().toISOString(),
      topDevices: devices.items,
      topActions: actionList.items.filter((a) => TO_DO.has(a.status)).slice(0, 5),
      riskSummary: summary,
      checklist: view.completion,
      counts: {
        devices: counts.devices,
        openActions: actionList.counts.open,
        overdueActions: actionList.counts.overdue,
        knownExploitedDevices: counts.knownExploitedDevices,
      },
    }
  }

  // ---- schedules ----

  async listSchedules(): Promise<ReportSchedule[]> {
    return (await this.store.listSchedules()).map(scheduleOut)
  }

  /** A new schedule (admin). Refused with REPORT_NO_SMTP when no e-mail channel is set, SCHEDULE_INVALID for a bad cron. */
  async createSchedule(input: ReportScheduleInput, actor: Actor): Promise<ReportSchedule> {
    const parsed = reportScheduleInput.parse(input)
    nextRun(parsed.cron, this.common.clock.now())
    await this.requireSmtp()
    const row: ReportScheduleRow = {
      id: randomUUID(),
      kind: parsed.kind,
      lang: parsed.lang,
      cron: parsed.cron,
      recipients: JSON.stringify(parsed.recipients),
      createdBy: actor.name,
      createdAt: this.common.clock.now().toISOString(),
      lastAttemptAt: null,
      lastSentAt: null,
      lastError: null,
    }
    await this.store.createSchedule(row, actor, {
      action: 'report.schedule.create',
      targetType: 'report_schedule',
      targetId: row.id,
      after: scheduleOut(row),
    })
    return scheduleOut(row)
  }

  async removeSchedule(id: string, actor: Actor): Promise<void> {
    const before = await this.store.getSchedule(id)
    const removed =
      before &&
      (await this.store.removeSchedule(id, actor, {
        action: 'report.schedule.remove',
        targetType: 'report_schedule',
        targetId: id,
        before: scheduleOut(before),
      }))
    if (!removed) throw notFound(id)
  }

  /** Sends a schedule's report now (admin): the number of recipients it went to. */
  async sendNow(id: string, actor: Actor): Promise<{ sent: number }> {
    const row = await this.store.getSchedule(id)
    if (!row) throw notFound(id)
    await this.requireSmtp()
    const sent = await this.send(row, actor)
    return { sent }
  }

  /** Sends every schedule whose next run (after its last attempt, or its creation) is due. Returns the ids sent. */
  async tick(now = this.common.clock.now()): Promise<string[]> {
    const sent: string[] = []
    for (const row of await this.store.listSchedules()) {
      let due: Date
      try {
        due = nextRun(row.cron, new Date(row.lastAttemptAt ?? row.createdAt))
      } catch {
        continue
      }
      if (due > now) continue
      const actor: Actor = { id: null, name: `report-schedule:${row.createdBy ?? 'unknown'}` }
      try {
        await this.send(row, actor, now)
        sent.push(row.id)
      } catch {
        // recorded on the schedule (lastError) and in the audit log by send()
      }
    }
    return sent
  }

  /** Ticks the schedules every minute until `stop()`; the timer never keeps the process alive. */
  start(intervalMs = 60_000): void {
    this.timer ??= setInterval(() => {
      this.ticking ??= this.tick()
        .catch(() => {})
        .finally(() => {
          this.ticking = null
        })
    }, intervalMs)
    this.timer.unref()
  }

  /** Stops the timer and waits for a sending in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.ticking
  }

  private async send(row: ReportScheduleRow, actor: Actor, now = this.common.clock.now()): Promise<number> {
    const recipients = JSON.parse(row.recipients) as string[]
    const lang: ReportLang = row.lang === 'en' ? 'en' : 'ja'
    const at = now.toISOString()
    try {
      const file =
        row.kind === 'inspection' ? await this.inspection(lang, actor) : await this.management(lang, 'pdf', actor)
      const kindJa = row.kind === 'inspection' ? '立入検査用資料' : '経営層向け報告'
      const kindEn = row.kind === 'inspection' ? 'Inspection pack' : 'Management report'
      await this.common.notify.sendWithAttachment({
        to: recipients,
        subject: `[Mamori] ${kindJa} ${at.slice(0, 10)} / ${kindEn}`,
        text:
          `${kindJa}（${at.slice(0, 10)}）を添付します。この メールは Mamori の定期送信です。\n\n` +
          `Attached is the ${kindEn.toLowerCase()} of ${at.slice(0, 10)}, sent by a Mamori schedule.\n`,
        attachment: { fileName: file.fileName, contentType: file.mediaType, content: file.body },
      })
      await this.store.markSent(row.id, at, null)
      await this.common.audit.record(actor, {
        action: 'report.send',
        targetType: 'report_schedule',
        targetId: row.id,
        after: { kind: row.kind, lang, recipients: recipients.length, fileName: file.fileName },
      })
      return recipients.length
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err)
      await this.store.markSent(row.id, at, why)
      await this.common.audit.record(actor, {
        action: 'report.send.failed',
        targetType: 'report_schedule',
        targetId: row.id,
        after: { kind: row.kind, error: why },
      })
      throw err
    }
  }

  private async requireSmtp(): Promise<void> {
    if (!(await this.common.notify.channels()).email) throw MamoriError.of('REPORT_NO_SMTP')
  }
}

const notFound = (id: string) =>
  MamoriError.of('NOT_FOUND', { what: { en: 'Report schedule', ja: '定期レポート' }, id })

function scheduleOut(r: ReportScheduleRow): ReportSchedule {
  return {
    id: r.id,
    kind: r.kind as ReportKind,
    lang: r.lang === 'en' ? 'en' : 'ja',
    cron: r.cron,
    recipients: JSON.parse(r.recipients) as string[],
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    lastSentAt: r.lastSentAt,
    lastError: r.lastError,
  }
}
