import type { FastifyInstance } from 'fastify'
import { incidentsRepository } from '../repositories/incidents.repository'
import { ErrorResponse } from '../schemas/common.schema'
import { IncidentCollection, IncidentsQuery, type IncidentsQueryString } from '../schemas/incidents.schema'
import { parseIncidentFilter } from '../services/incident-filter'

export async function incidentsRoutes(app: FastifyInstance) {
  app.get(
    '/api/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents matching the filters, newest first, as GeoJSON',
        querystring: IncidentsQuery,
        response: { 200: IncidentCollection, 400: ErrorResponse },
      },
    },
    async (request) => {
      const { limit, ...query } = request.query as IncidentsQueryString
      const filter = parseIncidentFilter(query)
      const incidents = incidentsRepository(app.db)
      const features = await incidents.list(filter, limit)
      const numberMatched = features.length < limit ? features.length : await incidents.count(filter)
      return { type: 'FeatureCollection' as const, features, numberMatched, numberReturned: features.length }
    },
  )
}
