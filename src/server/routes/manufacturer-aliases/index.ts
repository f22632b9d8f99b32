import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { aliasCreate, aliasUpdate, manufacturerAlias } from '../../../../api/catalog.js'
import { actorOf } from '../../context.js'
import { aliasIdParams as params } from './schema.js'

const tags = ['catalog']

/** The manufacturer alias table (name as ledgers write it → vendor): every role reads, admins edit (audited). */
const manufacturerAliasRoutes: FastifyPluginAsyncZod = async (app) => {
  const { catalog } = app.deps

  app.get(
    '/manufacturer-aliases',
    { schema: { tags, summary: 'The manufacturer alias table', response: { 200: z.array(manufacturerAlias) } } },
    async () => catalog.aliases(),
  )
  app.post(
    '/manufacturer-aliases',
    {
      config: { minRole: 'admin' },
      schema: { tags, summary: 'Add an alias', body: aliasCreate, response: { 201: manufacturerAlias } },
    },
    async (req, reply) => reply.status(201).send(await catalog.addAlias(actorOf(req), req.body)),
  )
  app.patch(
    '/manufacturer-aliases/:id',
    {
      config: { minRole: 'admin' },
      schema: {
        tags,
        summary: 'Change an alias or its vendor',
        params,
        body: aliasUpdate,
        response: { 200: manufacturerAlias },
      },
    },
    async (req) => catalog.updateAlias(actorOf(req), req.params.id, req.body),
  )
  app.delete(
    '/manufacturer-aliases/:id',
    {
      config: { minRole: 'admin' },
      schema: { tags, summary: 'Delete an alias (a built-in one stays deleted)', params },
    },
    async (req, reply) => {
      await catalog.removeAlias(actorOf(req), req.params.id)
      return reply.status(204).send()
    },
  )
}
export default manufacturerAliasRoutes
