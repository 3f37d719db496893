import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config'
import { LngLat } from '../schemas/common.schema'

const Basemap = Type.Object({ id: Type.String(), key: Type.Optional(Type.String()), url: Type.Optional(Type.String()) })
const ClientConfig = Type.Object({
  basemaps: Type.Array(Basemap),
  defaultBasemap: Type.String(),
  center: LngLat(),
  zoom: Type.Number(),
})

// The demo county (射阳县) until regions say otherwise; the client fits to the grids anyway.
const DEFAULT_CENTER: [number, number] = [120.26, 33.77]

export function clientConfig(config: Config) {
  const basemaps: { id: string; key?: string; url?: string }[] = [{ id: 'offline' }]
  if (config.tiandituKey) basemaps.push({ id: 'tianditu', key: config.tiandituKey })
  basemaps.push({ id: 'osm' })
  if (config.basemapStyleUrl) basemaps.push({ id: 'style', url: config.basemapStyleUrl })
  return { basemaps, defaultBasemap: config.defaultBasemap, center: DEFAULT_CENTER, zoom: 12 }
}

export async function configRoutes(app: FastifyInstance) {
  app.get(
    '/api/config',
    { schema: { tags: ['system'], summary: 'What the client needs to start: base maps and initial view', response: { 200: ClientConfig } } },
    async () => clientConfig(app.config),
  )
}
