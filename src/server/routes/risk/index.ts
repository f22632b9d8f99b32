import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  deviceRisk,
  riskList,
  riskListQuery,
  riskProfile,
  riskProfileInput,
  riskSummary,
  riskTrendPoint,
} from '../../../../api/risk.js'
import { actorOf } from '../../context.js'

const idParams = z.object({ id: z.string().min(1).max(100) })
const trendQuery = z.object({ days: z.coerce.number().int().min(1).max(3650).default(90) })

/**
 * Patient-first risk (issue 10, ADR 0033; route list in api/risk.ts). Every role reads; an engineer re-scores; only
 * an admin publishes a new weight profile (which re-scores everything and is audited).
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { risk } = app.deps

  app.get(
    '/risk',
    {
      schema: {
        tags: ['risk'],
        summary: 'Devices by risk, highest first (filters: band, text, department)',
        querystring: riskListQuery,
        response: { 200: riskList },
      },
    },
    async (req) => risk.list(req.query),
  )

  app.get(
    '/risk/summary',
    {
      schema: { tags: ['risk'], summary: 'Devices per band, mean score, when scored', response: { 200: riskSummary } },
    },
    async () => risk.summary(),
  )

  app.get(
    '/risk/trend',
    {
      schema: {
        tags: ['risk'],
        summary: 'One point a day: mean score and devices per band',
        querystring: trendQuery,
        response: { 200: z.object({ items: z.array(riskTrendPoint) }) },
      },
    },
    async (req) => ({ items: await risk.trend(req.query.days) }),
  )

  app.get(
    '/risk/devices/:id',
    {
      schema: {
        tags: ['risk'],
        summary: "One device's score with every factor's points and why",
        params: idParams,
        response: { 200: deviceRisk },
      },
    },
    async (req) => risk.explain(req.params.id),
  )

  app.get(
    '/risk/profile',
    { schema: { tags: ['risk'], summary: 'The active weight profile', response: { 200: riskProfile } } },
    async () => risk.getProfile(),
  )

  app.get(
    '/risk/profiles',
    {
      schema: {
        tags: ['risk'],
        summary: 'Every version of the weight profile, newest first',
        response: { 200: z.object({ items: z.array(riskProfile) }) },
      },
    },
    async () => ({ items: await risk.listProfiles() }),
  )

  app.put(
    '/risk/profile',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['risk'],
        summary: 'Publish a new weight profile version (validated; re-scores every device; audited)',
        body: riskProfileInput,
        response: { 200: riskProfile },
      },
    },
    async (req) => risk.putProfile(actorOf(req), req.body),
  )

  app.post(
    '/risk/rescore',
    {
      config: { minRole: 'engineer' },
      schema: { tags: ['risk'], summary: 'Re-score every device now', response: { 200: riskSummary } },
    },
    async (req) => risk.rescore(actorOf(req)),
  )
}
export default routes
