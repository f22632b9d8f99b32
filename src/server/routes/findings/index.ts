import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { page } from '../../../../api/common.js'
import { finding, findingQuery, findingUpdate } from '../../../../api/discovery.js'
import { actorOf } from '../../context.js'
import { discoveryIdParams as idParams } from '../params.js'

/** Findings from every source: every role reads them, an engineer records a decision (audited). */
const findingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { findings } = app.deps

  app.get(
    '/findings',
    {
      schema: {
        tags: ['findings'],
        summary: 'Findings from every source, most severe first',
        querystring: findingQuery,
        response: { 200: page(finding) },
      },
    },
    async (req) => ({ ...(await findings.list(req.query)), limit: req.query.limit, offset: req.query.offset }),
  )
  app.patch(
    '/findings/:id',
    {
      schema: {
        tags: ['findings'],
        summary: 'Accept (with reason and expiry), reopen or mark fixed',
        params: idParams,
        body: findingUpdate,
        response: { 200: finding },
      },
    },
    async (req) => findings.decide(req.params.id, req.body, actorOf(req)), // FINDING_REASON_REQUIRED
  )
}
export default findingRoutes
