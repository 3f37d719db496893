import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { incidentSeenBy } from '../services/privacy'
import { AppError } from '../errors'
import { incidentsRepository } from '../repositories/incidents.repository'
import { incidentsStatsRepository } from '../repositories/incidents-stats.repository'
import { incidentPointsRepository } from '../repositories/incident-points.repository'
import { ErrorResponse } from '../schemas/common.schema'
import {
  AggregateQuery,
  BinCollection,
  ExportQuery,
  IncidentBreakdown,
  IncidentFilterQuery,
  IncidentKpis,
  IncidentPointsBinary,
  IncidentsDownload,
  PointsQuery,
} from '../schemas/incidents.schema'
import { incidentFilterErrors } from '../services/incident-filter'
import { exportLang } from '../services/incidents/export-labels'
import { incidentsCsv } from '../services/incidents/incident-export'
import { aggregateIncidents, kpiRates, resolveIncidentFilter } from '../services/incidents/incident-queries.service'
import { encodeIncidentPoints, POINTS_MAX, POINTS_MEDIA_TYPE } from '../domain/points-layout'

export const EXPORT_MAX_ROWS = 200_000

export const incidentsAnalysisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/incidents/aggregate',
    {
      config: { access: 'read' },
      errorHandler: incidentFilterErrors,
      schema: {
        tags: ['incidents'],
        summary: 'Incidents binned into hexagons or squares; bin counts add up to the filtered count',
        querystring: AggregateQuery,
        response: { 200: BinCollection, 400: ErrorResponse },
      },
    },
    async (request) => {
      const { cell, sizeM, ...query } = request.query
      const filter = await resolveIncidentFilter(app.db, query)
      return aggregateIncidents(app.db, filter, cell, sizeM)
    },
  )

  app.get(
    '/api/incidents/kpis',
    {
      config: { access: 'read' },
      errorHandler: incidentFilterErrors,
      schema: {
        tags: ['incidents'],
        summary: 'KPIs of the filtered incidents: 结案率, 按期结案率, rework and extension rates, stage times',
        querystring: IncidentFilterQuery,
        response: { 200: IncidentKpis, 400: ErrorResponse },
      },
    },
    async (request) => {
      const filter = await resolveIncidentFilter(app.db, request.query)
      return kpiRates(await incidentsStatsRepository(app.db).kpis(filter))
    },
  )

  app.get(
    '/api/incidents/stats',
    {
      config: { access: 'read' },
      errorHandler: incidentFilterErrors,
      schema: {
        tags: ['incidents'],
        summary: 'Breakdowns of the filtered incidents for charts: by category, status, source, day and grid',
        querystring: IncidentFilterQuery,
        response: { 200: IncidentBreakdown, 400: ErrorResponse },
      },
    },
    async (request) => {
      const filter = await resolveIncidentFilter(app.db, request.query)
      return incidentsStatsRepository(app.db).breakdown(filter)
    },
  )

  app.get(
    '/api/incidents/export',
    {
      config: { access: 'read' },
      errorHandler: incidentFilterErrors,
      schema: {
        tags: ['incidents'],
        summary: 'The filtered incidents as a CSV or GeoJSON download',
        querystring: ExportQuery,
        response: { 200: IncidentsDownload, 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { format, lang, ...query } = request.query
      const filter = await resolveIncidentFilter(app.db, query)
      const incidents = incidentsRepository(app.db)
      const total = await incidents.count(filter)
      if (total > EXPORT_MAX_ROWS) {
        throw new AppError(400, 'export_too_large', `${total} incidents match; narrow the filters to at most ${EXPORT_MAX_ROWS}`, {
          numberMatched: total,
          max: EXPORT_MAX_ROWS,
        })
      }
      const features = (await incidents.list(filter, Math.max(total, 1))).map((f) => incidentSeenBy(request.user, f))
      const stamp = new Date().toISOString().slice(0, 10)
      reply.header('content-disposition', `attachment; filename="incidents-${stamp}.${format === 'csv' ? 'csv' : 'geojson'}"`)
      if (format === 'csv') {
        const gridNames = await incidents.gridNames([...new Set(features.flatMap((f) => f.properties.gridCode ?? []))])
        const csv = incidentsCsv(features, exportLang(lang, request.headers['accept-language']), gridNames)
        return reply.type('text/csv; charset=utf-8').header('vary', 'Accept-Language').send(csv)
      }
      return reply.type('application/geo+json').send({ type: 'FeatureCollection', features, numberMatched: total, numberReturned: features.length })
    },
  )

  app.get(
    '/api/incidents/points.bin',
    {
      config: { access: 'read' },
      errorHandler: incidentFilterErrors,
      schema: {
        tags: ['incidents'],
        summary: 'The filtered incidents as compact binary points (id, position, time, category, status) for drawing and time playback in the browser',
        querystring: PointsQuery,
        response: { 200: IncidentPointsBinary, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { max = POINTS_MAX, ...query } = request.query
      const filter = await resolveIncidentFilter(app.db, query)
      // Counted first: a county's worth of rows is not read only to be refused.
      const total = await incidentsRepository(app.db).count(filter)
      if (total > max) {
        throw new AppError(400, 'points_too_many', `${total} incidents match; at most ${max} are sent as points (use the bins, or narrow the filters)`, {
          numberMatched: total,
          max,
        })
      }
      const points = await incidentPointsRepository(app.db).points(filter)
      const bytes = encodeIncidentPoints(points)
      reply.header('x-incident-count', String(points.length))
      // The same filters give the same incidents only until the next write: never cached.
      reply.header('cache-control', 'no-store')
      return reply.type(POINTS_MEDIA_TYPE).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    },
  )
}
