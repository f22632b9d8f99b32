import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

/** Routes of continuity: services, dependencies, parties, device plans, impact (api/bcp.ts); issue 11. */
const routes: FastifyPluginAsyncZod = async (_app) => {}

export default routes
