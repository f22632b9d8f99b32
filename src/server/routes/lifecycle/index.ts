import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

/** Routes of operations: calendar, reminders, re-scan cadence, timeline (api/operations.ts); issue 11. */
const routes: FastifyPluginAsyncZod = async (_app) => {}

export default routes
