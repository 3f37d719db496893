import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collection, EAST, feature, point, rectangle, smallTownRegions, WEST, westGrids } from '../fixtures/small-town'
import { createTestApp, type TestApp } from './helpers/test-app'

let t: TestApp

const incident = (externalId: string, lng: number, category: string, status: string, source: string, reportedAt: string) =>
  feature(point(lng, 33.005), { externalId, category, status, source, reportedAt })

beforeAll(async () => {
  t = await createTestApp()
  const headers = await t.adminHeaders()
  const post = (kind: string, body: unknown) => t.app.inject({ method: 'POST', url: `/api/import/${kind}`, headers, payload: body as object })
  expect((await post('regions', smallTownRegions)).statusCode).toBe(201)
  expect((await post('grids', westGrids)).statusCode).toBe(201)
  expect(
    (await post('grids', collection(feature(rectangle(120.01, 33.0, 120.02, 33.02), { name: '东社区网格', type: 'dedicated', communityCode: EAST }))))
      .statusCode,
  ).toBe(201)
  expect(
    (
      await post(
        'incidents',
        collection(
          incident('A', 120.002, 'traffic', 'closed', 'patrol', '2026-10-01T09:00:00+08:00'),
          incident('B', 120.004, 'traffic', 'reported', 'hotline', '2026-10-15T09:00:00+08:00'),
          incident('C', 120.015, 'dispute', 'closed', 'resident', '2026-11-01T09:00:00+08:00'),
        ),
      )
    ).statusCode,
  ).toBe(201)
})
afterAll(() => t.close())

const get = async (url: string) => t.app.inject({ method: 'GET', url, headers: await t.readerHeaders() })
const ids = (body: { features: { properties: { externalId?: string; code?: string } }[] }) =>
  body.features.map((f) => f.properties.externalId ?? f.properties.code)

describe('GET /api/grids', () => {
  it('filters by region code prefix and by bbox', async () => {
    expect(ids((await get('/api/grids')).json())).toEqual([`${WEST}001`, `${WEST}002`, `${EAST}001`])
    expect(ids((await get(`/api/grids?region=${EAST}`)).json())).toEqual([`${EAST}001`])
    expect(ids((await get('/api/grids?bbox=120.012,33.001,120.013,33.002')).json())).toEqual([`${EAST}001`])
  })

  it('returns the documented properties and a MultiPolygon', async () => {
    const grid = (await get(`/api/grids?region=${EAST}`)).json().features[0]
    expect(grid.properties).toEqual({
      id: grid.properties.id,
      code: `${EAST}001`,
      name: '东社区网格',
      type: 'dedicated',
      communityCode: EAST,
      householdCount: 0,
      version: 1,
    })
    expect(grid.geometry.type).toBe('MultiPolygon')
    expect(grid.id).toBe(grid.properties.id)
  })

  it('answers 400 for a bad region code or bbox', async () => {
    expect((await get('/api/grids?region=32')).json().error.code).toBe('invalid_request')
    expect((await get('/api/grids?bbox=121,33,120,34')).json().error.code).toBe('invalid_bbox')
  })
})

describe('GET /api/incidents', () => {
  it('combines filters and reports numberMatched / numberReturned', async () => {
    const body = (await get('/api/incidents?category=traffic&limit=1')).json()
    expect({ matched: body.numberMatched, returned: body.numberReturned, ids: ids(body) }).toEqual({ matched: 2, returned: 1, ids: ['B'] })
    expect(ids((await get('/api/incidents?status=closed&from=2026-10-20')).json())).toEqual(['C'])
    expect(ids((await get(`/api/incidents?grid=${WEST}002`)).json())).toEqual(['B', 'A'])
    expect(ids((await get(`/api/incidents?region=${EAST}`)).json())).toEqual(['C'])
    expect(ids((await get('/api/incidents?source=patrol,hotline&to=2026-10-10')).json())).toEqual(['A'])
  })

  it('names the bad filter', async () => {
    const response = await get('/api/incidents?status=lost')
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'invalid_filter', details: { parameter: 'status' } })
    expect((await get('/api/incidents?from=2026-12-01&to=2026-11-01')).json().error.details).toEqual({ parameter: 'from' })
    expect((await get('/api/incidents?color=red')).statusCode).toBe(400)
  })
})
