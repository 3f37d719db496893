import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { regionsRepository } from '../repositories/regions.repository'
import { RegionsResponse } from '../schemas/regions.schema'
import { buildRegionTree } from '../services/region-tree'

export const regionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/regions',
    {
      config: { access: 'public' },
      schema: { tags: ['regions'], summary: 'The region tree: county → street → community', response: { 200: RegionsResponse } },
    },
    async () => ({ regions: buildRegionTree(await regionsRepository(app.db).listAll()) }),
  )
}
