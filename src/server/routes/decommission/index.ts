import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

/** Routes of decommissioning and handover (api/decommission.ts); issue 11. */
const routes: FastifyPluginAsyncZod = async (_app) => {}

export default routes
