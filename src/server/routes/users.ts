import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { user, userCreate, userUpdate } from '../../../api/common.js'
import { MamoriError } from '../../core/errors.js'
import { actorOf, userOf } from '../context.js'

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
        throw new MamoriError(
          'USER_SELF_LOCKOUT',
          'You cannot disable yourself or remove your own admin role. Ask another admin.',
          400,
        )
      }
      return users.update(req.params.id, req.body, actorOf(req))
    },
  )
}
export default userRoutes
