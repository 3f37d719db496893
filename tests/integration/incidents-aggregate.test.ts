import booleanPointInPolygon from '@turf/boolean-point-in-polygon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collection, EAST, feature, point, rectangle, type Position } from '../fixtures/small-town'
import { importSmallTown } from './helpers/small-town-import'
import { createTestApp, tableCounts, type TestApp } from './helpers/test-app'

let t: TestApp
let post: Awaited<ReturnType<typeof importSmallTown>>['post']
let headers: Record<string, string>
const CATEGORIES = ['traffic', 'dispute', 'environment', 'emergency']
const STATUSES = ['reported', 'closed', 'dispatched']

beforeAll(async () => {
  t = await createTestApp()
  ;({ post, headers } = await importSmallTown(t))
  expect(
    (await post('grids', collection(feature(rectangle(120.01, 33.0, 120.02, 33.02), { name: '东社区网格', type: 'dedicated', communityCode: EAST }))))
      .statusCode,
  ).toBe(201)
  // 400 incidents on a lattice that puts points exactly on bin edges too (0.0005° steps).
  const incidents = []
  for (let k = 0; k < 400; k++) {
    const lng = 120 + (k % 20) * 0.001
    const lat = 33 + Math.floor(k / 20) * 0.001
    incidents.push(
      feature(point(lng, lat), {
        externalId: `I${k}`,
        category: CATEGORIES[k % 4],
        status: STATUSES[k % 3],
        source: k % 2 ? 'patrol' : 'hotline',
        reportedAt: new Date(Date.UTC(2026, 9, 1) + k * 3_600_000).toISOString(),
      }),
    )
  }
  expect((await post('incidents', collection(...incidents))).statusCode).toBe(201)
})
afterAll(() => t.close())

const get = async (url: string) => t.app.inject({ method: 'GET', url, headers: await t.readerHeaders() })
const FILTERS = [
  '',
  'category=traffic,dispute',
  'status=closed&source=patrol',
  'from=2026-10-05&to=2026-10-12',
  `region=${EAST}`,
  'grid=320924001001001',
  'bbox=120.003,33.002,120.011,33.009',
  'polygon=120.001,33.001,120.015,33.004,120.006,33.018',
]

describe('GET /api/incidents/aggregate', () => {
  for (const cell of ['hex', 'square']) {
    for (const sizeM of [60, 250]) {
      it(`${cell} bins of ${sizeM} m add up to the filtered count for every filter`, async () => {
        for (const filters of FILTERS) {
          const matched = (await get(`/api/incidents?limit=1&${filters}`)).json().numberMatched
          const bins = (await get(`/api/incidents/aggregate?cell=${cell}&sizeM=${sizeM}&${filters}`)).json()
          const sum = bins.features.reduce((n: number, f: { properties: { count: number } }) => n + f.properties.count, 0)
          expect({ filters, sum, total: bins.total }).toEqual({ filters, sum: matched, total: matched })
        }
      })
    }
  }

  it('puts every incident inside the polygon of its own bin', async () => {
    const incidents = (await get('/api/incidents?limit=1000')).json().features
    for (const cell of ['hex', 'square']) {
      const bins = (await get(`/api/incidents/aggregate?cell=${cell}&sizeM=120`)).json().features
      const homes = incidents.map(
        (i: { geometry: { coordinates: number[] } }) =>
          bins.filter((b: Parameters<typeof booleanPointInPolygon>[1]) => booleanPointInPolygon(i.geometry.coordinates, b)).length,
      )
      // On a shared edge a point touches two outlines; it must never be in none.
      expect(homes.filter((n: number) => n === 0)).toEqual([])
    }
  })

  it('counts overdue incidents per bin', async () => {
    await t.db.query(
      "UPDATE incidents SET deadline_at = '2026-10-02T00:00:00Z', dispatched_at = reported_at + interval '10 minutes' WHERE external_id IN ('I1', 'I2')",
    )
    const bins = (await get('/api/incidents/aggregate?cell=square&sizeM=5000')).json()
    expect(bins.features.reduce((n: number, f: { properties: { overdue: number } }) => n + f.properties.overdue, 0)).toBe(2)
  })

  it('refuses a bin size too small for the area, naming it', async () => {
    const response = await get('/api/incidents/aggregate?cell=square&sizeM=10')
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'bin_too_small', details: { parameter: 'sizeM', maxBins: 20_000 } })
    expect((await get('/api/incidents/aggregate?cell=hex&sizeM=10&bbox=120,33,120.002,33.002')).statusCode).toBe(200)
    expect((await get('/api/incidents/aggregate?cell=circle&sizeM=100')).json().error.code).toBe('invalid_request')
  })

  it('refuses a self-intersecting polygon, a malformed one and unknown filter values', async () => {
    const bowtie = await get('/api/incidents/aggregate?cell=hex&sizeM=200&polygon=120,33,120.01,33.01,120.01,33,120,33.01')
    expect(bowtie.statusCode).toBe(400)
    expect(bowtie.json().error).toMatchObject({ code: 'invalid_filter', details: { parameter: 'polygon' } })
    expect(bowtie.json().error.message).toMatch(/^polygon: not a valid polygon \(Self-intersection/)
    expect((await get('/api/incidents?polygon=120,33,120.01')).json().error).toEqual({
      code: 'invalid_filter',
      message: 'polygon: must be lng,lat pairs separated by commas',
      details: { parameter: 'polygon' },
    })
    expect((await get('/api/incidents?polygon=120,33,120.01,33,120,33')).json().error.message).toBe('polygon: needs at least three distinct corners')
    expect((await get('/api/incidents/kpis?category=noise')).json().error.details).toEqual({ parameter: 'category' })
  })
})

describe('GET /api/incidents/kpis and /stats', () => {
  it('computes the close rates over what is due, rework and extension rates, and stage times', async () => {
    await t.db.query(`UPDATE incidents SET dispatched_at = reported_at + interval '30 minutes', deadline_at = reported_at + interval '1 day', status = 'closed',
                        closed_at = reported_at + interval '90 minutes' WHERE external_id IN ('I3', 'I4')`)
    await t.db.query(`UPDATE incidents SET closed_at = deadline_at + interval '1 hour', status = 'closed' WHERE external_id = 'I1'`)
    await t.db.query(
      `INSERT INTO incident_events (incident_id, county_code, event, at) SELECT id, county_code, 'return', reported_at FROM incidents WHERE external_id = 'I3'`,
    )
    await t.db.query(
      `INSERT INTO incident_events (incident_id, county_code, event, at) SELECT id, county_code, 'extend', reported_at FROM incidents WHERE external_id IN ('I3', 'I4')`,
    )
    const kpis = (await get('/api/incidents/kpis?from=2026-10-01T00:00:00Z&to=2026-10-01T05:00:00Z')).json()
    // I0..I4: I1 closed late, I2 overdue and open, I3 and I4 closed on time; I0 never dispatched.
    expect(kpis).toEqual({
      total: 5,
      dispatched: 4,
      due: 4,
      closed: 3,
      closedOnTime: 2,
      overdue: 1,
      reworked: 1,
      extended: 2,
      closeRate: 0.75,
      onTimeCloseRate: 0.5,
      reworkRate: 0.25,
      extensionRate: 0.5,
      rated: 0,
      satisfied: 0,
      satisfactionRate: null,
      discoveryToDispatchMinutes: kpis.discoveryToDispatchMinutes,
      dispatchToCloseMinutes: kpis.dispatchToCloseMinutes,
    })
    // Dispatch after 10, 10, 30, 30 min; closed after 60, 60 and (I1) 23 h 50 min.
    expect([kpis.discoveryToDispatchMinutes, kpis.dispatchToCloseMinutes]).toEqual([20, 516.7])
  })

  it('breaks the filtered set down by category, status, day and grid, each summing to the count', async () => {
    const stats = (await get('/api/incidents/stats?category=traffic')).json()
    const sum = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0)
    expect(stats.byCategory).toEqual([{ key: 'traffic', count: 100 }])
    expect([sum(stats.byStatus), sum(stats.bySource), sum(stats.byDay)]).toEqual([100, 100, 100])
    // Hourly from 08:00 on 1 October (UTC+8), every fourth is traffic: 08, 12, 16 and 20 o'clock.
    expect(stats.byDay[0]).toEqual({ day: '2026-10-01', count: 4 })
  })
})

describe('GET /api/incidents/export', () => {
  it('exports the filtered set as CSV (a header and one row each) and as GeoJSON', async () => {
    const csv = await get('/api/incidents/export?format=csv&category=dispute&source=patrol')
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="incidents-\d{4}-\d{2}-\d{2}\.csv"$/)
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines.length - 1).toBe((await get('/api/incidents?limit=1&category=dispute&source=patrol')).json().numberMatched)
    expect(lines[0].split(',').slice(0, 3)).toEqual(['编号', '外部编号', '事件类别'])
    const geojson = (await get('/api/incidents/export?format=geojson&category=dispute&source=patrol')).json()
    expect(geojson.features.length).toBe(lines.length - 1)
  })

  /** The CSV as rows of header → cell (no cell of this data set holds a comma or a quote). */
  const csvRows = (body: string) => {
    const [header, ...rows] = body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','))
    return rows.map((cells) => Object.fromEntries(header.map((h, k) => [h, cells[k]])))
  }

  it('writes the CSV for people: Chinese labels with the codes beside them, grid names, times in the county time zone with the offset', async () => {
    const csv = await get('/api/incidents/export?format=csv&category=dispute&source=patrol&from=2026-10-01T00:00:00%2B08:00')
    const first = csvRows(csv.body).find((r) => r['外部编号'] === 'I1')
    const grid = (await get('/api/grids')).json().features.find((g: { properties: { code: string } }) => g.properties.code === first?.['网格编码'])
    expect(first).toMatchObject({
      事件类别: '矛盾纠纷',
      类别代码: 'dispute',
      来源: '网格员巡查',
      来源代码: 'patrol',
      优先级: '一般',
      优先级代码: 'normal',
      状态: '已结案',
      状态代码: 'closed',
      网格名称: grid.properties.name,
      // 1 October 01:00 UTC is 09:00 in Shanghai.
      '上报时间（Asia/Shanghai UTC+08:00）': '2026-10-01 09:00:00+08:00',
    })
  })

  it('writes the CSV in English when asked by lang=en or by an English Accept-Language, and refuses an unknown lang', async () => {
    const byParam = csvRows((await get('/api/incidents/export?format=csv&category=dispute&source=patrol&lang=en')).body)
    expect(byParam.find((r) => r['External ID'] === 'I1')).toMatchObject({
      Category: 'Dispute',
      'Category code': 'dispute',
      Status: 'Closed',
      'Reported at (Asia/Shanghai UTC+08:00)': '2026-10-01 09:00:00+08:00',
    })
    const english = await t.app.inject({
      method: 'GET',
      url: '/api/incidents/export?format=csv&category=dispute',
      headers: { ...(await t.readerHeaders()), 'accept-language': 'en-GB,en;q=0.9' },
    })
    expect(english.body.replace(/^\uFEFF/, '').startsWith('ID,External ID,Category,')).toBe(true)
    const bad = await get('/api/incidents/export?format=csv&lang=fr')
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('lang')
  })

  it('writes nothing when asked for an unknown format', async () => {
    const before = await tableCounts(t.db)
    expect((await get('/api/incidents/export?format=xlsx')).statusCode).toBe(400)
    expect(await tableCounts(t.db)).toEqual(before)
  })
})

// Below, incidents beside the 400 of the lattice, where the sections above no longer look.
describe('GET /api/incidents/aggregate on the stored Mercator positions (migration 007)', () => {
  const bins = async (qs: string) => (await get(`/api/incidents/aggregate?${qs}`)).json()
  const matched = async (qs: string) => (await get(`/api/incidents?limit=1&${qs}`)).json().numberMatched
  const homeOf = (features: { geometry: Parameters<typeof booleanPointInPolygon>[1] }[], at: Position) =>
    features.filter((f) => booleanPointInPolygon(at, f.geometry))

  it('bins an incident reported through the API where it is, and where a later write moves it', async () => {
    const at: Position = [120.0163, 33.0051]
    const reported = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers,
      payload: { category: 'facility', source: 'resident', description: '井盖缺失', location: point(...at) },
    })
    expect(reported.statusCode).toBe(201)
    const id = reported.json().id
    const around = (p: Position) => `bbox=${p[0] - 0.0002},${p[1] - 0.0002},${p[0] + 0.0002},${p[1] + 0.0002}`
    const there = await bins(`cell=hex&sizeM=50&category=facility&${around(at)}`)
    expect(there.total).toBe(1)
    expect(homeOf(there.features, at)).toHaveLength(1)

    const moved: Position = [120.0037, 33.0158]
    await t.db.query('UPDATE incidents SET geom = ST_SetSRID(ST_MakePoint($1, $2), 4326) WHERE id = $3', [...moved, id])
    expect((await bins(`cell=hex&sizeM=50&category=facility&${around(at)}`)).total).toBe(0)
    const now = await bins(`cell=square&sizeM=50&category=facility&${around(moved)}`)
    expect(now.total).toBe(1)
    expect(homeOf(now.features, moved)).toHaveLength(1)
  })

  it('counts points on the bbox edges in and points a hair outside out, in the list and the bins alike', async () => {
    // North of the lattice (its last row is 33.019). A hair is 1e-7°: inside the float4 rounding
    // that the && operator of PostGIS compares boxes with, so && alone would count them.
    const [w, s, e, n] = [120.0123, 33.0192, 120.0147, 33.0197]
    const edges: Position[] = [
      [w, 33.0195],
      [e, 33.0194],
      [120.013, s],
      [120.014, n],
      [e, n],
      [w, s],
    ]
    const outside: Position[] = [
      [w - 1e-7, 33.0195],
      [e + 1e-7, 33.0194],
      [120.013, s - 1e-7],
      [120.014, n + 1e-7],
    ]
    const incidents = [...edges, ...outside].map((p, k) =>
      feature(point(...p), {
        externalId: `EDGE${k}`,
        category: 'illegal_construction',
        status: 'reported',
        source: 'video',
        reportedAt: '2026-10-20T08:00:00Z',
      }),
    )
    expect((await post('incidents', collection(...incidents))).statusCode).toBe(201)
    const bbox = `bbox=${w},${s},${e},${n}`
    expect(await matched(bbox)).toBe(edges.length)
    for (const cell of ['hex', 'square']) {
      expect((await bins(`cell=${cell}&sizeM=30&${bbox}`)).total).toBe(edges.length)
      expect((await bins(`cell=${cell}&sizeM=30&${bbox}&category=illegal_construction&from=2026-10-01`)).total).toBe(edges.length)
    }
  })

  it('counts every status, source and priority when only some of those are filtered', async () => {
    // Seven incidents, one per status; with them every source and every priority.
    const statuses = ['reported', 'accepted', 'rejected', 'dispatched', 'handled', 'verified', 'closed']
    const sources = ['patrol', 'resident', 'hotline', 'video', 'higher_level']
    const priorities = ['low', 'normal', 'high', 'urgent']
    const incidents = statuses.map((status, k) =>
      feature(point(120.0155 + k * 0.0001, 33.0105), {
        externalId: `ALL${k}`,
        category: 'public_service',
        status,
        source: sources[k % 5],
        priority: priorities[k % 4],
        reportedAt: '2026-10-21T08:00:00Z',
      }),
    )
    expect((await post('incidents', collection(...incidents))).statusCode).toBe(201)
    for (const filters of [
      'category=public_service',
      'category=public_service&from=2026-10-21&to=2026-10-22',
      'status=rejected,handled&from=2026-10-21',
      'source=higher_level,video&category=public_service',
      'priority=low,urgent&from=2026-10-21',
      'status=verified',
    ]) {
      const expected = await matched(filters)
      expect(expected).toBeGreaterThan(0)
      for (const cell of ['hex', 'square'])
        expect({ filters, cell, total: (await bins(`cell=${cell}&sizeM=100&${filters}`)).total }).toEqual({ filters, cell, total: expected })
    }
    expect((await bins('cell=hex&sizeM=100&category=public_service')).total).toBe(7)
  })

  it('gives every incident the hexagon that cube rounding of its own position gives it', async () => {
    const {
      rows: [{ lat }],
    } = await t.db.query<{ lat: number }>('SELECT ((ST_YMin(e) + ST_YMax(e)) / 2)::float8 AS lat FROM (SELECT ST_Extent(boundary) AS e FROM regions) s')
    for (const sizeM of [15, 40, 120, 1000]) {
      const size = sizeM / Math.cos((lat * Math.PI) / 180)
      const { rows } = await t.db.query<{ key: string; count: number }>(
        `SELECT q || ':' || r AS key, count(*)::int AS count
           FROM (SELECT CASE WHEN dq > dr AND dq > ds THEN -rr - rs ELSE rq END::int AS q,
                        CASE WHEN NOT (dq > dr AND dq > ds) AND dr > ds THEN -rq - rs ELSE rr END::int AS r
                   FROM (SELECT rq, rr, rs, abs(rq - fq) AS dq, abs(rr - fr) AS dr, abs(rs - (-fq - fr)) AS ds
                           FROM (SELECT fq, fr, round(fq) AS rq, round(fr) AS rr, round(-fq - fr) AS rs
                                   FROM (SELECT (sqrt(3.0) / 3 * x - y / 3) / $1 AS fq, (2.0 / 3 * y) / $1 AS fr
                                           FROM (SELECT 6378137.0 * radians(ST_X(geom)) AS x, 6378137.0 * ln(tan(pi() / 4 + radians(ST_Y(geom)) / 2)) AS y
                                                   FROM incidents) p) f) c) d) b
          GROUP BY 1`,
        [size],
      )
      const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1)
      const api = (await bins(`cell=hex&sizeM=${sizeM}`)).features.map((f: { properties: { key: string; count: number } }) => ({
        key: f.properties.key,
        count: f.properties.count,
      }))
      expect({ sizeM, bins: api.sort(byKey) }).toEqual({ sizeM, bins: rows.sort(byKey) })
    }
  })
})
