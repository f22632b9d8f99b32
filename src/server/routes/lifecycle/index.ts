import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  calendarQuery,
  deviceTimeline,
  lifecycleCalendar,
  reminderRunResult,
  reminderSettings,
  rescanCadence,
  rescanDueList,
  rescanDueQuery,
  timelineQuery,
} from '../../../../api/operations.js'
import { actorOf } from '../../context.js'

/**
 * Routes of operations (api/operations.ts; issue 11, ADR 0041): the support-end / service-life calendar, reminder
 * settings and a run now, the re-scan cadence and the devices due a scan, a device's timeline. Reads `viewer`;
 * settings and running the reminders `admin`, audited by the store in the change's transaction.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { operations } = app.deps

  app.get(
    '/lifecycle/calendar',
    {
      schema: {
        tags: ['lifecycle'],
        summary: 'Support ends, service-life ends and re-scans due in a range (default: today to 24 months ahead)',
        querystring: calendarQuery,
        response: { 200: lifecycleCalendar },
      },
    },
    async (req) => operations.calendar(req.query),
  )

  app.get(
    '/lifecycle/reminders',
    { schema: { tags: ['lifecycle'], summary: 'Reminder settings', response: { 200: reminderSettings } } },
    async () => operations.reminderSettings(),
  )

  app.put(
    '/lifecycle/reminders',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['lifecycle'],
        summary: 'Set the reminders: on/off, days ahead, which dates (audited)',
        body: reminderSettings,
        response: { 200: reminderSettings },
      },
    },
    async (req) => operations.putReminderSettings(req.body, actorOf(req)),
  )

  app.post(
    '/lifecycle/reminders/run',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['lifecycle'],
        summary: 'Send the reminders due now as one digest (each reminder once; audited)',
        response: { 200: reminderRunResult },
      },
    },
    async (req) => operations.runReminders(actorOf(req)),
  )

  app.get(
    '/lifecycle/rescan-cadence',
    { schema: { tags: ['lifecycle'], summary: 'Days between scans per category', response: { 200: rescanCadence } } },
    async () => operations.rescanCadence(),
  )

  app.put(
    '/lifecycle/rescan-cadence',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['lifecycle'],
        summary: 'Set the days between scans per category (audited)',
        body: rescanCadence,
        response: { 200: rescanCadence },
      },
    },
    async (req) => operations.putRescanCadence(req.body, actorOf(req)),
  )

  app.get(
    '/lifecycle/rescan-due',
    {
      schema: {
        tags: ['lifecycle'],
        summary: 'Devices whose last scan is older than their cadence (or never scanned), most overdue first',
        querystring: rescanDueQuery,
        response: { 200: rescanDueList },
      },
    },
    async (req) => operations.rescanDue(req.query),
  )

  app.get(
    '/devices/:id/timeline',
    {
      schema: {
        tags: ['lifecycle'],
        summary: "A device's history (ledger, scans, findings, vulnerabilities, disclosures, actions), newest first",
        params: z.object({ id: z.string().min(1).max(200) }),
        querystring: timelineQuery,
        response: { 200: deviceTimeline },
      },
    },
    async (req) => operations.timeline(req.params.id, req.query),
  )
}

export default routes
