import { gunzipSync } from 'node:zlib'
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
  await importAs(
    t,
    'incidents',
    feature(point(120.004, 33.004), {
      externalId: 'i-1',
      category: 'environment',
      status: 'reported',
      source: 'patrol',
      reportedAt: '2026-11-01T08:00:00+08:00',
    }),
    feature(point(120.014, 33.014), { externalId: 'i-2', category: 'traffic', status: 'closed', source: 'hotline', reportedAt: '2026-11-02T08:00:00+08:00' }),
  )
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
    expect(grids.map((g) => [g.id, g.properties])).toEqual(
      rows.map((row) => [row.id, { code: row.code, name: row.name, type: 'comprehensive', community_code: WEST }]),
    )
    const south = grids.find((g) => g.properties.name === '西社区南网格')!.geometry as { type: string; coordinates: number[][][] }
    expect(south.type).toBe('Polygon')
    const lngs = south.coordinates[0].map((p) => p[0])
    const lats = south.coordinates[0].map((p) => p[1])
    expect([Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)].map((v, i) => near(v, [120.0, 120.01, 33.0, 33.01][i]))).toEqual([
      true,
      true,
      true,
      true,
    ])
  })

  it('households: points with their home grid only (no address or people), none for one outside every grid', async () => {
    const { rows } = await t.db.query<{ id: number; grid_id: number | null; lng: number; lat: number }>(
      'SELECT id::int, grid_id::int, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM households ORDER BY id',
    )
    const households = byId(await features('households'))
    expect(households.map((h) => [h.id, h.properties])).toEqual(rows.map((row) => [row.id, row.grid_id === null ? {} : { grid_id: row.grid_id }]))
    expect(rows.filter((row) => row.grid_id === null)).toHaveLength(1)
    for (const [index, row] of rows.entries()) {
      const [lng, lat] = (households[index].geometry as { coordinates: number[] }).coordinates
      expect([near(lng, row.lng), near(lat, row.lat)]).toEqual([true, true])
    }
  })

  it('incidents: their category, status, source, priority, grid, report time and whether overdue', async () => {
    const {
      rows: [south],
    } = await t.db.query<{ id: number }>(`SELECT id::int FROM grids WHERE name = '西社区南网格'`)
    const incidents = byId(await features('incidents'))
    // Imported without deadlines: none can be overdue. The east one lies outside every grid.
    expect(incidents.map((i) => i.properties)).toEqual([
      {
        category: 'environment',
        status: 'reported',
        source: 'patrol',
        priority: 'normal',
        grid_id: south.id,
        reported_at: Date.parse('2026-11-01T00:00:00Z') / 1000,
        overdue: false,
      },
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

  it("blind spots: the coverage report's spots, kind for kind, without names or household ids", async () => {
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
    await importAs(
      t,
      'households',
      ...Array.from({ length: 60 }, (_, i) => household(`t-${i}`, 120.001 + (i % 10) * 0.0008, 33.001 + Math.floor(i / 10) * 0.0012)),
    )
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
    const keptBy = (every: number) =>
      rows
        .filter((row) => (row.h & (every - 1)) === 0)
        .map((row) => row.id)
        .sort((a, b) => a - b)
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
      method: 'POST',
      url: '/api/incidents',
      headers: who.admin,
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

describe('TileJSON (/tiles/:layer.json), as MapLibre and GDAL read it', () => {
  const tileJson = async (url: string, headers: Headers = who.analyst) => {
    const response = await get(url, headers)
    expect(response.statusCode, response.body).toBe(200)
    return response.json()
  }

  it("points at the layer's tiles from the request's origin, with zooms, the data's bounds and the tiles' fields", async () => {
    const doc = await tileJson('/tiles/grids.json', { ...who.analyst, host: 'maps.example:8080' })
    const grids = (await get('/api/grids')).json() as { features: { geometry: { coordinates: number[][][][] } }[] }
    const positions = grids.features.flatMap((f) => f.geometry.coordinates.flat(2))
    const extent = [
      Math.min(...positions.map((p) => p[0])),
      Math.min(...positions.map((p) => p[1])),
      Math.max(...positions.map((p) => p[0])),
      Math.max(...positions.map((p) => p[1])),
    ]
    expect({ ...doc, bounds: undefined, center: undefined }).toMatchObject({
      tilejson: '3.0.0',
      name: 'grids',
      scheme: 'xyz',
      minzoom: 0,
      maxzoom: 22,
      tiles: ['http://maps.example:8080/tiles/grids/{z}/{x}/{y}.pbf'],
      vector_layers: [{ id: 'grids', minzoom: 0, maxzoom: 22 }],
    })
    expect((doc.bounds as number[]).map((v, i) => near(v, extent[i]))).toEqual([true, true, true, true])
    const [lng, lat] = doc.center as number[]
    expect([lng > extent[0] && lng < extent[2], lat > extent[1] && lat < extent[3]]).toEqual([true, true])
  })

  it.each(['grids', 'households', 'incidents', 'blind-spots'])('%s: lists every field its tiles carry, with its type', async (layer) => {
    const doc = await tileJson(`/tiles/${layer}.json`)
    const fields = doc.vector_layers[0].fields as Record<string, string>
    const types: Record<string, string> = { string: 'String', number: 'Number', boolean: 'Boolean' }
    const carried = Object.fromEntries((await features(layer)).flatMap((f) => Object.entries(f.properties).map(([key, value]) => [key, types[typeof value]])))
    expect(Object.keys(carried).length).toBeGreaterThan(0)
    expect(Object.fromEntries(Object.keys(carried).map((key) => [key, fields[key]]))).toEqual(carried)
  })

  it("carries the request's filters into the tile URLs, whose tiles then hold only what they match", async () => {
    const doc = await tileJson('/tiles/incidents.json?category=traffic&v=7')
    const template = new URL(doc.tiles[0] as string)
    expect(Object.fromEntries(template.searchParams)).toEqual({ category: 'traffic', v: '7' })
    const url = `${decodeURI(template.pathname).replace('{z}', String(TOWN.z)).replace('{x}', String(TOWN.x)).replace('{y}', String(TOWN.y))}${template.search}`
    const response = await get(url)
    expect(decodeTile(response.rawPayload, TOWN).incidents.map((i) => i.properties.category)).toEqual(['traffic'])
  })

  it("follows the tiles' access rules and refuses what their tiles would", async () => {
    expect((await get('/tiles/households.json', who.anonymous)).statusCode).toBe(401)
    expect((await get('/tiles/households.json', who.display)).statusCode).toBe(200)
    const bad = await get('/tiles/grids.json?category=traffic')
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'invalid_filter'])
    const unknown = await get('/tiles/roads.json')
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'invalid_request'])
  })

  it('takes the origin from X-Forwarded-Proto and -Host only when they come from a trusted proxy', async () => {
    const proxied = await createTestApp({ TRUST_PROXY: '127.0.0.1' }, { reset: false })
    try {
      const forwarded = { ...who.analyst, host: 'internal:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'grid.example.cn' }
      const ask = (remoteAddress: string) => proxied.app.inject({ method: 'GET', url: '/tiles/grids.json', headers: forwarded, remoteAddress })
      expect((await ask('127.0.0.1')).json().tiles).toEqual(['https://grid.example.cn/tiles/grids/{z}/{x}/{y}.pbf'])
      expect((await ask('10.9.9.9')).json().tiles).toEqual(['http://internal:3000/tiles/grids/{z}/{x}/{y}.pbf'])
      // The app without TRUST_PROXY believes no one.
      expect((await get('/tiles/grids.json', forwarded)).json().tiles).toEqual(['http://internal:3000/tiles/grids/{z}/{x}/{y}.pbf'])
    } finally {
      await proxied.app.close()
      await proxied.db.close()
    }
  })
})

describe('gzip, entity tags and the feature count', () => {
  const url = () => tilePath('grids', TOWN)

  it('gzips for a client that accepts gzip (Vary: Accept-Encoding), and sends identity otherwise', async () => {
    const plain = await get(url())
    const zipped = await get(url(), { ...who.analyst, 'accept-encoding': 'br;q=1, gzip;q=0.8' })
    expect([plain.headers['content-encoding'], plain.headers.vary]).toEqual([undefined, 'Accept-Encoding'])
    expect([zipped.headers['content-encoding'], zipped.headers.vary]).toEqual(['gzip', 'Accept-Encoding'])
    expect(zipped.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
    expect(Buffer.compare(gunzipSync(zipped.rawPayload), plain.rawPayload)).toBe(0)
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length)
    // A strong tag names one sequence of bytes: the gzipped ones have their own.
    expect(zipped.headers.etag).not.toBe(plain.headers.etag)
    for (const refused of ['gzip;q=0', 'identity', 'br', '*;q=0']) {
      expect((await get(url(), { ...who.analyst, 'accept-encoding': refused })).headers['content-encoding'], refused).toBeUndefined()
    }
    expect((await get(url(), { ...who.analyst, 'accept-encoding': '*' })).headers['content-encoding']).toBe('gzip')
  })

  it('keeps the gzipped bytes with the cached tile: a hit compresses nothing', async () => {
    const address = { z: TOWN.z, x: TOWN.x, y: TOWN.y }
    const first = await t.app.tiles.tile('grids', address, {})
    const again = await t.app.tiles.tile('grids', address, {})
    expect(again).toBe(first)
    expect(Buffer.compare(gunzipSync(first.gzipped!), first.bytes)).toBe(0)
    const zipped = await get(url(), { ...who.analyst, 'accept-encoding': 'gzip' })
    expect(Buffer.compare(zipped.rawPayload, first.gzipped!)).toBe(0)
  })

  it("answers 304 to If-None-Match by weak comparison: W/ tags, lists, *, and either encoding's tag", async () => {
    const plain = await get(url())
    const zipped = await get(url(), { ...who.analyst, 'accept-encoding': 'gzip' })
    const etag = plain.headers.etag as string
    const status = async (ifNoneMatch: string, encoding = 'gzip') =>
      (await get(url(), { ...who.analyst, 'if-none-match': ifNoneMatch, 'accept-encoding': encoding })).statusCode
    expect(await status(etag)).toBe(304)
    expect(await status(`W/${etag}`)).toBe(304)
    expect(await status(`"nope", W/"other,with-comma", W/${etag}`)).toBe(304)
    expect(await status('*')).toBe(304)
    expect(await status(zipped.headers.etag as string, 'identity')).toBe(304)
    expect(await status('"nope", W/"other"')).toBe(200)
    expect(await status(`${etag.slice(0, -2)}"`)).toBe(200)
    const notModified = await get(url(), { ...who.analyst, 'if-none-match': `W/${etag}`, 'accept-encoding': 'gzip' })
    expect([notModified.headers.etag, notModified.headers.vary, notModified.body]).toEqual([zipped.headers.etag, 'Accept-Encoding', ''])
  })

  it('says how many features the tile holds in Wangge-Tile-Features', async () => {
    for (const layer of ['grids', 'households', 'incidents', 'blind-spots']) {
      const response = await get(tilePath(layer, TOWN))
      expect(response.headers['wangge-tile-features'], layer).toBe(String(decodeTile(response.rawPayload, TOWN)[layer].length))
    }
    expect((await get(tilePath('grids', ELSEWHERE))).headers['wangge-tile-features']).toBe('0')
  })
})
