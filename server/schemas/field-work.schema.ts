import { Type, type Static } from '@sinclair/typebox'
import { Bytes, FeatureCollection, Id } from './common.schema'
import { IncidentProperties, OneOf } from './incidents.schema'

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3, description: '[lng, lat] (WGS84)' })

export const WorkerMe = Type.Object({
  worker: Type.Object({ id: Type.Integer(), name: Type.String(), phone: Type.Union([Type.String(), Type.Null()]), role: Type.String() }),
  grids: FeatureCollection(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), communityCode: Type.String() })),
})

export const WorkerTask = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Integer(),
  geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Type.Array(Type.Number()) }),
  properties: Type.Composite([
    IncidentProperties,
    Type.Object({
      returnReason: Type.Union([Type.String(), Type.Null()], { description: 'why the task came back (退回), while it is back with the worker' }),
      photos: Type.Array(Type.Object({ id: Type.Integer(), stage: OneOf(['report', 'handle']) })),
    }),
  ]),
})
export const WorkerTasks = Type.Object({ tasks: Type.Array(WorkerTask) })

export const WorkerHouseholds = Type.Object({
  households: Type.Array(
    Type.Object({
      id: Type.Integer(),
      externalId: Type.String(),
      address: Type.String(),
      gridId: Type.Union([Type.Integer(), Type.Null()]),
      lng: Type.Number(),
      lat: Type.Number(),
    }),
  ),
})

export const PatrolCreate = Type.Object(
  {
    startedAt: Type.String({ format: 'date-time' }),
    endedAt: Type.String({ format: 'date-time' }),
    track: Type.Object(
      { type: Type.Literal('LineString'), coordinates: Type.Array(Position, { minItems: 2, maxItems: 10_000 }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)
export const PatrolCreated = Type.Object({
  id: Type.Integer(),
  lengthM: Type.Number(),
  gridIds: Type.Array(Type.Integer(), { description: 'the grids the track passed through: each got a patrol visit' }),
})

export const VisitCreate = Type.Object(
  {
    householdId: Id(),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    visitedAt: Type.Optional(Type.String({ format: 'date-time', description: 'when the visit was made (default: now); an offline phone sends it later' })),
  },
  { additionalProperties: false },
)
export const VisitCreated = Type.Object({ id: Type.Integer() })

export const CandidateList = Type.Object({
  candidates: Type.Array(
    Type.Object({
      workerId: Type.Integer(),
      name: Type.String(),
      phone: Type.Union([Type.String(), Type.Null()]),
      gridCodes: Type.Array(Type.String()),
      relation: OneOf(['own', 'adjacent', 'community'], "own: the incident's grid; adjacent: a grid touching it; community: elsewhere in its community"),
      openTasks: Type.Integer(),
    }),
  ),
})

export const PhotoParams = Type.Object({ id: Id(), photoId: Id() })
export const PhotoQuery = Type.Object({ size: Type.Optional(OneOf(['full', 'thumb'])) }, { additionalProperties: false })
export const PhotoJpeg = { description: 'The photo, re-encoded as JPEG without metadata', content: { 'image/jpeg': { schema: Bytes() } } }

export type PatrolCreateBody = Static<typeof PatrolCreate>
export type VisitCreateBody = Static<typeof VisitCreate>
export type WorkerTaskBody = Static<typeof WorkerTask>
