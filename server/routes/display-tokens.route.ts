import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { notFound } from '../errors'
import { displayTokensRepository } from '../repositories/display-tokens.repository'
import { ErrorResponse } from '../schemas/common.schema'
import { DisplayTokenCreate, DisplayTokenIdParams, DisplayTokenIssued, DisplayTokenList, DisplayTokenRevoked } from '../schemas/display-tokens.schema'

/** Admins issue read-only tokens for unattended walls (/wall?token=…) and revoke them. */
export const displayTokensRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const denied = { 401: ErrorResponse, 403: ErrorResponse }

  app.post(
    '/api/display-tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['display'],
        summary: 'Issue a read-only display token for a wall (shown once; only its hash is stored)',
        body: DisplayTokenCreate,
        response: { 201: DisplayTokenIssued, 400: ErrorResponse, ...denied },
      },
    },
    async (request, reply) => {
      const { name } = request.body
      const { id, token } = await displayTokensRepository(app.db).issue(name.trim(), request.user!.id)
      return reply.status(201).send({ id, name: name.trim(), token })
    },
  )

  app.get(
    '/api/display-tokens',
    {
      config: { access: 'admin' },
      schema: { tags: ['display'], summary: 'Display tokens (without their secrets)', response: { 200: DisplayTokenList, ...denied } },
    },
    async () => ({ tokens: await displayTokensRepository(app.db).list() }),
  )

  app.delete(
    '/api/display-tokens/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['display'],
        summary: 'Revoke a display token; walls using it lose access at once',
        params: DisplayTokenIdParams,
        response: { 204: DisplayTokenRevoked, 400: ErrorResponse, 404: ErrorResponse, ...denied },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const tokens = displayTokensRepository(app.db)
      if (!(await tokens.revoke(id)) && !(await tokens.exists(id))) throw notFound(`Display token ${id}`)
      app.forgetDisplayTokens()
      return reply.status(204).send()
    },
  )
}
