import { Type, type Static } from '@sinclair/typebox'
import { IMPORT_KINDS } from '../services/import/parse-features'

export const ImportParams = Type.Object({ kind: Type.Union(IMPORT_KINDS.map((kind) => Type.Literal(kind))) })
export const ImportQuery = Type.Object(
  { crs: Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02'), Type.Literal('bd09')], { default: 'wgs84' }) },
  { additionalProperties: false },
)
// Features are checked one by one by the import service, so each bad one gets its own reason.
export const ImportBody = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Unknown(), { minItems: 1 }),
})
export const ImportResponse = Type.Object({
  kind: Type.String(),
  inserted: Type.Integer(),
  ids: Type.Array(Type.Union([Type.Integer(), Type.String()])),
})

export type ImportParamsType = Static<typeof ImportParams>
export type ImportQueryType = Static<typeof ImportQuery>
export type ImportBodyType = Static<typeof ImportBody>
