import { Type, type Static } from '@sinclair/typebox'
import { BASEMAP_IDS } from '../domain/vocabulary'
import { LngLat } from './common.schema'
import { LiteralUnion } from './literal-union'

/** A base map the client may offer, with what it needs to draw it: a tianditu key, a style's URL. */
export const Basemap = Type.Union([
  Type.Object({ id: Type.Literal('offline') }),
  Type.Object({ id: Type.Literal('tianditu'), key: Type.String({ description: 'the 天地图 key the browser sends with its tile requests' }) }),
  Type.Object({ id: Type.Literal('osm') }),
  Type.Object({ id: Type.Literal('style'), url: Type.String({ description: 'a MapLibre style document (BASEMAP_STYLE_URL)' }) }),
])

/** GET /api/config: what the client needs to start. */
export const ClientConfig = Type.Object({
  basemaps: Type.Array(Basemap),
  defaultBasemap: LiteralUnion(BASEMAP_IDS),
  center: LngLat(),
  zoom: Type.Number(),
})

/** GET /api/health. */
export const Health = Type.Object({
  status: Type.Literal('ok'),
  db: Type.Object({ engine: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]), postgis: Type.String() }),
})

export type BasemapBody = Static<typeof Basemap>
export type ClientConfigBody = Static<typeof ClientConfig>
