import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '../schemas/common.schema'
import { GridAttributesBody, GridAttributesResult, GridStaff } from '../schemas/grid-attributes.schema'
import { GridIdParams } from '../schemas/grid-edits.schema'
import { gridStaff, updateAttributes } from '../services/grid-editing/grid-attributes.service'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 410: ErrorResponse, 422: ErrorResponse }

/** The editor's attribute form: a grid's name, type, grid workers (网格员) and party members. */
export const gridAttributesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/grids/:id/staff',
    {
      config: { access: 'editGrids' },
      schema: {
        tags: ['grid editing'],
        summary: "A grid's workers, the workers it could be given, and its party members",
        params: GridIdParams,
        response: { 200: GridStaff, ...errors },
      },
    },
    async (request) => gridStaff(app.db, request.params.id),
  )

  app.put(
    '/api/grids/:id/attributes',
    {
      config: { access: 'editGrids' },
      schema: {
        tags: ['grid editing'],
        summary: "Change a grid's name, type, workers and party members; version is the version the edit started from (stale → 409)",
        params: GridIdParams,
        body: GridAttributesBody,
        response: { 200: GridAttributesResult, ...errors },
      },
    },
    async (request) =>
      updateAttributes({ db: app.db, user: request.user!, events: app.events, settings: app.config.coverage }, request.params.id, request.body),
  )
}
