import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { MamoriError } from '../../core/errors.js'
import { requireRole } from '../context.js'

export const SESSION_COOKIE = 'mamori_session'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Registered inside the /api scope (see app.ts), so its hook runs for every route of that scope however the request
 * target was spelled. Deny by default: every matched route needs a session cookie or an `Authorization: Bearer` API
 * token unless the route itself says `config.public`; CSRF is checked on every state-changing request made with a
 * session cookie, and the route's role is enforced.
 */
async function authPlugin(app: FastifyInstance) {
  app.decorateRequest('user', null)
  app.decorateRequest('authVia', null)

  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (req.routeOptions.config?.public === true) return
    const { users } = app.deps
    const header = req.headers.authorization
    if (header?.startsWith('Bearer ')) {
      const user = await users.tokenUser(header.slice(7).trim())
      if (!user) throw MamoriError.of('AUTH_INVALID_TOKEN')
      req.user = user
      req.authVia = 'token'
    } else {
      const cookie = req.cookies[SESSION_COOKIE]
      const session = cookie ? await users.sessionUser(cookie) : null
      if (!session) throw MamoriError.of('AUTH_REQUIRED')
      req.user = session.user
      req.authVia = 'session'
      if (!SAFE_METHODS.has(req.method)) {
        const sent = req.headers['x-csrf-token']
        if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
          throw MamoriError.of('CSRF_INVALID')
        }
      }
    }
    const min = req.routeOptions.config?.minRole ?? (SAFE_METHODS.has(req.method) ? 'viewer' : 'engineer')
    requireRole(req, min)
  })
}

export default fp(authPlugin, { name: 'mamori-auth', dependencies: ['@fastify/cookie'] })
