import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

/** Routes of continuity: playbook, contact chain, exercises, downtime cards (api/bcp.ts); issue 11. */
const routes: FastifyPluginAsyncZod = async (_app) => {}

export default routes
