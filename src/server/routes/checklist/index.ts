import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  checklistAnswer,
  checklistAnswerInput,
  checklistAttachment,
  checklistEdition,
  checklistForm,
  checklistVendor,
  checklistView,
} from '../../../../api/checklist.js'
import { actorOf } from '../../context.js'
import { attachment } from '../attachment.js'
import { readUpload } from '../upload.js'

const scopeQuery = z.object({
  edition: z.string().max(100).optional(),
  vendorId: z.string().max(100).optional(),
})
const itemParams = z.object({ itemId: z.string().min(1).max(50) })
const idParams = z.object({ id: z.string().min(1).max(100) })
const lang = z.enum(['ja', 'en']).default('ja')
const format = z.enum(['xlsx', 'pdf'])

/** Types an attached file may be served as; anything else is sent as bytes to save, never rendered by the browser. */
const SERVED_AS_IS = new Set(['application/pdf', 'image/png', 'image/jpeg'])

/**
 * The MHLW checklist (api/checklist.ts): every role reads; an engineer answers and attaches; an admin loads editions.
 * Item ids are the printed numbers ("2-⑥", "前提"), percent-encoded in URLs (Fastify decodes them).
 */
const checklistRoutes: FastifyPluginAsyncZod = async (app) => {
  const { checklist } = app.deps

  app.get(
    '/checklist/editions',
    {
      schema: {
        tags: ['checklist'],
        summary: 'Checklist editions: built in (令和7年度) and loaded from MHLW .xlsx forms',
        response: { 200: z.object({ items: z.array(checklistEdition) }) },
      },
    },
    async () => ({ items: await checklist.editions() }),
  )

  app.post(
    '/checklist/editions',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['checklist'],
        summary:
          "Load a newer edition from MHLW's .xlsx form; 422 CHECKLIST_UNREADABLE lists every problem and stores nothing",
        consumes: ['multipart/form-data'],
        response: { 200: checklistEdition },
      },
    },
    async (req) => {
      const { file, bytes } = await readUpload(req)
      return checklist.importEdition(actorOf(req), file.filename || 'upload.xlsx', bytes)
    },
  )

  app.get(
    '/checklist',
    {
      schema: {
        tags: ['checklist'],
        summary: 'The checklist: every item with its answer and the evidence Mamori holds, and the completion',
        querystring: scopeQuery.extend({ form: checklistForm.default('hospital') }),
        response: { 200: checklistView },
      },
    },
    async (req) => checklist.view({ form: req.query.form, editionId: req.query.edition, vendorId: req.query.vendorId }),
  )

  app.put(
    '/checklist/answers/:itemId',
    {
      schema: {
        tags: ['checklist'],
        summary:
          'Answer an item (はい/いいえ, 確認日, 目標日 for いいえ); 400 CHECKLIST_ANSWER_INVALID names the field; audited',
        params: itemParams,
        querystring: scopeQuery,
        body: checklistAnswerInput,
        response: { 200: checklistAnswer },
      },
    },
    async (req) =>
      checklist.answer(actorOf(req), req.params.itemId, req.body, {
        editionId: req.query.edition,
        vendorId: req.query.vendorId,
      }),
  )

  app.post(
    '/checklist/answers/:itemId/attachments',
    {
      schema: {
        tags: ['checklist'],
        summary: "Attach a file to an item's answer (at most 10 MiB); audited",
        consumes: ['multipart/form-data'],
        params: itemParams,
        querystring: scopeQuery,
        response: { 200: checklistAttachment },
      },
    },
    async (req) => {
      const { file, bytes } = await readUpload(req)
      return checklist.attach(
        actorOf(req),
        req.params.itemId,
        { fileName: file.filename || 'file', bytes, declaredType: file.mimetype },
        { editionId: req.query.edition, vendorId: req.query.vendorId },
      )
    },
  )

  app.get(
    '/checklist/attachments/:id',
    { schema: { tags: ['checklist'], summary: 'An attached file', params: idParams } },
    async (req, reply) => {
      const { meta, bytes } = await checklist.attachment(req.params.id)
      const type = SERVED_AS_IS.has(meta.mediaType) ? meta.mediaType : 'application/octet-stream'
      const ascii = meta.fileName.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\]/g, '_')
      return reply
        .header('content-type', type)
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(meta.fileName)}`,
        )
        .header('cache-control', 'no-store')
        .send(bytes)
    },
  )

  app.delete(
    '/checklist/attachments/:id',
    {
      schema: {
        tags: ['checklist'],
        summary: 'Remove an attached file; audited',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await checklist.deleteAttachment(actorOf(req), req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/checklist/export',
    {
      schema: {
        tags: ['checklist'],
        summary: 'The checklist as .xlsx or PDF in the layout inspectors expect (form + evidence); audited',
        querystring: scopeQuery.extend({ format, form: checklistForm.default('hospital'), lang }),
      },
    },
    async (req, reply) => {
      const q = req.query
      const out = await checklist.export(actorOf(req), {
        format: q.format,
        form: q.form,
        editionId: q.edition,
        vendorId: q.vendorId,
        lang: q.lang,
      })
      return attachment(reply, out.fileName, out.format, out.bytes)
    },
  )

  app.get(
    '/checklist/vendors',
    {
      schema: {
        tags: ['checklist'],
        summary: 'Vendors the 事業者確認用 goes to, with how many items each has answered',
        response: { 200: z.object({ items: z.array(checklistVendor) }) },
      },
    },
    async () => ({ items: await checklist.vendors() }),
  )

  app.post(
    '/checklist/vendors',
    {
      schema: {
        tags: ['checklist'],
        summary: 'Add a vendor; audited',
        body: z.object({ name: z.string().trim().min(1).max(200), contact: z.string().max(500).nullable().optional() }),
        response: { 200: checklistVendor },
      },
    },
    async (req) => checklist.createVendor(actorOf(req), req.body),
  )

  app.get(
    '/checklist/vendors/:id/form',
    {
      schema: {
        tags: ['checklist'],
        summary: 'The 事業者確認用 to send to this vendor (.xlsx or PDF), with its name filled in',
        params: idParams,
        querystring: z.object({ format, lang, edition: z.string().max(100).optional() }),
      },
    },
    async (req, reply) => {
      const out = await checklist.export(actorOf(req), {
        format: req.query.format,
        form: 'vendor',
        editionId: req.query.edition,
        vendorId: req.params.id,
        lang: req.query.lang,
      })
      return attachment(reply, out.fileName, out.format, out.bytes)
    },
  )
}

export default checklistRoutes
