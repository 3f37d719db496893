import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TILE_SOURCES } from '../../server/repositories/tiles.repository'
import { render } from '../../server/services/tiles/tiles.service'
import { EAST, WEST, feature, point } from '../fixtures/small-town'
import { decodeTile, tileAt, tilePath, type DecodedFeature } from '../support/vector-tile'
import { coverage, household, importAs } from './helpers/coverage-fixture'
import { importSmallTown } from './helpers/small-town-import'
import { createTestApp, type Headers, type TestApp } from './helpers/test-app'

// Vector tiles of the small town (a 0.02° square at 120°E 33°N; grids in the west community only),
// decoded with @mapbox/vector-tile as MapLibre decodes them. At zoom 12 one tile holds the town.
let t: TestApp
let who: Record<'anonymous' | 'display' | 'analyst' | 'westSupervisor' | 'admin', Headers>
const TOWN = tileAt(120.01, 33.01, 12)
const ELSEWHERE = tileAt(116.4, 39.9, 12)

beforeAll(async () => {
  t = await createTestApp()
  await importSmallTown(t)
  await importAs(t, 'households', household('w-1', 120.005, 33.005), household('w-2', 120.005, 33.015), household('e-1', 120.015, 33.005))
  await importAs(t, 'incidents',
    feature(point(120.004, 33.004), { externalId: 'i-1', category: 'environment', status: 'reported', source: 'patrol', reportedAt: '2026-11-01T08:00:00+08:00' }),
    feature(point(120.014, 33.014), { externalId: 'i-2', category: 'traffic', status: 'closed', source: 'hotline', reportedAt: '2026-11-02T08:00:00+08:00' }))
  who = await t.everyone(WEST)
})
afterAll(() => t.close())

const get = (url: string, headers: Headers = who.analyst) => t.app.inject({ method: 'GET', url, headers })

async function features(layer: string, query = '', headers?: Headers): Promise<DecodedFeature[]> {
  const response = await get(`${tilePath(layer, TOWN)}${query}`, headers)
  expect(response.statusCode, response.body).toBe(200)
  expect(response.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
  const layers = decodeTile(response.rawPayload, TOWN)
  expect(Object.keys(layers)).toEqual([layer])
  return layers[layer]
}

const byId = (list: DecodedFeature[]) => [...list].sort((a, b) => Number(a.id) - Number(b.id))
const near = (actual: number, expected: number) => Math.abs(actual - expected) < 1e-4

describe('tile layers', () => {
  it('grids: each grid once, with its code, name, type and community, where it lies', async () => {
    const { rows } = await t.db.query<{ id: number; code: string; name: string }>('SELECT id::int, code, name FROM grids ORDER BY id')
    const grids = byId(await features('grids'))
    expect(grids.map((g) => [g.id, g.properties])).toEqual(rows.map((row) => [row.id, { code: row.code, name: row.name, type: 'comprehensive', community_code: WEST }]))
    const south = grids.find((g) => g.properties.name === '西社区南网格')!.geometry as { type: string; coordinates: number[][][] }
    expect(south.type).toBe('Polygon')
    const lngs = south.coordinates[0].map((p) => p[0])
    const lats = south.coordinates[0].map((p) => p[1])
    expect([Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)].map((v, i) => near(v, [120.0, 120.01, 33.0, 33.01][i]))).toEqual([true, true, true, true])
  })

  it('households: points with their home grid only (no address or people), none for one outside every grid', async () => {
    const { rows } = await t.db.query<{ id: number; grid_id: number | null; lng: number; lat: number }>(
      'SELECT id::int, grid_id::int, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM households ORDER BY id')
    const households = byId(await features('households'))
    expect(households.map((h) => [h.id, h.properties])).toEqual(rows.map((row) => [row.id, row.grid_id === null ? {} : { grid_id: row.grid_id }]))
    expect(rows.filter((row) => row.grid_id === null)).toHaveLength(1)
    for (const [index, row] of rows.entries()) {
      const [lng, lat] = (households[index].geometry as { coordinates: number[] }).coordinates
      expect([near(lng, row.lng), near(lat, row.lat)]).toEqual([true, true])
    }
  })

  it('incidents: their category, status, source, priority, grid, report time and whether overdue', async () => {
    const { rows: [south] } = await t.db.query<{ id: number }>(`SELECT id::int FROM grids WHERE name = '西社区南网格'`)
    const incidents = byId(await features('incidents'))
    // Imported without deadlines: none can be overdue. The east one lies outside every grid.
    expect(incidents.map((i) => i.properties)).toEqual([
      { category: 'environment', status: 'reported', source: 'patrol', priority: 'normal', grid_id: south.id, reported_at: Date.parse('2026-11-01T00:00:00Z') / 1000, overdue: false },
      { category: 'traffic', status: 'closed', source: 'hotline', priority: 'normal', reported_at: Date.parse('2026-11-02T00:00:00Z') / 1000, overdue: false },
    ])
  })

  it('incidents: the analyst filters pass through (category, time, status, region)', async () => {
    const categories = async (query: string) => (await features('incidents', query)).map((i) => i.properties.category).sort()
    expect(await categories('?category=traffic')).toEqual(['traffic'])
    expect(await categories('?from=2026-11-01T12:00:00%2B08:00')).toEqual(['traffic'])
    expect(await categories('?to=2026-11-01T12:00:00%2B08:00&status=reported')).toEqual(['environment'])
    expect(await categories(`?region=${EAST}`)).toEqual(['traffic'])
    const empty = await get(`${tilePath('incidents', TOWN)}?category=emergency`)
    expect(empty.statusCode).toBe(204)
  })

  it('blind spots: the coverage report\'s spots, kind for kind, without names or household ids', async () => {
    const report = await coverage(t, '320924')
    const expected: Record<string, number> = {}
    for (const spot of report.blindSpots.features) if (spot.geometry) expected[spot.properties.kind] = (expected[spot.properties.kind] ?? 0) + 1
    const spots = await features('blind-spots')
    const got: Record<string, number> = {}
    for (const spot of spots) got[spot.properties.kind as string] = (got[spot.properties.kind as string] ?? 0) + 1
    expect(got).toEqual(expected)
    expect(got.gap).toBeGreaterThan(0)
    const keys = new Set(spots.flatMap((spot) => Object.keys(spot.properties)))
    expect([...keys].every((key) => ['kind', 'severity', 'grid_code', 'community_code', 'area_m2', 'households'].includes(key))).toBe(true)
  })

  it('a tile with nothing in it is 204 No Content', async () => {
    for (const layer of ['grids', 'households', 'incidents', 'blind-spots']) expect((await get(tilePath(layer, ELSEWHERE))).statusCode).toBe(204)
  })
})

describe('thinning', () => {
  it('keeps one in k by id hash (k a power of two) within the cap, says k on every feature, and a larger k keeps a subset', async () => {
    await importAs(t, 'households', ...Array.from({ length: 60 }, (_, i) => household(`t-${i}`, 120.001 + (i % 10) * 0.0008, 33.001 + Math.floor(i / 10) * 0.0012)))
    const source = TILE_SOURCES.households(TOWN)
    const total = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM households')).rows[0].n
    const kept = async (cap: number) => {
      const tile = await render(t.db, 'households', TOWN, source, t.app.tiles.encoder, cap)
      return { tile, features: decodeTile(tile.bytes, TOWN).households ?? [] }
    }
    const whole = await kept(1000)
    expect([whole.tile.keepOneIn, whole.features.length, whole.features.some((f) => 'keep_one_in' in f.properties)]).toEqual([1, total, false])

    const thinned = await kept(20)
    const k = thinned.tile.keepOneIn
    const { rows } = await t.db.query<{ id: number; h: number }>('SELECT id::int, hashint8(id) AS h FROM households')
    const keptBy = (every: number) => rows.filter((row) => (row.h & (every - 1)) === 0).map((row) => row.id).sort((a, b) => a - b)
    // The smallest power of two whose kept share fits 20.
    expect(keptBy(k).length).toBeLessThanOrEqual(20)
    expect(keptBy(k / 2).length).toBeGreaterThan(20)
    expect(thinned.features.map((f) => f.id).sort((a, b) => Number(a) - Number(b))).toEqual(keptBy(k))
    expect(new Set(thinned.features.map((f) => f.properties.keep_one_in))).toEqual(new Set([k]))
    expect([thinned.tile.candidates, thinned.tile.features]).toEqual([total, keptBy(k).length])
    const coarser = await kept(keptBy(k * 2).length)
    expect(coarser.tile.keepOneIn).toBe(k * 2)
    expect(coarser.features.every((f) => keptBy(k).includes(Number(f.id)))).toBe(true)
  })
})

describe('caching and invalidation', () => {
  it('answers an unchanged tile with 304 for its ETag, and a write through the API with a new tile at once', async () => {
    const url = tilePath('incidents', TOWN)
    const first = await get(url)
    const etag = first.headers.etag as string
    expect([first.statusCode, first.headers['cache-control']]).toEqual([200, 'private, no-cache'])
    expect((await get(url, { ...who.analyst, 'if-none-match': etag })).statusCode).toBe(304)

    const created = await t.app.inject({
      method: 'POST', url: '/api/incidents', headers: who.admin,
      payload: { category: 'safety_hazard', source: 'patrol', description: '楼道堆物', location: point(120.006, 33.006) },
    })
    expect(created.statusCode).toBe(201)
    const after = await get(url, { ...who.analyst, 'if-none-match': etag })
    expect(after.statusCode).toBe(200)
    expect(after.headers.etag).not.toBe(etag)
    expect(decodeTile(after.rawPayload, TOWN).incidents.map((i) => i.id)).toContain(created.json().id)
  })

  it('sees a write made with plain SQL (no live event) within a second, through the change feed', async () => {
    const url = tilePath('grids', TOWN)
    const before = await get(url)
    expect((await get(url, { ...who.analyst, 'if-none-match': before.headers.etag as string })).statusCode).toBe(304)
    await t.db.query(`UPDATE grids SET name = '西社区南网格（改）' WHERE name = '西社区南网格'`)
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    const after = await get(url, { ...who.analyst, 'if-none-match': before.headers.etag as string })
    expect(after.statusCode).toBe(200)
    expect(decodeTile(after.rawPayload, TOWN).grids.map((g) => g.properties.name)).toContain('西社区南网格（改）')
  })
})

describe('who may read tiles, and bad requests', () => {
  it('needs a login or a display token (as a header: ?token= is for the event stream only)', async () => {
    const url = tilePath('households', TOWN)
    expect((await get(url, who.anonymous)).statusCode).toBe(401)
    expect((await get(url, who.display)).statusCode).toBe(200)
    const token = who.display.authorization.replace('Bearer ', '')
    expect((await get(`${url}?token=${token}`, {})).statusCode).toBe(401)
  })

  it.each([
    ['/tiles/grids/23/0/0.pbf', 'invalid_tile', /z: 23/],
    ['/tiles/grids/12/4096/0.pbf', 'invalid_tile', /x: 4096 is outside zoom 12/],
    ['/tiles/grids/12/0/-1.pbf', 'invalid_tile', /y: "-1"/],
    ['/tiles/grids/1.5/0/0.pbf', 'invalid_tile', /z: "1.5"/],
    ['/tiles/roads/12/0/0.pbf', 'invalid_request', /layer/],
    [`${tilePath('grids', TOWN)}?category=traffic`, 'invalid_filter', /category: filters the incidents layer only/],
    [`${tilePath('incidents', TOWN)}?category=dragons`, 'invalid_filter', /category: unknown value\(s\) dragons/],
    [`${tilePath('incidents', TOWN)}?region=999999`, 'invalid_filter', /region: no region "999999"/],
    [`${tilePath('households', TOWN)}?region=12`, 'invalid_filter', /region: "12" is not/],
    [`${tilePath('households', TOWN)}?zoom=3`, 'invalid_request', /additional properties/],
  ])('%s → 400 %s', async (url, code, message) => {
    const response = await get(url)
    expect([response.statusCode, response.json().error.code]).toEqual([400, code])
    expect(response.json().error.message).toMatch(message)
  })
})
