import { Type, type Static, type TSchema } from '@sinclair/typebox'

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: undefined, description: 'A client or server error' },
)

export const RegionCode = Type.String({ pattern: '^[0-9]{6}([0-9]{3}){0,2}$', description: 'A 6-, 9- or 12-digit region code' })

/** "minLng,minLat,maxLng,maxLat" in WGS84. */
export const BboxParam = Type.String({
  pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$',
  description: 'minLng,minLat,maxLng,maxLat (WGS84)',
})

export const Geometry = Type.Object(
  { type: Type.String(), coordinates: Type.Unknown() },
  { additionalProperties: true, description: 'A GeoJSON geometry (WGS84)' },
)

export function Feature<P extends TSchema>(properties: P) {
  return Type.Object({ type: Type.Literal('Feature'), id: Type.Optional(Type.Union([Type.Number(), Type.String()])), geometry: Geometry, properties })
}

export function FeatureCollection<P extends TSchema>(properties: P, extra = {}) {
  return Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Feature(properties)), ...extra })
}

export type Bbox = [number, number, number, number]
export type ErrorResponseBody = Static<typeof ErrorResponse>
