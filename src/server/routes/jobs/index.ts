import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { job, jobList, jobQuery } from '../../../../api/jobs.js'
import { actorOf } from '../../context.js'

const idParams = z.object({ id: z.string().min(1).max(100) })

/**
 * Jobs: every long piece of work (scans, ledger imports, scheduled scans) with its state and progress. Every role
 * reads them; an engineer or admin cancels one (409 JOB_FINISHED once it has finished).
 */
const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  const { jobs } = app.deps

  app.get(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Jobs, newest first (filter by kind and state)',
        querystring: jobQuery,
        response: { 200: jobList },
      },
    },
    async (req) => jobs.list(req.query),
  )
  app.get(
    '/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'One job with its live progress, result or error',
        params: idParams,
        response: { 200: job },
      },
    },
    async (req) => jobs.get(req.params.id),
  )
  app.post(
    '/jobs/:id/cancel',
    {
      config: { minRole: 'engineer' },
      schema: {
        tags: ['jobs'],
        summary: 'Cancel a queued or running job (answers at once; the work stops and records how far it got)',
        params: idParams,
        response: { 200: job },
      },
    },
    async (req) => jobs.cancel(req.params.id, actorOf(req)),
  )
}

export default jobRoutes
