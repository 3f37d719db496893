import { Type } from '@sinclair/typebox'
import { BboxParam, FeatureCollection, RegionCode } from './common.schema'

export const GridProperties = Type.Object({
  id: Type.Integer(),
  code: Type.String({ pattern: '^[0-9]{15}$' }),
  name: Type.String(),
  type: Type.Union([Type.Literal('comprehensive'), Type.Literal('dedicated')]),
  communityCode: Type.String(),
  householdCount: Type.Integer(),
  version: Type.Integer(),
})

export const GridsQuery = Type.Object({ region: Type.Optional(RegionCode), bbox: Type.Optional(BboxParam) }, { additionalProperties: false })
export const GridCollection = FeatureCollection(GridProperties)
