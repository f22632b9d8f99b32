import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  DECOMMISSION_ITEM_IDS,
  DECOMMISSION_STATES,
  decommission,
  decommissionComplete,
  decommissionHandoverInput,
  decommissionItemInput,
  decommissionStart,
} from '../../../../api/decommission.js'
import { actorOf } from '../../context.js'
import { attachment } from '../attachment.js'

const idParams = z.object({ id: z.string().min(1).max(100) })
const tags = ['decommission']

/** Decommissioning and handover (廃棄・譲渡, api/decommission.ts, ADR 0040): every role reads; an engineer changes. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { decommission: svc } = app.deps

  app.get(
    '/decommissions',
    {
      schema: {
        tags,
        summary: 'Decommissionings, newest first',
        querystring: z.object({ state: z.enum(DECOMMISSION_STATES).optional() }),
        response: { 200: z.object({ items: z.array(decommission) }) },
      },
    },
    async (req) => svc.list(req.query.state),
  )

  app.post(
    '/decommissions',
    {
      schema: {
        tags,
        summary: 'Start decommissioning a device',
        body: decommissionStart,
        response: { 200: decommission },
      },
    },
    async (req) => svc.start(req.body.device, actorOf(req)),
  )

  app.get(
    '/decommissions/:id',
    { schema: { tags, summary: 'One decommissioning', params: idParams, response: { 200: decommission } } },
    async (req) => svc.get(req.params.id),
  )

  app.get(
    '/devices/:deviceId/decommission',
    {
      schema: {
        tags,
        summary: "The device's latest decommissioning (device id or asset tag)",
        params: z.object({ deviceId: z.string().min(1).max(200) }),
        response: { 200: decommission },
      },
    },
    async (req) => svc.latestFor(req.params.deviceId),
  )

  app.put(
    '/decommissions/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: 'Mark a checklist item done or not applicable (with a note)',
        params: z.object({ id: z.string().min(1).max(100), itemId: z.enum(DECOMMISSION_ITEM_IDS) }),
        body: decommissionItemInput,
        response: { 200: decommission },
      },
    },
    async (req) => svc.item(req.params.id, req.params.itemId, req.body, actorOf(req)),
  )

  app.put(
    '/decommissions/:id/handover',
    {
      schema: {
        tags,
        summary: 'Erasure method and evidence, recipient and date',
        params: idParams,
        body: decommissionHandoverInput,
        response: { 200: decommission },
      },
    },
    async (req) => svc.handover(req.params.id, req.body, actorOf(req)),
  )

  app.post(
    '/decommissions/:id/complete',
    {
      schema: {
        tags,
        summary: 'Complete (device status → decommissioned); 409 when items are left or services depend on it',
        params: idParams,
        body: decommissionComplete,
        response: { 200: decommission },
      },
    },
    async (req) => svc.complete(req.params.id, req.body, actorOf(req)),
  )

  app.get(
    '/decommissions/:id/handover-sheet',
    {
      schema: {
        tags,
        summary: 'The handover sheet for the used-device dealer as PDF (audited as an export)',
        params: idParams,
        querystring: z.object({ lang: z.enum(['ja', 'en']).default('ja') }),
      },
    },
    async (req, reply) => {
      const file = await svc.handoverSheet(req.params.id, req.query.lang, actorOf(req))
      return attachment(reply, file.fileName, 'pdf', file.pdf)
    },
  )
}

export default routes
