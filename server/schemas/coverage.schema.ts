import { Type } from '@sinclair/typebox'
import { RegionCode } from './common.schema'

export const CoverageQuery = Type.Object(
  {
    region: RegionCode,
    asOf: Type.Optional(Type.String({ format: 'date-time', description: 'judge patrols and deadlines as of this instant (default: now)' })),
  },
  { additionalProperties: false },
)

const Explanation = Type.Object({ 'zh-CN': Type.String(), en: Type.String() })

export const BlindSpotFeature = Type.Object({
  type: Type.Literal('Feature'),
  geometry: Type.Union([Type.Object({ type: Type.String(), coordinates: Type.Unknown() }), Type.Null()]),
  properties: Type.Object(
    {
      kind: Type.String(),
      severity: Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]),
      explanation: Explanation,
      areaM2: Type.Optional(Type.Number()),
      householdIds: Type.Optional(Type.Array(Type.Integer())),
      householdExternalIds: Type.Optional(Type.Array(Type.String())),
    },
    { additionalProperties: true },
  ),
})

const AreaScore = Type.Object({ code: Type.String(), score: Type.Number(), households: Type.Integer(), gapAreaM2: Type.Number(), areaM2: Type.Number() })
const GridScore = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  communityCode: Type.String(),
  households: Type.Integer(),
  score: Type.Number(),
  kinds: Type.Array(Type.String()),
})

export const CoverageResponse = Type.Object({
  // The summary's fields are documented in CoverageSummary (server/services/coverage/coverage.service.ts).
  summary: Type.Object(
    {
      gridCount: Type.Integer(),
      regionAreaM2: Type.Number(),
      coveredAreaM2: Type.Number(),
      gapAreaM2: Type.Number(),
      overlapAreaM2: Type.Number(),
      households: Type.Integer(),
      householdsOutside: Type.Integer(),
      householdsMulti: Type.Integer(),
    },
    { additionalProperties: true },
  ),
  scores: Type.Object({ grids: Type.Array(GridScore), communities: Type.Array(AreaScore), streets: Type.Array(AreaScore), region: AreaScore }),
  blindSpots: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(BlindSpotFeature) }),
})
