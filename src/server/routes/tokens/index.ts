import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { actorOf, userOf } from '../../context.js'

const tokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})

/** API tokens for scripts; each user manages their own. The secret is shown once, at creation. */
const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  const { users } = app.deps

  app.get(
    '/tokens',
    {
      config: { minRole: 'viewer' },
      schema: { tags: ['tokens'], summary: 'My API tokens', response: { 200: z.array(tokenInfo) } },
    },
    async (req) => users.listTokens(userOf(req).id),
  )

  app.post(
    '/tokens',
    {
      config: { minRole: 'viewer' },
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token (shown once)',
        body: z.object({ name: z.string().trim().min(1).max(100) }),
        response: { 201: z.object({ id: z.string(), token: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await users.createToken(userOf(req).id, req.body.name, actorOf(req))),
  )

  app.delete(
    '/tokens/:id',
    {
      config: { minRole: 'viewer' },
      schema: { tags: ['tokens'], summary: 'Revoke an API token', params: z.object({ id: z.string() }) },
    },
    async (req, reply) => {
      await users.revokeToken(userOf(req).id, req.params.id, actorOf(req))
      return reply.status(204).send()
    },
  )
}
export default tokenRoutes
