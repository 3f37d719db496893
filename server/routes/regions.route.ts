import type { FastifyInstance } from 'fastify'
import { regionsRepository } from '../repositories/regions.repository'
import { RegionsResponse } from '../schemas/regions.schema'
import { buildRegionTree } from '../services/region-tree'

export async function regionsRoutes(app: FastifyInstance) {
  app.get(
    '/api/regions',
    { schema: { tags: ['regions'], summary: 'The region tree: county → street → community', response: { 200: RegionsResponse } } },
    async () => ({ regions: buildRegionTree(await regionsRepository(app.db).listAll()) }),
  )
}
