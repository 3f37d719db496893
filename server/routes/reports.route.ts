import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError } from '../errors'
import { ErrorResponse } from '../schemas/common.schema'
import { PHOTO_BODY_LIMIT_BYTES } from '../schemas/incidents.schema'
import { PublicReport, RatingBody, ReportCreate, ReportCreated, TrackingCodeParams } from '../schemas/reports.schema'
import { citizenReport, rateCitizenReport, submitCitizenReport } from '../services/reports/citizen-reports.service'
import { createRateLimiter } from '../services/reports/rate-limiter'
import { lngLatOf } from '../services/lng-lat'

/** Residents' reports (/report): public, no login; the tracking code is the key to one's own report. */
export const reportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const perAddress = createRateLimiter({ max: app.config.reportsPerHour, windowMs: 3_600_000 })
  const writeContext = () => ({ db: app.db, events: app.events, deadlineHours: app.config.deadlineHours })

  app.post(
    '/api/reports',
    {
      config: { access: 'public' },
      bodyLimit: PHOTO_BODY_LIMIT_BYTES,
      schema: {
        tags: ['reports'],
        summary: 'A resident reports a problem (public); answers the tracking code',
        body: ReportCreate,
        response: { 201: ReportCreated, 400: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { body } = request
      // Counted before anything else, so a burst cannot slip through while the first are checked.
      const retryAfterSeconds = perAddress.take(request.ip)
      if (retryAfterSeconds > 0) {
        reply.header('retry-after', String(retryAfterSeconds))
        throw new AppError(429, 'too_many_reports', `Too many reports from this address; try again in ${retryAfterSeconds} s`, { retryAfterSeconds })
      }
      if (body.website)
        throw new AppError(422, 'spam_suspected', 'The form was filled in by a program (the hidden field "website" must stay empty)', { parameter: 'website' })
      const [lng, lat] = lngLatOf(body.location)
      const { trackingCode, detail } = await submitCitizenReport(writeContext(), { ...body, lng, lat }, 'resident')
      return reply.status(201).send({
        trackingCode,
        status: detail.properties.status,
        reportedAt: detail.properties.reportedAt,
        photos: detail.properties.photos.length,
      })
    },
  )

  app.get(
    '/api/reports/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reports'],
        summary: 'A resident’s report by its tracking code: status and timeline, no officials’ names',
        params: TrackingCodeParams,
        response: { 200: PublicReport, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return citizenReport(app.db, request.params.code)
    },
  )

  app.post(
    '/api/reports/:code/rating',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reports'],
        summary: 'The resident rates the handling of a closed report (once)',
        params: TrackingCodeParams,
        body: RatingBody,
        response: { 200: PublicReport, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => {
      const { body } = request
      return rateCitizenReport(writeContext(), request.params.code, body.rating, body.comment)
    },
  )
}
