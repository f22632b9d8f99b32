import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: {
          200: z.object({ status: z.literal('ok'), version: z.string(), database: z.enum(['sqlite', 'postgres']) }),
        },
      },
    },
    async () => {
      const { database } = app.deps
      await database.ping()
      return { status: 'ok' as const, version: '0.1.0', database: database.dialect }
    },
  )
}
export default healthRoutes
