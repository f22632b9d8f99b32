import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

/** Routes of procurement (api/procurement.ts); issue 11. */
const routes: FastifyPluginAsyncZod = async (_app) => {}

export default routes
