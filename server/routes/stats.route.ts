import type { FastifyInstance } from 'fastify'
import { notFound } from '../errors'
import { regionsRepository } from '../repositories/regions.repository'
import { ErrorResponse } from '../schemas/common.schema'
import {
  StatsBlindSpots, StatsOverview, StatsPoints, StatsPointsQuery, StatsQuery, type StatsPointsQueryString, type StatsQueryString,
} from '../schemas/stats.schema'
import { createStatsService } from '../services/stats/stats.service'

/** Cached coverage reports are recomputed in the background after this long (and when grids change). */
export const COVERAGE_TTL_MS = 5 * 60_000

/** The command-centre wall's figures (KPIs, charts, map layers), cheap enough to poll and push. */
export async function statsRoutes(app: FastifyInstance) {
  const stats = createStatsService({
    db: app.db,
    coverage: app.config.coverage,
    coverageReport: (region) => app.coverage.report(region),
    coverageTtlMs: COVERAGE_TTL_MS,
    // Walls refetch when the coverage behind their tiles has been recomputed.
    onCoverageRefreshed: (region, computedAt) => app.events.publish({ type: 'stats.refreshed', payload: { region, computedAt: computedAt.toISOString() } }),
    onError: (region, error) => app.log.warn({ err: error, region }, 'coverage refresh for the wall failed'),
  })
  const unsubscribe = app.events.subscribe((event) => {
    if (event.type === 'grid.changed') stats.gridsChanged()
  })
  // Only a listening server warms its cache: app.inject tests must not race a background report.
  app.addHook('onListen', async () => {
    const counties = (await regionsRepository(app.db).listAll()).filter((r) => r.level === 'county').map((r) => r.code)
    void stats.warm(counties)
  })
  app.addHook('preClose', async () => {
    unsubscribe()
    stats.close()
  })

  const errors = { 400: ErrorResponse, 404: ErrorResponse }

  app.get(
    '/api/stats/overview',
    {
      schema: {
        tags: ['stats'],
        summary: "The wall's KPIs and charts for a region: coverage (cached coverage report) and incidents (live)",
        querystring: StatsQuery,
        response: { 200: StatsOverview, ...errors },
      },
    },
    async (request) => stats.overview((request.query as StatsQueryString).region),
  )

  app.get(
    '/api/stats/blind-spots',
    {
      schema: {
        tags: ['stats'],
        summary: 'The blind spots the wall draws (gaps, overlaps, households outside or in two grids), from the cached coverage report',
        querystring: StatsQuery,
        response: { 200: StatsBlindSpots, ...errors },
      },
    },
    async (request) => stats.blindSpots((request.query as StatsQueryString).region),
  )

  app.get(
    '/api/stats/points',
    {
      schema: {
        tags: ['stats'],
        summary: 'Households, or incidents of the last 30 days, of a region as compact integer offsets (for density and dots)',
        querystring: StatsPointsQuery,
        response: { 200: StatsPoints, ...errors },
      },
    },
    async (request) => {
      const { region, layer } = request.query as StatsPointsQueryString
      if (!(await regionsRepository(app.db).exists(region))) throw notFound(`region ${region}`)
      return { layer, ...(await stats.points(region, layer)) }
    },
  )
}
