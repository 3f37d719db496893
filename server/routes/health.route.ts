import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { ErrorResponse } from '../schemas/common.schema'

const Health = Type.Object({
  status: Type.Literal('ok'),
  db: Type.Object({ engine: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]), postgis: Type.String() }),
})

export async function healthRoutes(app: FastifyInstance) {
  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: 'Liveness and database status', response: { 200: Health, 503: ErrorResponse } } },
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
