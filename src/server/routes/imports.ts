import { randomUUID } from 'node:crypto'
import type { MultipartFile } from '@fastify/multipart'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { importPreview, importResult } from '../../../api/import.js'
import { MamoriError } from '../../core/errors.js'
import { toCsv } from '../../exporters/csv.js'
import { templateCsv, templateXlsx } from '../../exporters/import-template.js'
import { unsafeWorkbookError } from '../../importers/zip-check.js'
import {
  commitDeviceImport,
  type ImportPlan,
  planDeviceImport,
  rejectedRowsTable,
} from '../../services/import-devices.js'
import { createDeviceImportStore } from '../../storage/device-import-store.js'
import { actorOf, hasRole, userOf } from '../context.js'

/** How long a previewed import can be committed. */
export const IMPORT_TTL_MS = 30 * 60 * 1000
/** Previews kept at once (each holds its parsed rows in memory); the oldest is dropped first. */
export const MAX_PENDING_IMPORTS = 8
/** Rows kept over all previews (~1 KB each in memory), so that a few huge files cannot exhaust the server. */
export const MAX_PENDING_ROWS = 400_000

interface Pending<P> {
  plan: P
  userId: string
  expiresAt: number
}

/**
 * Previewed imports waiting for confirmation, in memory: a restart forgets them (the user previews again), which is
 * safer than committing a stale plan. Bounded in count and age.
 */
export class PendingImports<P extends { preview: { importId: string; totalRows: number } } = ImportPlan> {
  private readonly items = new Map<string, Pending<P>>()
  constructor(
    private readonly ttlMs = IMPORT_TTL_MS,
    private readonly max = MAX_PENDING_IMPORTS,
    private readonly now: () => number = Date.now,
    private readonly maxRows = MAX_PENDING_ROWS,
  ) {}

  add(plan: P, userId: string): void {
    this.sweep()
    const rows = () => [...this.items.values()].reduce((n, p) => n + p.plan.preview.totalRows, 0)
    while (this.items.size >= this.max || (this.items.size > 0 && rows() + plan.preview.totalRows > this.maxRows)) {
      const oldest = this.items.keys().next().value
      if (oldest === undefined) break
      this.items.delete(oldest)
    }
    this.items.set(plan.preview.importId, { plan, userId, expiresAt: this.now() + this.ttlMs })
  }

  /** Removes and returns a pending import (so that it can be committed once only). */
  take(id: string): Pending<P> | undefined {
    this.sweep()
    const p = this.items.get(id)
    this.items.delete(id)
    return p
  }

  peek(id: string): Pending<P> | undefined {
    this.sweep()
    return this.items.get(id)
  }

  private sweep(): void {
    const t = this.now()
    for (const [id, p] of this.items) if (p.expiresAt <= t) this.items.delete(id)
  }
}

const idParams = z.object({ id: z.string().uuid() })

/** A person's column choices: header as written in the file → field id, `customFields.<name>`, or null (ignore). */
const mappingOverride = z.record(z.string().max(200), z.string().max(200).nullable())
const mappingBody = z.object({ mapping: mappingOverride.optional() }).nullish()

/** A previewed plan and the file it came from (kept so that a changed column mapping can be previewed again). */
type PendingPlan = ImportPlan & { source: { bytes: Uint8Array; fileName: string } }

const expired = (id: string) =>
  new MamoriError(
    'IMPORT_NOT_FOUND',
    `Import ${id} is not waiting for confirmation: previews expire after 30 minutes or after the server restarts, and each can be committed once. Upload the file again. / このインポートは確定待ちではありません。ファイルを再度アップロードしてください。`,
    404,
  )

/**
 * Reads the one uploaded file. toBuffer() throws FST_REQ_FILE_TOO_LARGE past the configured limit (the error plugin
 * answers 413); a body cut short (connection dropped mid-upload, a client bug) makes the multipart parser fail with a
 * plain Error, answered here as 400 UPLOAD_INCOMPLETE with the parser's reason instead of a 500.
 */
async function readUpload(req: FastifyRequest): Promise<{ file: MultipartFile; bytes: Buffer }> {
  try {
    const file = await req.file()
    if (!file) throw new MamoriError('IMPORT_NO_FILE', 'No file was attached. / ファイルが添付されていません。')
    return { file, bytes: await file.toBuffer() }
  } catch (err) {
    if (err instanceof MamoriError || typeof (err as { statusCode?: unknown }).statusCode === 'number') throw err
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200)
    throw new MamoriError(
      'UPLOAD_INCOMPLETE',
      `The upload is incomplete or malformed (${why}); nothing was imported. Send the file again. / アップロードが途中で切れているか、形式が正しくありません（${why}）。何も取り込んでいません。もう一度ファイルを送ってください。`,
      400,
    )
  }
}

/**
 * Ledger import: POST /imports uploads a CSV/XLSX file (multipart field "file", at most MAMORI_MAX_UPLOAD_MB) and
 * returns the dry-run preview; nothing is written until POST /imports/:id/commit, which applies it in one transaction.
 */
const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = createDeviceImportStore(app.deps.storage.db)
  const pending = new PendingImports<PendingPlan>()

  /** Plans (again) an uploaded file with the person's column choices, keeping the same import id. */
  const replan = async (
    source: PendingPlan['source'],
    importId: string,
    mapping?: Record<string, string | null>,
  ): Promise<PendingPlan> => {
    const plan = await planDeviceImport(store, source.bytes, { fileName: source.fileName, importId, mapping })
    return Object.assign(plan, { source })
  }
  const mine = (req: Parameters<typeof userOf>[0], id: string) => {
    const p = pending.peek(id)
    if (!p || (p.userId !== userOf(req).id && !hasRole(userOf(req), 'admin'))) throw expired(id)
    return p
  }

  app.post(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Upload a device ledger (CSV or .xlsx) and get a dry-run preview; nothing is written',
        consumes: ['multipart/form-data'],
        response: { 200: importPreview },
      },
    },
    async (req) => {
      const user = userOf(req)
      if (!req.isMultipart()) {
        throw new MamoriError(
          'IMPORT_NO_FILE',
          'Send the ledger as multipart/form-data in a field named "file". / ファイルを添付してください。',
        )
      }
      const { file, bytes } = await readUpload(req)
      const unsafe = await unsafeWorkbookError(bytes, file.filename || 'upload')
      if (unsafe) throw unsafe
      const plan = await replan({ bytes, fileName: file.filename || 'upload' }, randomUUID())
      // Kept even when the mapping is unusable: a person may fix it by choosing the columns (POST /imports/:id/mapping).
      if (plan.header.length > 0 || !plan.preview.fatal) pending.add(plan, user.id)
      return plan.preview
    },
  )

  app.get(
    '/imports/:id',
    {
      schema: {
        tags: ['imports'],
        summary: 'The preview of an import waiting for confirmation',
        params: idParams,
        response: { 200: importPreview },
      },
    },
    async (req) => mine(req, req.params.id).plan.preview,
  )

  app.post(
    '/imports/:id/mapping',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Preview the uploaded file again with other column choices (header → field id or null); writes nothing',
        params: idParams,
        body: z.object({ mapping: mappingOverride }),
        response: { 200: importPreview },
      },
    },
    async (req) => {
      const p = mine(req, req.params.id)
      const plan = await replan(p.plan.source, req.params.id, req.body.mapping)
      pending.add(plan, p.userId)
      return plan.preview
    },
  )

  app.get(
    '/imports/:id/rejected',
    {
      schema: {
        tags: ['imports'],
        summary:
          "The rejected rows of a preview as CSV (the file's own columns plus the reasons), to fix and import again",
        params: idParams,
        querystring: z.object({ lang: z.enum(['ja', 'en']).default('ja') }),
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const p = mine(req, req.params.id)
      const base = p.plan.source.fileName.replace(/\.(csv|xlsx|txt)$/i, '').replace(/[^\w.-]+/g, '_') || 'ledger'
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${base}-rejected.csv"; filename*=UTF-8''${encodeURIComponent(`${p.plan.source.fileName.replace(/\.(csv|xlsx|txt)$/i, '')}-取り込めない行.csv`)}`,
        )
        .header('cache-control', 'no-store')
        .send(toCsv(rejectedRowsTable(p.plan, req.query.lang)))
    },
  )

  app.get(
    '/imports/template',
    {
      schema: {
        tags: ['imports'],
        summary: 'An empty ledger template (CSV or .xlsx) with the headers the import reads, Japanese or English',
        querystring: z.object({
          format: z.enum(['csv', 'xlsx']).default('xlsx'),
          lang: z.enum(['ja', 'en']).default('ja'),
        }),
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const { format, lang } = req.query
      const name = lang === 'ja' ? '機器台帳テンプレート' : 'mamori-ledger-template'
      const body = format === 'csv' ? templateCsv(lang) : await templateXlsx(lang)
      return reply
        .header(
          'content-type',
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header(
          'content-disposition',
          `attachment; filename="mamori-ledger-template.${format}"; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`,
        )
        .send(body)
    },
  )

  app.post(
    '/imports/:id/commit',
    {
      schema: {
        tags: ['imports'],
        summary: 'Apply a previewed import in one transaction (409 IMPORT_STALE if the ledger changed since)',
        params: idParams,
        body: mappingBody,
        response: { 200: importResult },
      },
    },
    async (req) => {
      // Only the uploader (or an admin) may confirm someone's preview.
      const p = mine(req, req.params.id)
      // Column choices sent with the commit are applied to the same file (a fresh plan, checked as the preview was).
      const mapping = req.body?.mapping
      const plan = mapping ? await replan(p.plan.source, req.params.id, mapping) : p.plan
      pending.take(req.params.id)
      return commitDeviceImport(store, plan, { actor: actorOf(req) })
    },
  )
}
export default importRoutes
