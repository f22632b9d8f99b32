import { createHash } from 'node:crypto'
import type { DisclosureProblemOut, ManualDisclosure } from '../../api/disclosure.js'
import { deviceFindings } from '../core/disclosures/device-findings.js'
import type {
  DisclosureAnswer,
  DisclosureEvaluation,
  DisclosureProblem,
  ParsedDisclosure,
} from '../core/disclosures/disclosure.js'
import { evaluateDisclosure } from '../core/disclosures/evaluate.js'
import { questionSet } from '../core/disclosures/questions/index.js'
import { MamoriError } from '../core/errors.js'
import type { FindingItem } from '../core/findings/finding.js'
import { translate } from '../core/messages/translate.js'
import type { Actor, AuditLog, Clock, DisclosureStore, FindingStore, StoredDisclosure } from '../core/ports.js'
import { answersFromManualEntry, readDisclosure } from '../importers/disclosures/index.js'
import type { JobContext, JobRunner, StartedJob } from './job-runner.js'

/** What the disclosures service needs from the model catalog. */
export interface ModelResolver {
  /** The model for a maker/model text pair, created when the catalog has none (names go through the alias table). */
  resolveOrCreate(actor: Actor, input: { manufacturer: string; model: string }): Promise<{ id: string }>
  /** Splits "日本光電 BSM-6501" into maker and model by the alias table; null when no maker is recognised. */
  splitMakerModel(text: string): Promise<{ manufacturer: string; model: string } | null>
  /** Throws MODEL_NOT_FOUND for an unknown id. */
  exists(id: string): Promise<void>
}

/** A problem as people read it: the catalog text in both languages plus where it was found. */
export function presentProblem(p: DisclosureProblem): DisclosureProblemOut {
  const params = { ...p.params, sheet: p.sheet ?? '', row: p.row ?? '', column: p.column ?? '', value: p.value ?? '' }
  return {
    severity: p.severity,
    code: p.code,
    sheet: p.sheet,
    row: p.row,
    column: p.column,
    value: p.value,
    message: translate('en', `disclosures.problem.${p.code}`, params),
    messageJa: translate('ja', `disclosures.problem.${p.code}`, params),
  }
}

/** "mds2-form!C45" — where a problem is, as a spreadsheet user writes it ("ports.csv row 2, port" for a template). */
export function problemWhere(p: DisclosureProblem): string {
  // A spreadsheet cell reads as Excel writes it; a CSV/JSON field (the declared-ports template) by row and name.
  if (p.sheet && p.row !== null && (!p.column || /^[A-Z]{1,3}$/.test(p.column)))
    return `${p.sheet}!${p.column ?? ''}${p.row}`
  if (p.sheet && p.row !== null) return `${p.sheet} row ${p.row}, ${p.column}`
  if (p.row !== null) return `row ${p.row}${p.column ? `, column ${p.column}` : ''}`
  return p.sheet ?? 'file'
}

const MAX_DETAILS = 500

/** Refuses a disclosure with errors: nothing is stored, every problem is in the error's details. */
function refuseUnreadable(fileName: string, problems: readonly DisclosureProblem[]): never {
  const errors = problems.filter((p) => p.severity === 'error')
  throw MamoriError.of(
    'DISCLOSURE_UNREADABLE',
    { file: fileName, errors: errors.length, problems: problems.length },
    problems.slice(0, MAX_DETAILS).map((p) => {
      const out = presentProblem(p)
      return { where: problemWhere(p), message: out.message, messageJa: out.messageJa }
    }),
  )
}

/** What applying disclosures to devices did. */
export interface ApplyResult {
  models: number
  devices: number
  created: number
  updated: number
  resolved: number
}

/**
 * Manufacturer disclosures: import (file or typed in by hand), list, evaluate into findings / controls / questions,
 * and apply a model's latest disclosure to its confirmed devices as findings (source `disclosure`). Suggested
 * links never produce findings: a person confirms the device's model first.
 */
export class DisclosureService {
  /** Called after this service changed findings or devices (wired to the action plan and risk refresh). */
  afterChange: (actor: Actor) => Promise<void> = async () => {}

  constructor(
    private readonly store: DisclosureStore,
    private readonly findingStore: FindingStore,
    private readonly models: ModelResolver,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly jobs?: Pick<JobRunner, 'start'>,
  ) {}

  /** Reads a file, attaches it to a model, stores it whole and applies it; refuses with every problem otherwise. */
  async importFile(
    actor: Actor,
    input: { bytes: Uint8Array; fileName: string; model?: string | null; modelId?: string | null },
  ): Promise<{ disclosure: StoredDisclosure; problems: DisclosureProblem[]; findings: ApplyResult }> {
    const parsed = await readDisclosure({ bytes: input.bytes, fileName: input.fileName })
    if (parsed.problems.some((p) => p.severity === 'error')) refuseUnreadable(input.fileName, parsed.problems)
    const modelId = await this.modelFor(actor, parsed, input)
    const sha = createHash('sha256').update(input.bytes).digest('hex')
    return this.store_(actor, parsed, modelId, input.fileName, sha)
  }

  /** Answers typed in from a PDF or web page, against the same question set. */
  async importManual(
    actor: Actor,
    body: ManualDisclosure,
  ): Promise<{ disclosure: StoredDisclosure; problems: DisclosureProblem[]; findings: ApplyResult }> {
    await this.models.exists(body.modelId)
    const parsed = answersFromManualEntry(
      body.form,
      body.answers.map((a) => ({ ...a, comment: a.comment ?? null })),
      body.header,
      body.notes,
    )
    if (parsed.problems.some((p) => p.severity === 'error')) refuseUnreadable('manual', parsed.problems)
    return this.store_(actor, parsed, body.modelId, null, null)
  }

  private async store_(
    actor: Actor,
    parsed: ParsedDisclosure,
    modelId: string | null,
    fileName: string | null,
    sha: string | null,
  ): Promise<{ disclosure: StoredDisclosure; problems: DisclosureProblem[]; findings: ApplyResult }> {
    const disclosure = await this.store.insert(
      { modelId, fileName, fileSha256: sha, parsed, importedBy: actor.name, now: this.clock.now().toISOString() },
      actor,
      (d) => ({
        action: 'disclosure.import',
        targetType: 'disclosure',
        targetId: d.id,
        after: {
          form: d.form,
          fileName: d.fileName,
          sha256: d.fileSha256,
          modelId: d.modelId,
          answered: d.answeredCount,
          warnings: d.problems.length,
        },
      }),
    )
    const findings = modelId ? await this.apply(actor, [modelId]) : emptyApply()
    return { disclosure, problems: parsed.problems, findings }
  }

  /** The model named on the command line / form, else the one the form's header names, else none. */
  private async modelFor(
    actor: Actor,
    parsed: ParsedDisclosure,
    input: { model?: string | null; modelId?: string | null },
  ): Promise<string | null> {
    if (input.modelId) {
      await this.models.exists(input.modelId)
      return input.modelId
    }
    if (input.model?.trim()) {
      const split =
        (await this.models.splitMakerModel(input.model)) ?? splitByHeader(input.model, parsed.header.manufacturer)
      if (!split) throw MamoriError.of('MODEL_TEXT_UNREADABLE', { text: input.model })
      return (await this.models.resolveOrCreate(actor, split)).id
    }
    const { manufacturer, model } = parsed.header
    if (manufacturer?.trim() && model?.trim())
      return (await this.models.resolveOrCreate(actor, { manufacturer, model })).id
    return null
  }

  list(q: { modelId?: string }): Promise<StoredDisclosure[]> {
    return this.store.list(q)
  }

  get(id: string) {
    return this.store.get(id)
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.store.remove(id, actor, (d) => ({
      action: 'disclosure.delete',
      targetType: 'disclosure',
      targetId: d.id,
      before: { form: d.form, fileName: d.fileName, modelId: d.modelId },
    }))
  }

  /** Findings, compensating controls and questions of one disclosure (pure evaluation of its stored answers). */
  async evaluation(id: string): Promise<{ disclosure: StoredDisclosure; evaluation: DisclosureEvaluation }> {
    const { disclosure, answers, notes } = await this.store.get(id)
    // The model's declared ports (from this form, the template or typed in): none → ask the manufacturer for them.
    const declared = disclosure.modelId
      ? ((await this.store.declaredPorts([disclosure.modelId])).get(disclosure.modelId)?.ports ?? [])
      : undefined
    return {
      disclosure,
      evaluation: evaluateDisclosure({
        form: disclosure.form,
        header: disclosure.header,
        answers,
        notes,
        declaredPorts: declared,
      }),
    }
  }

  /**
   * Writes each model's latest disclosure as findings on its confirmed devices, and marks fixed the disclosure
   * findings of those devices that no longer apply (a newer form answers better, or the link was removed).
   * `modelIds` undefined: every model with a disclosure.
   */
  async apply(actor: Actor, modelIds?: readonly string[], job?: JobContext): Promise<ApplyResult> {
    const latest = await this.store.latestPerModel()
    const ids = (modelIds ?? [...latest.keys()]).filter((id) => latest.has(id))
    const devices = (await this.store.linkedDevices({ modelIds: ids })).filter((d) => d.state === 'confirmed')
    const today = this.clock.now().toISOString().slice(0, 10)
    const items: FindingItem[] = []
    for (const [n, modelId] of ids.entries()) {
      // Nothing is written before every model is evaluated, so a cancel here leaves the findings as they were.
      if (job?.signal.aborted) throw MamoriError.of('JOB_CANCELLED')
      job?.progress({ done: n, total: ids.length, phase: 'evaluate' })
      const { disclosure, answers, notes } = await this.store.get(latest.get(modelId)!)
      const evaluation = evaluateDisclosure({ form: disclosure.form, header: disclosure.header, answers, notes })
      const label = `${disclosure.model?.vendor ?? ''} ${disclosure.model?.name ?? ''}`.trim()
      for (const d of devices)
        if (d.modelId === modelId)
          items.push(
            ...deviceFindings(evaluation, toDeviceInput(d), { disclosureId: disclosure.id, modelLabel: label, today }),
          )
    }
    job?.progress({ done: ids.length, total: ids.length, phase: 'findings' })
    const counts =
      items.length > 0 ? await this.findingStore.upsertFindings('disclosure', null, items) : { created: 0, updated: 0 }
    const keep = new Set(items.map((i) => i.key!))
    const resolved = await this.store.resolveStaleFindings(modelIds ? devices.map((d) => d.deviceId) : null, keep)
    const result = { models: ids.length, devices: devices.length, ...counts, resolved }
    if (items.length > 0 || resolved > 0) {
      await this.audit.record(actor, { action: 'disclosure.apply', targetType: 'disclosure', after: result })
      await this.afterChange(actor)
    }
    return result
  }

  /**
   * After links changed: re-applies these models' disclosures, and resolves the disclosure findings of devices that
   * are no longer confirmed on a model with a disclosure (unlinked, or moved to a model without one).
   */
  async afterLinksChanged(actor: Actor, change: { deviceIds: string[]; modelIds: string[] }): Promise<void> {
    if (change.modelIds.length > 0) await this.apply(actor, change.modelIds)
    if (change.deviceIds.length === 0) return
    const latest = await this.store.latestPerModel()
    const covered = new Set(
      (await this.store.linkedDevices({ modelIds: [...latest.keys()] }))
        .filter((d) => d.state === 'confirmed')
        .map((d) => d.deviceId),
    )
    const dropped = change.deviceIds.filter((id) => !covered.has(id))
    if (dropped.length > 0) await this.store.resolveStaleFindings(dropped, new Set())
  }

  /**
   * Every model's latest disclosure applied to its confirmed devices, as a `disclosure-apply` job (progress per
   * model, cancel before anything is written); the caller may wait for `done`.
   */
  startApply(actor: Actor, trigger: 'user' | 'cli'): Promise<StartedJob<ApplyResult>> {
    if (!this.jobs) throw new Error('DisclosureService was built without a job runner')
    return this.jobs.start('disclosure-apply', { actor, trigger }, (ctx) => this.apply(actor, undefined, ctx))
  }

  /** The question set of a form, for hand entry and for showing answers with their questions. */
  questions(form: ParsedDisclosure['form']) {
    return questionSet(form)
  }

  /** Answers joined with their question texts and sections (question ids the set does not know keep nulls). */
  withQuestions(form: ParsedDisclosure['form'], answers: readonly DisclosureAnswer[]) {
    const byId = new Map(questionSet(form).map((q) => [q.id, q]))
    return answers.map((a) => {
      const q = byId.get(a.questionId)
      return { ...a, section: q?.section ?? null, questionJa: q?.textJa ?? null, questionEn: q?.textEn ?? null }
    })
  }
}

const emptyApply = (): ApplyResult => ({ models: 0, devices: 0, created: 0, updated: 0, resolved: 0 })

const toDeviceInput = (d: {
  deviceId: string
  siteId: string
  serviceLifeEnd: string | null
  supportEnd: string | null
}) => ({
  id: d.deviceId,
  siteId: d.siteId,
  serviceLifeEnd: d.serviceLifeEnd,
  supportEnd: d.supportEnd,
})

/**
 * "MAKER MODEL" for a maker the alias table does not know yet: the form's own manufacturer when the text starts
 * with it (「サンプル医療 SP-2000」 on a form from サンプル医療株式会社), else the first word is the maker.
 */
export function splitByHeader(text: string, formMaker: string | null): { manufacturer: string; model: string } | null {
  const t = text.normalize('NFKC').trim().replace(/\s+/g, ' ')
  const maker = formMaker?.normalize('NFKC').trim()
  if (maker) {
    const bare = maker.replace(/株式会社|\(株\)|,?\s*(inc|ltd|co|corp|corporation|llc|gmbh)\.?/gi, '').trim()
    for (const m of [maker, bare])
      if (m && t.toLowerCase().startsWith(`${m.toLowerCase()} `)) {
        const model = t.slice(m.length).trim()
        if (model) return { manufacturer: maker, model }
      }
  }
  const space = t.indexOf(' ')
  if (space <= 0 || space === t.length - 1) return null
  return { manufacturer: t.slice(0, space), model: t.slice(space + 1) }
}
