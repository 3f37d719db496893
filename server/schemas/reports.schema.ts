import { Type, type Static } from '@sinclair/typebox'
import { INCIDENT_CATEGORIES, INCIDENT_EVENTS, RATINGS } from '../domain/vocabulary'
import { OneOf, PhotoUploads, Point } from './incidents.schema'

export const ReportCreate = Type.Object(
  {
    category: OneOf(INCIDENT_CATEGORIES),
    description: Type.String({ minLength: 1, maxLength: 2000 }),
    location: Point,
    phone: Type.Optional(Type.String({ maxLength: 40, description: 'optional; never public, seen by the command centre only' })),
    photos: Type.Optional(PhotoUploads),
    website: Type.Optional(Type.String({ maxLength: 500, description: 'leave empty (a field only robots fill in)' })),
  },
  { additionalProperties: false },
)

export const TrackingCodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) })

export const PublicReport = Type.Object({
  trackingCode: Type.String(),
  category: Type.String(),
  description: Type.String(),
  status: Type.String(),
  reportedAt: Type.String({ format: 'date-time' }),
  closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  timeline: Type.Array(
    Type.Object({
      event: OneOf(INCIDENT_EVENTS),
      at: Type.String({ format: 'date-time' }),
      note: Type.Union([Type.String(), Type.Null()], { description: 'only the reason of a refusal and the closing word' }),
    }),
  ),
  rating: Type.Union([
    Type.Object({ rating: OneOf(RATINGS), comment: Type.Union([Type.String(), Type.Null()]), at: Type.String({ format: 'date-time' }) }),
    Type.Null(),
  ]),
  canRate: Type.Boolean(),
})

export const ReportCreated = Type.Object({
  trackingCode: Type.String({ description: 'the resident’s key to their report: keep it' }),
  status: Type.String(),
  reportedAt: Type.String({ format: 'date-time' }),
  photos: Type.Integer(),
})

export const RatingBody = Type.Object({ rating: OneOf(RATINGS), comment: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })

export type ReportCreateBody = Static<typeof ReportCreate>
export type RatingBodyType = Static<typeof RatingBody>
export type PublicReportBody = Static<typeof PublicReport>
