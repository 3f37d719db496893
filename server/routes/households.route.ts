import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { householdsRepository } from '../repositories/households.repository'
import { usersRepository } from '../repositories/users.repository'
import { ErrorResponse } from '../schemas/common.schema'
import { HouseholdCollection, HouseholdsQuery } from '../schemas/households.schema'
import { parseBbox } from '../services/bbox'
import { assertKnownRegion } from '../services/known-region'
import { seesHousehold } from '../services/privacy'

export const householdsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/households',
    {
      config: { access: 'read' },
      schema: {
        tags: ['households'],
        summary: 'Households as GeoJSON points (for a region or bbox; big maps use tiles)',
        querystring: HouseholdsQuery,
        response: { 200: HouseholdCollection, 400: ErrorResponse },
      },
    },
    async (request) => {
      const { query } = request
      await assertKnownRegion(app.db, query.region)
      const rows = await householdsRepository(app.db).list({ region: query.region, bbox: parseBbox(query.bbox), limit: query.limit })
      const user = request.user
      const regions = user?.role === 'supervisor' ? await usersRepository(app.db).regionsOf(user.id) : []
      const features = rows.map((feature) => {
        const { id, externalId, gridId, gridCode } = feature.properties
        return seesHousehold(user, regions, feature.properties) ? feature : { ...feature, properties: { id, externalId, gridId, gridCode } }
      })
      return { type: 'FeatureCollection' as const, features, numberReturned: features.length }
    },
  )
}
