import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { feature, type Position } from '../fixtures/small-town'
import { EAST, WEST, editorTown, gridIds } from './helpers/grid-edit-fixture'
import { createTestApp, emptyDatabase, type TestApp } from './helpers/test-app'

// GET /api/grids serves 7 decimals (~1 cm). Whatever a client read must save back unchanged, so
// every write stores at that precision: these edits all bring coordinates with 9 decimals.
let t: TestApp
let headers: Record<string, string>
let north: number
let south: number

beforeAll(async () => {
  t = await createTestApp()
})
beforeEach(async () => {
  await emptyDatabase(t)
  ;({ headers, north, south } = await editorTown(t))
})
afterAll(() => t.close())

type Feature = { geometry: object; properties: { id: number; code: string; version: number } }

const send = (method: 'POST' | 'PUT', url: string, payload: object) => t.app.inject({ method, url, headers, payload })
const served = async (region: string): Promise<Feature[]> =>
  (await t.app.inject({ method: 'GET', url: `/api/grids?region=${region}`, headers })).json().features
const polygon = (...ring: Position[]) => ({ type: 'Polygon', coordinates: [[...ring, ring[0]]] })

/** Each served grid, checked and then saved back exactly as read: both must find nothing wrong. */
async function saveBackUnchanged(region: string) {
  const before = await served(region)
  const verdicts = []
  for (const grid of before) {
    const props = { id: grid.properties.id, version: grid.properties.version }
    const check = (await send('POST', '/api/grids/validate', feature(grid.geometry, props))).json()
    const saved = await send('PUT', `/api/grids/${grid.properties.id}`, feature(grid.geometry, { version: grid.properties.version }))
    verdicts.push({
      code: grid.properties.code,
      problems: check.problems,
      overlapAreaM2: check.overlapAreaM2,
      gapAreaM2: check.gapAreaM2,
      status: saved.statusCode,
    })
  }
  expect(verdicts).toEqual(before.map((g) => ({ code: g.properties.code, problems: [], overlapAreaM2: 0, gapAreaM2: 0, status: 200 })))
  // Saved back, every grid serves the very same geometry.
  expect((await served(region)).map((g) => g.geometry)).toEqual(before.map((g) => g.geometry))
}

/** Active grids whose stored coordinates are not, to the bit, what parsing the served 7 decimals gives. */
async function offGrid(): Promise<string[]> {
  const { rows } = await t.db.query<{ code: string }>(
    `SELECT code FROM grids
      WHERE deleted_at IS NULL AND ST_AsBinary(geom) <> ST_AsBinary(ST_GeomFromGeoJSON(ST_AsGeoJSON(geom, 7)))
      ORDER BY code`,
  )
  return rows.map((r) => r.code)
}

// Bent, crossing the south grid's south edge and its north edge (shared with the north grid).
const blade = {
  type: 'LineString',
  coordinates: [
    [120.004123456, 32.999012345],
    [120.005432198, 33.004987654],
    [120.004987654, 33.011098765],
  ],
}

// Two grids in EAST sharing a bent edge whose middle vertex has 9 decimals.
const bend: Position = [120.015123456, 33.010987654]
const eastWest = polygon([120.01, 33.0], [120.012, 33.0], bend, [120.012, 33.02], [120.01, 33.02])
const eastEast = polygon([120.012, 33.0], [120.02, 33.0], [120.02, 33.02], [120.012, 33.02], bend)

describe('what GET /api/grids serves saves back unchanged', () => {
  it('after a split by a line with 9 decimals', async () => {
    expect((await send('POST', `/api/grids/${south}/split`, { line: blade, version: 1 })).statusCode).toBe(201)
    expect.soft(await offGrid()).toEqual([])
    await saveBackUnchanged(WEST)
  })

  it('after grids are created with 9 decimals', async () => {
    for (const shape of [eastWest, eastEast]) expect((await send('POST', '/api/grids', feature(shape, { communityCode: EAST }))).statusCode).toBe(201)
    expect.soft(await offGrid()).toEqual([])
    await saveBackUnchanged(EAST)
  })

  it('after a shared edge is moved to 9 decimals for both neighbours', async () => {
    const edge: Position[] = [
      [120.01, 33.010123456],
      [120.005123456, 33.009876543],
      [120.0, 33.010123456],
    ]
    const response = await send('PUT', '/api/grids', {
      grids: [
        { id: south, version: 1, geometry: polygon([120.0, 33.0], [120.01, 33.0], ...edge) },
        { id: north, version: 1, geometry: polygon(...[...edge].reverse(), [120.01, 33.02], [120.0, 33.02]) },
      ],
    })
    expect(response.statusCode).toBe(200)
    expect.soft(await offGrid()).toEqual([])
    await saveBackUnchanged(WEST)
  })

  it('after a merge of grids created with 9 decimals', async () => {
    const strip = polygon([120.01, 33.0], [120.011, 33.0], [120.011, 33.02], [120.01, 33.02])
    const rest = polygon([120.011, 33.0], [120.012, 33.0], bend, [120.012, 33.02], [120.011, 33.02])
    const ids = []
    for (const shape of [strip, rest, eastEast]) ids.push((await send('POST', '/api/grids', feature(shape, { communityCode: EAST }))).json().grids[0].id)
    expect((await send('POST', '/api/grids/merge', { ids: ids.slice(0, 2) })).statusCode).toBe(201)
    expect.soft(await offGrid()).toEqual([])
    await saveBackUnchanged(EAST)
  })
})

describe('storing at the served precision', () => {
  it('repairs a shape that snapping would make touch itself', async () => {
    // A spike 7e-8° wide: valid as sent, a zero-width spike once on the 1e-7° grid.
    const spiked = polygon(
      [120.011, 33.001],
      [120.019, 33.001],
      [120.019, 33.009],
      [120.01500003, 33.009],
      [120.01500003, 33.005],
      [120.01499996, 33.005],
      [120.01499996, 33.009],
      [120.011, 33.009],
    )
    const response = await send('POST', '/api/grids', feature(spiked, { communityCode: EAST }))
    expect(response.statusCode).toBe(201)
    const { rows } = await t.db.query(
      'SELECT ST_IsValid(geom) AS valid, ST_Equals(geom, ST_MakeEnvelope(120.011, 33.001, 120.019, 33.009, 4326)) AS rectangle FROM grids WHERE id = $1',
      [response.json().grids[0].id],
    )
    expect(rows).toEqual([{ valid: true, rectangle: true }])
    expect(await offGrid()).toEqual([])
  })
})

describe('a split at the served precision', () => {
  it('leaves no overlap to refuse where it cuts an edge shared with a neighbour', async () => {
    // Two EAST grids share a 2.3 km diagonal; a blade crosses it where the crossing is off the
    // 1e-7° grid: stored, it lands 4e-8° east, on the neighbour's side, a 4 m² sliver of
    // "overlap" no wider than 4 mm (the same as a vertex snapped onto a neighbour in the editor).
    const diagonal: Position[] = [
      [120.012, 33.0],
      [120.018, 33.02],
    ]
    const west = polygon([120.01, 33.0], ...diagonal, [120.01, 33.02])
    const east = polygon(...diagonal, [120.02, 33.02], [120.02, 33.0])
    const ids = []
    for (const shape of [west, east]) ids.push((await send('POST', '/api/grids', feature(shape, { communityCode: EAST }))).json().grids[0].id)
    const line = {
      type: 'LineString',
      coordinates: [
        [120.009, 33.0100002],
        [120.0195, 33.0100002],
      ],
    }
    expect((await send('POST', `/api/grids/${ids[0]}/split`, { line, version: 1 })).statusCode).toBe(201)
    expect.soft(await offGrid()).toEqual([])
    await saveBackUnchanged(EAST)
    // Nor does the coverage report count that sliver as an overlap.
    const coverage = (await t.app.inject({ method: 'GET', url: `/api/coverage?region=${EAST}`, headers })).json()
    expect(coverage.summary.overlapAreaM2).toBe(0)
  })

  it('gives parts that tile the grid exactly: no overlap, no sliver, same outline', async () => {
    expect((await send('POST', `/api/grids/${south}/split`, { line: blade, version: 1 })).statusCode).toBe(201)
    const parts = [south, (await gridIds(t))[`${WEST}003`]]
    const { rows } = await t.db.query(
      `SELECT ST_Equals(ST_Union(geom), ST_MakeEnvelope(120.0, 33.0, 120.01, 33.01, 4326)) AS outline,
              (SELECT ST_Area(ST_Intersection(a.geom, b.geom)) FROM grids a, grids b WHERE a.id = $1 AND b.id = $2) AS overlap,
              count(*)::int AS n
         FROM grids WHERE id = ANY($3::bigint[])`,
      [parts[0], parts[1], parts],
    )
    expect(rows).toEqual([{ outline: true, overlap: 0, n: 2 }])
    expect(await offGrid()).toEqual([])
  })
})

describe('migration 011', () => {
  it('snaps grids stored with more precision than served, keeping shared edges shared', async () => {
    // The two grids share their edge at 9 decimals, as a foreign tool may have written it.
    const edge = '120.01 33.01, 120.005000045 33.010000045, 120.0 33.01'
    await t.db.query('UPDATE grids SET geom = ST_GeomFromText($2, 4326) WHERE id = $1', [
      south,
      `MULTIPOLYGON(((120.0 33.0, 120.01 33.0, ${edge}, 120.0 33.0)))`,
    ])
    await t.db.query('UPDATE grids SET geom = ST_GeomFromText($2, 4326) WHERE id = $1', [
      north,
      `MULTIPOLYGON(((120.0 33.02, 120.01 33.02, ${edge}, 120.0 33.02)))`,
    ])
    await t.db.query(await readFile(new URL('../../server/migrations/011_snap_grid_precision.sql', import.meta.url), 'utf8'))
    expect.soft(await offGrid()).toEqual([])
    await saveBackUnchanged(WEST)
  })
})
