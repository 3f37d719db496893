import { Type } from '@sinclair/typebox'
import { TILE_LAYERS } from '../services/tiles/tiles.service'
import { IncidentFilterProperties, OneOf } from './incidents.schema'

export const TileParams = Type.Object({
  layer: OneOf(TILE_LAYERS, 'the layer'),
  z: Type.String({ description: 'zoom, 0–22' }),
  x: Type.String({ description: 'column, 0 at 180°W' }),
  y: Type.String({ description: 'row, 0 at the north (XYZ)' }),
})

export const TileQuery = Type.Object(
  {
    ...IncidentFilterProperties,
    v: Type.Optional(Type.String({ maxLength: 100, description: "the client's own cache-busting version; ignored" })),
    token: Type.Optional(Type.String({ maxLength: 200, description: 'a display token, for clients that cannot send headers' })),
  },
  { additionalProperties: false },
)
