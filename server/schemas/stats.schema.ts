import { Type, type Static } from '@sinclair/typebox'
import { LngLat, RegionCode } from './common.schema'
import { LiteralUnion } from './literal-union'

export const StatsQuery = Type.Object({ region: RegionCode }, { additionalProperties: false })

export const STATS_POINT_LAYERS = ['households', 'incidents'] as const
export const StatsPointsQuery = Type.Object(
  {
    region: RegionCode,
    layer: LiteralUnion(STATS_POINT_LAYERS, { description: 'households, or incidents reported in the last 30 days' }),
  },
  { additionalProperties: false },
)

const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()])
const Counted = Type.Object({ key: Type.String(), count: Type.Integer() })

/** The wall's KPI tiles; the client shows exactly these numbers (rates as fractions 0–1). */
export const StatsKpis = Type.Object({
  grids: Type.Integer(),
  households: Type.Integer(),
  workers: Type.Integer(),
  areaCoverage: Rate,
  householdCoverage: Rate,
  openIncidents: Type.Integer(),
  overdueIncidents: Type.Integer(),
  onTimeRate: Rate,
  rated: Type.Integer({ description: 'residents’ ratings given in the last 30 days' }),
  satisfactionRate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: '满意率: (满意 + 基本满意) / rated, last 30 days' }),
  blindSpots: Type.Integer(),
})

export const StatsOverview = Type.Object({
  region: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  asOf: Type.String({ format: 'date-time', description: 'when the incident figures were read' }),
  coverageAsOf: Type.String({ format: 'date-time', description: 'when the cached coverage report behind the coverage figures was computed' }),
  kpis: StatsKpis,
  perDay: Type.Array(Type.Object({ day: Type.String(), count: Type.Integer() }), { description: 'the last 30 days (UTC+8), oldest first, zero-filled' }),
  byCategory: Type.Array(Counted, { description: 'incidents reported in the last 30 days by category' }),
  byStage: Type.Array(Counted, { description: 'incidents reported in the last 30 days by lifecycle stage' }),
  onTimeRanking: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), due: Type.Integer(), closedOnTime: Type.Integer(), onTimeRate: Rate }), {
    description: '按期结案率 over 30 days of the communities (of the grids, for a community), best first',
  }),
  service: Type.Array(
    Type.Object({
      category: Type.String(),
      distanceM: Type.Number(),
      servicePoints: Type.Integer(),
      householdsLacking: Type.Integer(),
      coverage: Rate,
    }),
  ),
  grids: Type.Array(Type.Object({ id: Type.Integer(), score: Type.Number(), kinds: Type.Array(Type.String()) })),
  blindSpotsByKind: Type.Record(Type.String(), Type.Integer()),
})

export const StatsBlindSpots = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      geometry: Type.Object({ type: Type.String(), coordinates: Type.Unknown() }),
      properties: Type.Object({ kind: Type.String(), severity: Type.String(), areaM2: Type.Optional(Type.Number()) }),
    }),
  ),
})

export const StatsPoints = Type.Object({
  layer: Type.String(),
  count: Type.Integer(),
  origin: LngLat(),
  step: Type.Number({ description: 'degrees per unit of the offsets' }),
  offsets: Type.Array(Type.Integer(), { description: 'dLng, dLat pairs from origin, in units of step' }),
})

export type StatsOverviewBody = Static<typeof StatsOverview>
export type StatsKpisBody = Static<typeof StatsKpis>
export type StatsBlindSpotsBody = Static<typeof StatsBlindSpots>
export type StatsPointsBody = Static<typeof StatsPoints>
