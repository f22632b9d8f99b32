import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  bcpGraph,
  bcpSeedProposal,
  bcpWarning,
  clinicalService,
  clinicalServiceInput,
  devicePlan,
  devicePlanInput,
  impactResult,
  outsideParty,
  outsidePartyInput,
} from '../../../../api/bcp.js'
import { actorOf } from '../../context.js'

const idParams = z.object({ id: z.string().min(1).max(200) })
const deviceParams = z.object({ deviceId: z.string().min(1).max(200) })
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .optional()
  .transform((v) => v === true || v === 'true' || v === '1')

/**
 * Continuity (api/bcp.ts; ADR 0042): clinical services, the seed from the ledger, outside parties, device plans,
 * impact analysis and the dependency graph. Every role reads; an engineer changes; each change is audited by the
 * store in the same transaction. (Playbook, contacts, exercises and cards live in ../bcp-plans/.)
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { bcp } = app.deps

  app.get(
    '/bcp/services',
    {
      schema: {
        tags: ['bcp'],
        summary: 'Clinical services with their dependencies and warnings, and the plan-wide warnings (cycles…)',
        response: { 200: z.object({ items: z.array(clinicalService), warnings: z.array(bcpWarning) }) },
      },
    },
    async () => bcp.services(),
  )
  app.post(
    '/bcp/services',
    {
      schema: {
        tags: ['bcp'],
        summary: 'Add a clinical service (400 BCP_INVALID naming a dependency that does not exist)',
        body: clinicalServiceInput,
        response: { 200: clinicalService },
      },
    },
    async (req) => bcp.createService(req.body, actorOf(req)),
  )
  app.get(
    '/bcp/services/:id',
    {
      schema: { tags: ['bcp'], summary: 'One clinical service', params: idParams, response: { 200: clinicalService } },
    },
    async (req) => bcp.getService(req.params.id),
  )
  app.put(
    '/bcp/services/:id',
    {
      schema: {
        tags: ['bcp'],
        summary: 'Change a clinical service (409 BCP_VERSION_CONFLICT when the version is stale)',
        params: idParams,
        body: clinicalServiceInput,
        response: { 200: clinicalService },
      },
    },
    async (req) => bcp.updateService(req.params.id, req.body, actorOf(req)),
  )
  app.delete(
    '/bcp/services/:id',
    { schema: { tags: ['bcp'], summary: 'Remove a clinical service', params: idParams } },
    async (req, reply) => {
      await bcp.deleteService(req.params.id, actorOf(req))
      return reply.code(204).send()
    },
  )

  app.post(
    '/bcp/seed',
    {
      schema: {
        tags: ['bcp'],
        summary: 'Propose clinical services from the ledger; apply=true creates those not yet in the plan (by seedKey)',
        body: z.object({ apply: z.boolean().default(false) }).default({ apply: false }),
        response: { 200: bcpSeedProposal },
      },
    },
    async (req) => bcp.seed(req.body.apply, actorOf(req)),
  )

  app.get(
    '/bcp/parties',
    {
      schema: {
        tags: ['bcp'],
        summary: 'Outside parties (vendor links, cloud, carriers…), with warnings for vendors without a 24 h contact',
        response: { 200: z.object({ items: z.array(outsideParty), warnings: z.array(bcpWarning) }) },
      },
    },
    async () => bcp.parties(),
  )
  app.post(
    '/bcp/parties',
    {
      schema: {
        tags: ['bcp'],
        summary: 'Add an outside party',
        body: outsidePartyInput,
        response: { 200: outsideParty },
      },
    },
    async (req) => bcp.createParty(req.body, actorOf(req)),
  )
  app.put(
    '/bcp/parties/:id',
    {
      schema: {
        tags: ['bcp'],
        summary: 'Change an outside party',
        params: idParams,
        body: outsidePartyInput,
        response: { 200: outsideParty },
      },
    },
    async (req) => bcp.updateParty(req.params.id, req.body, actorOf(req)),
  )
  app.delete(
    '/bcp/parties/:id',
    { schema: { tags: ['bcp'], summary: 'Remove an outside party', params: idParams } },
    async (req, reply) => {
      await bcp.deleteParty(req.params.id, actorOf(req))
      return reply.code(204).send()
    },
  )

  app.get(
    '/bcp/device-plans',
    {
      schema: {
        tags: ['bcp'],
        summary: 'Saved device plans; missing=true: devices services depend on that have no plan (unsaved defaults)',
        querystring: z.object({ missing: flag }),
        response: { 200: z.object({ items: z.array(devicePlan) }) },
      },
    },
    async (req) => bcp.listPlans(req.query.missing),
  )
  app.get(
    '/bcp/device-plans/:deviceId',
    {
      schema: {
        tags: ['bcp'],
        summary: "A device's plan (id or asset tag); the category's default, unsaved, when none was saved",
        params: deviceParams,
        response: { 200: devicePlan },
      },
    },
    async (req) => bcp.devicePlan(req.params.deviceId),
  )
  app.put(
    '/bcp/device-plans/:deviceId',
    {
      schema: {
        tags: ['bcp'],
        summary: "Save a device's plan (isolation, recovery, validation, 24 h contact, what it depends on)",
        params: deviceParams,
        body: devicePlanInput,
        response: { 200: devicePlan },
      },
    },
    async (req) => bcp.putDevicePlan(req.params.deviceId, req.body, actorOf(req)),
  )

  app.get(
    '/bcp/impact',
    {
      schema: {
        tags: ['bcp'],
        summary:
          'If this node stops, which clinical services stop or degrade, most urgent first (404 BCP_NODE_UNKNOWN)',
        querystring: z.object({ node: z.string().trim().min(1).max(300) }),
        response: { 200: impactResult },
      },
    },
    async (req) => bcp.impact(req.query.node),
  )
  app.get(
    '/bcp/graph',
    {
      schema: {
        tags: ['bcp'],
        summary: 'The dependency graph (capped for drawing; truncated counts the rest), or around one service',
        querystring: z.object({ service: z.string().min(1).max(200).optional() }),
        response: { 200: bcpGraph },
      },
    },
    async (req) => bcp.graph(req.query.service),
  )
}

export default routes
