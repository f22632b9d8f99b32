import type { FastifyPluginAsync } from 'fastify'
import accountRoutes from './account.js'
import auditRoutes from './audit.js'
import authRoutes from './auth.js'
import deviceExportRoutes from './device-export.js'
import deviceRoutes from './devices.js'
import discoveryRoutes from './discovery.js'
import healthRoutes from './health.js'
import importRoutes from './imports.js'
import overviewRoutes from './overview.js'
import tokenRoutes from './tokens.js'
import userRoutes from './users.js'

/** Every API plugin, one per resource, mounted under /api. Add new resources here. */
export const ROUTES: FastifyPluginAsync[] = [
  healthRoutes,
  authRoutes,
  deviceRoutes,
  deviceExportRoutes,
  importRoutes,
  auditRoutes,
  userRoutes,
  tokenRoutes,
  accountRoutes,
  discoveryRoutes,
  overviewRoutes,
]
