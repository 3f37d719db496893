import { Type, type Static } from '@sinclair/typebox'
import { IMPORT_KINDS } from '../services/import/parse-features'
import { FINDING_KINDS } from '../services/import/warnings'

export const ImportParams = Type.Object({ kind: Type.Union(IMPORT_KINDS.map((kind) => Type.Literal(kind))) })
export const ImportQuery = Type.Object(
  {
    crs: Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02'), Type.Literal('bd09')], { default: 'wgs84' }),
    strict: Type.Boolean({ default: false, description: 'Refuse coverage findings (422 coverage_findings) instead of importing them with warnings' }),
  },
  { additionalProperties: false },
)
// Features are checked one by one by the import service, so each bad one gets its own reason.
export const ImportBody = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Unknown(), { minItems: 1 }),
})
export const ImportWarning = Type.Object({
  kind: Type.Union(FINDING_KINDS.map((kind) => Type.Literal(kind))),
  index: Type.Optional(Type.Integer({ description: 'The feature, by index; absent for a gap, which belongs to its community' })),
  code: Type.Optional(Type.String({ description: 'The code the feature was given' })),
  communityCode: Type.String(),
  otherCode: Type.Optional(Type.String({ description: "An overlap's other grid" })),
  otherIndex: Type.Optional(Type.Integer({ description: "An overlap's other grid, when it came in the same file" })),
  areaM2: Type.Number(),
  message: Type.String(),
})
export const ImportResponse = Type.Object({
  kind: Type.String(),
  inserted: Type.Integer(),
  ids: Type.Array(Type.Union([Type.Integer(), Type.String()])),
  warnings: Type.Array(ImportWarning, { description: 'Coverage findings of a grid import, imported anyway (see strict)' }),
})

export type ImportParamsType = Static<typeof ImportParams>
export type ImportQueryType = Static<typeof ImportQuery>
export type ImportBodyType = Static<typeof ImportBody>
