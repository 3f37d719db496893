import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError } from '../errors'
import { gridLookupRepository } from '../repositories/grid-lookup.repository'
import { ErrorResponse } from '../schemas/common.schema'
import { GridLookupAnswer, GridLookupQuery } from '../schemas/grid-lookup.schema'
import { maskName } from '../services/privacy'
import { createRateLimiter } from '../services/reports/rate-limiter'

/** The public side of 面对面、点对点: a resident finds their grid and its grid workers (home page). */
export const gridLookupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Public and cheap to ask, but each answer names people: a per-address limit keeps it from
  // being walked point by point into a register of the county's grid workers.
  const perAddress = createRateLimiter({ max: app.config.gridLookupsPerMinute, windowMs: 60_000 })

  app.get(
    '/api/grid-lookup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['grids'],
        summary: 'Which grid a point lies in, its community and its grid workers (names masked, only the numbers they publish); public',
        querystring: GridLookupQuery,
        response: { 200: GridLookupAnswer, 400: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const retryAfterSeconds = perAddress.take(request.ip)
      if (retryAfterSeconds > 0) {
        reply.header('retry-after', String(retryAfterSeconds))
        throw new AppError(429, 'too_many_lookups', `Too many grid lookups from this address; try again in ${retryAfterSeconds} s`, { retryAfterSeconds })
      }
      const repo = gridLookupRepository(app.db)
      const grid = await repo.gridAt(request.query.lng, request.query.lat)
      if (!grid) return { grid: null, workers: [] }
      const workers = (await repo.workersOf(grid.id)).map((w) => ({ name: maskName(w.name), role: w.role, phone: w.publicPhone }))
      const { code, name, type, communityCode, communityName } = grid
      return { grid: { code, name, type, community: { code: communityCode, name: communityName } }, workers }
    },
  )
}
