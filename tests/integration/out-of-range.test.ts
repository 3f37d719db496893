import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dbSnapshot, errorOf } from '../fixtures/bad-input/db-snapshot'
import { feature, point, rectangle } from '../fixtures/small-town'
import { editorTown } from './helpers/grid-edit-fixture'
import { createTestApp, type TestApp } from './helpers/test-app'

/**
 * Numbers a database or JavaScript cannot hold (Infinity, 1e309, twenty-digit ids, ids past 2^53,
 * versions past int4) and numbers no id can be (negative, zero, fractional), on every route that
 * takes an integer or a number: each is a 400 with a code, never a 5xx, and changes nothing.
 */
let t: TestApp
let admin: Record<string, string>
let worker: Record<string, string>
let south: number
let incidentId: number
let userId: number
let apiKey: string

beforeAll(async () => {
  t = await createTestApp()
  ;({ headers: admin, south } = await editorTown(t))
  const incident = await t.app.inject({
    method: 'POST',
    url: '/api/incidents',
    headers: admin,
    payload: { category: 'environment', source: 'patrol', description: '垃圾堆放', location: point(120.005, 33.005) },
  })
  expect(incident.statusCode).toBe(201)
  incidentId = incident.json().id
  const { rows } = await t.db.query<{ id: number }>(
    "INSERT INTO grid_workers (county_code, name, phone, role) VALUES ('320924', '张三', '13800000000', 'full_time') RETURNING id::int",
  )
  worker = await t.as('worker', { workerId: rows[0].id })
  const user = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: admin,
    payload: { username: 'analyst-1', password: 'long-enough-1', role: 'analyst' },
  })
  expect(user.statusCode).toBe(201)
  userId = user.json().user.id
  const client = await t.app.inject({ method: 'POST', url: '/api/open311/clients', headers: admin, payload: { name: '市民App' } })
  expect(client.statusCode).toBe(201)
  apiKey = client.json().apiKey
})
afterAll(() => t.close())

interface Case {
  name: string
  request: () => InjectOptions
  status: number
  code: string
}

/** As text in a URL: what coercion turns into Infinity, 1e20, an unsafe integer, or no id at all. */
const URL_IDS = ['Infinity', '-Infinity', '1e309', '99999999999999999999', '9007199254740993', '-1', '0', '1.5']
/** As JSON literals in a body (1e309 parses to Infinity; a numeric string is coerced to a number). */
const JSON_IDS = ['1e309', '-1e309', '99999999999999999999', '9007199254740993', '-1', '0', '1.5', '"Infinity"', '"1e309"']
/** Grid versions are int4 in the database. */
const URL_VERSIONS = ['Infinity', '1e309', '99999999999999999999', '2147483648', '-1', '1.5']
const JSON_VERSIONS = ['1e309', '99999999999999999999', '2147483648', '-1', '1.5', '"Infinity"']
/** Longitudes: bounded to ±180, which an Infinity coerced from a string must not slip past. */
const JSON_LONGITUDES = ['1e309', '-1e309', '1e300', '"Infinity"', '"-Infinity"', '"1e309"']
/** Page sizes and offsets. */
const URL_COUNTS = ['Infinity', '1e309', '99999999999999999999', '-1', '1.5']

const send = (method: InjectOptions['method'], url: string, body?: string, headers: Record<string, string> = admin): InjectOptions => ({
  method,
  url,
  headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
  ...(body === undefined ? {} : { payload: body }),
})
const get = (url: string, headers: Record<string, string> = admin) => send('GET', url, undefined, headers)
const json = (value: unknown) => JSON.stringify(value)
const reshapeBody = (version: string | number) => json(feature(rectangle(120.0, 33.0, 120.01, 33.01), { version: '@' })).replace('"@"', String(version))
const splitLine = json({
  type: 'LineString',
  coordinates: [
    [120.005, 32.99],
    [120.005, 33.02],
  ],
})

const invalid = (name: string, request: () => InjectOptions, code = 'invalid_request'): Case => ({ name, request, status: 400, code })

const pathCases = (label: string, route: (id: string) => InjectOptions) => URL_IDS.map((id) => invalid(`${label}: id ${id}`, () => route(id)))

const cases: Case[] = [
  // Integer path parameters.
  ...pathCases('PUT /api/grids/:id', (id) => send('PUT', `/api/grids/${id}`, reshapeBody(1))),
  ...pathCases('DELETE /api/grids/:id', (id) => send('DELETE', `/api/grids/${id}?version=1`)),
  ...pathCases('POST /api/grids/:id/split', (id) => send('POST', `/api/grids/${id}/split`, json({ line: JSON.parse(splitLine) }))),
  ...pathCases('POST /api/grids/:id/revert', (id) => send('POST', `/api/grids/${id}/revert`, json({ toVersion: 1, version: 1 }))),
  ...pathCases('GET /api/grids/:id/history', (id) => get(`/api/grids/${id}/history`)),
  ...pathCases('GET /api/incidents/:id', (id) => get(`/api/incidents/${id}`)),
  ...pathCases('PATCH /api/incidents/:id', (id) => send('PATCH', `/api/incidents/${id}`, json({ action: 'accept' }))),
  ...pathCases('GET /api/incidents/:id/candidates', (id) => get(`/api/incidents/${id}/candidates`)),
  ...pathCases('GET /api/incidents/:id/photos/:photoId (id)', (id) => get(`/api/incidents/${id}/photos/1`)),
  ...pathCases('GET /api/incidents/:id/photos/:photoId (photoId)', (id) => get(`/api/incidents/${incidentId}/photos/${id}`)),
  ...pathCases('PATCH /api/users/:id', (id) => send('PATCH', `/api/users/${id}`, json({ disabled: true }))),
  ...pathCases('DELETE /api/display-tokens/:id', (id) => send('DELETE', `/api/display-tokens/${id}`)),
  // GeoReport v2 answers in its own error shape: [{code: 400, description}]. (Request 0 is well-formed: 404.)
  ...URL_IDS.filter((id) => id !== '0').map((id) => ({
    ...invalid(`GET /open311/v2/requests/:id.json: id ${id}`, () => get(`/open311/v2/requests/${id}.json`, {})),
    code: '400',
  })),

  // Integer and number query parameters.
  ...URL_COUNTS.map((n) => invalid(`GET /api/households: limit ${n}`, () => get(`/api/households?limit=${n}`))),
  ...URL_COUNTS.map((n) => invalid(`GET /api/incidents: limit ${n}`, () => get(`/api/incidents?limit=${n}`))),
  ...URL_COUNTS.map((n) => invalid(`GET /api/audit: limit ${n}`, () => get(`/api/audit?limit=${n}`))),
  ...URL_COUNTS.map((n) => invalid(`GET /ogc/collections/grids/items: limit ${n}`, () => get(`/ogc/collections/grids/items?limit=${n}`))),
  ...URL_COUNTS.map((n) => invalid(`GET /ogc/collections/grids/items: offset ${n}`, () => get(`/ogc/collections/grids/items?offset=${n}`))),
  ...URL_COUNTS.map((n) => invalid(`GET /ogc/collections/incidents/items: offset ${n}`, () => get(`/ogc/collections/incidents/items?offset=${n}`))),
  ...['Infinity', '-Infinity', '1e309', '99999999999999999999', '-1', 'NaN'].map((n) =>
    invalid(`GET /api/incidents/aggregate: sizeM ${n}`, () => get(`/api/incidents/aggregate?cell=hex&sizeM=${n}`)),
  ),
  ...URL_VERSIONS.map((v) => invalid(`DELETE /api/grids/:id: version ${v}`, () => send('DELETE', `/api/grids/${south}?version=${v}`))),
  // The incident filter's grid (an id or a 15-digit code) is parsed by hand: its own code.
  ...['Infinity', '1e309', '99999999999999999999', '-1', '1.5'].flatMap((g) => [
    invalid(`GET /api/incidents: grid ${g}`, () => get(`/api/incidents?grid=${g}`), 'invalid_filter'),
    invalid(`GET /api/incidents/kpis: grid ${g}`, () => get(`/api/incidents/kpis?grid=${g}`), 'invalid_filter'),
  ]),

  // Integer and number body fields.
  ...JSON_IDS.map((id) => invalid(`POST /api/grids/merge: ids [south, ${id}]`, () => send('POST', '/api/grids/merge', `{"ids":[${south},${id}]}`))),
  ...JSON_VERSIONS.map((v) =>
    invalid(`POST /api/grids/merge: versions [1, ${v}]`, () => send('POST', '/api/grids/merge', `{"ids":[${south},${south + 1}],"versions":[1,${v}]}`)),
  ),
  ...JSON_VERSIONS.map((v) =>
    invalid(`POST /api/grids/:id/split: version ${v}`, () => send('POST', `/api/grids/${south}/split`, `{"line":${splitLine},"version":${v}}`)),
  ),
  ...JSON_VERSIONS.map((v) =>
    invalid(`POST /api/grids/:id/revert: toVersion ${v}`, () => send('POST', `/api/grids/${south}/revert`, `{"toVersion":${v},"version":1}`)),
  ),
  ...JSON_VERSIONS.map((v) =>
    invalid(`POST /api/grids/:id/revert: version ${v}`, () => send('POST', `/api/grids/${south}/revert`, `{"toVersion":1,"version":${v}}`)),
  ),
  ...JSON_VERSIONS.map((v) => invalid(`PUT /api/grids/:id: properties.version ${v}`, () => send('PUT', `/api/grids/${south}`, reshapeBody(v)))),
  ...JSON_IDS.map((id) =>
    invalid(`PUT /api/grids (batch): grids[0].id ${id}`, () =>
      send('PUT', '/api/grids', `{"grids":[{"id":${id},"version":1,"geometry":${json(rectangle(120.0, 33.0, 120.01, 33.01))}}]}`),
    ),
  ),
  ...JSON_VERSIONS.map((v) =>
    invalid(`PUT /api/grids (batch): grids[0].version ${v}`, () =>
      send('PUT', '/api/grids', `{"grids":[{"id":${south},"version":${v},"geometry":${json(rectangle(120.0, 33.0, 120.01, 33.01))}}]}`),
    ),
  ),
  ...JSON_IDS.map((id) =>
    invalid(`POST /api/grids/validate: properties.id ${id}`, () =>
      send('POST', '/api/grids/validate', `{"type":"Feature","geometry":${json(rectangle(120.0, 33.0, 120.01, 33.01))},"properties":{"id":${id},"version":1}}`),
    ),
  ),
  ...JSON_IDS.map((id) =>
    invalid(`PATCH /api/incidents/:id: assigneeId ${id}`, () => send('PATCH', `/api/incidents/${incidentId}`, `{"action":"dispatch","assigneeId":${id}}`)),
  ),
  ...['1e309', '99999999999999999999', '-1', '1.5', '"Infinity"'].map((h) =>
    invalid(`PATCH /api/incidents/:id: hours ${h}`, () => send('PATCH', `/api/incidents/${incidentId}`, `{"action":"extend","hours":${h}}`)),
  ),
  ...JSON_IDS.map((id, i) =>
    invalid(`POST /api/users: workerId ${id}`, () =>
      send('POST', '/api/users', `{"username":"worker-${i}","password":"long-enough-1","role":"worker","workerId":${id}}`),
    ),
  ),
  ...JSON_IDS.map((id) => invalid(`PATCH /api/users/:id: workerId ${id}`, () => send('PATCH', `/api/users/${userId}`, `{"workerId":${id}}`))),
  ...JSON_IDS.map((id) => invalid(`POST /api/worker/visits: householdId ${id}`, () => send('POST', '/api/worker/visits', `{"householdId":${id}}`, worker))),
  ...JSON_LONGITUDES.map((x) =>
    invalid(`POST /api/worker/patrols: a track longitude of ${x}`, () =>
      send(
        'POST',
        '/api/worker/patrols',
        `{"startedAt":"2026-12-01T08:00:00Z","endedAt":"2026-12-01T09:00:00Z","track":{"type":"LineString","coordinates":[[${x},33.005],[120.006,33.006]]}}`,
        worker,
      ),
    ),
  ),
  ...JSON_LONGITUDES.map((x) =>
    invalid(`POST /api/incidents: a location longitude of ${x}`, () =>
      send('POST', '/api/incidents', `{"category":"environment","source":"patrol","description":"x","location":{"type":"Point","coordinates":[${x},33.005]}}`),
    ),
  ),
  ...JSON_LONGITUDES.map((x) =>
    invalid(`POST /api/reports: a location longitude of ${x}`, () =>
      send('POST', '/api/reports', `{"category":"environment","description":"x","location":{"type":"Point","coordinates":[${x},33.005]}}`, {}),
    ),
  ),
  ...['1e309', 'Infinity', '99999999999999999999'].map((x) => ({
    ...invalid(`POST /open311/v2/requests.json: lat ${x}`, () => ({
      method: 'POST' as const,
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `api_key=${apiKey}&service_code=environment&lat=${x}&long=120.005&description=x`,
    })),
    code: '400',
  })),

  // Tile addresses are parsed by hand: their own code.
  ...['Infinity', '1e309', '99999999999999999999', '-1', '1.5'].flatMap((n) => [
    invalid(`GET /tiles/grids/:z/0/0.pbf: z ${n}`, () => get(`/tiles/grids/${n}/0/0.pbf`), 'invalid_tile'),
    invalid(`GET /tiles/grids/1/:x/0.pbf: x ${n}`, () => get(`/tiles/grids/1/${n}/0.pbf`), 'invalid_tile'),
  ]),
]

/** OGC feature ids are strings (region codes are ids too): one that cannot exist is 404, as the standard asks. */
const ogcFeatureCases = ['grids', 'service-points', 'households', 'incidents'].flatMap((collection) =>
  URL_IDS.map((id) => ({ name: `GET /ogc/collections/${collection}/items/${id}`, url: `/ogc/collections/${collection}/items/${id}` })),
)

describe('out-of-range numbers are refused with 400 and a code, never a 5xx', () => {
  it('has distinct cases', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length)
  })

  it.each(cases)('$name → $status $code', async ({ request, status, code }) => {
    const before = await dbSnapshot(t.db)
    const response = await t.app.inject(request())
    const error = errorOf(response.json())
    expect({ status: response.statusCode, code: error?.code }, response.body.slice(0, 300)).toEqual({ status, code })
    expect(error?.message.length).toBeGreaterThan(0)
    expect(await dbSnapshot(t.db)).toEqual(before)
  })

  it.each(ogcFeatureCases)('$name → 404 not_found', async ({ url }) => {
    const response = await t.app.inject(get(url))
    expect({ status: response.statusCode, code: errorOf(response.json())?.code }, response.body.slice(0, 300)).toEqual({ status: 404, code: 'not_found' })
  })

  it('documents the bounds in the OpenAPI document', async () => {
    const response = await t.app.inject(get('/docs/json'))
    const paths = response.json().paths
    const param = (path: string, method: string, name: string) =>
      paths[path][method].parameters.find((p: { name: string }) => p.name === name).schema as { minimum?: number; maximum?: number }
    expect(
      [
        response.statusCode,
        param('/api/grids/{id}/history', 'get', 'id'),
        param('/api/grids/{id}', 'delete', 'version'),
        param('/ogc/collections/{collectionId}/items', 'get', 'offset'),
      ].map((v) => (typeof v === 'object' ? { minimum: v.minimum, maximum: v.maximum } : v)),
    ).toEqual([200, { minimum: 1, maximum: 9007199254740991 }, { minimum: 1, maximum: 2147483647 }, { minimum: 0, maximum: 9007199254740991 }])
  })
})
