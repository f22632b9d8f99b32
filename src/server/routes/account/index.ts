import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { actorOf, userOf } from '../../context.js'
import { SESSION_COOKIE } from '../../plugins/auth.js'
import { passwordChangeResult } from './schema.js'

/** The signed-in user's own account. */
const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const { users, config } = app.deps

  app.post(
    '/account/password',
    {
      // Every role may change its own password; guessing the current one is throttled like the login.
      config: { minRole: 'viewer', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['account'],
        summary:
          'Change my password (needs the current one). Ends every other session and revokes every API token; ' +
          'from a browser the session is renewed (new cookie and CSRF token), so the page stays signed in.',
        body: z.object({
          currentPassword: z.string().min(1).max(256),
          newPassword: z.string().min(12, 'at least 12 characters').max(256),
        }),
        response: { 200: passwordChangeResult },
      },
    },
    async (req, reply) => {
      const fromBrowser = req.authVia === 'session'
      const r = await users.changeOwnPassword(userOf(req).id, req.body, actorOf(req), {
        sessionHours: fromBrowser ? config.sessionHours : undefined,
      })
      if (r.session) {
        reply.setCookie(SESSION_COOKIE, r.session.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: config.secureCookies,
          expires: new Date(r.session.expiresAt),
        })
      }
      return { sessionsEnded: r.sessionsEnded, tokensRevoked: r.tokensRevoked, csrfToken: r.session?.csrfToken }
    },
  )
}
export default accountRoutes
