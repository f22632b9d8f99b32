import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { page } from '../../../api/common.js'
import { device } from '../../../api/device.js'
import {
  exclusion,
  exclusionCreate,
  finding,
  findingQuery,
  findingUpdate,
  reconciliation,
  scan,
  scanCreate,
  scanHost,
  scope,
  scopeCreate,
} from '../../../api/discovery.js'
import { checkScopeApproval } from '../../core/discovery/scope-confirm.js'
import { parseTargets } from '../../core/discovery/targets.js'
import { MamoriError } from '../../core/errors.js'
import { deviceFromHost } from '../../services/add-host-to-ledger.js'
import { reconciliationOf } from '../../services/reconciliation.js'
import { DiscoveryRepository } from '../../storage/discovery-repository.js'
import { actorOf } from '../context.js'

const idParams = z.object({ id: z.string().min(1).max(100) })

/**
 * Discovery: approved scopes and exclusions (admin), scans (engineer; gentle by default), hosts, findings,
 * reconciliation with the ledger and drift. Every change and every scan is in the audit log.
 */
const discoveryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { discovery, scans, devices } = app.deps

  app.get(
    '/scopes',
    { schema: { tags: ['discovery'], summary: 'Approved scan scopes', response: { 200: z.array(scope) } } },
    async () => discovery.scopes(),
  )
  app.post(
    '/scopes',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['discovery'],
        summary: 'Approve a scope (CIDR, range or address)',
        body: scopeCreate,
        response: { 201: scope },
      },
    },
    async (req, reply) => {
      checkScopeApproval(req.body.target, req.body.confirmLarge) // TARGET_INVALID, SCOPE_NEEDS_CONFIRMATION
      return reply.status(201).send(await discovery.addScope(req.body.target, req.body.label ?? null, actorOf(req)))
    },
  )
  app.delete(
    '/scopes/:id',
    { config: { minRole: 'admin' }, schema: { tags: ['discovery'], summary: 'Withdraw a scope', params: idParams } },
    async (req, reply) => {
      await discovery.removeScope(req.params.id, actorOf(req))
      return reply.status(204).send()
    },
  )

  app.get(
    '/exclusions',
    { schema: { tags: ['discovery'], summary: 'Addresses never scanned', response: { 200: z.array(exclusion) } } },
    async () => discovery.exclusions(),
  )
  app.post(
    '/exclusions',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['discovery'],
        summary: 'Exclude an address or range from every scan',
        body: exclusionCreate,
        response: { 201: exclusion },
      },
    },
    async (req, reply) => {
      parseTargets(req.body.address)
      return reply
        .status(201)
        .send(await discovery.addExclusion(req.body.address, req.body.reason ?? null, actorOf(req)))
    },
  )
  app.delete(
    '/exclusions/:id',
    { config: { minRole: 'admin' }, schema: { tags: ['discovery'], summary: 'Remove an exclusion', params: idParams } },
    async (req, reply) => {
      await discovery.removeExclusion(req.params.id, actorOf(req))
      return reply.status(204).send()
    },
  )

  app.get(
    '/scans',
    { schema: { tags: ['discovery'], summary: 'Recent scans', response: { 200: z.array(scan) } } },
    async () => discovery.scans(),
  )
  app.post(
    '/scans',
    {
      schema: {
        tags: ['discovery'],
        summary: 'Start a scan inside the approved scopes (profile gentle by default)',
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
        summary: 'One scan with live progress',
        params: idParams,
        response: { 200: scan },
      },
    },
    async (req) => discovery.scan(req.params.id),
  )
  app.post(
    '/scans/:id/stop',
    {
      schema: {
        tags: ['discovery'],
        summary: 'Stop a running scan at once',
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
  app.get(
    '/schedules',
    { schema: { tags: ['discovery'], summary: 'Scheduled scans', response: { 200: z.array(schedule) } } },
    async () => app.deps.schedules.list(),
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
    async (req, reply) => reply.status(201).send(await app.deps.schedules.create(req.body, actorOf(req))),
  )
  app.delete(
    '/schedules/:id',
    { config: { minRole: 'admin' }, schema: { tags: ['discovery'], summary: 'Delete a schedule', params: idParams } },
    async (req, reply) => {
      await app.deps.schedules.remove(req.params.id, actorOf(req))
      return reply.status(204).send()
    },
  )

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
    async (req) => ({ ...(await discovery.findings(req.query)), limit: req.query.limit, offset: req.query.offset }),
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
    async (req) => {
      if (req.body.status === 'accepted' && !req.body.reason) {
        throw new MamoriError(
          'FINDING_REASON_REQUIRED',
          {
            en: 'Accepting a risk needs a reason (e.g. the compensating control).',
            ja: 'リスクを受容するには理由（例: 代わりの対策）の入力が必要です。',
          },
          400,
        )
      }
      return discovery.updateFinding(req.params.id, req.body, actorOf(req))
    },
  )

  app.get(
    '/reconciliation',
    {
      schema: {
        tags: ['discovery'],
        summary: 'Latest scan versus the ledger: matched, unknown hosts and ledger devices not seen',
        querystring: z.object({ scanId: z.string().max(100).optional() }),
        response: { 200: reconciliation },
      },
    },
    async (req) => {
      const s = req.query.scanId ? await discovery.scan(req.query.scanId) : await discovery.latestFinishedScan()
      return reconciliationOf(s, { discovery, devices })
    },
  )
  app.post(
    '/reconciliation/add',
    {
      schema: {
        tags: ['discovery'],
        summary: 'Add a discovered host to the ledger in one step (identification prefilled)',
        body: z.object({ hostId: z.string().min(1).max(100), department: z.string().max(200).optional() }),
        response: { 201: device },
      },
    },
    async (req, reply) => {
      const host = await discovery.host(req.body.hostId)
      if (host.deviceId)
        throw new MamoriError(
          'HOST_ALREADY_IN_LEDGER',
          {
            en: `${host.address} is already linked to a ledger device.`,
            ja: `${host.address} はすでに台帳の機器に結び付いています。`,
          },
          409,
        )
      // One transaction: the device exists only if the host is linked to it.
      const created = await devices.create(
        deviceFromHost(host, { department: req.body.department ?? null }),
        actorOf(req),
        (trx, device) => new DiscoveryRepository(trx).linkHost(host.id, device.id),
      )
      return reply.status(201).send(created)
    },
  )
}

export default discoveryRoutes
