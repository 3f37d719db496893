import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { fieldWorkRepository } from '../repositories/field-work.repository'
import { ErrorResponse } from '../schemas/common.schema'
import { PatrolCreate, PatrolCreated, VisitCreate, VisitCreated, WorkerHouseholds, WorkerMe, WorkerTasks } from '../schemas/field-work.schema'
import { recordPatrol, recordVisit, workerOf } from '../services/field-work/field-work.service'

/** A grid worker's own view (/worker): their grids, tasks and households, and what they record. */
export const workerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const denied = { 401: ErrorResponse, 403: ErrorResponse }

  app.get(
    '/api/worker/me',
    {
      config: { access: 'fieldWork' },
      schema: { tags: ['field work'], summary: 'The grid worker this account is, with their grids', response: { 200: WorkerMe, ...denied } },
    },
    async (request) => {
      const worker = await workerOf(app.db, request.user!)
      const { countyCode: _county, ...profile } = worker
      return { worker: profile, grids: await fieldWorkRepository(app.db).grids(worker.id) }
    },
  )

  app.get(
    '/api/worker/tasks',
    {
      config: { access: 'fieldWork' },
      schema: { tags: ['field work'], summary: 'Open tasks dispatched to me, soonest deadline first', response: { 200: WorkerTasks, ...denied } },
    },
    async (request) => {
      const worker = await workerOf(app.db, request.user!)
      return { tasks: await fieldWorkRepository(app.db).tasks(worker.id) }
    },
  )

  app.get(
    '/api/worker/households',
    {
      config: { access: 'fieldWork' },
      schema: { tags: ['field work'], summary: 'The households of my grids (for visits)', response: { 200: WorkerHouseholds, ...denied } },
    },
    async (request) => {
      const worker = await workerOf(app.db, request.user!)
      return { households: await fieldWorkRepository(app.db).households(worker.id) }
    },
  )

  app.post(
    '/api/worker/patrols',
    {
      config: { access: 'fieldWork' },
      schema: {
        tags: ['field work'],
        summary: 'A patrol’s track: every grid it passed through counts as patrolled',
        body: PatrolCreate,
        response: { 201: PatrolCreated, 400: ErrorResponse, 422: ErrorResponse, ...denied },
      },
    },
    async (request, reply) => {
      const worker = await workerOf(app.db, request.user!)
      return reply.status(201).send(await recordPatrol(app.db, worker, request.body))
    },
  )

  app.post(
    '/api/worker/visits',
    {
      config: { access: 'fieldWork' },
      schema: {
        tags: ['field work'],
        summary: 'A household visit (走访) in one of my grids',
        body: VisitCreate,
        response: { 201: VisitCreated, 400: ErrorResponse, ...denied },
      },
    },
    async (request, reply) => {
      const worker = await workerOf(app.db, request.user!)
      return reply.status(201).send(await recordVisit(app.db, worker, request.body))
    },
  )
}
