import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { scope, scopeCreate } from '../../../../api/discovery.js'
import { actorOf } from '../../context.js'
import { discoveryIdParams as idParams } from '../params.js'

/** Approved scan scopes: every role reads them, an admin approves or withdraws them (audited). */
const scopeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { scopes } = app.deps

  app.get(
    '/scopes',
    { schema: { tags: ['discovery'], summary: 'Approved scan scopes', response: { 200: z.array(scope) } } },
    async () => scopes.scopes(),
  )
  app.post(
    '/scopes',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['discovery'],
        summary: 'Approve a scope (CIDR, range or address)',
        body: scopeCreate,
        response: { 201: scope },
      },
    },
    async (req, reply) => {
      // TARGET_INVALID, SCOPE_NEEDS_CONFIRMATION
      const s = await scopes.approve(req.body.target, req.body, actorOf(req))
      return reply.status(201).send(s)
    },
  )
  app.delete(
    '/scopes/:id',
    { config: { minRole: 'admin' }, schema: { tags: ['discovery'], summary: 'Withdraw a scope', params: idParams } },
    async (req, reply) => {
      await scopes.withdraw(req.params.id, actorOf(req))
      return reply.status(204).send()
    },
  )
}
export default scopeRoutes
