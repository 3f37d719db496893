import { Type, type ArrayOptions, type IntegerOptions, type NumberOptions, type TSchema, type TUnsafe } from '@sinclair/typebox'
import { REGION_CODE_PATTERN, REGION_CODE_TEXT } from '../domain/region-code'

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

/** Row ids are bigserial; past 2^53 a JavaScript number no longer names exactly one row. */
export const MAX_ID = Number.MAX_SAFE_INTEGER
/** PostgreSQL `integer` (int4): grid versions. */
export const MAX_INT4 = 2_147_483_647

/**
 * Type.Unsafe whose static type both TypeBox generations read: @sinclair/typebox 0.34, whose
 * schemas these are, reads T; the Fastify type provider (typebox 1.x) infers request and reply
 * types from the JSON Schema itself, so `Shape` repeats the schema's shape as a type.
 */
export const Unsafe = <T, Shape extends object>(schema: Shape): TUnsafe<T> & Shape => Type.Unsafe<T>(schema) as TUnsafe<T> & Shape

/** Bytes sent as they are (a Buffer), documented as a binary string: a tile, a photo, packed points. */
export const Bytes = () => Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) as TUnsafe<Buffer> & { '~unsafe': Buffer }
/** No body (204, 304): what `reply.send()` sends; documented as null. */
export const NoBody = <Extra extends object>(extra: Extra) =>
  Type.Unsafe<undefined>({ type: 'null', ...extra }) as TUnsafe<undefined> & { '~unsafe': undefined }

/** A row id, in a path, query or body: one the database and JavaScript both hold exactly. */
export const Id = (options: IntegerOptions = {}) => Type.Integer({ minimum: 1, maximum: MAX_ID, ...options })
/** A grid version (int4 in the database). */
export const Version = (options: IntegerOptions = {}) => Type.Integer({ minimum: 1, maximum: MAX_INT4, ...options })
/** `{id}` path parameters. */
export const IdParams = Type.Object({ id: Id() })

export const RegionCode = Type.String({ pattern: REGION_CODE_PATTERN, description: `${REGION_CODE_TEXT[0].toUpperCase()}${REGION_CODE_TEXT.slice(1)}` })

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

/**
 * Exactly `length` numbers, typed as the tuple T. OpenAPI 3.0 has no tuple `items` (Type.Tuple
 * writes one), so the document says "an array of N numbers"; per-position bounds cannot be said.
 */
export function NumberList<T extends number[]>(length: T['length'], items: NumberOptions = {}, options: ArrayOptions = {}) {
  return Unsafe<T, { type: 'array'; items: { type: 'number' } }>(Type.Array(Type.Number(items), { minItems: length, maxItems: length, ...options }))
}

/** [longitude, latitude] in WGS84. */
export const LngLat = (items: NumberOptions = {}, options: ArrayOptions = {}) =>
  NumberList<[number, number]>(2, items, { description: 'longitude, latitude (WGS84)', ...options })

/** [minLng, minLat, maxLng, maxLat] in WGS84. */
export const BboxList = (options: ArrayOptions = {}) => NumberList<Bbox>(4, {}, { description: 'minLng, minLat, maxLng, maxLat (WGS84)', ...options })
