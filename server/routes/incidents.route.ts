import type { FastifyInstance } from 'fastify'
import { AppError, notFound } from '../errors'
import { incidentsLifecycleRepository } from '../repositories/incidents-lifecycle.repository'
import { incidentsRepository } from '../repositories/incidents.repository'
import { usersRepository, type User } from '../repositories/users.repository'
import { ErrorResponse } from '../schemas/common.schema'
import {
  IncidentCollection, IncidentCreate, IncidentDetail, IncidentIdParams, IncidentPatch, IncidentsQuery,
  type IncidentCreateBody, type IncidentPatchBody, type IncidentsQueryString,
} from '../schemas/incidents.schema'
import { resolveIncidentFilter } from '../services/incidents/incident-queries.service'
import { reportIncident, transitionIncident, type IncidentWriteContext } from '../services/incidents/incidents.service'

const outOfScope = () => new AppError(403, 'out_of_scope', 'Supervisors handle incidents inside their own regions only')

export async function incidentsRoutes(app: FastifyInstance) {
  // Who may write at all is the access table's (server/plugins/access-policy.ts); where, is this.
  const supervisorAt = async (user: User, lng: number, lat: number) => {
    if (user.role === 'supervisor' && !(await usersRepository(app.db).mayActAt(user.id, lng, lat))) throw outOfScope()
  }
  const supervisorOn = async (user: User, incidentId: number) => {
    if (user.role === 'supervisor' && (await usersRepository(app.db).mayActOnIncident(user.id, incidentId)) === false) throw outOfScope()
  }
  const writeContext = (): IncidentWriteContext => ({ db: app.db, events: app.events, deadlineHours: app.config.deadlineHours })

  app.get(
    '/api/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents matching the filters, newest first, as GeoJSON',
        querystring: IncidentsQuery,
        response: { 200: IncidentCollection, 400: ErrorResponse },
      },
    },
    async (request) => {
      const { limit, ...query } = request.query as IncidentsQueryString
      const filter = await resolveIncidentFilter(app.db, query)
      const incidents = incidentsRepository(app.db)
      const features = await incidents.list(filter, limit)
      const numberMatched = features.length < limit ? features.length : await incidents.count(filter)
      return { type: 'FeatureCollection' as const, features, numberMatched, numberReturned: features.length }
    },
  )

  app.get(
    '/api/incidents/:id',
    {
      schema: {
        tags: ['incidents'],
        summary: 'One incident with its timeline (every transition with who and when)',
        params: IncidentIdParams,
        response: { 200: IncidentDetail, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number }
      const detail = await incidentsLifecycleRepository(app.db).detail(id)
      if (!detail) throw notFound(`Incident ${id}`)
      return detail
    },
  )

  app.post(
    '/api/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Report an incident; an emergency alerts its grid and every grid touching it',
        body: IncidentCreate,
        response: { 201: IncidentDetail, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body as IncidentCreateBody
      const [lng, lat] = body.location.coordinates
      await supervisorAt(request.user!, lng, lat)
      const detail = await reportIncident(writeContext(), { ...body, lng, lat }, request.user!.username)
      return reply.status(201).send(detail)
    },
  )

  app.patch(
    '/api/incidents/:id',
    {
      schema: {
        tags: ['incidents'],
        summary: 'A lifecycle transition: accept, reject, dispatch, handle, verify, close, return, escalate, extend, handover',
        params: IncidentIdParams,
        body: IncidentPatch,
        response: { 200: IncidentDetail, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number }
      await supervisorOn(request.user!, id)
      return transitionIncident(writeContext(), id, request.body as IncidentPatchBody, request.user!.username)
    },
  )
}
