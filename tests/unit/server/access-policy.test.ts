import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { registerAccessPolicy } from '../../../server/plugins/access-policy'
import { transformRoute } from '../../../server/plugins/openapi'
import type { Role } from '../../../server/repositories/users.repository'

// The access policy on a bare app: the caller's role comes from a header instead of a session
// (the auth plugin resolves sessions before this guard in the real app).
function bareApp(): FastifyInstance {
  const app = Fastify({ logger: false })
  app.decorateRequest('user', null)
  app.addHook('onRequest', async (request) => {
    const role = request.headers['x-role']
    if (typeof role === 'string') request.user = { id: 1, username: role, role: role as Role }
  })
  app.setErrorHandler((error: { statusCode?: number }, _request, reply) => reply.status(error.statusCode ?? 500).send())
  registerAccessPolicy(app)
  return app
}

let app: FastifyInstance
afterEach(() => app?.close())

const status = async (method: 'GET' | 'HEAD', url: string, role?: Role) =>
  (await app.inject({ method, url, headers: role ? { 'x-role': role } : {} })).statusCode

describe('a route declaring its access next to its schema', () => {
  it('stops the app when a guarded route declares no access class, naming the route', async () => {
    app = bareApp()
    void app.register(async (routes) => {
      routes.get('/api/made-up/forgotten', async () => ({ secret: true }))
    })
    await expect(app.ready()).rejects.toThrow('GET /api/made-up/forgotten has no access class')
  })

  it.each(['/open311/made-up', '/tiles/made-up', '/ogc/made-up'])('guards %s as it guards /api/', async (url) => {
    app = bareApp()
    void app.register(async (routes) => {
      routes.get(url, async () => ({}))
    })
    await expect(app.ready()).rejects.toThrow(`GET ${url} has no access class`)
  })

  it('lets routes outside the guarded prefixes (the built client, /docs) through undeclared', async () => {
    app = bareApp()
    app.get('/docs/made-up', async () => ({}))
    await app.ready()
    expect(await status('GET', '/docs/made-up')).toBe(200)
  })

  it('refuses by the class it declares: 401 without a login, 403 for other roles, the HEAD twin too', async () => {
    app = bareApp()
    app.get('/api/made-up/secret', { config: { access: 'admin' } }, async () => ({ secret: true }))
    await app.ready()
    expect([
      await status('GET', '/api/made-up/secret'),
      await status('GET', '/api/made-up/secret', 'analyst'),
      await status('GET', '/api/made-up/secret', 'admin'),
    ]).toEqual([401, 403, 200])
    expect([await status('HEAD', '/api/made-up/secret'), await status('HEAD', '/api/made-up/secret', 'admin')]).toEqual([401, 200])
  })

  it('records every guarded route with its class (the HEAD twin goes with its GET), for the document and the tests', async () => {
    app = bareApp()
    app.get('/api/made-up/open', { config: { access: 'public' } }, async () => ({}))
    app.post('/api/made-up/reports', { config: { access: 'incidentWrite' } }, async () => ({}))
    app.get('/docs/made-up', async () => ({}))
    await app.ready()
    expect(Object.fromEntries(app.routeAccess)).toEqual({ 'GET /api/made-up/open': 'public', 'POST /api/made-up/reports': 'incidentWrite' })
  })
})

describe('the OpenAPI document of a route', () => {
  const documented = (access: 'public' | 'read' | 'admin') => {
    const route = { method: 'GET', url: '/api/made-up/thing', config: { access }, handler: async () => ({}) }
    const { schema } = transformRoute({ schema: { querystring: { type: 'object', properties: {} } }, url: route.url, route } as never)
    const { security, response } = schema as { security?: object[]; response?: object }
    return { security, errors: Object.keys(response ?? {}).sort() }
  }

  it('takes security and the 401/403 from the access the route declares', () => {
    expect(documented('admin')).toEqual({ security: [{ sessionCookie: [] }, { session: [] }], errors: ['400', '401', '403'] })
    expect(documented('read')).toEqual({ security: [{ sessionCookie: [] }, { session: [] }, { displayToken: [] }], errors: ['400', '401', '403'] })
    expect(documented('public')).toEqual({ security: [], errors: ['400'] })
  })
})
