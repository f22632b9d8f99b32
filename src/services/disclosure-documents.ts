import type { DisclosedVsObserved, LetterSender, ModelComparison } from '../../api/disclosure.js'
import { compareDeclaredObserved } from '../core/disclosures/compare.js'
import type {
  DeclaredPort,
  DisclosureAnswer,
  DisclosureEvaluation,
  PortComparisonRow,
} from '../core/disclosures/disclosure.js'
import { evaluateDisclosure } from '../core/disclosures/evaluate.js'
import { questionSet } from '../core/disclosures/questions/index.js'
import { MamoriError } from '../core/errors.js'
import type { Actor, Clock, DisclosureStore, LedgerReader, StoredDisclosure } from '../core/ports.js'
import { readDeclaredPortsTemplate } from '../importers/disclosures/index.js'
import type { LetterInput } from '../reports/letters/letter-input.js'
import { presentProblem, problemWhere } from './disclosures.js'

const SENDER_KEY = 'letters.sender'

const EMPTY_SENDER: LetterSender = {
  name: '',
  department: null,
  address: null,
  contactPerson: null,
  email: null,
  phone: null,
}

/** Answers by question id. */
const byQuestion = (answers: readonly DisclosureAnswer[]) => new Map(answers.map((a) => [a.questionId, a]))

const yes = (a: DisclosureAnswer | undefined): boolean | null => (a?.value ? a.value === 'yes' : null)

/**
 * What a disclosure is used for beyond its own evaluation: the device's declared-versus-observed table, the model's
 * declared ports (from the form, the template, or typed in), letters to the manufacturer, and models side by side.
 */
export class DisclosureDocuments {
  constructor(
    private readonly store: DisclosureStore,
    private readonly ledger: Pick<LedgerReader, 'get'>,
    private readonly clock: Clock,
  ) {}

  /** Ports the device's model declares against what scans saw on the device's addresses. */
  async disclosedVsObserved(deviceId: string): Promise<DisclosedVsObserved> {
    const device = await this.ledger.get(deviceId)
    const [link] = await this.store.linkedDevices({ deviceId })
    const declared = link ? (await this.store.declaredPorts([link.modelId])).get(link.modelId) : undefined
    // A suggestion is shown but not trusted: its declaration would be someone else's device's.
    const trusted = link?.state === 'confirmed'
    const { services, lastScannedAt } = await this.store.observedServices(deviceId, device.ipAddresses)
    const rows: PortComparisonRow[] = compareDeclaredObserved(trusted ? (declared?.ports ?? []) : [], services)
    return {
      deviceId,
      model: link?.model ?? null,
      linkState: link?.state ?? null,
      declaredSource: trusted ? (declared?.source ?? null) : null,
      rows,
      lastScannedAt,
    }
  }

  async declaredPorts(
    modelId: string,
  ): Promise<{ source: 'mds2' | 'template' | 'manual' | null; ports: DeclaredPort[] }> {
    const entry = (await this.store.declaredPorts([modelId])).get(modelId)
    return { source: entry?.source ?? null, ports: entry?.ports ?? [] }
  }

  async setDeclaredPorts(actor: Actor, modelId: string, ports: DeclaredPort[]): Promise<void> {
    const before = await this.declaredPorts(modelId)
    await this.store.replaceDeclaredPorts(modelId, ports, 'manual', actor, {
      action: 'model.declared-ports.set',
      targetType: 'device_model',
      targetId: modelId,
      before,
      after: { source: 'manual', ports },
    })
  }

  /** The manufacturer's filled-in template (docs/disclosure-template/); refuses with every problem, changes nothing. */
  async importDeclaredPorts(
    actor: Actor,
    modelId: string,
    input: { bytes: Uint8Array; fileName: string },
  ): Promise<{ ports: DeclaredPort[] }> {
    const { ports, problems } = readDeclaredPortsTemplate(input)
    const errors = problems.filter((p) => p.severity === 'error')
    if (errors.length > 0)
      throw MamoriError.of(
        'DECLARED_PORTS_UNREADABLE',
        { file: input.fileName, errors: errors.length },
        problems.slice(0, 500).map((p) => {
          const out = presentProblem(p)
          return { where: problemWhere(p), message: out.message, messageJa: out.messageJa }
        }),
      )
    await this.store.replaceDeclaredPorts(modelId, ports, 'template', actor, {
      action: 'model.declared-ports.import',
      targetType: 'device_model',
      targetId: modelId,
      after: { source: 'template', fileName: input.fileName, ports: ports.length },
    })
    return { ports }
  }

  async letterSender(): Promise<LetterSender> {
    const raw = await this.store.setting(SENDER_KEY)
    return raw ? { ...EMPTY_SENDER, ...(JSON.parse(raw) as Partial<LetterSender>) } : EMPTY_SENDER
  }

  async setLetterSender(actor: Actor, sender: LetterSender): Promise<LetterSender> {
    const before = await this.letterSender()
    await this.store.putSetting(SENDER_KEY, JSON.stringify(sender), actor, {
      action: 'settings.letter-sender',
      targetType: 'settings',
      targetId: SENDER_KEY,
      before,
      after: sender,
    })
    return sender
  }

  /** What a letter about one disclosure says: open questions, what is missing, and discrepancies seen on devices. */
  async letterInput(disclosureId: string, lang: 'ja' | 'en'): Promise<LetterInput> {
    const { disclosure, answers, notes } = await this.store.get(disclosureId)
    if (!disclosure.model || !disclosure.modelId) throw MamoriError.of('DISCLOSURE_NO_MODEL')
    const declared = (await this.store.declaredPorts([disclosure.modelId])).get(disclosure.modelId)
    const evaluation = evaluateDisclosure({
      form: disclosure.form,
      header: disclosure.header,
      answers,
      notes,
      declaredPorts: declared?.ports ?? [],
    })
    const a = byQuestion(answers)
    const missing: LetterInput['missing'] = []
    if (!declared || declared.ports.length === 0) missing.push('declared-ports')
    if (disclosure.form !== 'mds-sds' && yes(a.get('SBOM-1')) !== true) missing.push('sbom')
    if (disclosure.form === 'mds2-2019' && yes(a.get('DOC-8')) === false) missing.push('cvd')
    const discrepancies: LetterInput['discrepancies'] = []
    for (const d of await this.store.linkedDevices({ modelIds: [disclosure.modelId] })) {
      if (d.state !== 'confirmed') continue
      const table = await this.disclosedVsObserved(d.deviceId)
      for (const r of table.rows)
        if (r.status === 'undeclared-open' || r.status === 'cleartext-where-tls')
          discrepancies.push({
            device: d.label,
            port: r.port,
            transport: r.transport,
            status: r.status,
            service: r.observed[0]?.service ?? r.declared?.service ?? null,
          })
    }
    const sender = await this.letterSender()
    return {
      lang,
      date: this.clock.now().toISOString().slice(0, 10),
      hospital: { ...sender, name: sender.name || (lang === 'ja' ? '（病院名未設定）' : '(hospital name not set)') },
      recipient: { manufacturer: disclosure.header.manufacturer ?? disclosure.model.vendor, department: null },
      model: { vendor: disclosure.model.vendor, name: disclosure.model.name },
      disclosure: {
        form: disclosure.form,
        documentId: disclosure.header.documentId,
        releaseDate: disclosure.header.releaseDate,
      },
      missing,
      questions: evaluation.questions,
      discrepancies,
    }
  }

  async letter(
    disclosureId: string,
    lang: 'ja' | 'en',
    format: 'pdf' | 'docx',
  ): Promise<{ bytes: Buffer; fileName: string; disclosure: string }> {
    const input = await this.letterInput(disclosureId, lang)
    // PDF and Word writers (fonts included) load on first use: every CLI command and server start stays quick.
    const { letterToDocx, letterToPdf } = await import('../reports/letters/index.js')
    const bytes = format === 'pdf' ? await letterToPdf(input) : await letterToDocx(input)
    const safe = `${input.model.vendor}-${input.model.name}`.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80)
    return { bytes, fileName: `letter-${safe}-${lang}.${format}`, disclosure: disclosureId }
  }

  /** Two or more models side by side: each one's latest disclosure, its evaluation and declared ports. */
  async compare(
    modelIds: readonly string[],
  ): Promise<ModelComparison & { evaluations: (DisclosureEvaluation | null)[]; ports: DeclaredPort[][] }> {
    const latest = await this.store.latestPerModel()
    const ports = await this.store.declaredPorts(modelIds)
    const refs = await this.store.modelRefs(modelIds)
    const models: ModelComparison['models'] = []
    const answerMaps: Map<string, DisclosureAnswer>[] = []
    const evaluations: (DisclosureEvaluation | null)[] = []
    for (const modelId of modelIds) {
      const disclosureId = latest.get(modelId)
      const loaded = disclosureId ? await this.store.get(disclosureId) : null
      const d: StoredDisclosure | null = loaded?.disclosure ?? null
      const evaluation = loaded
        ? evaluateDisclosure({
            form: loaded.disclosure.form,
            header: loaded.disclosure.header,
            answers: loaded.answers,
            notes: loaded.notes,
          })
        : null
      const a = byQuestion(loaded?.answers ?? [])
      answerMaps.push(a)
      evaluations.push(evaluation)
      const sev = (s: string) => evaluation?.findings.filter((f) => f.severity === s).length ?? 0
      const model = d?.model ?? refs.get(modelId)
      if (!model) throw MamoriError.of('MODEL_NOT_FOUND', { query: modelId })
      models.push({
        model,
        disclosure: d ? { ...d, warningCount: d.problems.length } : null,
        counts: {
          critical: sev('critical'),
          high: sev('high'),
          medium: sev('medium'),
          low: sev('low'),
          info: sev('info'),
          controls: evaluation?.controls.length ?? 0,
          questions: evaluation?.questions.length ?? 0,
        },
        hasSbom: yes(a.get('SBOM-1')),
        hasCvdProgram: yes(a.get('DOC-8')),
        declaredPorts: ports.get(modelId)?.ports.length ?? 0,
      })
    }
    const rows = questionSet('mds2-2019').map((q) => {
      const answers = answerMaps.map((m) => {
        const x = m.get(q.id)
        return x ? { value: x.value, comment: x.comment } : null
      })
      const values = new Set(answers.map((x) => x?.value ?? null))
      return {
        questionId: q.id,
        section: q.section,
        textJa: q.textJa,
        textEn: q.textEn,
        answers,
        differs: values.size > 1,
      }
    })
    return { models, rows, evaluations, ports: modelIds.map((id) => ports.get(id)?.ports ?? []) }
  }

  async compareXlsx(modelIds: readonly string[], lang: 'ja' | 'en'): Promise<Buffer> {
    const c = await this.compare(modelIds)
    const { modelComparisonXlsx } = await import('../reports/model-comparison.js')
    return modelComparisonXlsx({
      lang,
      models: c.models.map((m, i) => ({
        label: `${m.model.vendor} ${m.model.name}`.trim(),
        vendor: m.model.vendor,
        name: m.model.name,
        disclosure: m.disclosure
          ? {
              form: m.disclosure.form,
              documentId: m.disclosure.header.documentId,
              releaseDate: m.disclosure.header.releaseDate,
            }
          : null,
        answers: Object.fromEntries(
          c.rows.flatMap((r) => {
            const x = r.answers[i]
            return x ? [[r.questionId, x]] : []
          }),
        ),
        evaluation: c.evaluations[i] ?? null,
        declaredPorts: c.ports[i] ?? [],
      })),
      questions: questionSet('mds2-2019').map((q) => ({
        id: q.id,
        section: q.section,
        textJa: q.textJa,
        textEn: q.textEn,
      })),
    })
  }
}
