import { randomUUID } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { importPreview, importResult } from '../../../../api/import.js'
import { MamoriError } from '../../../core/errors.js'
import { toCsv } from '../../../exporters/csv.js'
import { templateCsv, templateXlsx } from '../../../exporters/import-template.js'
import { unsafeWorkbookError } from '../../../importers/zip-check.js'
import { rejectedRowsTable } from '../../../services/import-devices.js'
import { actorOf, hasRole, userOf } from '../../context.js'
import { readUpload } from '../upload.js'

const idParams = z.object({ id: z.string().uuid() })

/** A person's column choices: header as written in the file → field id, `customFields.<name>`, or null (ignore). */
const mappingOverride = z.record(z.string().max(200), z.string().max(200).nullable())
const mappingBody = z.object({ mapping: mappingOverride.optional() }).nullish()

/** Who asks, for the "only the uploader (or an admin)" rule of previews. */
const requester = (req: FastifyRequest) => ({ id: userOf(req).id, isAdmin: hasRole(userOf(req), 'admin') })

/**
 * Ledger import: POST /imports uploads a CSV/XLSX file (multipart field "file", at most MAMORI_MAX_UPLOAD_MB) and
 * returns the dry-run preview; nothing is written until POST /imports/:id/commit, which applies it in one transaction.
 */
const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const { imports } = app.deps

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
      if (!req.isMultipart()) throw MamoriError.of('IMPORT_NO_FILE')
      const { file, bytes } = await readUpload(req)
      const unsafe = await unsafeWorkbookError(bytes, file.filename || 'upload')
      if (unsafe) throw unsafe
      // Kept even when the mapping is unusable: a person may fix it by choosing the columns (POST /imports/:id/mapping).
      return imports.preview({ bytes, fileName: file.filename || 'upload' }, randomUUID(), {
        id: user.id,
        isAdmin: hasRole(user, 'admin'),
      })
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
    async (req) => imports.mine(req.params.id, requester(req)).plan.preview,
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
    async (req) => imports.remap(req.params.id, requester(req), req.body.mapping),
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
      const p = imports.mine(req.params.id, requester(req))
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
        summary:
          'Apply a previewed import in one transaction, as a device-import job (409 IMPORT_STALE if the ledger changed since)',
        params: idParams,
        body: mappingBody,
        response: { 200: importResult.extend({ jobId: z.string() }) },
      },
    },
    // Only the uploader (or an admin) may confirm someone's preview. The commit runs as a device-import job (jobId in
    // the answer); the request waits for it, so the answer is the import's result as before.
    async (req) =>
      imports.commit(req.params.id, requester(req), actorOf(req), { mapping: req.body?.mapping ?? undefined }),
  )
}
export default importRoutes
