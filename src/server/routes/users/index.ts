import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { user, userCreate, userUpdate } from '../../../../api/common.js'
import { MamoriError } from '../../../core/errors.js'
import { actorOf, userOf } from '../../context.js'
import { passwordChangeResult } from '../account/schema.js'

/**
 * An admin sets other people's passwords; their own goes through the Account page, which asks for the current one,
 * so that a borrowed or stolen session cannot take over the account without knowing it.
 */
const ownPasswordHere = () => MamoriError.of('USER_OWN_PASSWORD')

/** Local accounts, managed by admins. */
const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { users } = app.deps

  app.get(
    '/users',
    {
      config: { minRole: 'admin' },
      schema: { tags: ['users'], summary: 'All users', response: { 200: z.array(user) } },
    },
    async () => users.list(),
  )

  app.post(
    '/users',
    {
      config: { minRole: 'admin' },
      schema: { tags: ['users'], summary: 'Create a user', body: userCreate, response: { 201: user } },
    },
    async (req, reply) => reply.status(201).send(await users.create(req.body, actorOf(req))),
  )

  app.patch(
    '/users/:id',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Change role, name, password or disable',
        params: z.object({ id: z.string() }),
        body: userUpdate,
        response: { 200: user },
      },
    },
    async (req) => {
      if (req.params.id === userOf(req).id && (req.body.disabled || (req.body.role && req.body.role !== 'admin'))) {
        throw MamoriError.of('USER_SELF_LOCKOUT')
      }
      if (req.params.id === userOf(req).id && req.body.password !== undefined) throw ownPasswordHere()
      return users.update(req.params.id, req.body, actorOf(req))
    },
  )

  app.post(
    '/users/:id/password',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['users'],
        summary:
          "Reset another user's password (admin): every session of that user is ended and every API token revoked",
        params: z.object({ id: z.string() }),
        body: z.object({ password: z.string().min(12, 'at least 12 characters').max(256) }),
        response: { 200: passwordChangeResult },
      },
    },
    async (req) => {
      if (req.params.id === userOf(req).id) throw ownPasswordHere()
      const r = await users.resetPassword(req.params.id, req.body.password, actorOf(req))
      return { sessionsEnded: r.sessionsEnded, tokensRevoked: r.tokensRevoked }
    },
  )
}
export default userRoutes
