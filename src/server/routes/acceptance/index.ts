import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

/** Routes of acceptance tests (api/acceptance.ts); issue 11. */
const routes: FastifyPluginAsyncZod = async (_app) => {}

export default routes
