import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  ACCEPTANCE_CHECK_IDS,
  ACCEPTANCE_STATES,
  acceptance,
  acceptanceCancel,
  acceptanceCheckInput,
  acceptanceIssueInput,
  acceptanceIssuePatch,
  acceptanceScanInput,
  acceptanceSignOff,
  acceptanceStart,
} from '../../../../api/acceptance.js'
import { actorOf } from '../../context.js'
import { attachment } from '../attachment.js'

const idParams = z.object({ id: z.string().min(1).max(100) })
const tags = ['acceptance']

/**
 * Acceptance tests (導入時確認, api/acceptance.ts, ADR 0040): every role reads; an engineer changes. Every change is
 * audited with the device as target; the report download is audited as an export.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { acceptance: svc } = app.deps

  app.get(
    '/acceptances',
    {
      schema: {
        tags,
        summary: 'Acceptance tests, newest first',
        querystring: z.object({ state: z.enum(ACCEPTANCE_STATES).optional() }),
        response: { 200: z.object({ items: z.array(acceptance) }) },
      },
    },
    async (req) => svc.list(req.query.state),
  )

  app.post(
    '/acceptances',
    {
      schema: {
        tags,
        summary: 'Start an acceptance test (device status → acceptance)',
        body: acceptanceStart,
        response: { 200: acceptance },
      },
    },
    async (req) => svc.start(req.body, actorOf(req)),
  )

  app.get(
    '/acceptances/:id',
    { schema: { tags, summary: 'One acceptance test', params: idParams, response: { 200: acceptance } } },
    async (req) => svc.get(req.params.id),
  )

  app.get(
    '/devices/:deviceId/acceptance',
    {
      schema: {
        tags,
        summary: "The device's latest acceptance test (device id or asset tag)",
        params: z.object({ deviceId: z.string().min(1).max(200) }),
        response: { 200: acceptance },
      },
    },
    async (req) => svc.latestFor(req.params.deviceId),
  )

  app.post(
    '/acceptances/:id/scan',
    {
      schema: {
        tags,
        summary: "Gentle scan of the device's addresses from the quarantine scope (never outside it)",
        params: idParams,
        body: acceptanceScanInput.default({}),
        response: { 200: z.object({ jobId: z.string(), scanId: z.string() }) },
      },
    },
    async (req) => {
      const { jobId, scanId } = await svc.scan(req.params.id, req.body.scopeId, actorOf(req))
      return { jobId, scanId }
    },
  )

  app.post(
    '/acceptances/:id/compare',
    {
      schema: {
        tags,
        summary: 'Recompute the comparison with the declaration from the latest scan',
        params: idParams,
        response: { 200: acceptance },
      },
    },
    async (req) => svc.compare(req.params.id, actorOf(req)),
  )

  app.put(
    '/acceptances/:id/checks/:checkId',
    {
      schema: {
        tags,
        summary: 'Record a manual check (pass, fail, not applicable, or null to clear)',
        params: z.object({ id: z.string().min(1).max(100), checkId: z.enum(ACCEPTANCE_CHECK_IDS) }),
        body: acceptanceCheckInput,
        response: { 200: acceptance },
      },
    },
    async (req) => svc.check(req.params.id, req.params.checkId, req.body, actorOf(req)),
  )

  app.post(
    '/acceptances/:id/issues',
    {
      schema: {
        tags,
        summary: 'Raise an issue with the manufacturer',
        params: idParams,
        body: acceptanceIssueInput,
        response: { 200: acceptance },
      },
    },
    async (req) => svc.raiseIssue(req.params.id, req.body, actorOf(req)),
  )

  app.patch(
    '/acceptances/:id/issues/:issueId',
    {
      schema: {
        tags,
        summary: "Record the manufacturer's reply and the hospital's decision",
        params: z.object({ id: z.string().min(1).max(100), issueId: z.string().min(1).max(100) }),
        body: acceptanceIssuePatch,
        response: { 200: acceptance },
      },
    },
    async (req) => svc.replyIssue(req.params.id, req.params.issueId, req.body, actorOf(req)),
  )

  app.post(
    '/acceptances/:id/sign-off',
    {
      schema: {
        tags,
        summary: 'Sign off (device status → in use); 409 ACCEPTANCE_INCOMPLETE lists what is left',
        params: idParams,
        body: acceptanceSignOff,
        response: { 200: acceptance },
      },
    },
    async (req) => svc.signOff(req.params.id, req.body, actorOf(req)),
  )

  app.post(
    '/acceptances/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel (device status back to what it was)',
        params: idParams,
        body: acceptanceCancel,
        response: { 200: acceptance },
      },
    },
    async (req) => svc.cancel(req.params.id, req.body.reason, actorOf(req)),
  )

  app.get(
    '/acceptances/:id/report',
    {
      schema: {
        tags,
        summary: 'The acceptance report as PDF (audited as an export)',
        params: idParams,
        querystring: z.object({ lang: z.enum(['ja', 'en']).default('ja') }),
      },
    },
    async (req, reply) => {
      const file = await svc.report(req.params.id, req.query.lang, actorOf(req))
      return attachment(reply, file.fileName, 'pdf', file.pdf)
    },
  )
}

export default routes
