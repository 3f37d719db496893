import { Type } from '@sinclair/typebox'
import { TILE_LAYERS } from '../domain/vector-tiles'
import { REGION_CODE_PATTERN } from '../domain/region-code'
import { BboxList, Bytes, NoBody, NumberList, RegionCode } from './common.schema'
import { BBOX_PATTERN, IncidentFilterProperties, OneOf } from './incidents.schema'

export const TileParams = Type.Object({
  layer: OneOf(TILE_LAYERS, 'the layer'),
  z: Type.String({ description: 'zoom, 0–22' }),
  x: Type.String({ description: 'column, 0 at 180°W' }),
  y: Type.String({ description: 'row, 0 at the north (XYZ)' }),
})

export const TileQuery = Type.Object(
  {
    ...IncidentFilterProperties,
    // Tiles have always read an empty region or bbox as none on the layers other than incidents
    // (services/tiles/tiles.service.ts); the incidents layer refuses both as its filter does.
    region: Type.Optional(Type.String({ pattern: `^$|${REGION_CODE_PATTERN}`, description: `${RegionCode.description}; empty: none` })),
    bbox: Type.Optional(Type.String({ pattern: `^$|${BBOX_PATTERN}`, description: `${IncidentFilterProperties.bbox.description}; empty: none` })),
    v: Type.Optional(Type.String({ maxLength: 100, description: "the client's own cache-busting version; ignored" })),
    token: Type.Optional(Type.String({ maxLength: 200, description: 'a display token, for clients that cannot send headers' })),
  },
  { additionalProperties: false },
)

export const TileJsonParams = Type.Object({ layer: OneOf(TILE_LAYERS, 'the layer') })

/** The tiles' own query (filters, v), carried into the tile URL template; the display token is not (send it as a header). */
export const TileJsonQuery = Type.Omit(TileQuery, ['token'], { additionalProperties: false })

const MVT = 'application/vnd.mapbox-vector-tile'

/** Headers every tile answer carries (docs/tiles.md). */
const TileHeaders = {
  ETag: { type: 'string', description: "The tile's entity tag (one per encoding); send it back in If-None-Match (weak or strong, a list, or *) for a 304" },
  'Cache-Control': { type: 'string', description: '`private, no-cache`: keep it, but revalidate before each use' },
  Vary: { type: 'string', description: '`Accept-Encoding`: the bytes depend on whether the client takes gzip' },
}

export const TileOk = {
  description: 'The tile (MVT 2.1), gzipped when Accept-Encoding allows gzip',
  headers: {
    ...TileHeaders,
    'Content-Encoding': { type: 'string', enum: ['gzip'], description: 'gzip when the client accepts it; absent (identity) otherwise' },
    'Wangge-Tile-Features': { type: 'integer', minimum: 0, description: 'How many features the tile holds (its one layer)' },
    'Wangge-Tile-Thinning': { type: 'string', description: 'Only on thinned tiles: one in k of how many candidates, and which' },
  },
  content: { [MVT]: { schema: Bytes() } },
} as const

export const TileEmpty = NoBody({
  description: 'No feature in the tile',
  headers: { ...TileHeaders, 'Wangge-Tile-Features': { type: 'integer', enum: [0], description: '0' } },
})

export const TileNotModified = NoBody({ description: 'Unchanged since an entity tag If-None-Match names', headers: TileHeaders })

export const TileJsonResponse = Type.Object(
  {
    tilejson: Type.Literal('3.0.0'),
    name: Type.String(),
    description: Type.String(),
    version: Type.String(),
    scheme: Type.Literal('xyz'),
    tiles: Type.Array(Type.String({ description: "absolute, from the request's origin (behind a trusted proxy, its X-Forwarded-Proto and -Host)" }), {
      minItems: 1,
    }),
    minzoom: Type.Integer({ minimum: 0 }),
    maxzoom: Type.Integer({ minimum: 0 }),
    bounds: BboxList({ description: "the layer's data: west, south, east, north (WGS84); the world when empty" }),
    center: NumberList<[number, number, number]>(3, {}, { description: 'longitude, latitude, zoom' }),
    vector_layers: Type.Array(
      Type.Object({
        id: Type.String(),
        description: Type.String(),
        minzoom: Type.Integer(),
        maxzoom: Type.Integer(),
        fields: Type.Object({}, { additionalProperties: Type.String(), description: 'field name → String, Number or Boolean' }),
      }),
    ),
  },
  { description: 'TileJSON 3.0.0 (docs/tiles.md)' },
)
