import type { FastifyInstance } from 'fastify'
import { auditRepository } from '../repositories/audit.repository'
import { AuditQuery, AuditResponse, type AuditQueryString } from '../schemas/audit.schema'
import { ErrorResponse } from '../schemas/common.schema'

/** Admins read the audit log of every write, newest first (access: server/plugins/access-policy.ts). */
export async function auditRoutes(app: FastifyInstance) {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'], summary: 'Who changed what and when: every write with the row before and after',
        querystring: AuditQuery, response: { 200: AuditResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => ({ entries: await auditRepository(app.db).list(request.query as AuditQueryString) }),
  )
}
