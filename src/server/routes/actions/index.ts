import type { FastifyPluginAsync } from 'fastify'

/** Routes of the actions module (issue 10); see api/actions.ts for the list. */
const routes: FastifyPluginAsync = async () => {}
export default routes
