import type { FastifyInstance } from 'fastify'
import { householdsRepository } from '../repositories/households.repository'
import { ErrorResponse } from '../schemas/common.schema'
import { HouseholdCollection, HouseholdsQuery, type HouseholdsQueryString } from '../schemas/households.schema'
import { parseBbox } from '../services/bbox'

export async function householdsRoutes(app: FastifyInstance) {
  app.get(
    '/api/households',
    {
      schema: {
        tags: ['households'],
        summary: 'Households as GeoJSON points (for a region or bbox; big maps use tiles)',
        querystring: HouseholdsQuery,
        response: { 200: HouseholdCollection, 400: ErrorResponse },
      },
    },
    async (request) => {
      const query = request.query as HouseholdsQueryString
      const features = await householdsRepository(app.db).list({ region: query.region, bbox: parseBbox(query.bbox), limit: query.limit })
      return { type: 'FeatureCollection' as const, features, numberReturned: features.length }
    },
  )
}
