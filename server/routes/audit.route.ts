import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { auditRepository } from '../repositories/audit.repository'
import { AuditQuery, AuditResponse } from '../schemas/audit.schema'
import { ErrorResponse } from '../schemas/common.schema'

/** Admins read the audit log of every write, newest first. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['audit'],
        summary: 'Who changed what and when: every write with the row before and after',
        querystring: AuditQuery,
        response: { 200: AuditResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => ({ entries: await auditRepository(app.db).list(request.query) }),
  )
}
