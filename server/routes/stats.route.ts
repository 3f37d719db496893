import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '../schemas/common.schema'
import { StatsBlindSpots, StatsOverview, StatsPoints, StatsPointsQuery, StatsQuery } from '../schemas/stats.schema'
import { assertKnownRegion } from '../services/known-region'

/** The command-centre wall's figures (KPIs, charts, map layers), cheap enough to poll and push (app.stats: server/app.ts). */
export const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const errors = { 400: ErrorResponse, 404: ErrorResponse }

  app.get(
    '/api/stats/overview',
    {
      config: { access: 'read' },
      schema: {
        tags: ['stats'],
        summary: "The wall's KPIs and charts for a region: coverage (cached coverage report) and incidents (live)",
        querystring: StatsQuery,
        response: { 200: StatsOverview, ...errors },
      },
    },
    async (request) => app.stats.overview(request.query.region),
  )

  app.get(
    '/api/stats/blind-spots',
    {
      config: { access: 'read' },
      schema: {
        tags: ['stats'],
        summary: 'The blind spots the wall draws (gaps, overlaps, households outside or in two grids), from the cached coverage report',
        querystring: StatsQuery,
        response: { 200: StatsBlindSpots, ...errors },
      },
    },
    async (request) => app.stats.blindSpots(request.query.region),
  )

  app.get(
    '/api/stats/points',
    {
      config: { access: 'read' },
      schema: {
        tags: ['stats'],
        summary: 'Households, or incidents of the last 30 days, of a region as compact integer offsets (for density and dots)',
        querystring: StatsPointsQuery,
        response: { 200: StatsPoints, ...errors },
      },
    },
    async (request) => {
      const { region, layer } = request.query
      await assertKnownRegion(app.db, region)
      return { layer, ...(await app.stats.points(region, layer)) }
    },
  )
}
