import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { exclusion, exclusionCreate } from '../../../../api/discovery.js'
import { actorOf } from '../../context.js'
import { discoveryIdParams as idParams } from '../params.js'

/** Addresses never scanned (e.g. life support): every role reads them, an admin adds or removes them (audited). */
const exclusionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { scopes } = app.deps

  app.get(
    '/exclusions',
    { schema: { tags: ['discovery'], summary: 'Addresses never scanned', response: { 200: z.array(exclusion) } } },
    async () => scopes.exclusions(),
  )
  app.post(
    '/exclusions',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['discovery'],
        summary: 'Exclude an address or range from every scan',
        body: exclusionCreate,
        response: { 201: exclusion },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await scopes.exclude(req.body.address, req.body.reason ?? null, actorOf(req))),
  )
  app.delete(
    '/exclusions/:id',
    { config: { minRole: 'admin' }, schema: { tags: ['discovery'], summary: 'Remove an exclusion', params: idParams } },
    async (req, reply) => {
      await scopes.include(req.params.id, actorOf(req))
      return reply.status(204).send()
    },
  )
}
export default exclusionRoutes
