import type { FastifyPluginAsync } from 'fastify'
import auditRoutes from './audit.js'
import authRoutes from './auth.js'
import deviceRoutes from './devices.js'
import discoveryRoutes from './discovery.js'
import healthRoutes from './health.js'
import tokenRoutes from './tokens.js'
import userRoutes from './users.js'

/** Every API plugin, one per resource, mounted under /api. Add new resources here. */
export const ROUTES: FastifyPluginAsync[] = [
  healthRoutes,
  authRoutes,
  deviceRoutes,
  auditRoutes,
  userRoutes,
  tokenRoutes,
  discoveryRoutes,
]
