import { randomUUID } from 'node:crypto'
import {
  type Bid,
  type BidAnswersImport,
  type BidComparison,
  type BidInput,
  bidInput,
  type ModelDisclosureSummary,
  type RequirementSet,
} from '../../../api/procurement.js'
import type { Actor } from '../../core/actor.js'
import { evaluateDisclosure } from '../../core/disclosures/evaluate.js'
import { MamoriError, notFound } from '../../core/errors.js'
import type { AuditLog, Clock, DisclosureStore } from '../../core/ports.js'
import {
  bidScore,
  comparisonRows,
  problemDetails,
  validateRequirementSet,
} from '../../core/procurement/requirements.js'
import type { ModelDisclosureFacts, ProcurementStore, StoredBid } from '../../core/procurement/store.js'
import { templateSet } from '../../core/procurement/template.js'
import { readAnswersXlsx } from '../../importers/procurement/answers.js'
import {
  comparisonPdf,
  comparisonXlsx,
  type Lang,
  requirementsPdf,
  requirementsXlsx,
} from '../../reports/procurement/requirements.js'
import type { ModelCatalogService } from '../model-catalog.js'

export type ExportFormat = 'xlsx' | 'pdf'
export interface ExportedFile {
  fileName: string
  format: ExportFormat
  bytes: Buffer
}

/** Ports that carry data in the clear unless the disclosure says TLS (Telnet, FTP, TFTP, HTTP, DICOM, rlogin/rsh). */
const CLEARTEXT_PORTS = new Set([20, 21, 23, 69, 80, 104, 512, 513, 514, 8080])

export function disclosureSummary(
  modelId: string | null,
  f: ModelDisclosureFacts | null,
  findings: ModelDisclosureSummary['disclosureFindings'] = [],
): ModelDisclosureSummary {
  if (!f)
    return {
      modelId,
      hasMds2: false,
      hasMdsSds: false,
      hasSbom: false,
      declaredPorts: [],
      cleartextPorts: [],
      supportEnd: null,
      disclosureFindings: [],
      knownVulnerabilities: 0,
      knownExploited: 0,
    }
  const ports = [...new Set(f.ports.map((p) => p.port))].sort((a, b) => a - b)
  const clear = [
    ...new Set(
      f.ports.filter((p) => p.tls === false || (p.tls !== true && CLEARTEXT_PORTS.has(p.port))).map((p) => p.port),
    ),
  ].sort((a, b) => a - b)
  return {
    modelId,
    hasMds2: f.forms.some((x) => x.startsWith('mds2')),
    hasMdsSds: f.forms.includes('mds-sds'),
    hasSbom: f.hasSbom,
    declaredPorts: ports,
    cleartextPorts: clear,
    supportEnd: f.supportEnd,
    disclosureFindings: findings,
    knownVulnerabilities: f.vulnerabilities.length,
    knownExploited: f.knownExploited.length,
  }
}

const safeName = (s: string) => s.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 40)

/**
 * Procurement (issue 11 part 1, ADR 0039): the requirement set (template or the hospital's edit), bids with answers
 * and scores, the exports to attach to a tender, reading the vendor's returned sheet, and the comparison.
 */
export class ProcurementService {
  constructor(
    private readonly store: ProcurementStore,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly catalog: ModelCatalogService,
    private readonly disclosures: DisclosureStore,
  ) {}

  /** What the disclosure rules raise on the model's newest disclosure (as the disclosure service evaluates it). */
  private async disclosureFindings(
    f: ModelDisclosureFacts,
    modelId: string,
  ): Promise<ModelDisclosureSummary['disclosureFindings']> {
    if (!f.latestDisclosureId) return []
    const { disclosure, answers, notes } = await this.disclosures.get(f.latestDisclosureId)
    const declared = (await this.disclosures.declaredPorts([modelId])).get(modelId)?.ports ?? []
    const ev = evaluateDisclosure({
      form: disclosure.form,
      header: disclosure.header,
      answers,
      notes,
      declaredPorts: declared,
    })
    return ev.findings.map((x) => ({ titleJa: x.titleJa, titleEn: x.titleEn, severity: x.severity }))
  }

  private today = () => this.clock.now().toISOString().slice(0, 10)

  async requirements(): Promise<RequirementSet> {
    const s = await this.store.getSet()
    if (!s) return { ...templateSet(), builtIn: true, updatedAt: null, updatedBy: null }
    return {
      name: s.name,
      version: s.version,
      items: s.items,
      builtIn: false,
      updatedAt: s.updatedAt,
      updatedBy: s.updatedBy,
    }
  }

  /** Replaces the set (admin); 422 PROCUREMENT_REQUIREMENTS_INVALID with every problem, nothing changed. */
  async putRequirements(actor: Actor, input: unknown): Promise<RequirementSet> {
    const v = validateRequirementSet(input)
    if (!v.ok)
      throw MamoriError.of('PROCUREMENT_REQUIREMENTS_INVALID', { count: v.problems.length }, problemDetails(v.problems))
    const before = await this.requirements()
    const set = { ...v.set, updatedAt: this.clock.now().toISOString(), updatedBy: actor.name }
    await this.store.putSet(set, actor, {
      action: 'procurement.requirements.update',
      targetType: 'procurementRequirements',
      targetId: '1',
      before: { name: before.name, version: before.version, builtIn: before.builtIn, items: before.items },
      after: { name: set.name, version: set.version, items: set.items },
    })
    return this.requirements()
  }

  async resetRequirements(actor: Actor): Promise<RequirementSet> {
    const before = await this.requirements()
    await this.store.putSet(null, actor, {
      action: 'procurement.requirements.reset',
      targetType: 'procurementRequirements',
      targetId: '1',
      before: { name: before.name, version: before.version, builtIn: before.builtIn, items: before.items },
    })
    return this.requirements()
  }

  private async scored(b: StoredBid, set?: RequirementSet): Promise<Bid> {
    const s = set ?? (await this.requirements())
    return { ...b, score: bidScore(s.items, b.answers) }
  }

  async bids(): Promise<{ items: Bid[] }> {
    const set = await this.requirements()
    const rows = await this.store.listBids()
    return { items: await Promise.all(rows.map((b) => this.scored(b, set))) }
  }

  async bid(id: string): Promise<Bid> {
    const b = await this.store.getBid(id)
    if (!b) throw notFound('Bid', id, '応札')
    return this.scored(b)
  }

  private async checkModel(modelId: string | null): Promise<void> {
    if (modelId) await this.catalog.exists(modelId)
  }

  async createBid(actor: Actor, input: BidInput): Promise<Bid> {
    const f = bidInput.parse(input)
    await this.checkModel(f.modelId)
    const now = this.clock.now().toISOString()
    const b: StoredBid = { id: randomUUID(), ...f, createdAt: now, createdBy: actor.name, updatedAt: now }
    await this.store.insertBid(b, actor, {
      action: 'procurement.bid.create',
      targetType: 'procurementBid',
      targetId: b.id,
      after: { ...f, answers: f.answers.length },
    })
    return this.scored(b)
  }

  async updateBid(actor: Actor, id: string, input: BidInput): Promise<Bid> {
    const before = await this.store.getBid(id)
    if (!before) throw notFound('Bid', id, '応札')
    const f = bidInput.parse(input)
    await this.checkModel(f.modelId)
    const b: StoredBid = { ...before, ...f, updatedAt: this.clock.now().toISOString() }
    await this.store.updateBid(b, actor, {
      action: 'procurement.bid.update',
      targetType: 'procurementBid',
      targetId: id,
      before,
      after: b,
    })
    return this.scored(b)
  }

  async deleteBid(actor: Actor, id: string): Promise<void> {
    const before = await this.store.getBid(id)
    if (!before) throw notFound('Bid', id, '応札')
    await this.store.deleteBid(id, actor, {
      action: 'procurement.bid.delete',
      targetType: 'procurementBid',
      targetId: id,
      before,
    })
  }

  /** Reads the vendor's returned sheet into the bid (all or nothing). */
  async importAnswers(actor: Actor, id: string, fileName: string, bytes: Uint8Array): Promise<BidAnswersImport> {
    const before = await this.store.getBid(id)
    if (!before) throw notFound('Bid', id, '応札')
    const read = await readAnswersXlsx(bytes)
    if (!read.ok)
      throw MamoriError.of(
        'PROCUREMENT_ANSWERS_UNREADABLE',
        { file: fileName, count: read.problems.length },
        read.problems.map((p) => ({
          where: [fileName, p.sheet, p.cell].filter(Boolean).join(': ') + (p.value !== null ? ` 「${p.value}」` : ''),
          message: p.en,
          messageJa: p.ja,
        })),
      )
    const set = await this.requirements()
    const known = new Map(set.items.map((i) => [i.id.toUpperCase(), i.id]))
    const unknownIds: string[] = []
    const answers = []
    for (const a of read.answers) {
      const id2 = known.get(a.itemId.toUpperCase())
      if (id2) answers.push({ ...a, itemId: id2 })
      else unknownIds.push(a.itemId)
    }
    const b: StoredBid = { ...before, answers, updatedAt: this.clock.now().toISOString() }
    await this.store.updateBid(b, actor, {
      action: 'procurement.bid.answers.import',
      targetType: 'procurementBid',
      targetId: id,
      before: { answers: before.answers },
      after: { file: fileName, sheet: read.sheet, answers, unknownIds },
    })
    return { bid: await this.scored(b, set), read: read.answers.length, unknownIds }
  }

  /** The requirement sheet to attach to a tender (audited). */
  async exportRequirements(
    actor: Actor,
    opts: { lang: Lang; format: ExportFormat; bidId?: string | null },
  ): Promise<ExportedFile> {
    const set = await this.requirements()
    const bid = opts.bidId ? await this.bid(opts.bidId) : null
    const input = { lang: opts.lang, name: set.name, version: set.version, items: set.items, today: this.today(), bid }
    const bytes = opts.format === 'xlsx' ? await requirementsXlsx(input) : await requirementsPdf(input)
    await this.audit.record(actor, {
      action: 'procurement.requirements.export',
      targetType: 'procurementRequirements',
      targetId: opts.bidId ?? '1',
      after: { format: opts.format, lang: opts.lang, bidId: opts.bidId ?? null, version: set.version },
    })
    const who = bid ? `-${safeName(bid.vendor)}` : ''
    return { fileName: `procurement-requirements${who}-${this.today()}.${opts.format}`, format: opts.format, bytes }
  }

  /** 2–10 bids side by side with their models' disclosures. */
  async compare(ids: readonly string[]): Promise<BidComparison> {
    const unique = [...new Set(ids.map((s) => s.trim()).filter(Boolean))]
    if (unique.length < 2 || unique.length > 10)
      throw MamoriError.of(
        'VALIDATION_FAILED',
        { problems: `bids: give 2 to 10 different bids (got ${unique.length})` },
        [
          {
            where: 'bids',
            message: `give 2 to 10 different bids to compare (got ${unique.length})`,
            messageJa: `比較する応札を 2〜10 件指定してください（${unique.length} 件）。`,
          },
        ],
      )
    const rows = await this.store.getBids(unique)
    const byId = new Map(rows.map((r) => [r.id, r]))
    const missing = unique.find((i) => !byId.has(i))
    if (missing) throw notFound('Bid', missing, '応札')
    const set = await this.requirements()
    const bids = await Promise.all(
      unique.map(async (i) => {
        const b = await this.scored(byId.get(i)!, set)
        const facts = b.modelId ? await this.store.modelFacts(b.modelId) : null
        const findings = facts && b.modelId ? await this.disclosureFindings(facts, b.modelId) : []
        return { ...b, disclosure: disclosureSummary(b.modelId, facts, findings) }
      }),
    )
    return { requirementSet: { name: set.name, version: set.version }, bids, rows: comparisonRows(set.items, bids) }
  }

  async exportComparison(
    actor: Actor,
    ids: readonly string[],
    opts: { lang: Lang; format: ExportFormat },
  ): Promise<ExportedFile> {
    const cmp = await this.compare(ids)
    const bytes =
      opts.format === 'xlsx'
        ? await comparisonXlsx(cmp, opts.lang, this.today())
        : await comparisonPdf(cmp, opts.lang, this.today())
    await this.audit.record(actor, {
      action: 'procurement.compare.export',
      targetType: 'procurementBid',
      targetId: cmp.bids[0]?.id ?? null,
      after: { format: opts.format, lang: opts.lang, bids: cmp.bids.map((b) => b.id) },
    })
    return { fileName: `procurement-comparison-${this.today()}.${opts.format}`, format: opts.format, bytes }
  }

  /** Demo reload: removes every bid and the stored set. */
  clear(actor: Actor): Promise<void> {
    return this.store.clear(actor)
  }
}
