import type { FastifyPluginAsync } from 'fastify'

/** Routes of the reports module (issue 10); see api/reports.ts for the list. */
const routes: FastifyPluginAsync = async () => {}
export default routes
