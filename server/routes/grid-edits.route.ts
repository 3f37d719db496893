import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { ErrorResponse } from '../schemas/common.schema'
import {
  BatchValidationReport,
  DeleteQuery,
  EditorSession,
  DryRunQuery,
  EditQuery,
  EditResult,
  GridBatch,
  GridEditFeature,
  GridIdParams,
  HistoryResponse,
  MergeBody,
  RevertBody,
  SplitBody,
  SplitMergePreview,
  ValidateBody,
  ValidationReport,
} from '../schemas/grid-edits.schema'
import { editScope } from '../services/grid-editing/edit-checks'
import { createGrid, deleteGrid, gridHistory, revertGrid, validateEdit, type EditContext } from '../services/grid-editing/grid-edit.service'
import { updateGrid, updateGrids, validateGrids } from '../services/grid-editing/reshape.service'
import { mergeGrids, splitGrid } from '../services/grid-editing/split-merge.service'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 410: ErrorResponse, 422: ErrorResponse }

/** The supervisor's grid editor: every write is one transaction that keeps coverage whole. */
export const gridEditsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const context = (request: FastifyRequest): EditContext => ({ db: app.db, user: request.user!, events: app.events, settings: app.config.coverage })

  // The editor asks who is editing without a 401 (a console error in the browser) when nobody is.
  app.get(
    '/api/grids/editor',
    {
      config: { access: 'public' },
      schema: { tags: ['grid editing'], summary: 'Who is editing: the user (or null) and the regions they may edit', response: { 200: EditorSession } },
    },
    async (request) => {
      const user = request.user && request.user.id > 0 ? request.user : null
      return { user, regions: user ? await editScope(app.db, user) : [] }
    },
  )

  app.post(
    '/api/grids/validate',
    {
      config: { access: 'editGrids' },
      schema: {
        tags: ['grid editing'],
        summary: 'Dry run: overlaps and gaps created, households moving or left outside, the size norm after the edit',
        description:
          'The body is one grid (a Feature) or a multi-grid save (the body of PUT /api/grids), checked on the final state of all its grids together.',
        querystring: EditQuery,
        body: ValidateBody,
        response: { 200: Type.Union([ValidationReport, BatchValidationReport]), ...errors },
      },
    },
    async (request) => {
      const { body, query } = request
      return 'grids' in body ? validateGrids(context(request), body, query) : validateEdit(context(request), body, query)
    },
  )

  app.post(
    '/api/grids',
    {
      config: { access: 'editGrids' },
      schema: {
        tags: ['grid editing'],
        summary: "Create a grid; it gets the community's next free code",
        querystring: EditQuery,
        body: GridEditFeature,
        response: { 201: EditResult, ...errors },
      },
    },
    async (request, reply) => {
      const result = await createGrid(context(request), request.body, request.query)
      return reply.status(201).send(result)
    },
  )

  app.put(
    '/api/grids/:id',
    {
      config: { access: 'editGrids' },
      schema: {
        tags: ['grid editing'],
        summary: 'Reshape or rename a grid; properties.version is the version the edit started from (stale → 409)',
        params: GridIdParams,
        querystring: EditQuery,
        body: GridEditFeature,
        response: { 200: EditResult, ...errors },
      },
    },
    async (request) => updateGrid(context(request), request.params.id, request.body, request.query),
  )

  app.put(
    '/api/grids',
    {
      config: { access: 'editGrids' },
      schema: {
        tags: ['grid editing'],
        summary: 'Reshape several grids in one transaction (a shared edge moved for both neighbours); each carries its version, all or nothing',
        querystring: EditQuery,
        body: GridBatch,
        response: { 200: EditResult, ...errors },
      },
    },
    async (request) => updateGrids(context(request), request.body, request.query),
  )

  app.delete(
    '/api/grids/:id',
    {
      config: { access: 'editGrids' },
      schema: {
        tags: ['grid editing'],
        summary: 'Delete a grid (its code is retired, never reused)',
        params: GridIdParams,
        querystring: DeleteQuery,
        response: { 200: EditResult, ...errors },
      },
    },
    async (request) => {
      const { version, reason } = request.query
      return deleteGrid(context(request), request.params.id, version, reason)
    },
  )

  app.post(
    '/api/grids/:id/split',
    {
      config: { access: 'editGrids' },
      schema: {
        tags: ['grid editing'],
        summary: 'Split a grid along a line; ?dryRun=true previews',
        params: GridIdParams,
        querystring: DryRunQuery,
        body: SplitBody,
        response: { 200: SplitMergePreview, 201: EditResult, ...errors },
      },
    },
    async (request, reply) => {
      const { dryRun = false } = request.query
      const { dryRun: _, ...outcome } = await splitGrid(context(request), request.params.id, request.body, dryRun)
      return dryRun ? { dryRun: true, ...outcome } : reply.status(201).send(outcome)
    },
  )

  app.post(
    '/api/grids/merge',
    {
      config: { access: 'editGrids' },
      schema: {
        tags: ['grid editing'],
        summary: 'Merge adjacent grids of one community into the lowest-coded one; ?dryRun=true previews',
        querystring: DryRunQuery,
        body: MergeBody,
        response: { 200: SplitMergePreview, 201: EditResult, ...errors },
      },
    },
    async (request, reply) => {
      const { dryRun = false } = request.query
      const { dryRun: _, ...outcome } = await mergeGrids(context(request), request.body, dryRun)
      return dryRun ? { dryRun: true, ...outcome } : reply.status(201).send(outcome)
    },
  )

  app.post(
    '/api/grids/:id/revert',
    {
      config: { access: 'editGrids' },
      schema: {
        tags: ['grid editing'],
        summary: 'Revert a grid to the geometry of an earlier version (a deleted grid comes back)',
        params: GridIdParams,
        body: RevertBody,
        response: { 200: EditResult, ...errors },
      },
    },
    async (request) => revertGrid(context(request), request.params.id, request.body),
  )

  app.get(
    '/api/grids/:id/history',
    {
      config: { access: 'read' },
      schema: {
        tags: ['grid editing'],
        summary: 'Every change of a grid: who, when, why, geometry before and after',
        params: GridIdParams,
        response: { 200: HistoryResponse, ...errors },
      },
    },
    async (request) => gridHistory(app.db, request.params.id),
  )
}
