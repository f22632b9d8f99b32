import type { FastifyPluginAsync } from 'fastify'

/** Routes of the checklist module (issue 10); see api/checklist.ts for the list. */
const routes: FastifyPluginAsync = async () => {}
export default routes
