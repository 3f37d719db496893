import type { FastifyInstance } from 'fastify'
import { usersRepository } from '../repositories/users.repository'
import { ErrorResponse } from '../schemas/common.schema'
import { UserCreate, UserIdParams, UserList, UserPatch, UserResponse, type UserCreateBody, type UserPatchBody } from '../schemas/users.schema'
import { createUser, updateUser } from '../services/users.service'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse }

/** Admins manage users (access: server/plugins/access-policy.ts). */
export async function usersRoutes(app: FastifyInstance) {
  app.get(
    '/api/users',
    { schema: { tags: ['users'], summary: 'Every user with role, regions and state (never a password hash)', response: { 200: UserList, ...errors } } },
    async () => ({ users: await usersRepository(app.db).list() }),
  )

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'], summary: 'Create a user; regionCodes scope a supervisor',
        body: UserCreate, response: { 201: UserResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send({ user: await createUser(app.db, request.body as UserCreateBody) }),
  )

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'], summary: 'Change password, role, regions or disable; password, role and disabling end the user\'s sessions at once',
        params: UserIdParams, body: UserPatch, response: { 200: UserResponse, ...errors },
      },
    },
    async (request) => ({ user: await updateUser(app.db, (request.params as { id: number }).id, request.body as UserPatchBody) }),
  )
}
