import { Type } from '@sinclair/typebox'
import { BboxList } from './common.schema'

export const RegionNodeSchema = Type.Recursive(
  (Self) =>
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      level: Type.Union([Type.Literal('county'), Type.Literal('street'), Type.Literal('community')]),
      parentCode: Type.Union([Type.String(), Type.Null()]),
      bbox: Type.Union([BboxList(), Type.Null()]),
      children: Type.Array(Self),
    }),
  { $id: 'RegionNode' },
)

export const RegionsResponse = Type.Object({ regions: Type.Array(RegionNodeSchema) })
