import type { FastifyInstance } from 'fastify'
import { gridsRepository } from '../repositories/grids.repository'
import { ErrorResponse } from '../schemas/common.schema'
import { GridCollection, GridsQuery, type GridsQueryString } from '../schemas/grids.schema'
import { parseBbox } from '../services/bbox'
import { assertKnownRegion } from '../services/known-region'

export async function gridsRoutes(app: FastifyInstance) {
  app.get(
    '/api/grids',
    {
      schema: {
        tags: ['grids'],
        summary: 'Active grids as GeoJSON, optionally within a region and a bbox',
        querystring: GridsQuery,
        response: { 200: GridCollection, 400: ErrorResponse },
      },
    },
    async (request) => {
      const query = request.query as GridsQueryString
      await assertKnownRegion(app.db, query.region)
      const features = await gridsRepository(app.db).listActive({ region: query.region, bbox: parseBbox(query.bbox) })
      return { type: 'FeatureCollection' as const, features }
    },
  )
}
