import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { deviceListQuery } from '../../../../api/device.js'
import { exportDevices } from '../../../services/export-devices.js'
import { actorOf } from '../../context.js'

const exportQuery = deviceListQuery.omit({ limit: true, offset: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  lang: z.enum(['ja', 'en']).default('ja'),
})

/** GET /devices/export: the ledger (with the list's filters) as CSV (UTF-8 with BOM) or .xlsx, Japanese or English headers. */
const deviceExportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { devices, audit } = app.deps
  app.get(
    '/devices/export',
    {
      schema: {
        tags: ['devices'],
        summary: 'Export the device ledger as CSV or Excel, with the same filters as the list',
        querystring: exportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const { format, lang, ...filters } = req.query
      const file = await exportDevices((q) => devices.list(q), filters, format, lang)
      // Taking a copy of the ledger is audited: who, when, from where, which format and filters, how many devices.
      await audit.record(actorOf(req), {
        action: 'export.devices',
        after: { format, lang, filters, devices: file.count },
      })
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.body)
    },
  )
}
export default deviceExportRoutes
