import { Type } from '@sinclair/typebox'
import { BboxParam, FeatureCollection, RegionCode } from './common.schema'

export const HouseholdsQuery = Type.Object(
  {
    region: Type.Optional(RegionCode),
    bbox: Type.Optional(BboxParam),
    limit: Type.Integer({ minimum: 1, maximum: 100_000, default: 5000 }),
  },
  { additionalProperties: false },
)

// The details (address, population, care flags) are personal: only admins, and supervisors for
// households in their regions, get them; everyone else gets the point and the ids.
export const HouseholdProperties = Type.Object({
  id: Type.Integer(),
  externalId: Type.String(),
  address: Type.Optional(Type.String()),
  population: Type.Optional(Type.Integer()),
  elderlyAlone: Type.Optional(Type.Boolean()),
  disabled: Type.Optional(Type.Boolean()),
  lowIncome: Type.Optional(Type.Boolean()),
  keyCare: Type.Optional(Type.Boolean()),
  gridId: Type.Union([Type.Integer(), Type.Null()]),
  gridCode: Type.Union([Type.String(), Type.Null()]),
})

export const HouseholdCollection = FeatureCollection(HouseholdProperties, { numberReturned: Type.Integer() })
