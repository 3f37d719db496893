import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { forbidden, unauthorized } from '../errors'
import { usersRepository, type Role, type User } from '../repositories/users.repository'

export const SESSION_COOKIE = 'wangge_session'

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null
  }
  interface FastifyInstance {
    /** A preHandler that lets through only logged-in users with one of `roles`. */
    requireRole(...roles: Role[]): (request: FastifyRequest) => Promise<void>
  }
}

function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim()
  return request.cookies?.[SESSION_COOKIE]
}

/** Resolves the session (cookie or bearer token) to request.user before every route. */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('user', null)
  app.addHook('onRequest', async (request) => {
    const token = sessionToken(request)
    if (token) request.user = (await usersRepository(app.db).findSessionUser(token)) ?? null
  })
  app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest) => {
    if (!request.user) throw unauthorized()
    if (!roles.includes(request.user.role)) throw forbidden(`This needs the role ${roles.join(' or ')}`)
  })
})

export { sessionToken }
