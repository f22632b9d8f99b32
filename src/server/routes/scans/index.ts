import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { scan, scanCreate, scanHost } from '../../../../api/discovery.js'
import { actorOf } from '../../context.js'
import { discoveryIdParams as idParams } from '../params.js'

/**
 * Scans (engineer; gentle by default), their hosts and drift. A scan runs as a `scan` job: the scan JSON carries its
 * `jobId` (follow it at GET /api/jobs/:id); stopping the scan cancels the job. Every scan is in the audit log.
 */
const scanRoutes: FastifyPluginAsyncZod = async (app) => {
  const { discovery, scans } = app.deps

  app.get(
    '/scans',
    { schema: { tags: ['discovery'], summary: 'Recent scans', response: { 200: z.array(scan) } } },
    async () => scans.list(),
  )
  app.post(
    '/scans',
    {
      schema: {
        tags: ['discovery'],
        summary: 'Start a scan inside the approved scopes (profile gentle by default); it runs as a job',
        body: scanCreate,
        response: { 202: scan },
      },
    },
    async (req, reply) => {
      const { scan: s } = await scans.start(req.body, actorOf(req))
      return reply.status(202).send(s)
    },
  )
  app.get(
    '/scans/:id',
    {
      schema: {
        tags: ['discovery'],
        summary: 'One scan with live progress and its job id',
        params: idParams,
        response: { 200: scan },
      },
    },
    async (req) => scans.get(req.params.id),
  )
  app.post(
    '/scans/:id/stop',
    {
      schema: {
        tags: ['discovery'],
        summary: 'Stop a running scan at once (cancels its job)',
        params: idParams,
        response: { 200: scan },
      },
    },
    async (req) => scans.stop(req.params.id, actorOf(req)),
  )
  app.get(
    '/scans/:id/hosts',
    {
      schema: {
        tags: ['discovery'],
        summary: 'Hosts and services a scan found',
        params: idParams,
        response: { 200: z.array(scanHost) },
      },
    },
    async (req) => {
      await discovery.scan(req.params.id)
      return discovery.hosts(req.params.id)
    },
  )
  app.get(
    '/scans/:id/drift',
    {
      schema: { tags: ['discovery'], summary: 'Changes since the previous scan of the same targets', params: idParams },
    },
    async (req) => scans.drift(req.params.id),
  )
}

export default scanRoutes
