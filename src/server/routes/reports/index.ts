import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { homeView, reportQuery, reportSchedule, reportScheduleInput } from '../../../../api/reports.js'
import { actorOf } from '../../context.js'
import { attachment } from '../attachment.js'

const idParams = z.object({ id: z.string().min(1).max(100) })
const deviceParams = z.object({ deviceId: z.string().min(1).max(200) })
const langQuery = z.object({ lang: z.enum(['ja', 'en']).default('ja') })
const inspectionQuery = z.object({ lang: z.enum(['ja', 'en']).default('ja'), format: z.literal('pdf').default('pdf') })

/**
 * Routes of the reports module (issue 10; api/reports.ts): the management report, the inspection pack and the device
 * card as downloads (every download audited as an export), report schedules (admin) and the home page.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { reports } = app.deps

  app.get(
    '/home',
    { schema: { tags: ['reports'], summary: 'The home page: what to do first', response: { 200: homeView } } },
    async () => reports.home(),
  )

  app.get(
    '/reports/management',
    {
      schema: {
        tags: ['reports'],
        summary: 'The management report (経営層向け) as PDF or .docx',
        querystring: reportQuery,
      },
    },
    async (req, reply) => {
      const file = await reports.management(req.query.lang, req.query.format, actorOf(req))
      return attachment(reply, file.fileName, file.format, file.body)
    },
  )

  app.get(
    '/reports/inspection',
    { schema: { tags: ['reports'], summary: 'The inspection pack (立入検査) as PDF', querystring: inspectionQuery } },
    async (req, reply) => {
      const file = await reports.inspection(req.query.lang, actorOf(req))
      return attachment(reply, file.fileName, file.format, file.body)
    },
  )

  app.get(
    '/reports/device-card/:deviceId',
    {
      schema: {
        tags: ['reports'],
        summary: 'The one-page device card as PDF (device id or asset tag)',
        params: deviceParams,
        querystring: langQuery,
      },
    },
    async (req, reply) => {
      const file = await reports.deviceCard(req.params.deviceId, req.query.lang, actorOf(req))
      return attachment(reply, file.fileName, file.format, file.body)
    },
  )

  app.get(
    '/reports/schedules',
    {
      schema: {
        tags: ['reports'],
        summary: 'Scheduled reports sent by e-mail',
        response: { 200: z.object({ items: z.array(reportSchedule) }) },
      },
    },
    async () => ({ items: await reports.listSchedules() }),
  )

  app.post(
    '/reports/schedules',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['reports'],
        summary: 'Schedule a report by e-mail (400 REPORT_NO_SMTP without SMTP)',
        body: reportScheduleInput,
        response: { 201: reportSchedule },
      },
    },
    async (req, reply) => reply.code(201).send(await reports.createSchedule(req.body, actorOf(req))),
  )

  app.delete(
    '/reports/schedules/:id',
    {
      config: { minRole: 'admin' },
      schema: { tags: ['reports'], summary: 'Delete a report schedule', params: idParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await reports.removeSchedule(req.params.id, actorOf(req))
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/reports/schedules/:id/send',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['reports'],
        summary: "Send a schedule's report now",
        params: idParams,
        response: { 200: z.object({ sent: z.number().int() }) },
      },
    },
    async (req) => reports.sendNow(req.params.id, actorOf(req)),
  )
}
export default routes
