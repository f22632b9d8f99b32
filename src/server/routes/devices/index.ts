import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  dashboardStats,
  device,
  deviceInput,
  deviceListQuery,
  deviceListResponse,
  devicePatch,
  deviceSaved,
} from '../../../../api/device.js'
import { actorOf, type Reply } from '../../context.js'
import { queryKey, VersionedCache } from '../../versioned-cache.js'

const idParams = z.object({ id: z.string().min(1).max(64) })

/** The device ledger: list/filter/search, read, create, edit (optimistic locking), delete, facets, dashboard. */
const deviceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { devices } = app.deps
  // Many people open the same lists; answers are reused until the ledger changes (see VersionedCache).
  const cache = new VersionedCache()
  const cached = async (reply: Reply, name: string, q: Record<string, unknown>, compute: () => Promise<unknown>) => {
    const today = new Date().toISOString().slice(0, 10)
    const body = await cache.get(`${await devices.version()}|${today}|${name}|${queryKey(q)}`, compute)
    return reply.type('application/json; charset=utf-8').send(body)
  }

  app.get(
    '/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'List devices with filters, full-text search (q), sorting and pagination',
        querystring: deviceListQuery,
        response: { 200: deviceListResponse },
      },
    },
    async (req, reply) => cached(reply, 'list', req.query, () => devices.list(req.query)),
  )

  app.get(
    '/devices/facets',
    {
      schema: {
        tags: ['devices'],
        summary: 'Distinct departments, manufacturers and sites for filter menus',
        response: {
          200: z.object({
            departments: z.array(z.string()),
            manufacturers: z.array(z.string()),
            sites: z.array(z.object({ id: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async (_req, reply) => cached(reply, 'facets', {}, () => devices.facets()),
  )

  app.get(
    '/dashboard',
    { schema: { tags: ['devices'], summary: 'Counts for the dashboard', response: { 200: dashboardStats } } },
    async (_req, reply) => cached(reply, 'stats', {}, () => devices.stats()),
  )

  app.get(
    '/devices/:id',
    { schema: { tags: ['devices'], summary: 'One device', params: idParams, response: { 200: device } } },
    async (req) => devices.get(req.params.id),
  )

  app.post(
    '/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'Add a device to the ledger',
        body: deviceInput,
        response: { 201: deviceSaved },
      },
    },
    async (req, reply) => {
      // The same rules as the ledger import: real addresses, something that identifies the device, one asset tag each.
      return reply.status(201).send(await devices.create(req.body, actorOf(req)))
    },
  )

  app.patch(
    '/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'Change a device; fails with 409 DEVICE_VERSION_CONFLICT if someone saved it first',
        params: idParams,
        body: z.object({ version: z.number().int().min(1), patch: devicePatch }),
        response: { 200: deviceSaved },
      },
    },
    async (req) => devices.update(req.params.id, req.body.version, req.body.patch, actorOf(req)),
  )

  app.delete(
    '/devices/:id',
    { schema: { tags: ['devices'], summary: 'Remove a device from the ledger', params: idParams } },
    async (req, reply) => {
      await devices.delete(req.params.id, actorOf(req))
      return reply.status(204).send()
    },
  )
}
export default deviceRoutes
