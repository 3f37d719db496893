import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Config } from '../config'
import { ClientConfig, type BasemapBody, type ClientConfigBody } from '../schemas/system.schema'

// The demo county (射阳县) until regions say otherwise; the client fits to the grids anyway.
const DEFAULT_CENTER: [number, number] = [120.26, 33.77]

export function clientConfig(config: Config): ClientConfigBody {
  const basemaps: BasemapBody[] = [{ id: 'offline' }]
  if (config.tiandituKey) basemaps.push({ id: 'tianditu', key: config.tiandituKey })
  basemaps.push({ id: 'osm' })
  if (config.basemapStyleUrl) basemaps.push({ id: 'style', url: config.basemapStyleUrl })
  return { basemaps, defaultBasemap: config.defaultBasemap, center: DEFAULT_CENTER, zoom: 12 }
}

export const configRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/config',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'What the client needs to start: base maps and initial view', response: { 200: ClientConfig } },
    },
    async () => clientConfig(app.config),
  )
}
