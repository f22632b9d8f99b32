import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { auditEntry, page } from '../../../../api/common.js'
import { toCsv } from '../../../exporters/csv.js'
import { actorOf } from '../../context.js'
import { auditQuery } from './schema.js'

/** The audit log is for admins only: it shows who changed what, including failed logins. */
const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { audit } = app.deps

  app.get(
    '/audit',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first',
        querystring: auditQuery,
        response: { 200: page(auditEntry) },
      },
    },
    async (req) => {
      const r = await audit.list(req.query)
      // Targets as people know them (asset tag, range, user name) rather than UUIDs.
      return {
        items: await audit.withTargetLabels(r.items),
        total: r.total,
        limit: req.query.limit,
        offset: req.query.offset,
      }
    },
  )

  app.get(
    '/audit/export',
    {
      config: { minRole: 'admin' },
      schema: { tags: ['audit'], summary: 'The whole audit log as CSV (UTF-8 with BOM)' },
    },
    async (req, reply) => {
      const rows: string[][] = [['id', 'at', 'actor', 'action', 'target_type', 'target_id', 'ip', 'before', 'after']]
      for (let offset = 0; ; offset += 1000) {
        const { items } = await audit.list({ limit: 1000, offset })
        for (const e of items)
          rows.push([
            String(e.id),
            e.at,
            e.actor ?? '',
            e.action,
            e.targetType ?? '',
            e.targetId ?? '',
            e.ip ?? '',
            e.before === null ? '' : JSON.stringify(e.before),
            e.after === null ? '' : JSON.stringify(e.after),
          ])
        if (items.length < 1000) break
      }
      // Who took a copy of the audit log is itself audited (after reading, so the file ends before this row).
      await audit.record(actorOf(req), { action: 'export.audit', after: { format: 'csv', rows: rows.length - 1 } })
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="mamori-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        )
        .header('cache-control', 'no-store')
        .send(toCsv(rows))
    },
  )
}
export default auditRoutes
