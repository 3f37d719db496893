import { Type, type Static } from '@sinclair/typebox'
import { FeatureCollection } from './common.schema'

const Csv = (description: string) => Type.Optional(Type.String({ maxLength: 500, description }))
const Timestamp = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])

export const IncidentsQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ description: 'ISO 8601; reported at or after' })),
    to: Type.Optional(Type.String({ description: 'ISO 8601; reported before' })),
    category: Csv('comma-separated categories'),
    status: Csv('comma-separated statuses'),
    source: Csv('comma-separated sources'),
    priority: Csv('comma-separated priorities'),
    region: Type.Optional(Type.String()),
    grid: Type.Optional(Type.String({ description: 'grid id or 15-digit grid code' })),
    bbox: Type.Optional(Type.String({ description: 'minLng,minLat,maxLng,maxLat' })),
    limit: Type.Integer({ minimum: 1, maximum: 50_000, default: 1000 }),
  },
  { additionalProperties: false },
)

export const IncidentProperties = Type.Object({
  id: Type.Integer(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  category: Type.String(),
  source: Type.String(),
  priority: Type.String(),
  status: Type.String(),
  description: Type.String(),
  gridId: Type.Union([Type.Integer(), Type.Null()]),
  gridCode: Type.Union([Type.String(), Type.Null()]),
  reportedAt: Type.String({ format: 'date-time' }),
  acceptedAt: Timestamp,
  dispatchedAt: Timestamp,
  deadlineAt: Timestamp,
  handledAt: Timestamp,
  verifiedAt: Timestamp,
  closedAt: Timestamp,
  rejectedAt: Timestamp,
})

export const IncidentCollection = FeatureCollection(IncidentProperties, { numberMatched: Type.Integer(), numberReturned: Type.Integer() })
export type IncidentsQueryString = Static<typeof IncidentsQuery>
