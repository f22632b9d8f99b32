import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { bid, bidAnswersImport, bidComparison, bidInput, requirementSet } from '../../../../api/procurement.js'
import { actorOf } from '../../context.js'
import { attachment } from '../attachment.js'
import { readUpload } from '../upload.js'

const idParams = z.object({ id: z.string().min(1).max(100) })
const lang = z.enum(['ja', 'en']).default('ja')
const format = z.enum(['xlsx', 'pdf'])
const bidList = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )

/**
 * Procurement (api/procurement.ts, ADR 0039): every role reads; bids need an engineer; the requirement set an admin.
 * Changes and exports are audited.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { procurement } = app.deps

  app.get(
    '/procurement/requirements',
    {
      schema: {
        tags: ['procurement'],
        summary: "The hospital's requirement set (Mamori's template until someone edits it)",
        response: { 200: requirementSet },
      },
    },
    async () => procurement.requirements(),
  )

  app.put(
    '/procurement/requirements',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['procurement'],
        summary: 'Replace the requirement set; 422 PROCUREMENT_REQUIREMENTS_INVALID lists every problem (audited)',
        // Validated by the service so that every problem (ids unique too) is listed in one 422.
        body: z.unknown(),
        response: { 200: requirementSet },
      },
    },
    async (req) => procurement.putRequirements(actorOf(req), req.body),
  )

  app.post(
    '/procurement/requirements/reset',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['procurement'],
        summary: "Back to Mamori's template (audited)",
        response: { 200: requirementSet },
      },
    },
    async (req) => procurement.resetRequirements(actorOf(req)),
  )

  app.get(
    '/procurement/requirements/export',
    {
      schema: {
        tags: ['procurement'],
        summary: 'The requirement sheet to attach to a tender (.xlsx with an answer column, or PDF); audited',
        querystring: z.object({ lang, format, bidId: z.string().max(100).optional() }),
      },
    },
    async (req, reply) => {
      const out = await procurement.exportRequirements(actorOf(req), req.query)
      return attachment(reply, out.fileName, out.format, out.bytes)
    },
  )

  app.get(
    '/procurement/bids',
    {
      schema: {
        tags: ['procurement'],
        summary: 'Bids with their scores',
        response: { 200: z.object({ items: z.array(bid) }) },
      },
    },
    async () => procurement.bids(),
  )

  app.post(
    '/procurement/bids',
    {
      config: { minRole: 'engineer' },
      schema: { tags: ['procurement'], summary: 'Record a bid (audited)', body: bidInput, response: { 200: bid } },
    },
    async (req) => procurement.createBid(actorOf(req), req.body),
  )

  app.get(
    '/procurement/bids/:id',
    { schema: { tags: ['procurement'], summary: 'One bid with its score', params: idParams, response: { 200: bid } } },
    async (req) => procurement.bid(req.params.id),
  )

  app.put(
    '/procurement/bids/:id',
    {
      config: { minRole: 'engineer' },
      schema: {
        tags: ['procurement'],
        summary: 'Change a bid (audited)',
        params: idParams,
        body: bidInput,
        response: { 200: bid },
      },
    },
    async (req) => procurement.updateBid(actorOf(req), req.params.id, req.body),
  )

  app.delete(
    '/procurement/bids/:id',
    {
      config: { minRole: 'engineer' },
      schema: { tags: ['procurement'], summary: 'Remove a bid (audited)', params: idParams },
    },
    async (req, reply) => {
      await procurement.deleteBid(actorOf(req), req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/procurement/bids/:id/answers',
    {
      config: { minRole: 'engineer' },
      schema: {
        tags: ['procurement'],
        summary:
          "Read the vendor's returned requirement sheet (.xlsx); 422 PROCUREMENT_ANSWERS_UNREADABLE names sheet, cell, value and why; all or nothing",
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 200: bidAnswersImport },
      },
    },
    async (req) => {
      const { file, bytes } = await readUpload(req)
      return procurement.importAnswers(actorOf(req), req.params.id, file.filename || 'answers.xlsx', bytes)
    },
  )

  app.get(
    '/procurement/compare',
    {
      schema: {
        tags: ['procurement'],
        summary: "2–10 bids side by side with their models' disclosures",
        querystring: z.object({ bids: bidList }),
        response: { 200: bidComparison },
      },
    },
    async (req) => procurement.compare(req.query.bids),
  )

  app.get(
    '/procurement/compare/export',
    {
      schema: {
        tags: ['procurement'],
        summary: 'The comparison as .xlsx or PDF; audited',
        querystring: z.object({ bids: bidList, lang, format }),
      },
    },
    async (req, reply) => {
      const out = await procurement.exportComparison(actorOf(req), req.query.bids, req.query)
      return attachment(reply, out.fileName, out.format, out.bytes)
    },
  )
}

export default routes
