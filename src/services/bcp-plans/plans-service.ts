import type { z } from 'zod'
import {
  type BcpWarning,
  type Contact,
  type ContactChain,
  cardsQuery,
  contactInput,
  type Exercise,
  exerciseInput,
  type Playbook,
  type PlaybookTask,
  playbookTaskInput,
} from '../../../api/bcp.js'
import type { Actor } from '../../core/actor.js'
import { contactChartSvg } from '../../core/bcp-plans/chart.js'
import { contactWarnings, defaultContacts, playbookOf } from '../../core/bcp-plans/contacts.js'
import { defaultPlaybook } from '../../core/bcp-plans/default-playbook.js'
import type { BcpPlansStore } from '../../core/bcp-plans/store.js'
import { MamoriError } from '../../core/errors.js'
import { SYSTEM_ACTOR } from '../../core/ports.js'
import type { ReportStore } from '../../core/reports/store.js'
import { downtimeCardsPdf } from '../../reports/downtime-cards/index.js'
import type { ContinuityReader, ModuleCommon } from '../module-common.js'

/** A date that exists (2026-02-30 does not). */
function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

export type CardsQuery = z.input<typeof cardsQuery>

export interface CardsFile {
  fileName: string
  body: Buffer
  services: number
  devices: number
  devicesWithoutPlan: number
}

/**
 * Playbook, contact chain, exercises and downtime cards (issue 11 part 5; ADR 0043). The default playbook and the
 * contact template are written into the hospital's plan on the first read (audited as the system), then edited like
 * anything a person entered. Inputs are parsed with the api schemas here too, so the CLI and the demo get the same
 * defaults and refusals as the API.
 */
export class BcpPlansService {
  constructor(
    private readonly store: BcpPlansStore,
    private readonly reports: Pick<ReportStore, 'hospitalName'>,
    private readonly common: Pick<ModuleCommon, 'clock' | 'audit'>,
    private readonly continuity: ContinuityReader,
  ) {}

  private now = () => this.common.clock.now()
  /** Today (YYYY-MM-DD) by the module's clock. */
  today = () => this.now().toISOString().slice(0, 10)

  async playbook(): Promise<Playbook> {
    await this.store.seedPlaybook(defaultPlaybook(), SYSTEM_ACTOR, this.now())
    return playbookOf(await this.store.tasks())
  }

  async createTask(input: unknown, actor: Actor): Promise<PlaybookTask> {
    return this.store.createTask(parse(playbookTaskInput, input, 'playbook task'), actor, this.now())
  }

  async updateTask(id: string, input: unknown, actor: Actor): Promise<PlaybookTask> {
    return this.store.updateTask(id, parse(playbookTaskInput, input, 'playbook task'), actor, this.now())
  }

  async deleteTask(id: string, actor: Actor): Promise<void> {
    await this.store.deleteTask(id, actor)
  }

  async contacts(): Promise<ContactChain> {
    await this.store.seedContacts(defaultContacts(), SYSTEM_ACTOR, this.now())
    const items = await this.store.contacts()
    return { items, warnings: contactWarnings(items) }
  }

  async createContact(input: unknown, actor: Actor): Promise<Contact> {
    return this.store.createContact(parse(contactInput, input, 'contact'), actor, this.now())
  }

  async updateContact(id: string, input: unknown, actor: Actor): Promise<Contact> {
    return this.store.updateContact(id, parse(contactInput, input, 'contact'), actor, this.now())
  }

  async deleteContact(id: string, actor: Actor): Promise<void> {
    await this.store.deleteContact(id, actor)
  }

  /** The contact chain as an SVG picture. */
  async contactChart(lang: 'ja' | 'en'): Promise<string> {
    return contactChartSvg((await this.contacts()).items, lang)
  }

  async exercises(): Promise<{ items: Exercise[] }> {
    return { items: await this.store.exercises() }
  }

  private exercise(input: unknown) {
    const e = parse(exerciseInput, input, 'exercise')
    if (!isRealDate(e.heldOn) || e.heldOn > this.today())
      throw MamoriError.of(
        'BCP_INVALID',
        {
          why: {
            en: `heldOn "${e.heldOn}" is not a real date on or before today.`,
            ja: `実施日「${e.heldOn}」は今日以前の正しい日付ではありません。`,
          },
        },
        [
          {
            where: 'heldOn',
            message: `"${e.heldOn}" is not a date on or before today`,
            messageJa: '今日以前の日付を入力してください',
          },
        ],
      )
    return e
  }

  async createExercise(input: unknown, actor: Actor): Promise<Exercise> {
    return this.store.createExercise(this.exercise(input), actor, this.now())
  }

  async updateExercise(id: string, input: unknown, actor: Actor): Promise<Exercise> {
    return this.store.updateExercise(id, this.exercise(input), actor, this.now())
  }

  async deleteExercise(id: string, actor: Actor): Promise<void> {
    await this.store.deleteExercise(id, actor)
  }

  /**
   * The downtime cards as one PDF. No filter: every service, then every device some service depends on. A filter
   * names device ids or asset tags and service ids (comma-separated); an unknown service id is refused naming it
   * (unknown devices are refused by the continuity reader, naming them).
   */
  async cards(q: CardsQuery, actor: Actor): Promise<CardsFile> {
    const query = parse(cardsQuery, q, 'cards query')
    const list = (s: string | undefined) =>
      s === undefined
        ? null
        : [
            ...new Set(
              s
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean),
            ),
          ]
    const wantDevices = list(query.devices)
    const wantServices = list(query.services)
    const [all, contacts, hospital] = await Promise.all([
      this.continuity.services(),
      this.contacts(),
      this.reports.hospitalName(),
    ])
    let services = all.items
    if (wantServices !== null || wantDevices !== null) {
      const byId = new Map(all.items.map((s) => [s.id, s]))
      const unknown = (wantServices ?? []).filter((id) => !byId.has(id))
      if (unknown.length > 0)
        throw MamoriError.of(
          'BCP_INVALID',
          {
            why: {
              en: `services names services that do not exist: ${unknown.join(', ')}.`,
              ja: `services に存在しない臨床サービスがあります: ${unknown.join(', ')}。`,
            },
          },
          unknown.map((u) => ({
            where: 'services',
            message: `"${u}" is not a service`,
            messageJa: `「${u}」は臨床サービスではありません`,
          })),
        )
      services = (wantServices ?? []).map((id) => byId.get(id)!)
    }
    const deviceIds = wantDevices ?? (wantServices === null ? await this.continuity.plannedDeviceIds() : [])
    const devices = deviceIds.length > 0 ? await this.continuity.devicePlans(deviceIds) : []
    const warnings: BcpWarning[] = [
      ...all.warnings,
      ...services.flatMap((s) => s.warnings),
      ...devices
        .filter((d) => !d.saved)
        .map((d) => ({
          code: 'device_without_plan' as const,
          messageJa: `${d.device.name ?? d.deviceId}${d.device.assetTag ? `(${d.device.assetTag})` : ''}の停止時手順がまだありません。既定の手順を印刷しています。`,
          messageEn: `${d.device.name ?? d.deviceId}${d.device.assetTag ? ` (${d.device.assetTag})` : ''} has no downtime plan yet; the default procedure is printed.`,
          nodes: [{ kind: 'device' as const, id: d.deviceId }],
        })),
      ...contacts.warnings,
    ]
    const date = this.today()
    const { pdf: body } = await downtimeCardsPdf({
      lang: query.lang,
      date,
      hospital,
      services,
      devices,
      allServices: all.items,
      contacts: contacts.items,
      warnings,
    })
    const fileName = `mamori-downtime-cards-${date}-${query.lang}.pdf`
    const devicesWithoutPlan = devices.filter((d) => !d.saved).length
    await this.common.audit.record(actor, {
      action: 'report.export',
      targetType: 'report',
      targetId: 'downtime-cards',
      after: {
        lang: query.lang,
        format: 'pdf',
        fileName,
        bytes: body.length,
        services: services.length,
        devices: devices.length,
        devicesWithoutPlan,
      },
    })
    return { fileName, body, services: services.length, devices: devices.length, devicesWithoutPlan }
  }

  /** Demo reset: removes everything the module holds. */
  async clear(actor: Actor): Promise<void> {
    await this.store.clear(actor)
  }
}

/** Parses with an api schema; a refusal names each field and why (BCP_INVALID). */
function parse<T extends z.ZodTypeAny>(schema: T, input: unknown, what: string): z.output<T> {
  const r = schema.safeParse(input)
  if (r.success) return r.data
  const details = r.error.issues.map((i) => ({ where: i.path.join('.') || what, message: i.message }))
  throw MamoriError.of(
    'BCP_INVALID',
    {
      why: {
        en: `the ${what} is not valid: ${details.map((d) => `${d.where}: ${d.message}`).join('; ')}.`,
        ja: `${what} の入力が正しくありません: ${details.map((d) => `${d.where}: ${d.message}`).join('; ')}。`,
      },
    },
    details,
  )
}
