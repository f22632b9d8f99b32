import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { session } from '../../../../api/common.js'
import { MamoriError } from '../../../core/errors.js'
import { SESSION_COOKIE } from '../../plugins/auth.js'

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { users, config, audit } = app.deps

  app.post(
    '/auth/login',
    {
      // Brute-force protection: 10 attempts per minute per client address.
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with user name and password; sets the session cookie',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: session },
      },
    },
    async (req, reply) => {
      const user = await users.authenticate(req.body.username, req.body.password)
      if (!user) {
        await audit.record({ id: null, name: req.body.username, ip: req.ip }, { action: 'auth.login.failed' })
        throw MamoriError.of('AUTH_INVALID')
      }
      const s = await users.createSession(user.id, config.sessionHours)
      await audit.record({ id: user.id, name: user.username, ip: req.ip }, { action: 'auth.login' })
      reply.setCookie(SESSION_COOKIE, s.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: config.secureCookies,
        expires: new Date(s.expiresAt),
      })
      return { user, csrfToken: s.csrfToken }
    },
  )

  app.post(
    '/auth/logout',
    { config: { minRole: 'viewer' }, schema: { tags: ['auth'], summary: 'Sign out' } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE]
      if (token) await users.deleteSession(token)
      if (req.user)
        await audit.record({ id: req.user.id, name: req.user.username, ip: req.ip }, { action: 'auth.logout' })
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.status(204).send()
    },
  )

  app.get(
    '/auth/session',
    { schema: { tags: ['auth'], summary: 'The signed-in user and the CSRF token', response: { 200: session } } },
    async (req) => {
      const token = req.cookies[SESSION_COOKIE]
      const s = token ? await users.sessionUser(token) : null
      if (!s) throw MamoriError.of('AUTH_REQUIRED')
      return s
    },
  )
}
export default authRoutes
