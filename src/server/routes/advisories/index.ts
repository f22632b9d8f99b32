import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  advisoryAffected,
  advisoryDetail,
  advisoryList,
  cpeCandidates,
  deviceVulnerabilities,
  matchReviewOut,
  morningView,
  reviewDecision,
} from '../../../../api/vulns.js'
import { actorOf } from '../../context.js'
import { discoveryIdParams as idParams } from '../params.js'

/** Whose last visit the morning view keeps: the signed-in user (an API token acts as its user). */
const visitorOf = (req: Parameters<typeof actorOf>[0]) => actorOf(req).id ?? actorOf(req).name

const listQuery = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  kev: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  deviceId: z.string().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
})

/**
 * Advisories and what they mean for this hospital: the list, the morning view, "do we have this?" per advisory,
 * advisories per device, candidate CPEs, and people's decisions on matches. Every role reads; an engineer decides.
 */
const advisoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { vulnViews, vulnMatch, sboms } = app.deps

  app.get(
    '/advisories',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Advisories on file, newest first (filters: since, known exploited, device, text)',
        querystring: listQuery,
        response: { 200: advisoryList },
      },
    },
    async (req) => vulnViews.list(req.query),
  )

  app.get(
    '/advisories/morning',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: "Advisories new since the caller's last visit (first visit: the last 7 days)",
        response: { 200: morningView },
      },
    },
    async (req) => vulnViews.morning(visitorOf(req)),
  )

  app.post(
    '/advisories/morning/seen',
    {
      config: { minRole: 'viewer' },
      schema: {
        tags: ['vulnerabilities'],
        summary: "Moves the caller's last visit to now",
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await vulnViews.markSeen(actorOf(req), visitorOf(req))
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/advisories/:id',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'One advisory: products, vulnerabilities with CVSS, KEV, EPSS and remediations',
        params: idParams,
        response: { 200: advisoryDetail },
      },
    },
    async (req) => vulnViews.detail(req.params.id),
  )

  app.get(
    '/advisories/:id/affected',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Do we have this? Every affected device with location, department and owner, and those ruled out',
        params: idParams,
        response: { 200: advisoryAffected },
      },
    },
    async (req) => vulnViews.affected(req.params.id),
  )

  app.get(
    '/devices/:id/vulnerabilities',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: "A device's advisories and CVEs with status, explanation and remediation",
        params: idParams,
        response: { 200: deviceVulnerabilities },
      },
    },
    async (req) => vulnViews.device(req.params.id),
  )

  app.get(
    '/devices/:id/cpe-candidates',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'CPEs the ledger suggests for a device (OS, firmware), for a person to confirm as components',
        params: idParams,
        response: { 200: cpeCandidates },
      },
    },
    async (req) => sboms.cpeCandidates(req.params.id),
  )

  app.post(
    '/matches/:id/review',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Mark a match false or accept it; the decision covers every device of the model and survives re-syncs',
        params: idParams,
        body: z.object({ decision: reviewDecision, note: z.string().trim().max(2000).nullish() }),
        response: { 200: matchReviewOut },
      },
    },
    async (req) => vulnViews.review(actorOf(req), req.params.id, req.body.decision, req.body.note ?? null),
  )

  app.delete(
    '/match-reviews/:id',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: "Withdraw a person's decision on a match",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await vulnViews.removeReview(actorOf(req), req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/vulns/match',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Match every device again (a vuln-match job)',
        response: { 202: z.object({ jobId: z.string() }) },
      },
    },
    async (req, reply) => {
      const started = await vulnMatch.startRun(actorOf(req), 'user')
      started.done.catch(() => undefined)
      return reply.code(202).send({ jobId: started.job.id })
    },
  )
}

export default advisoryRoutes
