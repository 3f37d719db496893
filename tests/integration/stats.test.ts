import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EAST, feature, point, rectangle, smallTownRegions, WEST } from '../fixtures/small-town'
import { coverage, household, importAs } from './helpers/coverage-fixture'
import { createTestApp, tableCounts, type TestApp } from './helpers/test-app'

// The small town with the east community's north half left uncovered (a gap with one household),
// two workers, and incidents placed around "now" so every KPI has a known answer.
let t: TestApp
let headers: Record<string, string>
const NOW = Date.now()
const HOUR = 3_600_000
const DAY = 24 * HOUR
const at = (msBeforeNow: number) => new Date(NOW - msBeforeNow).toISOString()
const dayUtc8 = (iso: string) => new Date(new Date(iso).getTime() + 8 * HOUR).toISOString().slice(0, 10)

interface Seeded {
  category: string
  status: string
  lng: number
  lat: number
  reported: string
  deadline?: string
  closed?: string
}
const INCIDENTS: Record<string, Seeded> = {
  onTime: { category: 'traffic', status: 'closed', lng: 120.005, lat: 33.005, reported: at(2 * DAY), deadline: at(DAY), closed: at(1.5 * DAY) },
  late: { category: 'dispute', status: 'closed', lng: 120.005, lat: 33.004, reported: at(3 * DAY), deadline: at(2 * DAY), closed: at(DAY) },
  overdue: { category: 'environment', status: 'dispatched', lng: 120.005, lat: 33.015, reported: at(5 * DAY), deadline: at(HOUR) },
  fresh: { category: 'environment', status: 'reported', lng: 120.015, lat: 33.005, reported: at(HOUR) },
  old: { category: 'traffic', status: 'closed', lng: 120.004, lat: 33.004, reported: at(45 * DAY), deadline: at(44 * DAY), closed: at(44.5 * DAY) },
  rejected: { category: 'facility', status: 'rejected', lng: 120.016, lat: 33.004, reported: at(DAY) },
}

const gridOf = async (code: string) => (await t.db.query<{ id: number }>('SELECT id::int FROM grids WHERE code = $1', [code])).rows[0].id
const get = async (url: string) => t.app.inject({ method: 'GET', url, headers: await t.readerHeaders() })

beforeAll(async () => {
  t = await createTestApp()
  headers = await t.adminHeaders()
  await importAs(t, 'regions', ...smallTownRegions.features)
  await importAs(
    t,
    'grids',
    feature(rectangle(120.0, 33.01, 120.01, 33.02), { name: '西北', type: 'comprehensive', communityCode: WEST }),
    feature(rectangle(120.0, 33.0, 120.01, 33.01), { name: '西南', type: 'comprehensive', communityCode: WEST }),
    feature(rectangle(120.01, 33.0, 120.02, 33.01), { name: '东南', type: 'comprehensive', communityCode: EAST }),
  )
  await importAs(
    t,
    'households',
    household('H1', 120.005, 33.005),
    household('H2', 120.006, 33.006),
    household('H3', 120.005, 33.015),
    household('H4', 120.015, 33.015),
  )
  const { rows } = await t.db.query<{ id: number }>(
    "INSERT INTO grid_workers (county_code, name, role) VALUES ('320924', '张三', 'full_time'), ('320924', '李四', 'full_time') RETURNING id::int",
  )
  for (const [worker, grid] of [
    [rows[0].id, `${WEST}001`],
    [rows[0].id, `${WEST}002`],
    [rows[1].id, `${EAST}001`],
  ] as const) {
    await t.db.query("INSERT INTO grid_assignments (worker_id, grid_id, county_code) VALUES ($1, $2, '320924')", [worker, await gridOf(grid)])
  }
  for (const i of Object.values(INCIDENTS)) {
    await t.db.query(
      `INSERT INTO incidents (county_code, category, source, status, geom, grid_id, reported_at, dispatched_at, deadline_at, closed_at, rejected_at)
       VALUES ('320924', $1, 'patrol', $2, ST_SetSRID(ST_MakePoint($3, $4), 4326),
               (SELECT id FROM grids WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint($3, $4), 4326)) ORDER BY code LIMIT 1),
               $5, CASE WHEN $6::timestamptz IS NULL THEN NULL ELSE $5::timestamptz END, $6, $7, CASE WHEN $2 = 'rejected' THEN $5::timestamptz END)`,
      [i.category, i.status, i.lng, i.lat, i.reported, i.deadline ?? null, i.closed ?? null],
    )
  }
})
afterAll(() => t.close())

describe('GET /api/stats/overview', () => {
  it('gives the KPIs of the county, agreeing with the coverage report', async () => {
    const response = await get('/api/stats/overview?region=320924')
    if (response.statusCode !== 200) console.log(response.body, (await coverage(t, '320924', new Date().toISOString())).summary)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    const report = await coverage(t, '320924', new Date().toISOString())
    const s = report.summary
    expect(body.region).toEqual({ code: '320924', name: '测试县', level: 'county' })
    expect(body.kpis).toEqual({
      grids: 3,
      households: 4,
      workers: 2,
      areaCoverage: s.coveredAreaM2 / s.regionAreaM2,
      householdCoverage: 3 / 4,
      openIncidents: 2,
      overdueIncidents: 1,
      onTimeRate: 1 / 3,
      rated: 0,
      satisfactionRate: null,
      blindSpots: s.blindSpots,
    })
    // The same numbers the coverage engine gives.
    expect([body.kpis.grids, body.kpis.households, 1 - body.kpis.householdCoverage, body.kpis.overdueIncidents, body.kpis.onTimeRate]).toEqual([
      s.gridCount,
      s.households,
      s.householdsOutside / s.households,
      s.overdueIncidents,
      s.onTimeRate,
    ])
    expect(body.kpis.areaCoverage).toBeCloseTo(0.75, 3)
    expect(body.blindSpotsByKind).toEqual(s.blindSpotsByKind)
    expect(body.grids).toEqual(report.scores.grids.map((g) => ({ id: (g as unknown as { id: number }).id, score: g.score, kinds: g.kinds })))
    expect(body.service).toEqual(Object.entries(s.service).map(([category, v]) => ({ category, ...v, coverage: (4 - v.householdsLacking) / 4 })))
  })

  it('charts the last 30 days by day, category and stage, and ranks communities by 按期结案率', async () => {
    const body = (await get('/api/stats/overview?region=320924')).json()
    const recent = Object.values(INCIDENTS).filter((i) => i !== INCIDENTS.old)
    const expectedDays: Record<string, number> = {}
    for (const i of recent) expectedDays[dayUtc8(i.reported)] = (expectedDays[dayUtc8(i.reported)] ?? 0) + 1
    expect(body.perDay).toHaveLength(30)
    expect(body.perDay.at(-1).day).toBe(dayUtc8(new Date(NOW).toISOString()))
    expect(Object.fromEntries(body.perDay.filter((d: { count: number }) => d.count > 0).map((d: { day: string; count: number }) => [d.day, d.count]))).toEqual(
      expectedDays,
    )
    expect(body.byCategory).toEqual([
      { key: 'environment', count: 2 },
      { key: 'dispute', count: 1 },
      { key: 'facility', count: 1 },
      { key: 'traffic', count: 1 },
    ])
    expect(body.byStage).toEqual([
      { key: 'reported', count: 1 },
      { key: 'rejected', count: 1 },
      { key: 'dispatched', count: 1 },
      { key: 'closed', count: 2 },
    ])
    expect(body.onTimeRanking).toEqual([
      { code: WEST, name: '西社区', due: 3, closedOnTime: 1, onTimeRate: 1 / 3 },
      { code: EAST, name: '东社区', due: 0, closedOnTime: 0, onTimeRate: null },
    ])
  })

  it('ranks the grids of a community', async () => {
    const body = (await get(`/api/stats/overview?region=${WEST}`)).json()
    expect(body.kpis).toMatchObject({ grids: 2, households: 3, workers: 1, openIncidents: 1, overdueIncidents: 1, householdCoverage: 1 })
    expect(body.onTimeRanking).toEqual([
      { code: `${WEST}002`, name: '西南', due: 2, closedOnTime: 1, onTimeRate: 0.5 },
      { code: `${WEST}001`, name: '西北', due: 1, closedOnTime: 0, onTimeRate: 0 },
    ])
  })

  it('counts a new incident at once, without recomputing the cached coverage', async () => {
    const before = (await get('/api/stats/overview?region=320924')).json()
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers,
      payload: { category: 'traffic', source: 'patrol', description: '占道', location: point(120.006, 33.006) },
    })
    expect(created.statusCode).toBe(201)
    const after = (await get('/api/stats/overview?region=320924')).json()
    expect(after.kpis).toEqual({ ...before.kpis, openIncidents: before.kpis.openIncidents + 1 })
    expect(after.coverageAsOf).toBe(before.coverageAsOf)
    await t.db.query('DELETE FROM incident_events WHERE incident_id = $1', [created.json().id])
    await t.db.query('DELETE FROM incidents WHERE id = $1', [created.json().id])
  })

  it('recomputes the coverage when grids change and tells the walls', async () => {
    const before = (await get('/api/stats/overview?region=320924')).json()
    await importAs(t, 'grids', feature(rectangle(120.01, 33.01, 120.02, 33.02), { name: '东北', type: 'comprehensive', communityCode: EAST }))
    // Not yet told: the cached coverage still stands.
    expect((await get('/api/stats/overview?region=320924')).json().kpis.grids).toBe(before.kpis.grids)
    const refreshed = new Promise<Record<string, unknown>>((resolve) => {
      const off = t.app.events.subscribe((event) => {
        if (event.type === 'stats.refreshed' && event.payload.region === '320924') {
          off()
          resolve(event.payload)
        }
      })
    })
    t.app.events.publish({ type: 'grid.changed', payload: { truncated: true } })
    const payload = await refreshed
    const after = (await get('/api/stats/overview?region=320924')).json()
    expect(payload).toEqual({ region: '320924', computedAt: after.coverageAsOf })
    expect(after.kpis).toMatchObject({ grids: 4, householdCoverage: 1 })
    expect(after.kpis.areaCoverage).toBeCloseTo(1, 6)
    await t.db.query(`DELETE FROM households WHERE external_id = 'H4'`)
    await t.db.query(`UPDATE households SET grid_id = NULL`)
    await t.db.query(`DELETE FROM grid_history WHERE grid_id = (SELECT id FROM grids WHERE code = '${EAST}002')`)
    await t.db.query(`DELETE FROM grids WHERE code = '${EAST}002'`)
    await importAs(t, 'households', household('H4', 120.015, 33.015))
    t.app.events.publish({ type: 'grid.changed', payload: { truncated: true } })
  })

  it('refuses an unknown region and a malformed code with 400', async () => {
    const unknown = await get('/api/stats/overview?region=320999')
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json()).toEqual({ error: { code: 'invalid_filter', message: 'region: no region "320999"', details: { parameter: 'region' } } })
    const malformed = await get('/api/stats/overview?region=32')
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().error.code).toBe('invalid_request')
  })
})

describe('GET /api/stats/blind-spots and /api/stats/points', () => {
  it('gives the gap and the household in it as map shapes', async () => {
    const response = await get(`/api/stats/blind-spots?region=${EAST}`)
    expect(response.statusCode).toBe(200)
    const features = response.json().features as { geometry: { type: string; coordinates: unknown }; properties: { kind: string; severity: string } }[]
    expect(features.map((f) => [f.properties.kind, f.properties.severity, f.geometry.type])).toEqual([
      ['gap', 'high', 'Polygon'],
      ['household_outside', 'high', 'MultiPoint'],
    ])
    expect(features[1].geometry.coordinates).toEqual([[120.015, 33.015]])
  })

  it('packs households as integer offsets of 1e-5° from the south-west corner', async () => {
    const response = await get('/api/stats/points?region=320924&layer=households')
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect([body.layer, body.count, body.step]).toEqual(['households', 4, 1e-5])
    const points = []
    for (let i = 0; i < body.offsets.length; i += 2)
      points.push([body.origin[0] + body.offsets[i] * body.step, body.origin[1] + body.offsets[i + 1] * body.step].map((v) => Number(v.toFixed(5))))
    expect(points.sort()).toEqual([
      [120.005, 33.005],
      [120.005, 33.015],
      [120.006, 33.006],
      [120.015, 33.015],
    ])
  })

  it('keeps the households as the coverage figures are kept: until grids or households change', async () => {
    const count = async () => (await get('/api/stats/points?region=320924&layer=households')).json().count
    const settled = async (expected: number) => {
      for (let i = 0; i < 100 && (await count()) !== expected; i++) await new Promise((resolve) => setTimeout(resolve, 100))
      return count()
    }
    expect(await count()).toBe(4)
    // Written behind the API's back: nothing announced it, so the wall's figures stand.
    await t.db.query(`INSERT INTO households (county_code, external_id, address, population, geom)
                      VALUES ('320924', 'H5', 'H5号', 1, ST_SetSRID(ST_MakePoint(120.007, 33.007), 4326))`)
    expect(await count()).toBe(4)
    t.app.events.publish({ type: 'grid.changed', payload: { truncated: true } })
    expect(await settled(5)).toBe(5)
    await t.db.query(`DELETE FROM households WHERE external_id = 'H5'`)
    t.app.events.publish({ type: 'grid.changed', payload: { truncated: true } })
    expect(await settled(4)).toBe(4)
  })

  it('packs the incidents of the last 30 days, and refuses an unknown layer or region', async () => {
    expect((await get('/api/stats/points?region=320924&layer=incidents')).json().count).toBe(5)
    const layer = await get('/api/stats/points?region=320924&layer=patrols')
    expect([layer.statusCode, layer.json().error.code]).toEqual([400, 'invalid_request'])
    const region = await get('/api/stats/points?region=320999&layer=households')
    expect([region.statusCode, region.json()]).toEqual([
      400,
      { error: { code: 'invalid_filter', message: 'region: no region "320999"', details: { parameter: 'region' } } },
    ])
    expect(await tableCounts(t.db)).toMatchObject({ incidents: 6 })
  })
})
