import { Type, type Static } from '@sinclair/typebox'

export const RegionNodeSchema = Type.Recursive(
  (Self) =>
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      level: Type.Union([Type.Literal('county'), Type.Literal('street'), Type.Literal('community')]),
      parentCode: Type.Union([Type.String(), Type.Null()]),
      bbox: Type.Union([Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]), Type.Null()]),
      children: Type.Array(Self),
    }),
  { $id: 'RegionNode' },
)

export const RegionsResponse = Type.Object({ regions: Type.Array(RegionNodeSchema) })
export type RegionsResponseBody = Static<typeof RegionsResponse>
