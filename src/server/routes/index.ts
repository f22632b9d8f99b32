import type { FastifyPluginAsync } from 'fastify'
import acceptanceRoutes from './acceptance/index.js'
import accountRoutes from './account/index.js'
import actionsRoutes from './actions/index.js'
import advisoryRoutes from './advisories/index.js'
import auditRoutes from './audit/index.js'
import authRoutes from './auth/index.js'
import bcpRoutes from './bcp/index.js'
import bcpPlansRoutes from './bcp-plans/index.js'
import benchmarkRoutes from './benchmark/index.js'
import captureRoutes from './capture/index.js'
import checklistRoutes from './checklist/index.js'
import decommissionRoutes from './decommission/index.js'
import deviceExportRoutes from './devices/export.js'
import deviceRoutes from './devices/index.js'
import disclosureRoutes from './disclosures/index.js'
import declaredPortRoutes from './disclosures/ports.js'
import exclusionRoutes from './exclusions/index.js'
import feedRoutes from './feeds/index.js'
import findingRoutes from './findings/index.js'
import healthRoutes from './health/index.js'
import importRoutes from './imports/index.js'
import jobRoutes from './jobs/index.js'
import lifecycleRoutes from './lifecycle/index.js'
import manufacturerAliasRoutes from './manufacturer-aliases/index.js'
import modelRoutes from './models/index.js'
import notificationRoutes from './notifications/index.js'
import overviewRoutes from './overview/index.js'
import procurementRoutes from './procurement/index.js'
import reconciliationRoutes from './reconciliation/index.js'
import reportsRoutes from './reports/index.js'
import riskRoutes from './risk/index.js'
import sbomRoutes from './sboms/index.js'
import scanRoutes from './scans/index.js'
import scheduleRoutes from './schedules/index.js'
import scopeRoutes from './scopes/index.js'
import tokenRoutes from './tokens/index.js'
import userRoutes from './users/index.js'

/** Every API plugin, one folder per resource, mounted under /api. Add new resources here, one line each. */
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
  scopeRoutes,
  exclusionRoutes,
  scanRoutes,
  scheduleRoutes,
  jobRoutes,
  findingRoutes,
  reconciliationRoutes,
  overviewRoutes,
  disclosureRoutes,
  declaredPortRoutes,
  modelRoutes,
  manufacturerAliasRoutes,
  advisoryRoutes,
  sbomRoutes,
  feedRoutes,
  notificationRoutes,
  riskRoutes,
  actionsRoutes,
  checklistRoutes,
  benchmarkRoutes,
  reportsRoutes,
  procurementRoutes,
  acceptanceRoutes,
  decommissionRoutes,
  lifecycleRoutes,
  bcpRoutes,
  bcpPlansRoutes,
  captureRoutes,
]
