import { Type, type Static, type TSchema } from '@sinclair/typebox'
import type { Queryable } from '../domain/ogc-features'
import { Geometry, MAX_ID } from './common.schema'

export const OgcLink = Type.Object({ href: Type.String(), rel: Type.String(), type: Type.Optional(Type.String()), title: Type.Optional(Type.String()) })

// Every resource is JSON; `f=json` is accepted (items then come as application/json, not geo+json).
const Format = Type.Optional(Type.Literal('json', { description: 'Output format: json is the only one' }))

export const OgcFormatQuery = Type.Object({ f: Format }, { additionalProperties: false })

/** Items per page when the client sends no limit, and the most it may ask for. */
export const DEFAULT_ITEMS_LIMIT = 1_000
export const MAX_ITEMS_LIMIT = 10_000

// Four or six numbers (Part 1, 7.15.3); services/ogc/bbox.ts checks ranges and order.
const OgcBbox = Type.String({
  pattern: '^[-+0-9.eE]+(,[-+0-9.eE]+){3}(,[-+0-9.eE]+,[-+0-9.eE]+)?$',
  description: 'minLon,minLat,maxLon,maxLat or minLon,minLat,minHeight,maxLon,maxLat,maxHeight (CRS84); minLon > maxLon crosses the antimeridian',
})

const Datetime = Type.String({
  maxLength: 100,
  description:
    'An RFC 3339 date-time or date, or an interval "start/end" (".." or empty for an open end). Selects on the collection\'s temporal property; collections without one ignore it',
})

const ItemsQueryBase = {
  f: Format,
  bbox: Type.Optional(OgcBbox),
  datetime: Type.Optional(Datetime),
  limit: Type.Integer({
    minimum: 1,
    maximum: MAX_ITEMS_LIMIT,
    default: DEFAULT_ITEMS_LIMIT,
    description: `Features per page: ${DEFAULT_ITEMS_LIMIT} unless asked, at most ${MAX_ITEMS_LIMIT}`,
  }),
  // OFFSET is bigint in SQL; past 2^53 the number is no longer the one the client sent.
  offset: Type.Integer({ minimum: 0, maximum: MAX_ID, default: 0, description: 'Features to skip; next links carry it' }),
}

const queryableParam = ({ title, type, enum: values, maxLength }: Queryable): TSchema =>
  type === 'integer'
    ? Type.Integer({ minimum: 1, maximum: MAX_ID, description: `${title} equals` })
    : values
      ? Type.Unsafe<string>({ type: 'string', enum: [...values], description: `${title} equals` })
      : Type.String({ maxLength: maxLength ?? 100, description: `${title} equals` })

/**
 * A collection's items query: the Part 1 parameters and its queryables (Part 3, equality). Nothing
 * else: an unknown parameter is a 400, as Part 1 /req/core/query-param-unknown asks.
 */
export const ogcItemsQuery = (queryables: readonly Queryable[]) =>
  Type.Object(
    { ...ItemsQueryBase, ...Object.fromEntries(queryables.map((queryable) => [queryable.name, Type.Optional(queryableParam(queryable))])) },
    { additionalProperties: false },
  )

/** Any collection's items query as handlers read it. */
export const OgcItemsQuery = Type.Object(ItemsQueryBase, { additionalProperties: true })

export const OgcCollectionParams = Type.Object({ collectionId: Type.String() })
const FeatureId = Type.String({ maxLength: 200 })
export const OgcFeatureParams = Type.Object({ collectionId: Type.String(), featureId: FeatureId })
/** At a guarded collection's own path, the collection is in the path itself. */
export const OgcFixedFeatureParams = Type.Object({ featureId: FeatureId })

export const OgcLandingPage = Type.Object({ title: Type.String(), description: Type.String(), links: Type.Array(OgcLink) })
export const OgcConformance = Type.Object({ conformsTo: Type.Array(Type.String()) })

const TemporalExtent = Type.Object({
  interval: Type.Array(Type.Array(Type.Union([Type.String({ format: 'date-time' }), Type.Null()]), { minItems: 2, maxItems: 2 })),
  trs: Type.String(),
})

export const OgcCollection = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  itemType: Type.Literal('feature'),
  crs: Type.Array(Type.String()),
  extent: Type.Optional(
    Type.Object({
      spatial: Type.Optional(Type.Object({ bbox: Type.Array(Type.Array(Type.Number())), crs: Type.String() })),
      temporal: Type.Optional(TemporalExtent),
    }),
  ),
  links: Type.Array(OgcLink),
})
export const OgcCollections = Type.Object({ links: Type.Array(OgcLink), collections: Type.Array(OgcCollection) })

const OgcFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Union([Type.Integer(), Type.String()]),
  geometry: Type.Union([Geometry, Type.Null()]),
  properties: Type.Object({}, { additionalProperties: true }),
  links: Type.Optional(Type.Array(OgcLink)),
})
export const OgcFeatureResponse = OgcFeature
export const OgcFeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(OgcFeature),
  links: Type.Array(OgcLink),
  numberMatched: Type.Integer(),
  numberReturned: Type.Integer(),
  timeStamp: Type.String({ format: 'date-time' }),
})

/** The OpenAPI definition of the OGC API alone (GET /ogc/api): an OpenAPI 3.0 document. */
export const OgcApiDefinition = Type.Object({ openapi: Type.String(), paths: Type.Object({}, { additionalProperties: true }) }, { additionalProperties: true })

/** A collection's queryables (Part 3): a JSON Schema of the properties items may be filtered on. */
export const OgcQueryables = Type.Object(
  { type: Type.Literal('object'), title: Type.String(), properties: Type.Object({}, { additionalProperties: true }) },
  { additionalProperties: true, description: 'JSON Schema (2020-12) with $schema, $id and additionalProperties: false' },
)

export type OgcItemsQueryString = Static<typeof OgcItemsQuery>
