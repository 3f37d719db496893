import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { DISPLAY_TOKEN_PREFIX, displayTokensRepository } from '../repositories/display-tokens.repository'
import { usersRepository, type User } from '../repositories/users.repository'
import { registerAccessPolicy } from './access-policy'
import { registerAuditActor } from './audit-actor'

export const SESSION_COOKIE = 'wangge_session'

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null
  }
  interface FastifyInstance {
    /** Drops remembered display tokens, so that a revocation bites at once. */
    forgetDisplayTokens(): void
  }
}

function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim()
  return request.cookies?.[SESSION_COOKIE]
}

/**
 * An EventSource cannot send headers, so a wall passes its display token as ?token= on the event
 * stream — and only there: everywhere else it sends a header, and a token in a URL is one more
 * place (history, a proxy's log, a Referer) for it to leak from.
 */
const ROUTES_TAKING_QUERY_TOKENS = new Set(['/api/events'])

function displayTokenFromQuery(request: FastifyRequest): string | undefined {
  if (request.method !== 'GET' || !ROUTES_TAKING_QUERY_TOKENS.has(request.routeOptions.url ?? '')) return undefined
  const token = (request.query as { token?: unknown } | undefined)?.token
  return typeof token === 'string' && token.startsWith(DISPLAY_TOKEN_PREFIX) ? token : undefined
}

// A wall sends its token with every read; remembering live ones briefly keeps that from queueing
// a query behind a long report on the embedded engine's single connection.
const DISPLAY_TOKEN_CACHE_MS = 30_000
const DISPLAY_TOKEN_CACHE_MAX = 1000

/** A display token (walls) is a read-only identity of role `display`, not a user: id 0. */
function displayUsers(app: FastifyInstance) {
  const live = new Map<string, { user: User; until: number }>()
  return {
    async find(token: string): Promise<User | null> {
      const hit = live.get(token)
      if (hit && hit.until > Date.now()) return hit.user
      live.delete(token)
      const display = await displayTokensRepository(app.db).findLive(token)
      if (!display) return null
      const user: User = { id: 0, username: `display:${display.name}`, role: 'display' }
      if (live.size >= DISPLAY_TOKEN_CACHE_MAX) live.clear()
      live.set(token, { user, until: Date.now() + DISPLAY_TOKEN_CACHE_MS })
      return user
    },
    forget: () => live.clear(),
  }
}

/**
 * Resolves the session (cookie or bearer token) or a display token to request.user before every
 * route, then guards every route registered after it by the access it declares (access-policy.ts).
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('user', null)
  const displays = displayUsers(app)
  app.decorate('forgetDisplayTokens', displays.forget)
  app.addHook('onRequest', async (request) => {
    const token = sessionToken(request) ?? displayTokenFromQuery(request)
    if (token?.startsWith(DISPLAY_TOKEN_PREFIX)) request.user = await displays.find(token)
    else if (token) request.user = (await usersRepository(app.db).findSessionUser(token)) ?? null
  })
  registerAccessPolicy(app)
  registerAuditActor(app)
})

export { sessionToken }
