import { randomBytes } from 'node:crypto'
import { connect, type AddressInfo } from 'node:net'
import type { InjectOptions } from 'fastify'
import gcoord from 'gcoord'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dbSnapshot, errorOf } from '../fixtures/bad-input/db-snapshot'
import { collection, EAST, feature, point, rectangle, WEST, type Position } from '../fixtures/small-town'
import { editorTown } from './helpers/grid-edit-fixture'
import { createTestApp, type TestApp } from './helpers/test-app'

/**
 * The bad-input catalogue: every request here is refused with an exact 4xx, a stable error code and
 * a message, and leaves every table as it was. One town serves all cases, so a case that wrote
 * anything would also show up as a changed snapshot.
 */
let t: TestApp
let admin: Record<string, string>
let south: number
let incidentId: number
let displayToken: string
let revokedDisplayToken: string
let expiredSession: string
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
  displayToken = await issueDisplayToken('大厅')
  revokedDisplayToken = await issueDisplayToken('旧屏')
  const { rows } = await t.db.query<{ id: number }>('SELECT id::int FROM display_tokens WHERE name = $1', ['旧屏'])
  expect((await t.app.inject({ method: 'DELETE', url: `/api/display-tokens/${rows[0].id}`, headers: admin })).statusCode).toBeLessThan(300)
  expiredSession = (await t.adminHeaders()).authorization.slice('Bearer '.length)
  await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE expires_at = (SELECT max(expires_at) FROM sessions)`)
  const client = await t.app.inject({ method: 'POST', url: '/api/open311/clients', headers: admin, payload: { name: '市民App' } })
  expect(client.statusCode).toBe(201)
  apiKey = client.json().apiKey ?? client.json().api_key
  expect(typeof apiKey).toBe('string')
})
afterAll(() => t.close())

async function issueDisplayToken(name: string): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/display-tokens', headers: admin, payload: { name } })
  expect(response.statusCode).toBe(201)
  return response.json().token
}

const json = { 'content-type': 'application/json' }
/** A ring of `n` vertices around the south grid's centre, as JSON text (building the object would cost more than sending it). */
function ringJson(n: number): string {
  const parts: string[] = []
  for (let i = 0; i < n - 1; i++) {
    const a = (2 * Math.PI * i) / (n - 1)
    parts.push(`[${(120.005 + 0.004 * Math.cos(a)).toFixed(9)},${(33.005 + 0.004 * Math.sin(a)).toFixed(9)}]`)
  }
  parts.push(parts[0])
  return `{"type":"Polygon","coordinates":[[${parts.join(',')}]]}`
}
const bowtie = {
  type: 'Polygon',
  coordinates: [
    [
      [120.011, 33.001],
      [120.019, 33.009],
      [120.019, 33.001],
      [120.011, 33.009],
      [120.011, 33.001],
    ],
  ],
}
const household = (geometry: unknown, externalId = 'bad-1') => feature(geometry, { externalId, address: '某路1号', population: 2 })
// Four households in the town's south-east corner, surveyed with a phone map app: GCJ-02, ~500 m off.
const TRUE_WGS84: Position[] = [
  [120.018, 33.001],
  [120.019, 33.0015],
  [120.0185, 33.002],
  [120.0175, 33.0012],
]
const GCJ02 = TRUE_WGS84.map((p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as Position)
const gcjHouseholds = collection(...GCJ02.map((p, i) => household(point(p[0], p[1]), `gcj-${i}`)))

interface Case {
  name: string
  request: () => InjectOptions
  status: number
  code: string
}

const post = (url: string, payload: unknown, headers: Record<string, string> = admin): InjectOptions => ({
  method: 'POST',
  url,
  headers,
  payload: payload as object,
})
const get = (url: string, headers: Record<string, string> = admin): InjectOptions => ({ method: 'GET', url, headers })
const raw = (method: 'POST' | 'PUT', url: string, body: string, contentType = 'application/json'): InjectOptions => ({
  method,
  url,
  headers: { ...admin, 'content-type': contentType },
  payload: body,
})
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const reshape = (geometry: unknown, version = 1) => feature(geometry, { version })

const cases: Case[] = [
  // Broken JSON, wrong content types, empty bodies.
  {
    name: 'import: JSON cut off mid-way',
    request: () => raw('POST', '/api/import/grids', '{"type":"FeatureCollection","features":['),
    status: 400,
    code: 'invalid_json',
  },
  { name: 'grid create: JSON with a trailing comma', request: () => raw('POST', '/api/grids', '{"type":"Feature",}'), status: 400, code: 'invalid_json' },
  {
    name: 'login: not JSON at all',
    request: () => ({ method: 'POST', url: '/api/auth/login', headers: json, payload: "username=admin' --" }),
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'import: a NaN literal in coordinates',
    request: () =>
      raw(
        'POST',
        '/api/import/households',
        `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,33]},"properties":{}}]}`,
      ),
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'grid create: text/plain',
    request: () => raw('POST', '/api/grids', JSON.stringify(feature(rectangle(120.011, 33.001, 120.019, 33.009), {})), 'text/plain'),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'import: application/xml',
    request: () => raw('POST', '/api/import/regions', '<FeatureCollection/>', 'application/xml'),
    status: 415,
    code: 'unsupported_media_type',
  },
  { name: 'incident: an empty JSON body', request: () => raw('POST', '/api/incidents', ''), status: 400, code: 'invalid_json' },
  { name: 'grid edit: body is null', request: () => raw('PUT', `/api/grids/${south}`, 'null'), status: 400, code: 'invalid_request' },
  { name: 'import: a bare array instead of a FeatureCollection', request: () => post('/api/import/grids', []), status: 400, code: 'invalid_request' },
  {
    name: 'import: features is not an array',
    request: () => post('/api/import/grids', { type: 'FeatureCollection', features: {} }),
    status: 400,
    code: 'invalid_request',
  },

  // Geometry.
  {
    name: 'grid create: a self-intersecting ring',
    request: () => post('/api/grids', feature(bowtie, { communityCode: EAST })),
    status: 422,
    code: 'invalid_polygon',
  },
  {
    name: 'import grids: a self-intersecting ring',
    request: () => post('/api/import/grids', collection(feature(bowtie, { name: '坏', type: 'comprehensive', communityCode: EAST }))),
    status: 422,
    code: 'invalid_features',
  },
  {
    name: 'import households: Infinity (1e999) as a longitude',
    request: () => raw('POST', '/api/import/households', JSON.stringify(collection(household(point(0, 33)))).replace('[0,33]', '[1e999,33]')),
    status: 422,
    code: 'invalid_features',
  },
  {
    name: 'import households: a longitude of 200°',
    request: () => post('/api/import/households', collection(household(point(200, 33)))),
    status: 422,
    code: 'invalid_features',
  },
  {
    name: 'import households: coordinates as strings',
    request: () => post('/api/import/households', collection(household({ type: 'Point', coordinates: ['120.005', 'NaN'] }))),
    status: 422,
    code: 'invalid_features',
  },
  // The location schema bounds both numbers by ±180 (OpenAPI 3.0 has no per-position bounds): ±90 is the route's own check.
  {
    name: 'incident: a latitude of 91°',
    request: () => ({
      method: 'POST',
      url: '/api/incidents',
      headers: admin,
      payload: { category: 'environment', source: 'patrol', description: '垃圾', location: point(120.005, 91) },
    }),
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'resident report: a latitude of −90.5°',
    request: () => ({ method: 'POST', url: '/api/reports', payload: { category: 'environment', description: '垃圾', location: point(120.005, -90.5) } }),
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'grid reshape: a latitude of 95°',
    request: () => ({ method: 'PUT', url: `/api/grids/${south}`, headers: admin, payload: reshape(rectangle(120.0, 33.0, 120.01, 95)) }),
    status: 422,
    code: 'coordinates_out_of_range',
  },
  {
    name: 'incident: a location of [181, 91]',
    request: () => post('/api/incidents', { category: 'environment', source: 'patrol', description: 'x', location: point(181, 91) }),
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'import households: a GCJ-02 file declared as WGS84 lands outside every region',
    request: () => post('/api/import/households?crs=wgs84', gcjHouseholds),
    status: 422,
    code: 'invalid_features',
  },
  {
    name: 'grid create: 30,000 vertices',
    request: () => raw('POST', '/api/grids', `{"type":"Feature","geometry":${ringJson(30_000)},"properties":{"communityCode":"${WEST}"}}`),
    status: 422,
    code: 'too_many_vertices',
  },
  {
    name: 'import grids: 200,000 vertices',
    request: () =>
      raw(
        'POST',
        '/api/import/grids',
        `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":${ringJson(200_000)},"properties":{"name":"大","type":"comprehensive","communityCode":"${WEST}"}}]}`,
      ),
    status: 422,
    code: 'invalid_features',
  },

  // Too large.
  {
    name: 'grid reshape: a million-vertex polygon (413)',
    request: () => raw('PUT', `/api/grids/${south}`, `{"type":"Feature","geometry":${ringJson(1_000_000)},"properties":{"version":1}}`),
    status: 413,
    code: 'payload_too_large',
  },
  // Reports carry photos: their limit is 22 MiB, and the description's own limit still holds.
  {
    name: 'incident: a 3 MB description (400)',
    request: () =>
      post('/api/incidents', { category: 'environment', source: 'patrol', description: 'x'.repeat(3 * 1024 * 1024), location: point(120.005, 33.005) }),
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'incident: a 23 MB body (413)',
    request: () =>
      post('/api/incidents', {
        category: 'environment',
        source: 'patrol',
        description: '垃圾',
        location: point(120.005, 33.005),
        photos: [{ data: 'A'.repeat(23 * 1024 * 1024) }],
      }),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'import: a 21 MB FeatureCollection (413)',
    request: () => raw('POST', '/api/import/households', `{"type":"FeatureCollection","features":[],"padding":"${'x'.repeat(21 * 1024 * 1024)}"}`),
    status: 413,
    code: 'payload_too_large',
  },

  // Unknown vocabulary.
  {
    name: 'import service points: category "parks"',
    request: () => post('/api/import/service-points', collection(feature(point(120.005, 33.005), { name: '公园', category: 'parks' }))),
    status: 422,
    code: 'invalid_features',
  },
  { name: 'import: kind "buildings"', request: () => post('/api/import/buildings', collection()), status: 400, code: 'invalid_request' },
  { name: 'import: crs "epsg3857"', request: () => post('/api/import/households?crs=epsg3857', collection()), status: 400, code: 'invalid_request' },
  {
    name: 'incident: category "ufo"',
    request: () => post('/api/incidents', { category: 'ufo', source: 'patrol', description: 'x', location: point(120.005, 33.005) }),
    status: 400,
    code: 'invalid_request',
  },
  { name: 'incidents: status filter "lost"', request: () => get('/api/incidents?status=lost'), status: 400, code: 'invalid_filter' },
  { name: 'incidents: category filter "ufo"', request: () => get('/api/incidents?category=ufo'), status: 400, code: 'invalid_filter' },
  {
    name: 'incident transition: action "teleport"',
    request: () => ({ method: 'PATCH', url: `/api/incidents/${incidentId}`, headers: admin, payload: { action: 'teleport' } }),
    status: 400,
    code: 'invalid_request',
  },
  { name: 'aggregate: cell "triangle"', request: () => get('/api/incidents/aggregate?cell=triangle&sizeM=500'), status: 400, code: 'invalid_request' },
  {
    name: 'grid create: type "mega"',
    request: () => post('/api/grids', feature(rectangle(120.011, 33.001, 120.019, 33.009), { communityCode: EAST, type: 'mega' })),
    status: 400,
    code: 'invalid_request',
  },

  // Time ranges.
  {
    name: 'incidents: from after to',
    request: () => get('/api/incidents?from=2026-12-01T00:00:00Z&to=2026-01-01T00:00:00Z'),
    status: 400,
    code: 'invalid_filter',
  },
  { name: 'incidents: from is not a date', request: () => get('/api/incidents?from=yesterday'), status: 400, code: 'invalid_filter' },
  {
    name: 'incidents: the year 0001 to 9999',
    request: () => get('/api/incidents?from=0001-01-01T00:00:00Z&to=9999-12-31T00:00:00Z'),
    status: 400,
    code: 'invalid_filter',
  },

  // Bounding boxes.
  { name: 'grids: bbox with three numbers', request: () => get('/api/grids?bbox=120,33,121'), status: 400, code: 'invalid_request' },
  { name: 'grids: bbox min above max', request: () => get('/api/grids?bbox=120.02,33.02,120.0,33.0'), status: 400, code: 'invalid_bbox' },
  { name: 'incidents: bbox beyond the globe', request: () => get('/api/incidents?bbox=0,0,400,100'), status: 400, code: 'invalid_bbox' },
  { name: 'households: bbox of words', request: () => get('/api/households?bbox=a,b,c,d'), status: 400, code: 'invalid_request' },

  // Regions, grids, bins.
  // An unknown but well-formed code: 400 invalid_filter on every route that takes a region (unknown-region.test.ts).
  { name: 'grids: a region code of letters', request: () => get('/api/grids?region=abc'), status: 400, code: 'invalid_request' },
  { name: 'incidents: a region code of letters', request: () => get('/api/incidents?region=abc'), status: 400, code: 'invalid_filter' },
  { name: 'coverage: a region code of letters', request: () => get('/api/coverage?region=abc'), status: 400, code: 'invalid_request' },
  { name: 'coverage: an unknown region', request: () => get('/api/coverage?region=999999'), status: 400, code: 'invalid_filter' },
  { name: 'stats: an unknown region', request: () => get('/api/stats/overview?region=999999'), status: 400, code: 'invalid_filter' },
  { name: 'incidents: an unknown region', request: () => get('/api/incidents?region=999999'), status: 400, code: 'invalid_filter' },
  { name: 'grids: an unknown region', request: () => get('/api/grids?region=999999'), status: 400, code: 'invalid_filter' },
  { name: 'households: an unknown region', request: () => get('/api/households?region=320924999'), status: 400, code: 'invalid_filter' },
  {
    name: 'aggregate: an unknown region',
    request: () => get('/api/incidents/aggregate?cell=hex&sizeM=500&region=320924999'),
    status: 400,
    code: 'invalid_filter',
  },
  { name: 'incidents: an unknown grid code', request: () => get('/api/incidents?grid=320924999999999'), status: 400, code: 'invalid_filter' },
  { name: 'incidents: a grid that is neither id nor code', request: () => get('/api/incidents?grid=westside'), status: 400, code: 'invalid_filter' },
  { name: 'aggregate: bins of 1 m', request: () => get('/api/incidents/aggregate?cell=hex&sizeM=1'), status: 400, code: 'invalid_request' },
  { name: 'aggregate: bins of -5 m', request: () => get('/api/incidents/aggregate?cell=square&sizeM=-5'), status: 400, code: 'invalid_request' },
  { name: 'history: a grid id of letters', request: () => get('/api/grids/abc/history'), status: 400, code: 'invalid_request' },

  // Tiles.
  { name: 'tiles: zoom 99', request: () => get('/tiles/grids/99/0/0.pbf'), status: 400, code: 'invalid_tile' },
  { name: 'tiles: x beyond the zoom level', request: () => get('/tiles/grids/3/99/0.pbf'), status: 400, code: 'invalid_tile' },
  { name: 'tiles: an unknown layer', request: () => get('/tiles/secrets/0/0/0.pbf'), status: 400, code: 'invalid_request' },
  { name: 'tiles: an incident filter on households', request: () => get('/tiles/households/3/6/3.pbf?status=closed'), status: 400, code: 'invalid_filter' },
  { name: 'tiles: not a tile path', request: () => get('/tiles/grids/3/6/3.png'), status: 404, code: 'not_found' },

  // Sessions, display tokens, Open311 keys.
  {
    name: 'grid create: an expired session',
    request: () => post('/api/grids', feature(rectangle(120.011, 33.001, 120.019, 33.009), { communityCode: EAST }), bearer(expiredSession)),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'grid create: a forged session token',
    request: () =>
      post('/api/grids', feature(rectangle(120.011, 33.001, 120.019, 33.009), { communityCode: EAST }), bearer(randomBytes(32).toString('base64url'))),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'import: a forged session cookie',
    request: () => post('/api/import/households', collection(), { cookie: `wangge_session=${randomBytes(32).toString('hex')}` }),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'incident: a forged display token',
    request: () =>
      post(
        '/api/incidents',
        { category: 'environment', source: 'patrol', description: 'x', location: point(120.005, 33.005) },
        bearer(`${displayToken.slice(0, -4)}AAAA`),
      ),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'incident: a revoked display token',
    request: () =>
      post('/api/incidents', { category: 'environment', source: 'patrol', description: 'x', location: point(120.005, 33.005) }, bearer(revokedDisplayToken)),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'incident: a live display token is read-only',
    request: () =>
      post('/api/incidents', { category: 'environment', source: 'patrol', description: 'x', location: point(120.005, 33.005) }, bearer(displayToken)),
    status: 403,
    code: 'forbidden',
  },
  {
    name: 'Open311: a wrong api_key',
    request: () => post('/open311/v2/requests.json', { api_key: 'not-a-key', service_code: 'environment', lat: 33.005, long: 120.005, description: 'x' }, {}),
    status: 403,
    code: '403',
  },
  {
    name: 'Open311: no api_key',
    request: () => post('/open311/v2/requests.json', { service_code: 'environment', lat: 33.005, long: 120.005, description: 'x' }, {}),
    status: 400,
    code: '400',
  },
  {
    name: 'Open311: a right api_key, an unknown service',
    request: () => post('/open311/v2/requests.json', { api_key: apiKey, service_code: 'ufo', lat: 33.005, long: 120.005, description: 'x' }, {}),
    status: 400,
    code: '400',
  },
  { name: 'Open311: a request id of letters', request: () => get('/open311/v2/requests/abc.json', {}), status: 400, code: '400' },

  // Stale versions and impossible edits.
  {
    name: 'grid reshape: a stale version',
    request: () => ({ method: 'PUT', url: `/api/grids/${south}`, headers: admin, payload: reshape(rectangle(120.0, 33.0, 120.01, 33.009), 7) }),
    status: 409,
    code: 'stale_version',
  },
  {
    name: 'grid delete: a stale version',
    request: () => ({ method: 'DELETE', url: `/api/grids/${south}?version=7`, headers: admin }),
    status: 409,
    code: 'stale_version',
  },
  { name: 'grid merge: one id', request: () => post('/api/grids/merge', { ids: [south] }), status: 400, code: 'invalid_request' },
  {
    name: 'grid split: a line that misses the grid',
    request: () =>
      post(`/api/grids/${south}/split`, {
        line: {
          type: 'LineString',
          coordinates: [
            [121, 34],
            [121.01, 34.01],
          ],
        },
      }),
    status: 422,
    code: 'line_does_not_split',
  },
  {
    name: 'incident transition: close a just-reported incident',
    request: () => ({ method: 'PATCH', url: `/api/incidents/${incidentId}`, headers: admin, payload: { action: 'close' } }),
    status: 409,
    code: 'illegal_transition',
  },
]

describe('bad input is refused with an exact 4xx, an error code and a message, and changes nothing', () => {
  it('has at least 40 distinct cases', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length)
    expect(cases.length).toBeGreaterThanOrEqual(40)
  })

  it('shifts the GCJ-02 fixture out of the county: the true positions lie inside it', () => {
    for (const [lng, lat] of TRUE_WGS84) expect(lng > 120 && lng < 120.02 && lat > 33 && lat < 33.02).toBe(true)
    for (const [lng, lat] of GCJ02) expect(lng > 120.02 || lat < 33).toBe(true)
  })

  it.each(cases)('$name → $status $code', async ({ request, status, code }) => {
    const before = await dbSnapshot(t.db)
    const response = await t.app.inject(request())
    const error = errorOf(response.json())
    expect({ status: response.statusCode, code: error?.code }, response.body.slice(0, 300)).toEqual({ status, code })
    expect(error?.message.length).toBeGreaterThan(0)
    expect(await dbSnapshot(t.db)).toEqual(before)
  })

  it('names the GCJ-02 households as outside every region, each by index', async () => {
    const response = await t.app.inject(post('/api/import/households?crs=wgs84', gcjHouseholds))
    const details = response.json().error.details
    expect(details.features.map((p: { index: number; reasons: { code: string }[] }) => [p.index, p.reasons.map((r) => r.code)])).toEqual(
      GCJ02.map((_, i) => [i, ['outside_regions']]),
    )
  })

  it('accepts the same file declared as GCJ-02, converting it back into the town', async () => {
    const response = await t.app.inject(post('/api/import/households?crs=gcj02', gcjHouseholds))
    expect([response.statusCode, response.json().inserted]).toEqual([201, 4])
    const { rows } = await t.db.query<{ inside: boolean }>(
      `SELECT ST_Within(geom, ST_MakeEnvelope(120.0, 33.0, 120.02, 33.02, 4326)) AS inside FROM households WHERE external_id LIKE 'gcj-%'`,
    )
    expect(rows).toEqual(TRUE_WGS84.map(() => ({ inside: true })))
  })
})

describe('hardening: headers, CORS, body limits and slow clients', () => {
  const DEFAULT_CSP = [
    "default-src 'self'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://tile.openstreetmap.org",
    "font-src 'self' data:",
    "connect-src 'self' blob: data: https://tile.openstreetmap.org",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
    "manifest-src 'self'",
  ].join(';')

  it('sends security headers and a CSP naming only us and the OSM tiles', async () => {
    const response = await t.app.inject(get('/api/config'))
    expect(response.statusCode).toBe(200)
    expect({
      csp: response.headers['content-security-policy'],
      nosniff: response.headers['x-content-type-options'],
      frame: response.headers['x-frame-options'],
      referrer: response.headers['referrer-policy'],
      corp: response.headers['cross-origin-resource-policy'],
      poweredBy: response.headers['x-powered-by'],
    }).toEqual({
      csp: DEFAULT_CSP,
      nosniff: 'nosniff',
      frame: 'SAMEORIGIN',
      referrer: 'strict-origin-when-cross-origin',
      corp: 'same-origin',
      poweredBy: undefined,
    })
  })

  it('answers no other origin by default, not even a preflight', async () => {
    const simple = await t.app.inject({ method: 'GET', url: '/api/regions', headers: { ...admin, origin: 'https://evil.example' } })
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/grids',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect([
      simple.headers['access-control-allow-origin'],
      preflight.headers['access-control-allow-origin'],
      preflight.headers['access-control-allow-methods'],
    ]).toEqual([undefined, undefined, undefined])
  })

  it('lets configured origins in, with credentials, and names configured base-map hosts in the CSP', async () => {
    const open = await createTestApp(
      {
        CORS_ORIGINS: 'https://portal.example.gov.cn',
        TIANDITU_KEY: 'k',
        BASEMAP_STYLE_URL: 'https://maps.example.com/style.json',
        CSP_EXTRA_SOURCES: 'https://*.tiles.example.com',
      },
      { reset: false },
    )
    try {
      const allowed = await open.app.inject({
        method: 'OPTIONS',
        url: '/api/grids',
        headers: { origin: 'https://portal.example.gov.cn', 'access-control-request-method': 'PUT' },
      })
      const other = await open.app.inject({ method: 'GET', url: '/api/regions', headers: { origin: 'https://evil.example' } })
      expect([
        allowed.statusCode,
        allowed.headers['access-control-allow-origin'],
        allowed.headers['access-control-allow-credentials'],
        other.headers['access-control-allow-origin'],
      ]).toEqual([204, 'https://portal.example.gov.cn', 'true', undefined])
      const csp = String(allowed.headers['content-security-policy'])
      expect(csp).toContain(
        "connect-src 'self' blob: data: https://tile.openstreetmap.org https://*.tianditu.gov.cn https://maps.example.com https://*.tiles.example.com;",
      )
      expect(csp).toContain(
        "img-src 'self' data: blob: https://tile.openstreetmap.org https://*.tianditu.gov.cn https://maps.example.com https://*.tiles.example.com;",
      )
    } finally {
      await open.app.close()
      await open.db.close()
    }
  })

  it('takes a 3 MB import (a whole layer) while every other route stops at 2 MB', async () => {
    const before = await dbSnapshot(t.db)
    const bigImport = await t.app.inject(post('/api/import/households', collection(household(point(120.005, 33.005), 'x'.repeat(3 * 1024 * 1024)))))
    expect([bigImport.statusCode, bigImport.json().error.code]).toEqual([422, 'invalid_features'])
    expect(await dbSnapshot(t.db)).toEqual(before)
  })

  it('answers a client that sends its body too slowly with 408, and never cuts the event stream', async () => {
    const slow = await createTestApp({ REQUEST_TIMEOUT_MS: '1000' }, { reset: false })
    try {
      await slow.app.listen({ port: 0, host: '127.0.0.1' })
      const { port } = slow.app.server.address() as AddressInfo
      const authorization = (await slow.adminHeaders()).authorization
      const started = Date.now()
      const stream = rawHttp(port, `GET /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\n\r\n`)
      const trickle = rawHttp(
        port,
        `POST /api/incidents HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"category":`,
      )
      const cut = await trickle.closed
      expect([cut.slice(0, 12), Date.now() - started < 5000]).toEqual(['HTTP/1.1 408', true])
      // Twice the request timeout later, with no heartbeat yet (every 15 s), the stream still delivers.
      await new Promise((resolve) => setTimeout(resolve, 2000 - (Date.now() - started)))
      slow.app.events.publish({
        type: 'incident.created',
        payload: { id: 1, category: 'facility', source: 'patrol', status: 'reported', lng: 120.2, lat: 33.7, at: new Date().toISOString() },
      })
      await expect.poll(() => stream.received(), { timeout: 3000 }).toContain('event: incident.created\ndata: {"id":1,')
      expect(stream.isOpen()).toBe(true)
      stream.end()
    } finally {
      await slow.app.close()
      await slow.db.close()
    }
  })
})

/** A raw HTTP/1.1 exchange, to be as slow (or as long-lived) as a real client can be. */
function rawHttp(port: number, text: string) {
  const socket = connect(port, '127.0.0.1')
  let data = ''
  let open = true
  socket.on('data', (chunk) => (data += chunk.toString()))
  const closed = new Promise<string>((resolve) =>
    socket.on('close', () => {
      open = false
      resolve(data)
    }),
  )
  socket.write(text)
  return { closed, received: () => data, isOpen: () => open, end: () => socket.destroy() }
}
