import type { FastifyPluginAsync } from 'fastify'

/** Routes of the risk module (issue 10); see api/risk.ts for the list. */
const routes: FastifyPluginAsync = async () => {}
export default routes
