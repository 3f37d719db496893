import { Type, type Static } from '@sinclair/typebox'
import { BboxParam, FeatureCollection, RegionCode } from './common.schema'

export const HouseholdsQuery = Type.Object(
  {
    region: Type.Optional(RegionCode),
    bbox: Type.Optional(BboxParam),
    limit: Type.Integer({ minimum: 1, maximum: 100_000, default: 5000 }),
  },
  { additionalProperties: false },
)

export const HouseholdProperties = Type.Object({
  id: Type.Integer(),
  externalId: Type.String(),
  address: Type.String(),
  population: Type.Integer(),
  elderlyAlone: Type.Boolean(),
  disabled: Type.Boolean(),
  lowIncome: Type.Boolean(),
  keyCare: Type.Boolean(),
  gridId: Type.Union([Type.Integer(), Type.Null()]),
  gridCode: Type.Union([Type.String(), Type.Null()]),
})

export const HouseholdCollection = FeatureCollection(HouseholdProperties, { numberReturned: Type.Integer() })
export type HouseholdsQueryString = Static<typeof HouseholdsQuery>
