import { Type, type Static } from '@sinclair/typebox'
import { Feature, Geometry, Id, IdParams, Version } from './common.schema'
import { GridProperties } from './grids.schema'
import { LiteralUnion } from './literal-union'

const GridType = Type.Union([Type.Literal('comprehensive'), Type.Literal('dedicated')])
const Reason = Type.String({ maxLength: 500, description: 'Why the grid changes (kept in its history)' })

/** A grid as the editor sends it: geometry plus what the operation needs. */
export const GridEditProperties = Type.Object({
  id: Type.Optional(Id({ description: 'The grid being edited (validate only)' })),
  version: Type.Optional(Version({ description: 'The version this edit started from (PUT, validate)' })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  type: Type.Optional(GridType),
  communityCode: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
  reason: Type.Optional(Reason),
})
export const GridEditFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Optional(Type.Union([Type.Number(), Type.String()])),
  geometry: Geometry,
  properties: GridEditProperties,
})

/** One grid of a multi-grid save: the shape it gets, and the version the edit started from. */
export const GridBatchItem = Type.Object(
  {
    id: Id(),
    version: Version({ description: 'The version this edit started from' }),
    geometry: Geometry,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    type: Type.Optional(GridType),
  },
  { additionalProperties: false },
)
/** Several grids reshaped together (a shared edge moved for both neighbours): saved all or nothing. */
export const GridBatch = Type.Object(
  { grids: Type.Array(GridBatchItem, { minItems: 1, maxItems: 50 }), reason: Type.Optional(Reason) },
  { additionalProperties: false },
)
/** POST /api/grids/validate checks one grid (a Feature) or a multi-grid save (the body of PUT /api/grids). */
export const ValidateBody = Type.Union([GridEditFeature, GridBatch])

export const EditQuery = Type.Object(
  { avoidOverlaps: Type.Optional(Type.Boolean({ description: 'Clip to the community and away from neighbouring grids first' })) },
  { additionalProperties: false },
)
export const DryRunQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ description: 'Report what would happen, change nothing' })) },
  { additionalProperties: false },
)
export const DeleteQuery = Type.Object({ version: Version(), reason: Type.Optional(Reason) }, { additionalProperties: false })
export const GridIdParams = IdParams

export const SplitBody = Type.Object({ line: Geometry, version: Type.Optional(Version()), reason: Type.Optional(Reason) }, { additionalProperties: false })
export const MergeBody = Type.Object(
  {
    ids: Type.Array(Id(), { minItems: 2, maxItems: 50, uniqueItems: true }),
    versions: Type.Optional(Type.Array(Version(), { description: 'The version of each id, in the same order' })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
)
export const RevertBody = Type.Object(
  { toVersion: Version(), version: Version({ description: 'The current version' }), reason: Type.Optional(Reason) },
  { additionalProperties: false },
)

const HouseholdMove = Type.Object({
  id: Type.Integer(),
  externalId: Type.String(),
  fromGridCode: Type.Union([Type.String(), Type.Null()]),
  toGridCode: Type.Union([Type.String(), Type.Null()]),
})
export const SizeNorm = Type.Object({
  households: Type.Integer(),
  population: Type.Integer(),
  status: LiteralUnion(['ok', 'undersized', 'oversized', 'over_population', 'empty', 'exempt']),
  householdsMin: Type.Integer(),
  householdsMax: Type.Integer(),
  populationMax: Type.Integer(),
})
export const Problem = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Unknown()),
  gridId: Type.Optional(Type.Integer({ description: 'In a multi-grid check: the edited grid the problem is about' })),
})
const Overlap = Type.Object({ gridId: Type.Integer(), gridCode: Type.String(), areaM2: Type.Number(), geometry: Geometry })
const Households = Type.Object({ count: Type.Integer(), list: Type.Array(HouseholdMove) })

/** What saving would do: a dry run. */
export const ValidationReport = Type.Object({
  valid: Type.Boolean(),
  problems: Type.Array(Problem),
  code: Type.Union([Type.String(), Type.Null()]),
  geometry: Type.Union([Geometry, Type.Null()], { description: 'The geometry that would be saved (clipped when avoidOverlaps)' }),
  vertices: Type.Integer(),
  areaM2: Type.Number(),
  outsideCommunityM2: Type.Number(),
  overlapAreaM2: Type.Number(),
  overlaps: Type.Array(Overlap),
  gapAreaM2: Type.Number(),
  gap: Type.Union([Geometry, Type.Null()]),
  householdsMoved: Households,
  householdsOutside: Households,
  sizeNorm: SizeNorm,
})

/** What a multi-grid save would do: each grid in the final state, and their combined effect. */
export const BatchValidationReport = Type.Object({
  valid: Type.Boolean(),
  problems: Type.Array(Problem, { description: 'Every problem of every grid, each naming its grid (gridId)' }),
  grids: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      valid: Type.Boolean(),
      problems: Type.Array(Problem),
      geometry: Type.Union([Geometry, Type.Null()], { description: 'The geometry that would be saved (clipped when avoidOverlaps)' }),
      vertices: Type.Integer(),
      areaM2: Type.Number(),
      outsideCommunityM2: Type.Number(),
      overlapAreaM2: Type.Number(),
      sizeNorm: SizeNorm,
    }),
  ),
  overlapAreaM2: Type.Number(),
  overlaps: Type.Array(Type.Object({ ...Overlap.properties, editedGridId: Type.Integer({ description: 'The edited grid that overlaps gridId' }) })),
  gapAreaM2: Type.Number(),
  gap: Type.Union([Geometry, Type.Null()]),
  householdsMoved: Households,
  householdsOutside: Households,
})

export const EditResult = Type.Object({
  grids: Type.Array(Feature(GridProperties)),
  deletedGridIds: Type.Array(Type.Integer()),
  householdsMoved: Type.Integer(),
})

export const SplitMergePreview = Type.Object({
  dryRun: Type.Literal(true),
  grids: Type.Array(Feature(GridProperties)),
  deletedGridIds: Type.Array(Type.Integer()),
  householdsMoved: Type.Integer(),
  sizeNorms: Type.Array(Type.Object({ code: Type.String(), sizeNorm: SizeNorm })),
})

export const HistoryEntry = Type.Object({
  version: Type.Integer(),
  operation: Type.String(),
  changedAt: Type.String({ format: 'date-time' }),
  changedBy: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  relatedGridIds: Type.Array(Type.Integer()),
  geometryBefore: Type.Union([Geometry, Type.Null()]),
  geometryAfter: Type.Union([Geometry, Type.Null()]),
})
export const HistoryResponse = Type.Object({
  gridId: Type.Integer(),
  code: Type.String(),
  version: Type.Integer(),
  deleted: Type.Boolean(),
  entries: Type.Array(HistoryEntry),
})

export const EditorSession = Type.Object({
  user: Type.Union([Type.Object({ id: Type.Integer(), username: Type.String(), role: Type.String() }), Type.Null()]),
  regions: Type.Array(Type.String(), { description: "Region codes the user may edit ('*' for an admin: everywhere)" }),
})

export type GridEditFeatureBody = Static<typeof GridEditFeature>
export type SplitBodyType = Static<typeof SplitBody>
export type MergeBodyType = Static<typeof MergeBody>
export type ValidationReportBody = Static<typeof ValidationReport>
export type BatchValidationReportBody = Static<typeof BatchValidationReport>
export type GridBatchBody = Static<typeof GridBatch>
export type EditResultBody = Static<typeof EditResult>
export type HistoryResponseBody = Static<typeof HistoryResponse>
