import { Type, type Static } from '@sinclair/typebox'
import { BboxParam, Geometry, MAX_ID } from './common.schema'

export const OgcLink = Type.Object({ href: Type.String(), rel: Type.String(), type: Type.Optional(Type.String()), title: Type.Optional(Type.String()) })

// Every resource is JSON; `f=json` is accepted (items then come as application/json, not geo+json).
const Format = Type.Optional(Type.Literal('json', { description: 'Output format: json is the only one' }))

export const OgcFormatQuery = Type.Object({ f: Format }, { additionalProperties: false })

export const OgcItemsQuery = Type.Object(
  {
    f: Format,
    bbox: Type.Optional(BboxParam),
    limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
    // OFFSET is bigint in SQL; past 2^53 the number is no longer the one the client sent.
    offset: Type.Integer({ minimum: 0, maximum: MAX_ID, default: 0, description: 'Features to skip; next links carry it' }),
  },
  { additionalProperties: false },
)

export const OgcCollectionParams = Type.Object({ collectionId: Type.String() })
const FeatureId = Type.String({ maxLength: 200 })
export const OgcFeatureParams = Type.Object({ collectionId: Type.String(), featureId: FeatureId })
/** At a guarded collection's own path, the collection is in the path itself. */
export const OgcFixedFeatureParams = Type.Object({ featureId: FeatureId })

export const OgcLandingPage = Type.Object({ title: Type.String(), description: Type.String(), links: Type.Array(OgcLink) })
export const OgcConformance = Type.Object({ conformsTo: Type.Array(Type.String()) })

export const OgcCollection = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  itemType: Type.Literal('feature'),
  crs: Type.Array(Type.String()),
  extent: Type.Optional(Type.Object({ spatial: Type.Object({ bbox: Type.Array(Type.Array(Type.Number())), crs: Type.String() }) })),
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

export type OgcItemsQueryString = Static<typeof OgcItemsQuery>
export type OgcFormat = Static<typeof OgcFormatQuery>
