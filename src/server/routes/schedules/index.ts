import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { actorOf } from '../../context.js'
import { discoveryIdParams as idParams } from '../params.js'

/** A scheduled scan as the API has always returned it (targets as a JSON list, enabled as 0/1). */
const schedule = z.object({
  id: z.string(),
  cron: z.string(),
  targets: z.string(),
  profile: z.string(),
  portSpec: z.string().nullable(),
  enabled: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastRunAt: z.string().nullable(),
})

/**
 * Scheduled scans (admin changes them). A due schedule starts a scan job with trigger `schedule`, under the same
 * scope and safety rules as any scan.
 */
const scheduleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { schedules } = app.deps

  app.get(
    '/schedules',
    { schema: { tags: ['discovery'], summary: 'Scheduled scans', response: { 200: z.array(schedule) } } },
    async () => schedules.list(),
  )
  app.post(
    '/schedules',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['discovery'],
        summary: 'Schedule a recurring scan (cron, e.g. "0 2 * * 0"); same scope and safety rules',
        body: z.object({
          cron: z.string().min(9).max(100),
          targets: z.array(z.string().max(100)).min(1).max(100),
          profile: z.enum(['gentle', 'standard', 'fast']).default('gentle'),
          ports: z.string().max(2000).optional(),
        }),
        response: { 201: schedule },
      },
    },
    async (req, reply) => reply.status(201).send(await schedules.create(req.body, actorOf(req))),
  )
  app.delete(
    '/schedules/:id',
    { config: { minRole: 'admin' }, schema: { tags: ['discovery'], summary: 'Delete a schedule', params: idParams } },
    async (req, reply) => {
      await schedules.remove(req.params.id, actorOf(req))
      return reply.status(204).send()
    },
  )
}

export default scheduleRoutes
