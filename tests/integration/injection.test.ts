import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dbSnapshot, errorOf } from '../fixtures/bad-input/db-snapshot'
import { collection, feature, point, rectangle, WEST } from '../fixtures/small-town'
import { editorTown } from './helpers/grid-edit-fixture'
import { createTestApp, type TestApp } from './helpers/test-app'

/**
 * SQL and HTML in every place a user can put text: filters are refused (4xx) or match nothing,
 * text fields are stored and returned verbatim, and no table is touched by anything but the
 * request's own, intended write.
 */
const PAYLOADS = [
  "'; DROP TABLE grids; --",
  '1 OR 1=1',
  "' OR '1'='1",
  '$1',
  '$1::text); DELETE FROM households; --',
  '‘ OR ’1’=’1', // unicode quotes some drivers fold to '
  'ʼ; DROP TABLE regions; --',
  '\\',
  "\\'; DROP TABLE incidents; --",
  '%',
  '_%_',
  '?',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{"$ne":null}',
  '120,33,121,34); DROP TABLE grids; --',
  "2026-01-01T00:00:00Z'; SELECT pg_sleep(10); --",
]
// Text fields: all of the above, plus a NUL (PostgreSQL text cannot hold it: it must be refused, not a 500).
const NUL = 'a\u0000b'

let t: TestApp
let admin: Record<string, string>
let south: number
let apiKey: string

beforeAll(async () => {
  t = await createTestApp()
  ;({ headers: admin, south } = await editorTown(t))
  const client = await t.app.inject({ method: 'POST', url: '/api/open311/clients', headers: admin, payload: { name: '市民App' } })
  apiKey = client.json().apiKey ?? client.json().api_key
  // Something for a tautology (`OR 1=1`) to leak: every table a filter reads has rows.
  for (const category of ['environment', 'dispute']) {
    const incident = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: admin,
      payload: { category, source: 'patrol', description: '种子', location: point(120.005, 33.005) },
    })
    expect(incident.statusCode).toBe(201)
  }
  const resident = await t.app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    payload: { api_key: apiKey, service_code: 'environment', lat: 33.005, long: 120.005, description: '种子' },
  })
  expect(resident.statusCode).toBe(201)
})
afterAll(() => t.close())

async function tablesExist(): Promise<boolean> {
  const { rows } = await t.db.query<{ ok: boolean }>(
    `SELECT bool_and(to_regclass(name) IS NOT NULL) AS ok FROM unnest(ARRAY['grids', 'regions', 'households', 'incidents', 'users', 'sessions']) AS name`,
  )
  return rows[0].ok
}

const FILTER_URLS: [string, (p: string) => string][] = [
  ['grids region', (p) => `/api/grids?region=${p}`],
  ['grids bbox', (p) => `/api/grids?bbox=${p}`],
  ['households region', (p) => `/api/households?region=${p}`],
  ['households bbox', (p) => `/api/households?bbox=${p}`],
  ['incidents region', (p) => `/api/incidents?region=${p}`],
  ['incidents grid', (p) => `/api/incidents?grid=${p}`],
  ['incidents category', (p) => `/api/incidents?category=${p}`],
  ['incidents status', (p) => `/api/incidents?status=${p}`],
  ['incidents source', (p) => `/api/incidents?source=${p}`],
  ['incidents priority', (p) => `/api/incidents?priority=${p}`],
  ['incidents bbox', (p) => `/api/incidents?bbox=${p}`],
  ['incidents polygon', (p) => `/api/incidents?polygon=${p}`],
  ['incidents from', (p) => `/api/incidents?from=${p}`],
  ['incidents to', (p) => `/api/incidents?to=${p}`],
  ['aggregate category', (p) => `/api/incidents/aggregate?cell=hex&sizeM=500&category=${p}`],
  ['aggregate sizeM', (p) => `/api/incidents/aggregate?cell=hex&sizeM=${p}`],
  ['kpis region', (p) => `/api/incidents/kpis?region=${p}`],
  ['coverage region', (p) => `/api/coverage?region=${p}`],
  ['stats region', (p) => `/api/stats/overview?region=${p}`],
  ['grid history id', (p) => `/api/grids/${p}/history`],
  ['incident id', (p) => `/api/incidents/${p}`],
  ['open311 service_code', (p) => `/open311/v2/requests.json?service_code=${p}`],
  ['open311 status', (p) => `/open311/v2/requests.json?status=${p}`],
  ['open311 start_date', (p) => `/open311/v2/requests.json?start_date=${p}`],
  ['open311 request id', (p) => `/open311/v2/requests/${p}.json`],
  // Tile 12/3413/1649 holds the whole small town: a filter that leaked would draw its features.
  ['tile incidents category', (p) => `/tiles/incidents/12/3413/1649.pbf?category=${p}`],
  ['tile incidents from', (p) => `/tiles/incidents/12/3413/1649.pbf?from=${p}`],
  ['tile households region', (p) => `/tiles/households/12/3413/1649.pbf?region=${p}`],
  ['tile zoom', (p) => `/tiles/grids/${p}/3413/1649.pbf`],
]

describe('SQL in filters', () => {
  it.each(FILTER_URLS)('%s: every payload is refused or matches nothing, and no table changes', async (_, url) => {
    const before = await dbSnapshot(t.db)
    for (const payload of [...PAYLOADS, NUL]) {
      const response = await t.app.inject({ method: 'GET', url: url(encodeURIComponent(payload)), headers: admin })
      const context = `${url(payload)} → ${response.statusCode} ${response.body.slice(0, 200)}`
      if (response.statusCode === 204) continue // an empty tile: nothing matched
      if (response.statusCode === 200) {
        const body = response.json()
        const items = Array.isArray(body) ? body : body.features
        expect(items, context).toEqual([])
      } else {
        expect([response.statusCode >= 400 && response.statusCode < 500, (errorOf(response.json())?.message.length ?? 0) > 0], context).toEqual([true, true])
      }
    }
    expect(await dbSnapshot(t.db)).toEqual(before)
    expect(await tablesExist()).toBe(true)
  })
})

describe('SQL and HTML in text that is stored', () => {
  it('keeps household ids and addresses verbatim, returned as JSON strings', async () => {
    const households = collection(
      ...PAYLOADS.map((p, i) => feature(point(120.001 + i * 0.0005, 33.011), { externalId: `${p}#${i}`, address: p, population: 1 })),
    )
    const imported = await t.app.inject({ method: 'POST', url: '/api/import/households', headers: admin, payload: households })
    expect(imported.statusCode, imported.body).toBe(201)
    const response = await t.app.inject({ method: 'GET', url: `/api/households?region=${WEST}&limit=1000`, headers: admin })
    expect(response.headers['content-type']).toMatch(/^application\/(geo\+)?json/)
    const stored = Object.fromEntries(
      response.json().features.map((f: { properties: { externalId: string; address: string } }) => [f.properties.externalId, f.properties.address]),
    )
    for (const [i, p] of PAYLOADS.entries()) expect(stored[`${p}#${i}`]).toBe(p)
    for (const p of PAYLOADS) expect(response.body).toContain(JSON.stringify(p).slice(1, -1))
    const { rows } = await t.db.query<{ address: string }>('SELECT address FROM households WHERE external_id = $1', [`${PAYLOADS[0]}#0`])
    expect(rows).toEqual([{ address: PAYLOADS[0] }])
    expect(await tablesExist()).toBe(true)
  })

  it('refuses SQL as a grid or region code, writing nothing', async () => {
    const before = await dbSnapshot(t.db)
    const grids = await t.app.inject({
      method: 'POST',
      url: '/api/import/grids',
      headers: admin,
      payload: collection(
        feature(rectangle(120.011, 33.001, 120.019, 33.009), {
          code: "320924001002001'; DROP TABLE grids; --",
          name: 'x',
          type: 'comprehensive',
          communityCode: '320924001002',
        }),
      ),
    })
    const regions = await t.app.inject({
      method: 'POST',
      url: '/api/import/regions',
      headers: admin,
      payload: collection(
        feature(rectangle(120.0, 33.0, 120.01, 33.01), { code: '1 OR 1=1', name: "'; DROP TABLE regions; --", level: 'community', parentCode: '320924001' }),
      ),
    })
    expect([grids.statusCode, grids.json().error.code, regions.statusCode, regions.json().error.code]).toEqual([
      422,
      'invalid_features',
      422,
      'invalid_features',
    ])
    expect(await dbSnapshot(t.db)).toEqual(before)
  })

  it('keeps SQL and HTML in a grid name and an edit reason verbatim in the grid and its history', async () => {
    let version = (await t.db.query<{ version: number }>('SELECT version FROM grids WHERE id = $1', [south])).rows[0].version
    for (const p of PAYLOADS) {
      const response = await t.app.inject({
        method: 'PUT',
        url: `/api/grids/${south}`,
        headers: admin,
        payload: feature(rectangle(120.0, 33.0, 120.01, 33.01), { version, name: p, reason: p }),
      })
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json().grids[0].properties.name).toBe(p)
      version = response.json().grids[0].properties.version
    }
    const history = (await t.app.inject({ method: 'GET', url: `/api/grids/${south}/history`, headers: admin })).json()
    expect(history.entries.slice(-PAYLOADS.length).map((e: { reason: string }) => e.reason)).toEqual(PAYLOADS)
    const grids = (await t.app.inject({ method: 'GET', url: `/api/grids?region=${WEST}`, headers: admin })).json()
    expect(grids.features.map((f: { properties: { name: string } }) => f.properties.name)).toContain(PAYLOADS.at(-1))
    expect(await tablesExist()).toBe(true)
  })

  it('keeps incident descriptions from staff and from Open311 verbatim', async () => {
    for (const p of PAYLOADS) {
      const staff = await t.app.inject({
        method: 'POST',
        url: '/api/incidents',
        headers: admin,
        payload: { category: 'dispute', source: 'patrol', description: p, location: point(120.005, 33.005) },
      })
      expect(staff.statusCode, staff.body).toBe(201)
      const detail = await t.app.inject({ method: 'GET', url: `/api/incidents/${staff.json().id}`, headers: admin })
      expect(detail.json().description ?? detail.json().properties?.description).toBe(p)
      const resident = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: { api_key: apiKey, service_code: 'dispute', lat: 33.005, long: 120.005, description: p },
      })
      expect(resident.statusCode, resident.body).toBe(201)
      const request = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${resident.json()[0].service_request_id}.json` })
      expect(request.json()[0].description).toBe(p)
    }
    expect(await tablesExist()).toBe(true)
  })

  it('refuses a NUL in stored text with a 4xx instead of failing in the database', async () => {
    const before = await dbSnapshot(t.db)
    const answers = [
      await t.app.inject({
        method: 'POST',
        url: '/api/incidents',
        headers: admin,
        payload: { category: 'dispute', source: 'patrol', description: NUL, location: point(120.005, 33.005) },
      }),
      await t.app.inject({
        method: 'POST',
        url: '/api/import/households',
        headers: admin,
        payload: collection(feature(point(120.005, 33.005), { externalId: NUL, address: 'x', population: 1 })),
      }),
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: NUL, password: 'x' } }),
    ]
    expect(answers.map((a) => [a.statusCode, errorOf(a.json())?.code])).toEqual([
      [400, 'invalid_text'],
      [400, 'invalid_text'],
      [400, 'invalid_text'],
    ])
    expect(await dbSnapshot(t.db)).toEqual(before)
  })

  it('answers SQL as a username or password with 401, not a login', async () => {
    for (const p of PAYLOADS) {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: p, password: p } })
      expect([response.statusCode, errorOf(response.json())?.code], p).toEqual([401, expect.any(String)])
    }
    const admin = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: "' OR '1'='1" } })
    expect(admin.statusCode).toBe(401)
  })
})
