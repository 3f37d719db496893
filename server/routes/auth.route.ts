import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError } from '../errors'
import { SESSION_COOKIE, sessionToken } from '../plugins/auth.plugin'
import { usersRepository } from '../repositories/users.repository'
import { ErrorResponse } from '../schemas/common.schema'
import { createLoginThrottle } from '../services/login-throttle'
import { verifyPassword } from '../services/passwords'

const UserSchema = Type.Object({ id: Type.Integer(), username: Type.String(), role: Type.String() })
const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const throttle = createLoginThrottle()

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets an httpOnly session cookie and returns a bearer token',
        body: LoginBody,
        response: { 200: Type.Object({ user: UserSchema, token: Type.String() }), 401: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body
      // Checked and counted before the password, so that a locked account cannot be probed either
      // and a burst sent at once gets no more tries than attempts sent one by one.
      const { retryAfterSeconds: retryAfter, attempt } = throttle.admit(username, request.ip)
      if (!attempt) {
        reply.header('retry-after', String(retryAfter))
        throw new AppError(429, 'too_many_attempts', `Too many failed logins; try again in ${retryAfter} s`, { retryAfterSeconds: retryAfter })
      }
      const users = usersRepository(app.db)
      const user = await users.findActiveByUsername(username)
      if (!user || !(await verifyPassword(password, user.passwordHash))) {
        throw new AppError(401, 'invalid_credentials', 'Wrong username or password')
      }
      attempt.succeeded()
      const token = await users.createSession(user.id, app.config.sessionTtlHours)
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        // Secure only when the request came over HTTPS: a loopback install over plain HTTP would
        // otherwise never get its cookie back.
        secure: request.protocol === 'https',
        path: '/',
        maxAge: app.config.sessionTtlHours * 3600,
      })
      return { user: { id: user.id, username: user.username, role: user.role }, token }
    },
  )

  app.post('/api/auth/logout', { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'End the current session' } }, async (request, reply) => {
    const token = sessionToken(request)
    if (token) await usersRepository(app.db).deleteSession(token)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.status(204).send()
  })

  app.get(
    '/api/auth/me',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'The logged-in user', response: { 200: Type.Object({ user: UserSchema }), 401: ErrorResponse } },
    },
    async (request) => {
      if (!request.user) throw new AppError(401, 'unauthorized', 'Not logged in')
      return { user: request.user }
    },
  )
}
