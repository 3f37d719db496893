import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { gridsRepository } from '../repositories/grids.repository'
import { ErrorResponse } from '../schemas/common.schema'
import { GridCollection, GridsQuery } from '../schemas/grids.schema'
import { parseBbox } from '../services/bbox'
import { assertKnownRegion } from '../services/known-region'

export const gridsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/grids',
    {
      config: { access: 'public' },
      schema: {
        tags: ['grids'],
        summary: 'Active grids as GeoJSON, optionally within a region and a bbox',
        querystring: GridsQuery,
        response: { 200: GridCollection, 400: ErrorResponse },
      },
    },
    async (request) => {
      const { query } = request
      await assertKnownRegion(app.db, query.region)
      const features = await gridsRepository(app.db).listActive({ region: query.region, bbox: parseBbox(query.bbox) })
      return { type: 'FeatureCollection' as const, features }
    },
  )
}
