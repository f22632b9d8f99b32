import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

/** Passive discovery (api/capture.ts; ADR 0044): capture uploads, imports, heard hosts, the communications map. */
const routes: FastifyPluginAsyncZod = async (_app) => {}

export default routes
