import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authPlugin } from '../../server/plugins/auth.plugin'
import { ACCESS_ROLES } from '../../server/plugins/access-policy'
import { EAST, WEST, collection, feature, point } from '../fixtures/small-town'
import { gridIds } from './helpers/grid-edit-fixture'
import { importSmallTown } from './helpers/small-town-import'
import { createTestApp, type Headers, type TestApp } from './helpers/test-app'

let t: TestApp
const who: Record<string, Headers> = {}
let southId: number
let westIncident: number

beforeAll(async () => {
  t = await createTestApp()
  await importSmallTown(t)
  southId = (await gridIds(t))[`${WEST}002`]
  who.anonymous = {}
  who.display = await t.as('display')
  who.analyst = await t.as('analyst')
  who.supervisorInScope = await t.as('supervisor', { regions: [WEST] })
  who.supervisorOutOfScope = await t.as('supervisor', { regions: [EAST] })
  who.admin = await t.adminHeaders()
  // A grid worker of the south-west grid, and the command centre.
  const { rows } = await t.db.query<{ id: number }>(
    "INSERT INTO grid_workers (county_code, name, role) VALUES ('320924', '张三', 'full_time') RETURNING id::int",
  )
  await t.db.query("INSERT INTO grid_assignments (worker_id, grid_id, county_code) VALUES ($1, $2, '320924')", [rows[0].id, southId])
  who.worker = await t.as('worker', { workerId: rows[0].id })
  who.dispatcher = await t.as('dispatcher')
  westIncident = (
    await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: who.admin,
      payload: { category: 'environment', source: 'hotline', description: '西边', location: point(120.005, 33.005) },
    })
  ).json().id
})
afterAll(() => t.close())

const ROLES = ['anonymous', 'display', 'analyst', 'supervisorInScope', 'supervisorOutOfScope', 'admin', 'worker', 'dispatcher'] as const

interface Probe {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string | (() => string)
  payload?: () => object
}

const rename = (name: string) => ({
  type: 'Feature',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [120.0, 33.0],
        [120.01, 33.0],
        [120.01, 33.01],
        [120.0, 33.01],
        [120.0, 33.0],
      ],
    ],
  },
  properties: { id: southId, name },
})

/** One representative route per access class, and the status each role gets. */
const MATRIX: [string, Probe, Record<(typeof ROLES)[number], number>][] = [
  [
    'public: the grids',
    { method: 'GET', url: '/api/grids' },
    { anonymous: 200, display: 200, analyst: 200, supervisorInScope: 200, supervisorOutOfScope: 200, admin: 200, worker: 200, dispatcher: 200 },
  ],
  [
    'read: incidents',
    { method: 'GET', url: '/api/incidents' },
    { anonymous: 401, display: 200, analyst: 200, supervisorInScope: 200, supervisorOutOfScope: 200, admin: 200, worker: 403, dispatcher: 200 },
  ],
  [
    'read: coverage',
    { method: 'GET', url: `/api/coverage?region=${WEST}` },
    { anonymous: 401, display: 200, analyst: 200, supervisorInScope: 200, supervisorOutOfScope: 200, admin: 200, worker: 403, dispatcher: 200 },
  ],
  [
    'edit grids: a dry run of renaming a west grid',
    { method: 'POST', url: '/api/grids/validate', payload: () => rename('改名') },
    { anonymous: 401, display: 403, analyst: 403, supervisorInScope: 200, supervisorOutOfScope: 403, admin: 200, worker: 403, dispatcher: 403 },
  ],
  [
    'incident write: report in the west',
    {
      method: 'POST',
      url: '/api/incidents',
      payload: () => ({ category: 'environment', source: 'patrol', description: '垃圾堆放', location: point(120.005, 33.005) }),
    },
    { anonymous: 401, display: 403, analyst: 403, supervisorInScope: 201, supervisorOutOfScope: 403, admin: 201, worker: 201, dispatcher: 201 },
  ],
  [
    'import',
    {
      method: 'POST',
      url: '/api/import/service-points',
      payload: () => collection(feature(point(120.005, 33.005), { name: '卫生站', category: 'health' })),
    },
    { anonymous: 401, display: 403, analyst: 403, supervisorInScope: 403, supervisorOutOfScope: 403, admin: 201, worker: 403, dispatcher: 403 },
  ],
  [
    'manage users',
    { method: 'GET', url: '/api/users' },
    { anonymous: 401, display: 403, analyst: 403, supervisorInScope: 403, supervisorOutOfScope: 403, admin: 200, worker: 403, dispatcher: 403 },
  ],
  [
    'display tokens',
    { method: 'GET', url: '/api/display-tokens' },
    { anonymous: 401, display: 403, analyst: 403, supervisorInScope: 403, supervisorOutOfScope: 403, admin: 200, worker: 403, dispatcher: 403 },
  ],
  [
    'Open311 client keys',
    { method: 'GET', url: '/api/open311/clients' },
    { anonymous: 401, display: 403, analyst: 403, supervisorInScope: 403, supervisorOutOfScope: 403, admin: 200, worker: 403, dispatcher: 403 },
  ],
  [
    'field work: my tasks',
    { method: 'GET', url: '/api/worker/tasks' },
    { anonymous: 401, display: 403, analyst: 403, supervisorInScope: 403, supervisorOutOfScope: 403, admin: 403, worker: 200, dispatcher: 403 },
  ],
  [
    'dispatch: who could take a west incident',
    { method: 'GET', url: () => `/api/incidents/${westIncident}/candidates` },
    { anonymous: 401, display: 403, analyst: 403, supervisorInScope: 200, supervisorOutOfScope: 403, admin: 200, worker: 403, dispatcher: 200 },
  ],
  [
    'residents: a report',
    {
      method: 'POST',
      url: '/api/reports',
      payload: () => ({ category: 'environment', description: '垃圾堆放', location: point(120.005, 33.005) }),
    },
    { anonymous: 201, display: 201, analyst: 201, supervisorInScope: 201, supervisorOutOfScope: 201, admin: 201, worker: 201, dispatcher: 201 },
  ],
  [
    'audit log',
    { method: 'GET', url: '/api/audit' },
    { anonymous: 401, display: 403, analyst: 403, supervisorInScope: 403, supervisorOutOfScope: 403, admin: 200, worker: 403, dispatcher: 403 },
  ],
]

describe('access by role', () => {
  it.each(MATRIX)('%s', async (_name, probe, expected) => {
    const actual: Record<string, number> = {}
    for (const role of ROLES) {
      const url = typeof probe.url === 'string' ? probe.url : probe.url()
      const response = await t.app.inject({ method: probe.method, url, headers: who[role], payload: probe.payload?.() })
      actual[role] = response.statusCode
    }
    expect(actual).toEqual(expected)
  })

  it('guards every field-work route for every role (the body is never read for a refused caller)', async () => {
    const routes: [string, string, number[]][] = [
      // method, url, then the status per role in ROLES order
      ['GET', '/api/worker/me', [401, 403, 403, 403, 403, 403, 200, 403]],
      ['GET', '/api/worker/households', [401, 403, 403, 403, 403, 403, 200, 403]],
      ['POST', '/api/worker/patrols', [401, 403, 403, 403, 403, 403, 400, 403]],
      ['POST', '/api/worker/visits', [401, 403, 403, 403, 403, 403, 400, 403]],
      ['GET', `/api/incidents/${westIncident}/photos/1`, [401, 403, 403, 404, 403, 404, 403, 404]],
      ['GET', '/api/reports/0000-0000-0000-0000', [404, 404, 404, 404, 404, 404, 404, 404]],
    ]
    for (const [method, url, expected] of routes) {
      const actual = []
      for (const role of ROLES)
        actual.push((await t.app.inject({ method: method as 'GET', url, headers: who[role], payload: method === 'POST' ? {} : undefined })).statusCode)
      expect([method, url, actual]).toEqual([method, url, expected])
    }
  })

  it('says why: 401 unauthorized, 403 forbidden by role, 403 out_of_scope by region', async () => {
    const report = (headers: Headers) =>
      t.app.inject({
        method: 'POST',
        url: '/api/incidents',
        headers,
        payload: { category: 'environment', source: 'patrol', description: '垃圾', location: point(120.005, 33.005) },
      })
    const codes = []
    for (const headers of [who.anonymous, who.analyst, who.supervisorOutOfScope]) codes.push((await report(headers)).json().error.code)
    expect(codes).toEqual(['unauthorized', 'forbidden', 'out_of_scope'])
  })

  it('guards the HEAD twin of a read route like the GET', async () => {
    const [anonymous, reader] = [
      await t.app.inject({ method: 'HEAD', url: '/api/incidents' }),
      await t.app.inject({ method: 'HEAD', url: '/api/incidents', headers: who.analyst }),
    ]
    expect([anonymous.statusCode, reader.statusCode]).toEqual([401, 200])
  })

  it('refuses before reading the body: an anonymous malformed write is 401, not 400', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/users', payload: { nonsense: true } })
    expect([response.statusCode, response.json().error.code]).toEqual([401, 'unauthorized'])
  })

  it('keeps a supervisor to incidents of their regions when moving them through the lifecycle', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: who.admin,
      payload: { category: 'environment', source: 'patrol', description: '西边', location: point(120.005, 33.005) },
    })
    const id = created.json().id
    const accept = (headers: Headers) => t.app.inject({ method: 'PATCH', url: `/api/incidents/${id}`, headers, payload: { action: 'accept' } })
    const outside = await accept(who.supervisorOutOfScope)
    const inside = await accept(who.supervisorInScope)
    expect([outside.statusCode, outside.json().error.code, inside.statusCode]).toEqual([403, 'out_of_scope', 200])
  })
})

describe('the access each route declares', () => {
  it('is recorded for routes that exist, every class in use', () => {
    const missing = [...t.app.routeAccess.keys()].filter((key) => {
      const [method, url] = key.split(' ')
      return !t.app.hasRoute({ method: method as 'GET', url })
    })
    expect(missing).toEqual([])
    expect(new Set(t.app.routeAccess.values())).toEqual(new Set(['public', ...Object.keys(ACCESS_ROLES)]))
  })

  it('stops an app whose API route has no access class from starting', async () => {
    const app = Fastify({ logger: false })
    app.decorate('db', t.db)
    const start = async () => {
      await app.register(authPlugin)
      await app.register(async (scope) => {
        scope.get('/api/forgotten', async () => ({ secret: true }))
      })
      await app.ready()
    }
    await expect(start()).rejects.toThrow('GET /api/forgotten has no access class')
    await app.close().catch(() => {})
  })
})
