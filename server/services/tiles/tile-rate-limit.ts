import { createHash } from 'node:crypto'
import fastifyRateLimit, { type RateLimitOptions } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TileSettings } from '../../config'
import { AppError } from '../../errors'
import { sessionToken } from '../../plugins/auth.plugin'

/**
 * Who is asking, for the per-caller limit: a display token (every display token is user 0, so the
 * token itself, hashed: a wall's screens share one), a logged-in user (all their sessions), or
 * else the client's address (request.ip, which honours TRUST_PROXY).
 */
export function tileCallerKey(request: FastifyRequest): string {
  const user = request.user
  if (user?.role === 'display') {
    const query = request.query as { token?: unknown } | undefined
    const token = sessionToken(request) ?? (typeof query?.token === 'string' ? query.token : '')
    return `display:${createHash('sha256').update(token).digest('base64url')}`
  }
  if (user) return `user:${user.id}`
  return `address:${request.ip}`
}

/**
 * @fastify/rate-limit for the routes registered after this in the calling plugin only (global:
 * false, opted into by the route's config.rateLimit). It counts after the access check, so a
 * refused login costs nothing, and answers 429 with Retry-After in the API's error shape.
 */
export async function registerTileRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(fastifyRateLimit, { global: false })
}

export function tileRateLimit({ rateLimit, rateWindowSeconds }: TileSettings): RateLimitOptions {
  return {
    max: rateLimit,
    timeWindow: rateWindowSeconds * 1000,
    keyGenerator: tileCallerKey,
    errorResponseBuilder: (_request, context) => {
      const retryAfterSeconds = Math.max(1, Math.ceil(context.ttl / 1000))
      return new AppError(
        429,
        'too_many_tile_requests',
        `More than ${context.max} tile requests in ${rateWindowSeconds} s; try again in ${retryAfterSeconds} s`,
        {
          retryAfterSeconds,
        },
      )
    },
  }
}
