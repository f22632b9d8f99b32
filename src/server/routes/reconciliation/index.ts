import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { device } from '../../../../api/device.js'
import { reconciliation } from '../../../../api/discovery.js'
import { actorOf } from '../../context.js'
import { addHostBody, reconciliationQuery } from './schema.js'

/** A scan against the whole ledger (reconciliation proposes), and adding a discovered host (a person accepts). */
const reconciliationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { reconciliation: service } = app.deps

  app.get(
    '/reconciliation',
    {
      schema: {
        tags: ['discovery'],
        summary: 'Latest scan versus the ledger: matched, unknown hosts and ledger devices not seen',
        querystring: reconciliationQuery,
        response: { 200: reconciliation },
      },
    },
    async (req) => service.ofScan(req.query.scanId),
  )
  app.post(
    '/reconciliation/add',
    {
      schema: {
        tags: ['discovery'],
        summary: 'Add a discovered host to the ledger in one step (identification prefilled)',
        body: addHostBody,
        response: { 201: device },
      },
    },
    async (req, reply) => {
      // One transaction: the device exists only if the host is linked to it (HOST_ALREADY_IN_LEDGER when linked).
      const created = await service.addHost(req.body.hostId, { department: req.body.department ?? null }, actorOf(req))
      return reply.status(201).send(created)
    },
  )
}
export default reconciliationRoutes
