import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '../schemas/common.schema'
import { Health } from '../schemas/system.schema'

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { tags: ['system'], summary: 'Liveness and database status', response: { 200: Health, 503: ErrorResponse } } },
    async (_request, reply) => {
      try {
        const { rows } = await app.db.query<{ postgis: string }>('SELECT postgis_lib_version() AS postgis')
        return { status: 'ok' as const, db: { engine: app.db.engine, postgis: rows[0].postgis } }
      } catch (error) {
        app.log.warn({ err: error }, 'health check: database unreachable')
        return reply.status(503).send({ error: { code: 'database_unavailable', message: 'The database is unreachable' } })
      }
    },
  )
}
