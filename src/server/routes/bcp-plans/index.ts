import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  cardsQuery,
  contact,
  contactChain,
  contactInput,
  exercise,
  exerciseInput,
  exerciseList,
  playbook,
  playbookTask,
  playbookTaskInput,
} from '../../../../api/bcp.js'
import { actorOf } from '../../context.js'
import { attachment } from '../attachment.js'

const idParams = z.object({ id: z.string().min(1).max(100) })
const langQuery = z.object({ lang: z.enum(['ja', 'en']).default('ja') })

/**
 * Continuity plans (api/bcp.ts; ADR 0043): the playbook by MHLW phase, the contact chain and its picture, tabletop
 * exercise records, downtime cards. Every role reads; an engineer changes; each change is audited by the store in the
 * same transaction; the cards are audited as an export.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { bcpPlans } = app.deps

  app.get(
    '/bcp/playbook',
    {
      schema: {
        tags: ['bcp'],
        summary: "The playbook by MHLW's five phases (the default tasks are written on the first read), with warnings",
        response: { 200: playbook },
      },
    },
    async () => bcpPlans.playbook(),
  )
  app.post(
    '/bcp/playbook/tasks',
    {
      schema: {
        tags: ['bcp'],
        summary: 'Add a playbook task',
        body: playbookTaskInput,
        response: { 200: playbookTask },
      },
    },
    async (req) => bcpPlans.createTask(req.body, actorOf(req)),
  )
  app.put(
    '/bcp/playbook/tasks/:id',
    {
      schema: {
        tags: ['bcp'],
        summary: 'Change a playbook task',
        params: idParams,
        body: playbookTaskInput,
        response: { 200: playbookTask },
      },
    },
    async (req) => bcpPlans.updateTask(req.params.id, req.body, actorOf(req)),
  )
  app.delete(
    '/bcp/playbook/tasks/:id',
    { schema: { tags: ['bcp'], summary: 'Remove a playbook task', params: idParams } },
    async (req, reply) => {
      await bcpPlans.deleteTask(req.params.id, actorOf(req))
      return reply.code(204).send()
    },
  )

  app.get(
    '/bcp/contacts',
    {
      schema: {
        tags: ['bcp'],
        summary: 'The contact chain (連絡体制図): contacts and whom each notifies, with warnings',
        response: { 200: contactChain },
      },
    },
    async () => bcpPlans.contacts(),
  )
  app.get(
    '/bcp/contacts/chart.svg',
    {
      schema: {
        tags: ['bcp'],
        summary: 'The contact chain as a picture (SVG)',
        querystring: langQuery,
      },
    },
    async (req, reply) =>
      reply
        .header('content-type', 'image/svg+xml; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(await bcpPlans.contactChart(req.query.lang)),
  )
  app.post(
    '/bcp/contacts',
    {
      schema: {
        tags: ['bcp'],
        summary: 'Add a contact (400 BCP_INVALID for notifies naming unknown contacts)',
        body: contactInput,
        response: { 200: contact },
      },
    },
    async (req) => bcpPlans.createContact(req.body, actorOf(req)),
  )
  app.put(
    '/bcp/contacts/:id',
    {
      schema: {
        tags: ['bcp'],
        summary: 'Change a contact (400 BCP_INVALID for unknown or own ids in notifies)',
        params: idParams,
        body: contactInput,
        response: { 200: contact },
      },
    },
    async (req) => bcpPlans.updateContact(req.params.id, req.body, actorOf(req)),
  )
  app.delete(
    '/bcp/contacts/:id',
    { schema: { tags: ['bcp'], summary: 'Remove a contact and its arrows', params: idParams } },
    async (req, reply) => {
      await bcpPlans.deleteContact(req.params.id, actorOf(req))
      return reply.code(204).send()
    },
  )

  app.get(
    '/bcp/exercises',
    {
      schema: {
        tags: ['bcp'],
        summary: 'Tabletop exercise records, newest first',
        response: { 200: exerciseList },
      },
    },
    async () => bcpPlans.exercises(),
  )
  app.post(
    '/bcp/exercises',
    {
      schema: { tags: ['bcp'], summary: 'Record an exercise', body: exerciseInput, response: { 200: exercise } },
    },
    async (req) => bcpPlans.createExercise(req.body, actorOf(req)),
  )
  app.put(
    '/bcp/exercises/:id',
    {
      schema: {
        tags: ['bcp'],
        summary: 'Change an exercise record',
        params: idParams,
        body: exerciseInput,
        response: { 200: exercise },
      },
    },
    async (req) => bcpPlans.updateExercise(req.params.id, req.body, actorOf(req)),
  )
  app.delete(
    '/bcp/exercises/:id',
    { schema: { tags: ['bcp'], summary: 'Remove an exercise record', params: idParams } },
    async (req, reply) => {
      await bcpPlans.deleteExercise(req.params.id, actorOf(req))
      return reply.code(204).send()
    },
  )

  app.get(
    '/bcp/cards',
    {
      schema: {
        tags: ['bcp'],
        summary:
          'Downtime cards as an A4 PDF, one per page (no filter: every service and every device a service depends on); audited as an export',
        querystring: cardsQuery,
      },
    },
    async (req, reply) => {
      const file = await bcpPlans.cards(req.query, actorOf(req))
      return attachment(reply, file.fileName, 'pdf', file.body)
    },
  )
}

export default routes
