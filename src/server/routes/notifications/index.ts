import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { notificationChannels, notificationList, notificationRead } from '../../../../api/vulns.js'
import { actorOf } from '../../context.js'

/**
 * Notifications of new matches and failed syncs: each user's in-app list and read marks; the e-mail (SMTP) and
 * webhook channels are an admin's settings (the SMTP password is write-only).
 */
const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { vulnViews, notify } = app.deps
  const reader = (req: Parameters<typeof actorOf>[0]) => actorOf(req).id ?? actorOf(req).name

  app.get(
    '/notifications',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Notifications, newest first, with the number unread by the caller',
        querystring: z.object({
          unread: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: notificationList },
      },
    },
    async (req) => vulnViews.notifications(reader(req), req.query.unread ?? false),
  )

  app.post(
    '/notifications/read',
    {
      config: { minRole: 'viewer' },
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Mark notifications read (these ids, or all)',
        body: notificationRead,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await vulnViews.markRead(reader(req), 'ids' in req.body ? req.body.ids : 'all')
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/settings/notifications',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['vulnerabilities'],
        summary: 'E-mail (SMTP) and webhook channels; the password is never answered',
        response: { 200: notificationChannels },
      },
    },
    async () => notify.channels(),
  )

  app.put(
    '/settings/notifications',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Set the e-mail and webhook channels (a null password keeps the stored one)',
        body: notificationChannels,
        response: { 200: notificationChannels },
      },
    },
    async (req) => notify.putChannels(actorOf(req), req.body),
  )

  app.post(
    '/settings/notifications/test',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Send a test notification through each channel and say what happened',
        response: { 200: z.object({ email: z.string(), webhook: z.string() }) },
      },
    },
    async () => notify.test(),
  )
}

export default notificationRoutes
