import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '../schemas/common.schema'
import { CoverageQuery, CoverageResponse } from '../schemas/coverage.schema'
import { coverageReport } from '../services/coverage/coverage.service'
import { maskWorkerSpots, seesWorkers } from '../services/privacy'

export const coverageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/coverage',
    {
      config: { access: 'read' },
      schema: {
        tags: ['coverage'],
        summary: '纵向到底、横向到边: gaps, overlaps, vacuums, service, patrol and response blind spots of a region',
        querystring: CoverageQuery,
        response: { 200: CoverageResponse, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { region, asOf } = request.query
      // A report as of a chosen moment is computed on the spot; "now" comes from the cache.
      const report = await (asOf ? coverageReport(app.db, region, app.config.coverage, new Date(asOf)) : app.coverage.report(region))
      if (seesWorkers(request.user)) return report
      return { ...report, blindSpots: { ...report.blindSpots, features: maskWorkerSpots(report.blindSpots.features) } }
    },
  )
}
