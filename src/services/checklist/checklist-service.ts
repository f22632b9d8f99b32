import { createHash, randomUUID } from 'node:crypto'
import type {
  ChecklistAnswer,
  ChecklistAnswerInput,
  ChecklistAttachment,
  ChecklistEdition,
  ChecklistForm,
  ChecklistVendor,
  ChecklistView,
} from '../../../api/checklist.js'
import type { Actor } from '../../core/actor.js'
import { assertAnswer, normalizeItemId, todayInJapan } from '../../core/checklist/answers.js'
import { BUILT_IN_EDITIONS } from '../../core/checklist/editions/index.js'
import { evidenceFor } from '../../core/checklist/evidence.js'
import type { ChecklistStore } from '../../core/checklist/store.js'
import { buildView } from '../../core/checklist/view.js'
import { MamoriError, notFound } from '../../core/errors.js'
import type { AuditLog, Clock } from '../../core/ports.js'
import { checklistPdf } from '../../exporters/checklist/pdf.js'
import { checklistXlsx } from '../../exporters/checklist/xlsx.js'
import { readEditionXlsx } from '../../importers/checklist/edition-xlsx.js'
import type { ChecklistReader } from '../module-common.js'

/** Largest attached file (a scanned page, a PDF of the BCP, a photo of the contact chart). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

/** Media types recognised from the file's first bytes; anything else keeps the declared type if well-formed. */
function mediaTypeOf(bytes: Uint8Array, declared: string | undefined): string {
  const head = Buffer.from(bytes.subarray(0, 8))
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf'
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg'
  const d = (declared ?? '').trim().toLowerCase()
  return /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(d) ? d : 'application/octet-stream'
}

/** The edition's id for what was typed: as printed, or in plain digits ("2-6" → "2-⑥"). */
function itemIdIn(edition: ChecklistEdition, raw: string): string {
  if (edition.items.some((i) => i.id === raw)) return raw
  return normalizeItemId(raw)
}

export interface ExportOptions {
  format: 'xlsx' | 'pdf'
  form?: ChecklistForm
  editionId?: string
  vendorId?: string
  lang: 'ja' | 'en'
}

export interface Scope {
  editionId?: string
  vendorId?: string
}

/**
 * The MHLW checklist: editions (built in and loaded from MHLW's .xlsx), answers with their dates and files, the
 * evidence Mamori holds as suggestions, vendors and their 事業者確認用, and exports in MHLW's layout. Every change is
 * audited in its transaction (the store writes the entry the service composes).
 */
export class ChecklistService implements ChecklistReader {
  constructor(
    private readonly store: ChecklistStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return todayInJapan(this.clock.now())
  }

  /** Every edition: loaded ones first (newest first), then the built-in ones. */
  async editions(): Promise<ChecklistEdition[]> {
    return [...(await this.store.loadedEditions()), ...BUILT_IN_EDITIONS]
  }

  /** The edition asked for, or the newest of the form (a loaded one before the built-in one). */
  async edition(form: ChecklistForm, editionId?: string): Promise<ChecklistEdition> {
    const all = await this.editions()
    const e = editionId ? all.find((x) => x.id === editionId) : all.find((x) => x.form === form)
    if (!e) throw notFound('Checklist edition', editionId ?? form, 'チェックリストの版')
    return e
  }

  private async vendorOut(id: string, editionId: string, total: number): Promise<ChecklistVendor> {
    const v = await this.store.vendor(id)
    if (!v) throw notFound('Vendor', id, '事業者')
    const counts = await this.store.vendorAnswerCounts(editionId)
    return { ...v, answered: counts.get(id) ?? 0, total }
  }

  /** Resolves form, edition and vendor: a vendor id means the vendor form. */
  private async resolve(opts: { form?: ChecklistForm; editionId?: string; vendorId?: string }) {
    const form: ChecklistForm = opts.vendorId ? 'vendor' : (opts.form ?? 'hospital')
    const edition = await this.edition(form, opts.editionId)
    const vendor = opts.vendorId ? await this.vendorOut(opts.vendorId, edition.id, edition.items.length) : null
    if (vendor && edition.form !== 'vendor')
      throw new MamoriError('VALIDATION_FAILED', {
        en: `Edition ${edition.id} is a hospital form; a vendor's answers go on a vendor form (事業者確認用).`,
        ja: `版 ${edition.id} は医療機関確認用です。事業者の回答は事業者確認用に記録します。`,
      })
    return { edition, vendor }
  }

  async view(opts: { form: ChecklistForm; editionId?: string; vendorId?: string }): Promise<ChecklistView> {
    const { edition, vendor } = await this.resolve(opts)
    const answers = await this.store.answers(edition.id, vendor?.id ?? null)
    const today = this.today()
    // Evidence is the hospital's own data: shown on the hospital form only.
    const facts = edition.form === 'hospital' ? await this.store.evidenceFacts(today) : null
    return buildView(edition, answers, (id) => (facts ? evidenceFor(id, facts) : null), vendor, today)
  }

  async answer(
    actor: Actor,
    rawItemId: string,
    input: ChecklistAnswerInput,
    scope: Scope = {},
  ): Promise<ChecklistAnswer> {
    const { edition, vendor } = await this.resolve({ editionId: scope.editionId, vendorId: scope.vendorId })
    const itemId = itemIdIn(edition, rawItemId)
    if (edition.form === 'vendor' && !vendor)
      throw MamoriError.of('CHECKLIST_ANSWER_INVALID', {
        item: itemId,
        why: {
          en: 'answers on the vendor form (事業者確認用) are recorded per vendor: give vendorId.',
          ja: '事業者確認用の回答は事業者ごとに記録します。事業者(vendorId)を指定してください。',
        },
      })
    if (!edition.items.some((i) => i.id === itemId)) throw notFound('Checklist item', itemId, 'チェックリストの項目')
    assertAnswer(itemId, input, this.today())
    const clean = (s: string | null | undefined) => (s?.trim() ? s.trim() : null)
    const key = `${edition.id}:${vendor?.id ?? ''}:${itemId}`
    return this.store.putAnswer(
      {
        editionId: edition.id,
        vendorId: vendor?.id ?? null,
        itemId,
        answer: input.answer,
        checkedOn: input.checkedOn,
        targetOn: input.answer === 'no' ? (input.targetOn ?? null) : null,
        responsible: clean(input.responsible),
        note: clean(input.note),
        answeredBy: actor.name,
        answeredAt: this.clock.now().toISOString(),
      },
      actor,
      (before, after) => ({
        action: 'checklist.answer',
        targetType: 'checklistItem',
        targetId: key,
        before: before && { ...before, attachments: before.attachments.map((a) => a.fileName) },
        after: { ...after, attachments: after.attachments.map((a) => a.fileName) },
      }),
    )
  }

  async attach(
    actor: Actor,
    rawItemId: string,
    file: { fileName: string; bytes: Uint8Array; declaredType?: string },
    scope: Scope = {},
  ): Promise<ChecklistAttachment> {
    const { edition, vendor } = await this.resolve({ editionId: scope.editionId, vendorId: scope.vendorId })
    const itemId = itemIdIn(edition, rawItemId)
    if (!edition.items.some((i) => i.id === itemId)) throw notFound('Checklist item', itemId, 'チェックリストの項目')
    if (file.bytes.byteLength === 0) throw MamoriError.of('IMPORT_NO_FILE')
    if (file.bytes.byteLength > MAX_ATTACHMENT_BYTES)
      throw new MamoriError('VALIDATION_FAILED', {
        en: `"${file.fileName}" is ${file.bytes.byteLength} bytes; attach files of at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB.`,
        ja: `「${file.fileName}」は ${file.bytes.byteLength} バイトあります。添付できるのは ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB までです。`,
      })
    const fileName =
      [...file.fileName]
        .map((ch) => (ch.charCodeAt(0) < 0x20 || ch === '\u007f' || ch === '/' || ch === '\\' ? '_' : ch))
        .join('')
        .slice(0, 200) || 'file'
    return this.store.addAttachment(
      {
        editionId: edition.id,
        vendorId: vendor?.id ?? null,
        itemId,
        fileName,
        mediaType: mediaTypeOf(file.bytes, file.declaredType),
        bytes: file.bytes,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        uploadedBy: actor.name,
        uploadedAt: this.clock.now().toISOString(),
      },
      actor,
      (a) => ({
        action: 'checklist.attach',
        targetType: 'checklistItem',
        targetId: `${edition.id}:${vendor?.id ?? ''}:${itemId}`,
        after: a,
      }),
    )
  }

  async attachment(id: string) {
    const a = await this.store.attachment(id)
    if (!a) throw notFound('Attachment', id, '添付ファイル')
    return a
  }

  async deleteAttachment(actor: Actor, id: string): Promise<void> {
    const ok = await this.store.deleteAttachment(id, actor, (a) => ({
      action: 'checklist.detach',
      targetType: 'checklistAttachment',
      targetId: id,
      before: a,
    }))
    if (!ok) throw notFound('Attachment', id, '添付ファイル')
  }

  async vendors(): Promise<ChecklistVendor[]> {
    const edition = await this.edition('vendor')
    const counts = await this.store.vendorAnswerCounts(edition.id)
    return (await this.store.vendors()).map((v) => ({
      ...v,
      answered: counts.get(v.id) ?? 0,
      total: edition.items.length,
    }))
  }

  async createVendor(actor: Actor, input: { name: string; contact?: string | null }): Promise<ChecklistVendor> {
    const name = input.name.trim()
    if (!name)
      throw new MamoriError(
        'VALIDATION_FAILED',
        { en: 'A vendor needs a name.', ja: '事業者名を入力してください。' },
        400,
        [{ where: 'name', message: 'empty', messageJa: '空です' }],
      )
    const v = {
      id: randomUUID(),
      name,
      contact: input.contact?.trim() || null,
      createdAt: this.clock.now().toISOString(),
    }
    await this.store.insertVendor(v, actor, {
      action: 'checklist.vendor.create',
      targetType: 'checklistVendor',
      targetId: v.id,
      after: v,
    })
    const edition = await this.edition('vendor')
    return { ...v, answered: 0, total: edition.items.length }
  }

  /** The checklist as a file in MHLW's layout (the 事業者確認用 of a vendor when vendorId is given). */
  async export(
    actor: Actor,
    opts: ExportOptions,
  ): Promise<{ fileName: string; bytes: Buffer; format: 'xlsx' | 'pdf' }> {
    const view = await this.view({ form: opts.form ?? 'hospital', editionId: opts.editionId, vendorId: opts.vendorId })
    const today = this.today()
    const bytes =
      opts.format === 'xlsx' ? await checklistXlsx(view, opts.lang, today) : await checklistPdf(view, opts.lang, today)
    await this.audit.record(actor, {
      action: 'checklist.export',
      targetType: 'checklistEdition',
      targetId: view.edition.id,
      after: { format: opts.format, lang: opts.lang, vendorId: opts.vendorId ?? null },
    })
    const who = view.vendor ? `-${view.vendor.name.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 40)}` : ''
    return { fileName: `mhlw-checklist-${view.edition.id}${who}-${today}.${opts.format}`, bytes, format: opts.format }
  }

  /** Loads a newer edition from MHLW's .xlsx form (admin); 422 CHECKLIST_UNREADABLE with every problem, nothing stored. */
  async importEdition(actor: Actor, fileName: string, bytes: Uint8Array): Promise<ChecklistEdition> {
    const read = await readEditionXlsx(bytes, fileName, this.clock.now())
    if (!read.ok)
      throw MamoriError.of(
        'CHECKLIST_UNREADABLE',
        { file: fileName, count: read.problems.length },
        read.problems.map((p) => ({
          where: [fileName, p.sheet, p.cell].filter(Boolean).join(': '),
          message: p.en,
          messageJa: p.ja,
        })),
      )
    const existing = (await this.editions()).find((e) => e.id === read.edition.id)
    if (existing) return existing
    await this.store.insertEdition(read.edition, actor, {
      action: 'checklist.edition.load',
      targetType: 'checklistEdition',
      targetId: read.edition.id,
      after: { source: read.edition.source, form: read.edition.form, items: read.edition.items.map((i) => i.id) },
    })
    return read.edition
  }
}
