import type { FastifyPluginAsync } from 'fastify'

/** Routes of the benchmark module (issue 10); see api/benchmark.ts for the list. */
const routes: FastifyPluginAsync = async () => {}
export default routes
