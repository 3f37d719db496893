// GET /api/incidents/points.bin: the filtered incidents in the binary layout the /analyze map
// draws, for the same callers and the same filters as the JSON list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES } from '../../server/domain/vocabulary'
import { decodeIncidentPoints, FLAG_OVERDUE } from '../../server/domain/points-layout'
import { collection, EAST, feature, point, rectangle, WEST } from '../fixtures/small-town'
import { importSmallTown } from './helpers/small-town-import'
import { createTestApp, type TestApp } from './helpers/test-app'

let t: TestApp
const CATEGORIES = ['traffic', 'dispute', 'environment', 'emergency']
const STATUSES = ['reported', 'closed', 'dispatched']

beforeAll(async () => {
  t = await createTestApp()
  const { post } = await importSmallTown(t)
  expect(
    (await post('grids', collection(feature(rectangle(120.01, 33.0, 120.02, 33.02), { name: '东社区网格', type: 'dedicated', communityCode: EAST }))))
      .statusCode,
  ).toBe(201)
  const incidents = []
  for (let k = 0; k < 120; k++) {
    incidents.push(
      feature(point(120 + (k % 20) * 0.001, 33 + Math.floor(k / 20) * 0.002), {
        externalId: `P${k}`,
        category: CATEGORIES[k % 4],
        status: STATUSES[k % 3],
        source: k % 2 ? 'patrol' : 'hotline',
        reportedAt: new Date(Date.UTC(2026, 9, 1) + k * 3_600_000).toISOString(),
      }),
    )
  }
  expect((await post('incidents', collection(...incidents))).statusCode).toBe(201)
  // One dispatched incident already past its deadline: the overdue flag.
  await t.db.query("UPDATE incidents SET deadline_at = now() - interval '1 hour' WHERE external_id = 'P2'")
})
afterAll(() => t.close())

const get = async (url: string, headers?: Record<string, string>) => t.app.inject({ method: 'GET', url, headers: headers ?? (await t.readerHeaders()) })

interface Listed {
  id: number
  geometry: { coordinates: [number, number] }
  properties: { category: string; status: string; reportedAt: string }
}

/** The JSON list of the same filters, as the binary form should carry it (oldest first). */
async function theListOf(filters: string) {
  const features: Listed[] = (await get(`/api/incidents?limit=50000&${filters}`)).json().features
  return features
    .map((f) => ({
      id: f.id,
      lng: Math.fround(f.geometry.coordinates[0]),
      lat: Math.fround(f.geometry.coordinates[1]),
      time: Math.floor(Date.parse(f.properties.reportedAt) / 1000),
      category: f.properties.category,
      status: f.properties.status,
    }))
    .sort((a, b) => a.time - b.time || a.id - b.id)
}

async function thePointsOf(filters: string) {
  const response = await get(`/api/incidents/points.bin?${filters}`)
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-type']).toBe('application/octet-stream')
  const body = response.rawPayload
  const d = decodeIncidentPoints(body.buffer, body.byteOffset, body.byteLength)
  expect(response.headers['x-incident-count']).toBe(String(d.count))
  return Array.from({ length: d.count }, (_, i) => ({
    id: d.ids[i],
    lng: d.lngLat[2 * i],
    lat: d.lngLat[2 * i + 1],
    time: d.times[i],
    category: INCIDENT_CATEGORIES[d.categories[i]],
    status: INCIDENT_STATUSES[d.statuses[i]],
    overdue: (d.flags[i] & FLAG_OVERDUE) !== 0,
  }))
}

describe('GET /api/incidents/points.bin', () => {
  it('sends the same incidents as the JSON list for every filter, field for field', async () => {
    for (const filters of [
      '',
      'category=traffic,dispute',
      'status=closed&source=patrol',
      'from=2026-10-02&to=2026-10-04',
      `region=${EAST}`,
      'grid=320924001001001',
      'bbox=120.003,33.002,120.011,33.009',
      'polygon=120.001,33.001,120.015,33.004,120.006,33.018',
    ]) {
      const expected = await theListOf(filters)
      const points = (await thePointsOf(filters)).map(({ overdue: _, ...p }) => p)
      expect({ filters, points }).toEqual({ filters, points: expected })
      expect(points.length > 0 || filters === '').toBe(true)
    }
  })

  it('flags the incidents still being handled past their deadline', async () => {
    const overdue = (await thePointsOf('')).filter((p) => p.overdue).map((p) => p.id)
    const listed: Listed[] = (await get('/api/incidents?limit=50000&overdue=true')).json().features
    expect(overdue).toEqual(listed.map((f) => f.id).sort((a, b) => a - b))
    expect(overdue).toHaveLength(1)
  })

  it('refuses more matches than the cap with points_too_many and the count, writing no body of points', async () => {
    const matched = (await thePointsOf('')).length
    const response = await get(`/api/incidents/points.bin?max=${matched - 1}`)
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      error: {
        code: 'points_too_many',
        message: `${matched} incidents match; at most ${matched - 1} are sent as points (use the bins, or narrow the filters)`,
        details: { numberMatched: matched, max: matched - 1 },
      },
    })
    expect((await get(`/api/incidents/points.bin?max=${matched}`)).statusCode).toBe(200)
    expect((await get('/api/incidents/points.bin?max=500001')).statusCode).toBe(400)
  })

  it('refuses bad filters as the other incident reads do', async () => {
    const bad = await get('/api/incidents/points.bin?category=weather')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('invalid_filter')
    const unknownRegion = await get('/api/incidents/points.bin?region=999999')
    expect(unknownRegion.statusCode).toBe(400)
    const unknownGrid = await get('/api/incidents/points.bin?grid=999999999999999')
    expect(unknownGrid.json().error).toMatchObject({ code: 'invalid_filter', details: { parameter: 'grid' } })
  })

  it('is read by whoever may read incidents: not anonymously, not by grid workers', async () => {
    const who = await t.everyone(WEST)
    const worker = await t.as('worker')
    const statuses = Object.fromEntries(
      await Promise.all(
        Object.entries({ ...who, worker }).map(
          async ([name, headers]) => [name, (await t.app.inject({ method: 'GET', url: '/api/incidents/points.bin', headers })).statusCode] as const,
        ),
      ),
    )
    expect(statuses).toEqual({ anonymous: 401, display: 200, analyst: 200, westSupervisor: 200, admin: 200, worker: 403 })
  })

  it('is described in the OpenAPI document as binary with its layout', async () => {
    const spec = (await t.app.inject({ url: '/docs/json' })).json()
    const op = spec.paths['/api/incidents/points.bin'].get
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '403'])
    expect(op.responses['200'].content['application/octet-stream'].schema).toEqual({ type: 'string', format: 'binary' })
    expect(op.responses['200'].description).toMatch(/magic "WGIP"/)
  })
})
