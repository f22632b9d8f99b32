import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditEntry, page } from '../../../../api/common.js'
import { deviceDiscovery, findingExportQuery, firstSteps as firstStepsSchema } from '../../../../api/discovery.js'
import { findingsToCsv, findingsToXlsx } from '../../../exporters/findings-export.js'
import { actorOf, hasRole, userOf } from '../../context.js'

const idParams = z.object({ id: z.string().min(1).max(64) })

/** Findings exported at once at most; more is a sign to filter first. */
const EXPORT_LIMIT = 50_000

/**
 * The story views: a device's history and what discovery saw of it, the dashboard's "first steps", and the
 * findings export. All are readable by every role (viewers see the device page and findings already); the global
 * audit log stays admin-only, and a device's history hides the actors' IP addresses from non-admins.
 */
const overviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const { devices, audit, findings, firstSteps } = app.deps

  app.get(
    '/devices/:id/history',
    {
      schema: {
        tags: ['devices'],
        summary: "The device's history from the audit log (its changes and its findings' decisions), newest first",
        params: idParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: page(auditEntry) },
      },
    },
    async (req) => {
      const d = await devices.get(req.params.id) // 404 for an unknown device
      const h = await audit.deviceHistory(d.id, req.query)
      const admin = hasRole(userOf(req), 'admin')
      const items = await audit.withTargetLabels(h.items.map((e) => (admin ? e : { ...e, ip: null })))
      return { items, total: h.total, limit: req.query.limit, offset: req.query.offset }
    },
  )

  app.get(
    '/devices/:id/discovery',
    {
      schema: {
        tags: ['devices'],
        summary: 'When a scan last saw the device, at which address, with which open ports',
        params: idParams,
        response: { 200: deviceDiscovery },
      },
    },
    async (req) => {
      const d = await devices.get(req.params.id)
      return { lastSeen: await firstSteps.lastSeen(d) }
    },
  )

  app.get(
    '/first-steps',
    {
      schema: {
        tags: ['discovery'],
        summary: 'The first steps (import, scope, scan, findings, reconciliation) with their state, and open findings',
        response: { 200: firstStepsSchema },
      },
    },
    async () => firstSteps.steps(),
  )

  app.get(
    '/findings/export',
    {
      schema: {
        tags: ['findings'],
        summary: 'Findings (same filters as the list) as CSV (UTF-8 with BOM) or Excel, in Japanese or English',
        querystring: findingExportQuery,
      },
    },
    async (req, reply) => {
      const { format, lang, ...filters } = req.query
      const { items } = await findings.list({ ...filters, limit: EXPORT_LIMIT, offset: 0 })
      await audit.record(actorOf(req), {
        action: 'export.findings',
        after: { format, lang, filters, count: items.length },
      })
      const name = `mamori-findings-${new Date().toISOString().slice(0, 10)}`
      if (format === 'xlsx')
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await findingsToXlsx(items, lang))
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(findingsToCsv(items, lang))
    },
  )
}
export default overviewRoutes
