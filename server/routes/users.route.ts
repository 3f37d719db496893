import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { usersRepository } from '../repositories/users.repository'
import { ErrorResponse } from '../schemas/common.schema'
import { UserCreate, UserIdParams, UserList, UserPatch, UserResponse } from '../schemas/users.schema'
import { createUser, updateUser } from '../services/users.service'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse }

/** Admins manage users. */
export const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: { tags: ['users'], summary: 'Every user with role, regions and state (never a password hash)', response: { 200: UserList, ...errors } },
    },
    async () => ({ users: await usersRepository(app.db).list() }),
  )

  app.post(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Create a user; regionCodes scope a supervisor',
        body: UserCreate,
        response: { 201: UserResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send({ user: await createUser(app.db, request.body) }),
  )

  app.patch(
    '/api/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: "Change password, role, regions or disable; password, role and disabling end the user's sessions at once",
        params: UserIdParams,
        body: UserPatch,
        response: { 200: UserResponse, ...errors },
      },
    },
    async (request) => ({ user: await updateUser(app.db, request.params.id, request.body) }),
  )
}
