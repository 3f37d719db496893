import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError, forbidden, notFound } from '../errors'
import { fieldWorkRepository } from '../repositories/field-work.repository'
import { incidentPhotosRepository } from '../repositories/incident-photos.repository'
import { incidentsLifecycleRepository, type LockedIncident } from '../repositories/incidents-lifecycle.repository'
import { incidentsRepository } from '../repositories/incidents.repository'
import { usersRepository, type User } from '../repositories/users.repository'
import { ErrorResponse } from '../schemas/common.schema'
import { CandidateList, PhotoJpeg, PhotoParams, PhotoQuery } from '../schemas/field-work.schema'
import {
  IncidentCollection,
  IncidentCreate,
  IncidentDetail,
  IncidentIdParams,
  IncidentPatch,
  IncidentsQuery,
  PHOTO_BODY_LIMIT_BYTES,
} from '../schemas/incidents.schema'
import { incidentFilterErrors } from '../services/incident-filter'
import { outOfMyGrids, workerOf } from '../services/field-work/field-work.service'
import { resolveIncidentFilter } from '../services/incidents/incident-queries.service'
import { reportIncident, transitionIncident, type IncidentWriteContext } from '../services/incidents/incidents.service'
import { processPhotos } from '../services/photos/photo-processing'
import { incidentSeenBy } from '../services/privacy'
import { lngLatOf } from '../services/lng-lat'

const outOfScope = () => new AppError(403, 'out_of_scope', 'Supervisors handle incidents inside their own regions only')
/** What a grid worker may do to a task of theirs; the rest is the command centre's. */
const WORKER_ACTIONS = ['acknowledge', 'handle']

export const incidentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Who may write at all is each route's declared access (server/plugins/access-policy.ts); where, is this.
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
      config: { access: 'read' },
      errorHandler: incidentFilterErrors,
      schema: {
        tags: ['incidents'],
        summary: 'Incidents matching the filters, newest first, as GeoJSON',
        querystring: IncidentsQuery,
        response: { 200: IncidentCollection, 400: ErrorResponse },
      },
    },
    async (request) => {
      const { limit, ...query } = request.query
      const filter = await resolveIncidentFilter(app.db, query)
      const incidents = incidentsRepository(app.db)
      const features = (await incidents.list(filter, limit)).map((f) => incidentSeenBy(request.user, f))
      const numberMatched = features.length < limit ? features.length : await incidents.count(filter)
      return { type: 'FeatureCollection' as const, features, numberMatched, numberReturned: features.length }
    },
  )

  app.get(
    '/api/incidents/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['incidents'],
        summary: 'One incident with its timeline (every transition with who and when) and its photos',
        params: IncidentIdParams,
        response: { 200: IncidentDetail, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { id } = request.params
      const detail = await incidentsLifecycleRepository(app.db).detail(id)
      if (!detail) throw notFound(`Incident ${id}`)
      return incidentSeenBy(request.user, detail)
    },
  )

  app.post(
    '/api/incidents',
    {
      config: { access: 'incidentWrite' },
      bodyLimit: PHOTO_BODY_LIMIT_BYTES,
      schema: {
        tags: ['incidents'],
        summary: 'Report an incident (grid workers: found on patrol, in their grids); an emergency alerts its grid and every grid touching it',
        body: IncidentCreate,
        response: {
          201: IncidentDetail,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const { body } = request
      const user = request.user!
      const [lng, lat] = lngLatOf(body.location)
      await supervisorAt(user, lng, lat)
      if (user.role === 'worker') {
        if (body.source !== 'patrol')
          throw new AppError(403, 'patrol_only', 'A grid worker reports what they found on patrol: source must be patrol', { parameter: 'source' })
        const worker = await workerOf(app.db, user)
        if (!(await fieldWorkRepository(app.db).inMyGrids(worker.id, lng, lat))) throw outOfMyGrids('The location')
      }
      const photos = await processPhotos(body.photos)
      const detail = await reportIncident(writeContext(), { ...body, lng, lat, photos }, user.username)
      return reply.status(201).send(detail)
    },
  )

  app.patch(
    '/api/incidents/:id',
    {
      config: { access: 'incidentWrite' },
      bodyLimit: PHOTO_BODY_LIMIT_BYTES,
      schema: {
        tags: ['incidents'],
        summary: 'A lifecycle transition: accept, reject, dispatch (to a grid worker), acknowledge, handle, verify, close, return, escalate, extend, handover',
        params: IncidentIdParams,
        body: IncidentPatch,
        response: {
          200: IncidentDetail,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
          409: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request) => {
      const { id } = request.params
      const { body } = request
      const user = request.user!
      await supervisorOn(user, id)
      const authorize = await transitionRule(user, body.action)
      const photos = await processPhotos(body.photos)
      const detail = await transitionIncident(writeContext(), id, body, user.username, { photos, authorize })
      return incidentSeenBy(user, detail)
    },
  )

  /** Grid workers act only on their own tasks and only as workers do; 签收 is the assignee's alone. */
  async function transitionRule(user: User, action: string): Promise<(state: LockedIncident) => void> {
    if (user.role !== 'worker') {
      if (action === 'acknowledge') throw new AppError(403, 'assignee_only', 'Only the assigned grid worker acknowledges a task')
      return () => {}
    }
    if (!WORKER_ACTIONS.includes(action))
      throw new AppError(403, 'worker_action', `A grid worker may ${WORKER_ACTIONS.join(' or ')} a task; ${action} is the command centre's`)
    const worker = await workerOf(app.db, user)
    return (state) => {
      if (state.assigneeId !== worker.id) throw new AppError(403, 'not_your_task', `Incident ${state.id} is not dispatched to you`)
    }
  }

  app.get(
    '/api/incidents/:id/candidates',
    {
      config: { access: 'dispatch' },
      schema: {
        tags: ['incidents'],
        summary: 'Grid workers who could take the incident: its grid’s first, then the adjacent grids’, then its community’s',
        params: IncidentIdParams,
        response: { 200: CandidateList, 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { id } = request.params
      if ((await usersRepository(app.db).mayActOnIncident(request.user!.id, id)) === undefined) throw notFound(`Incident ${id}`)
      await supervisorOn(request.user!, id)
      return { candidates: await fieldWorkRepository(app.db).candidates(id) }
    },
  )

  app.get(
    '/api/incidents/:id/photos/:photoId',
    {
      config: { access: 'incidentPhotos' },
      schema: {
        tags: ['incidents'],
        summary: 'A photo of an incident as JPEG (?size=thumb: 320 px): for the command centre, supervisors in scope and the assigned worker',
        params: PhotoParams,
        querystring: PhotoQuery,
        response: { 200: PhotoJpeg, 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { id, photoId } = request.params
      await mayViewPhotosOf(request.user!, id)
      const bytes = await incidentPhotosRepository(app.db).bytes(id, photoId, request.query.size ?? 'full')
      if (!bytes) throw notFound(`Photo ${photoId} of incident ${id}`)
      // Personal data: never kept by shared caches.
      return reply.header('content-type', 'image/jpeg').header('cache-control', 'private, max-age=3600').send(bytes)
    },
  )

  async function mayViewPhotosOf(user: User, incidentId: number): Promise<void> {
    if (user.role === 'worker') {
      const worker = await workerOf(app.db, user)
      const state = await incidentsLifecycleRepository(app.db).lock(incidentId)
      if (!state) throw notFound(`Incident ${incidentId}`)
      if (state.assigneeId !== worker.id) throw forbidden('Photos of a task are for its assigned worker')
      return
    }
    await supervisorOn(user, incidentId)
  }
}
