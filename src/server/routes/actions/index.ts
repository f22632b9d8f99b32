import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  action,
  actionAccept,
  actionDetail,
  actionList,
  actionListQuery,
  actionPatch,
  actionSyncResult,
  slaPolicy,
} from '../../../../api/actions.js'
import { actorOf } from '../../context.js'

const idParams = z.object({ id: z.string().min(1).max(100) })

/**
 * The action plan (issue 10, ADR 0034; see api/actions.ts for the list): every role reads; an engineer changes
 * owner, due date and status, accepts risks and regroups now; an admin sets the SLA. Every change is audited by the
 * store in the same transaction.
 */
const actionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { actions } = app.deps

  app.get(
    '/actions',
    {
      schema: {
        tags: ['actions'],
        summary: 'Actions, most urgent first (known exploited, severity, due date), with open/overdue/accepted counts',
        querystring: actionListQuery,
        response: { 200: actionList },
      },
    },
    async (req) => actions.list(req.query),
  )

  app.post(
    '/actions/sync',
    {
      schema: {
        tags: ['actions'],
        summary: 'Regroup open findings into actions now; close those whose findings were all fixed, with evidence',
        response: { 200: actionSyncResult },
      },
    },
    async (req) => actions.sync(actorOf(req)),
  )

  app.get(
    '/actions/sla',
    {
      schema: {
        tags: ['actions'],
        summary: 'Days to the due date per severity, and for KEV',
        response: { 200: slaPolicy },
      },
    },
    async () => actions.getSla(),
  )

  app.put(
    '/actions/sla',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['actions'],
        summary: 'Set the SLA; due dates of open actions that no person set are recomputed (audited)',
        body: slaPolicy,
        response: { 200: slaPolicy },
      },
    },
    async (req) => actions.putSla(req.body, actorOf(req)),
  )

  app.get(
    '/actions/:id',
    {
      schema: {
        tags: ['actions'],
        summary: 'One action with its devices (asset tag, name, location) and where each was seen',
        params: idParams,
        response: { 200: actionDetail },
      },
    },
    async (req) => actions.detail(req.params.id),
  )

  app.patch(
    '/actions/:id',
    {
      schema: {
        tags: ['actions'],
        summary: 'Change owner, due date or status (409 when the version is stale; 400 ACTION_INVALID for a bad date)',
        params: idParams,
        body: actionPatch,
        response: { 200: action },
      },
    },
    async (req) => actions.patch(req.params.id, req.body, actorOf(req)),
  )

  app.post(
    '/actions/:id/accept',
    {
      schema: {
        tags: ['actions'],
        summary: 'Accept the risk (reason, approver, expiry not in the past); its findings are accepted alike',
        params: idParams,
        body: actionAccept,
        response: { 200: action },
      },
    },
    async (req) => actions.accept(req.params.id, req.body, actorOf(req)),
  )

  app.delete(
    '/actions/:id/accept',
    {
      schema: {
        tags: ['actions'],
        summary: 'Withdraw the acceptance: the action and the findings it accepted go back to open',
        params: idParams,
        response: { 200: action },
      },
    },
    async (req) => actions.withdraw(req.params.id, actorOf(req)),
  )
}

export default actionRoutes
