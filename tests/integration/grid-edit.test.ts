import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { LiveEvent } from '../../server/events/event-bus'
import { quadrangleAreaM2 } from '../fixtures/geodesy'
import { feature, rectangle, type Position } from '../fixtures/small-town'
import { coverage } from './helpers/coverage-fixture'
import { EAST, WEST, editState, editorTown, homes, overlapAreaM2, userHeaders } from './helpers/grid-edit-fixture'
import { createTestApp, emptyDatabase, type TestApp } from './helpers/test-app'

let t: TestApp
let headers: Record<string, string>
let north: number
let south: number
const events: LiveEvent[] = []

beforeAll(async () => {
  t = await createTestApp()
  t.app.events.subscribe((event) => events.push(event))
})
beforeEach(async () => {
  await emptyDatabase(t)
  ;({ headers, north, south } = await editorTown(t))
  events.length = 0
})
afterAll(() => t.close())

const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, as = headers) => t.app.inject({ method, url, headers: as, payload })
const eastSouth = rectangle(120.01, 33.0, 120.02, 33.01)
const near = (value: number) => expect.closeTo(value, 0)

describe('POST /api/grids', () => {
  it("creates a grid with the community's next code, re-homes its households, writes history and tells the wall", async () => {
    const response = await send('POST', '/api/grids', feature(eastSouth, { name: '东南网格', communityCode: EAST, reason: '新建小区' }))
    expect(response.statusCode).toBe(201)
    const body = response.json()
    const id = body.grids[0].id
    expect(body).toEqual({
      grids: [
        {
          type: 'Feature',
          id,
          geometry: { type: 'MultiPolygon', coordinates: [eastSouth.coordinates] },
          properties: { id, code: `${EAST}001`, name: '东南网格', type: 'comprehensive', communityCode: EAST, householdCount: 1, version: 1 },
        },
      ],
      deletedGridIds: [],
      householdsMoved: 1,
    })
    expect((await homes(t))['e-s1']).toBe(`${EAST}001`)
    const history = (await t.app.inject({ method: 'GET', url: `/api/grids/${id}/history`, headers })).json()
    expect(history.entries.map((e: Record<string, unknown>) => [e.version, e.operation, e.changedBy, e.reason, e.geometryBefore])).toEqual([
      [1, 'create', 'admin', '新建小区', null],
    ])
    expect(events).toEqual([
      {
        type: 'grid.changed',
        payload: { operation: 'create', communityCode: EAST, by: 'admin', gridIds: [id], codes: [`${EAST}001`], deletedGridIds: [], householdsMoved: 1 },
      },
    ])
  })

  it('finds the community a new grid lies in when none is named', async () => {
    const response = await send('POST', '/api/grids', feature(eastSouth, {}))
    expect([response.statusCode, response.json().grids[0].properties.communityCode]).toEqual([201, EAST])
    const outside = await send('POST', '/api/grids', feature(rectangle(121.0, 34.0, 121.01, 34.01), {}))
    expect([outside.statusCode, outside.json().error.code]).toEqual([422, 'unknown_community'])
  })

  it("never reuses a deleted grid's code", async () => {
    await send('DELETE', `/api/grids/${north}?version=1`)
    const response = await send('POST', '/api/grids', feature(rectangle(120.0, 33.01, 120.01, 33.02), { name: '新北', communityCode: WEST }))
    expect(response.statusCode).toBe(201)
    expect(response.json().grids[0].properties.code).toBe(`${WEST}003`)
  })

  it('clips to the community and away from neighbours with avoidOverlaps', async () => {
    // Reaches 0.002° into WEST (its south grid) and 0.005° north of the county.
    const response = await send('POST', '/api/grids?avoidOverlaps=true', feature(rectangle(120.008, 33.0, 120.02, 33.01), { communityCode: EAST }))
    expect(response.statusCode).toBe(201)
    const { rows } = await t.db.query('SELECT code, ST_Equals(geom, ST_MakeEnvelope(120.01, 33.0, 120.02, 33.01, 4326)) AS exact FROM grids WHERE id = $1', [
      response.json().grids[0].id,
    ])
    expect(rows).toEqual([{ code: `${EAST}001`, exact: true }])
  })
})

describe('POST /api/grids/validate', () => {
  it('reports overlaps, area outside the community and the size norm, changing nothing', async () => {
    const before = await editState(t)
    const response = await send('POST', '/api/grids/validate', feature(rectangle(120.008, 33.0, 120.02, 33.01), { communityCode: EAST }))
    expect(response.statusCode).toBe(200)
    const { overlaps, geometry, ...report } = response.json()
    const overlap = quadrangleAreaM2(120.008, 33.0, 120.01, 33.01)
    expect(report).toEqual({
      valid: false,
      problems: [
        {
          code: 'outside_community',
          message: expect.stringMatching(/m² lie outside community 320924001002$/),
          details: { communityCode: EAST, areaM2: near(overlap) },
        },
        {
          code: 'overlaps_grid',
          message: expect.stringMatching(/^Overlaps 320924001001002 by/),
          details: { overlaps: [{ gridId: south, gridCode: `${WEST}002`, areaM2: near(overlap) }] },
        },
      ],
      code: `${EAST}001`,
      vertices: 5,
      areaM2: near(quadrangleAreaM2(120.008, 33.0, 120.02, 33.01)),
      outsideCommunityM2: near(overlap),
      overlapAreaM2: near(overlap),
      gapAreaM2: 0,
      gap: null,
      // w-s1 and w-s2 stay in the lower-coded WEST grid; e-s1 joins.
      householdsMoved: { count: 1, list: [{ id: expect.any(Number), externalId: 'e-s1', fromGridCode: null, toGridCode: `${EAST}001` }] },
      householdsOutside: { count: 0, list: [] },
      sizeNorm: { households: 1, population: 1, status: 'undersized', householdsMin: 300, householdsMax: 500, populationMax: 2500 },
    })
    expect(overlaps.map((o: { gridCode: string }) => o.gridCode)).toEqual([`${WEST}002`])
    expect(geometry.type).toBe('MultiPolygon')
    expect(await editState(t)).toEqual(before)
  })

  it('reports the gap and the households left outside when an existing grid shrinks', async () => {
    const response = await send('POST', '/api/grids/validate', feature(rectangle(120.004, 33.0, 120.01, 33.01), { id: south, version: 1 }))
    const body = response.json()
    expect([body.valid, body.problems, body.code]).toEqual([true, [], `${WEST}002`])
    expect(body.gapAreaM2).toBeCloseTo(quadrangleAreaM2(120.0, 33.0, 120.004, 33.01), 0)
    expect(body.gap.type).toBe('Polygon')
    expect(body.householdsMoved).toEqual({ count: 1, list: [{ id: expect.any(Number), externalId: 'w-s2', fromGridCode: `${WEST}002`, toGridCode: null }] })
    expect(body.householdsOutside).toEqual(body.householdsMoved)
    expect(body.sizeNorm.households).toBe(1)
  })

  it("answers a self-intersecting ring with valid:false and PostGIS's reason", async () => {
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
    const body = (await send('POST', '/api/grids/validate', feature(bowtie, { communityCode: EAST }))).json()
    expect([body.valid, body.problems.map((p: { code: string }) => p.code), body.problems[0].details.reason]).toEqual([
      false,
      ['invalid_polygon'],
      'Self-intersection[120.015 33.005]',
    ])
  })
})

describe('PUT /api/grids/:id', () => {
  it('reshapes a grid, moving the households it gains, with history before and after', async () => {
    // The south grid grows north by 0.006°: w-n1 (33.015) stays north, nothing else moves…
    await send('PUT', `/api/grids/${north}`, feature(rectangle(120.0, 33.016, 120.01, 33.02), { version: 1, reason: '缩小' }))
    const response = await send('PUT', `/api/grids/${south}`, feature(rectangle(120.0, 33.0, 120.01, 33.016), { version: 1, reason: '扩大' }))
    expect(response.statusCode).toBe(200)
    expect(response.json().grids[0].properties).toEqual({
      id: south,
      code: `${WEST}002`,
      name: '西社区南网格',
      type: 'comprehensive',
      communityCode: WEST,
      householdCount: 3,
      version: 2,
    })
    expect(response.json().householdsMoved).toBe(1)
    expect(await homes(t)).toEqual({ 'e-n1': null, 'e-s1': null, 'w-n1': `${WEST}002`, 'w-s1': `${WEST}002`, 'w-s2': `${WEST}002` })
    const history = (await t.app.inject({ method: 'GET', url: `/api/grids/${south}/history`, headers })).json()
    expect(history.entries.map((e: Record<string, unknown>) => [e.version, e.operation, e.reason])).toEqual([
      [1, 'import', null],
      [2, 'update', '扩大'],
    ])
    expect(history.entries[1].geometryBefore).toEqual({ type: 'MultiPolygon', coordinates: [rectangle(120.0, 33.0, 120.01, 33.01).coordinates] })
  })

  it('answers a stale version with 409, the current version and who changed it, and changes nothing', async () => {
    await send('PUT', `/api/grids/${south}`, feature(rectangle(120.0, 33.0, 120.01, 33.009), { version: 1 }))
    const before = await editState(t)
    const response = await send('PUT', `/api/grids/${south}`, feature(rectangle(120.0, 33.0, 120.01, 33.008), { version: 1 }))
    expect(response.statusCode).toBe(409)
    expect(response.json().error).toEqual({
      code: 'stale_version',
      message: `Grid ${WEST}002 is at version 2, changed by admin; this edit started from version 1`,
      details: { id: south, code: `${WEST}002`, currentVersion: 2, changedBy: 'admin', changedAt: expect.any(String) },
    })
    expect(await editState(t)).toEqual(before)
  })

  it.each([
    [
      'a self-intersecting ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [120.0, 33.0],
            [120.01, 33.01],
            [120.01, 33.0],
            [120.0, 33.01],
            [120.0, 33.0],
          ],
        ],
      },
      422,
      'invalid_polygon',
    ],
    ['a polygon outside its community', rectangle(120.0, 33.0, 120.012, 33.01), 422, 'outside_community'],
    ['an overlap with a neighbour', rectangle(120.0, 33.0, 120.01, 33.012), 422, 'overlaps_grid'],
    [
      'an absurd vertex count',
      {
        type: 'Polygon',
        coordinates: [Array.from({ length: 20_002 }, (_, i) => (i === 20_001 ? [120, 33] : [120 + (i % 100) * 1e-5, 33 + Math.floor(i / 100) * 1e-5]))],
      },
      422,
      'too_many_vertices',
    ],
    [
      'an unclosed ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [120.0, 33.0],
            [120.01, 33.0],
            [120.01, 33.01],
            [120.0, 33.01],
          ],
        ],
      },
      422,
      'unclosed_ring',
    ],
    ['a point', { type: 'Point', coordinates: [120.0, 33.0] }, 422, 'wrong_geometry_type'],
  ])('refuses %s and changes nothing', async (_, geometry, status, code) => {
    const before = await editState(t)
    const response = await send('PUT', `/api/grids/${south}`, feature(geometry, { version: 1 }))
    expect([response.statusCode, response.json().error.code]).toEqual([status, code])
    expect(await editState(t)).toEqual(before)
    expect(events).toEqual([])
  })

  it('refuses an unknown grid (404), a deleted one (410) and a missing version (400)', async () => {
    await send('DELETE', `/api/grids/${north}?version=1`)
    const before = await editState(t)
    const geometry = rectangle(120.0, 33.01, 120.01, 33.02)
    const answers = [
      await send('PUT', '/api/grids/999999', feature(geometry, { version: 1 })),
      await send('PUT', `/api/grids/${north}`, feature(geometry, { version: 2 })),
      await send('PUT', `/api/grids/${south}`, feature(geometry, {})),
    ]
    expect(answers.map((r) => [r.statusCode, r.json().error.code])).toEqual([
      [404, 'grid_not_found'],
      [410, 'grid_deleted'],
      [400, 'version_required'],
    ])
    expect(await editState(t)).toEqual(before)
  })
})

describe('DELETE and revert', () => {
  it('deletes a grid, leaving its households outside, and reverts it back', async () => {
    const deleted = await send('DELETE', `/api/grids/${south}?version=1&reason=${encodeURIComponent('撤并')}`)
    expect([deleted.statusCode, deleted.json()]).toEqual([200, { grids: [], deletedGridIds: [south], householdsMoved: 2 }])
    expect((await homes(t))['w-s1']).toBe(null)
    const reverted = await send('POST', `/api/grids/${south}/revert`, { toVersion: 1, version: 2 })
    expect(reverted.statusCode).toBe(200)
    expect(reverted.json().grids[0].properties).toMatchObject({ code: `${WEST}002`, version: 3, householdCount: 2 })
    const history = (await t.app.inject({ method: 'GET', url: `/api/grids/${south}/history`, headers })).json()
    expect(history.entries.map((e: Record<string, unknown>) => [e.version, e.operation, e.reason, e.geometryAfter === null])).toEqual([
      [1, 'import', null, false],
      [2, 'delete', '撤并', true],
      [3, 'revert', 'revert to version 1', false],
    ])
  })

  it('refuses a revert to a version that never was', async () => {
    const response = await send('POST', `/api/grids/${south}/revert`, { toVersion: 7, version: 1 })
    expect([response.statusCode, response.json().error.code]).toEqual([404, 'version_not_found'])
  })
})

describe('scope', () => {
  it('lets a supervisor edit inside their regions only; analysts not at all', async () => {
    const supervisor = await userHeaders(t, 'west-lead', 'supervisor', [WEST])
    const analyst = await userHeaders(t, 'ana', 'analyst')
    const before = await editState(t)
    const answers = [
      await send('POST', '/api/grids', feature(eastSouth, { communityCode: EAST }), supervisor),
      await send('PUT', `/api/grids/${south}`, feature(rectangle(120.0, 33.0, 120.01, 33.01), { version: 1 }), analyst),
      await t.app.inject({ method: 'POST', url: '/api/grids', payload: feature(eastSouth, { communityCode: EAST }) }),
    ]
    expect(answers.map((r) => [r.statusCode, r.json().error.code])).toEqual([
      [403, 'out_of_scope'],
      [403, 'forbidden'],
      [401, 'unauthorized'],
    ])
    expect(await editState(t)).toEqual(before)
    const inside = await send('PUT', `/api/grids/${south}`, feature(rectangle(120.0, 33.0, 120.01, 33.009), { version: 1 }), supervisor)
    expect(inside.statusCode).toBe(200)
  })

  it('lets a supervisor of the street edit every community in it', async () => {
    const street = await userHeaders(t, 'street-lead', 'supervisor', ['320924001'])
    expect((await send('POST', '/api/grids', feature(eastSouth, { communityCode: EAST }), street)).statusCode).toBe(201)
  })
})

// A shared edge moved once moves for both neighbours: PUT /api/grids saves several grids in one
// transaction, judged on their final state together; POST /api/grids/validate previews it.
const polygon = (...ring: Position[]) => ({ type: 'Polygon', coordinates: [[...ring, ring[0]]] })
// The edge the two WEST grids share (lat 33.01) gets a vertex in its middle, dragged 0.006° north:
// the south grid grows a peak, the north grid gets the matching notch. w-n1 (120.005, 33.015) is in the peak.
const PEAK: Position = [120.005, 33.016]
const southPeaked = polygon([120.0, 33.0], [120.01, 33.0], [120.01, 33.01], PEAK, [120.0, 33.01])
const northNotched = polygon([120.0, 33.01], PEAK, [120.01, 33.01], [120.01, 33.02], [120.0, 33.02])

const batch = (grids: { id: number; version: number; geometry: object }[], reason?: string) => ({ grids, ...(reason ? { reason } : {}) })
const put = (body: object) => t.app.inject({ method: 'PUT', url: '/api/grids', headers, payload: body })
const validate = (body: object) => t.app.inject({ method: 'POST', url: '/api/grids/validate', headers, payload: body })
const historyOf = async (id: number) =>
  (await t.app.inject({ method: 'GET', url: `/api/grids/${id}/history`, headers }))
    .json()
    .entries.map((e: Record<string, unknown>) => [e.version, e.operation, e.reason, e.relatedGridIds])

describe('PUT /api/grids (several grids, one transaction)', () => {
  it('moves a shared vertex for both neighbours: no gap, no overlap, households re-homed, history for each', async () => {
    const response = await put(
      batch(
        [
          { id: south, version: 1, geometry: southPeaked },
          { id: north, version: 1, geometry: northNotched },
        ],
        '道路改线',
      ),
    )
    expect(response.statusCode).toBe(200)
    expect(response.json().householdsMoved).toBe(1)
    expect(response.json().grids.map((g: { properties: object }) => g.properties)).toEqual([
      { id: north, code: `${WEST}001`, name: '西社区北网格', type: 'comprehensive', communityCode: WEST, householdCount: 0, version: 2 },
      { id: south, code: `${WEST}002`, name: '西社区南网格', type: 'comprehensive', communityCode: WEST, householdCount: 3, version: 2 },
    ])
    expect(await homes(t)).toEqual({ 'e-n1': null, 'e-s1': null, 'w-n1': `${WEST}002`, 'w-s1': `${WEST}002`, 'w-s2': `${WEST}002` })
    const { rows } = await t.db.query<{ union: boolean }>(
      `SELECT ST_Equals(ST_Union(geom), ST_MakeEnvelope(120.0, 33.0, 120.01, 33.02, 4326)) AS union FROM grids WHERE deleted_at IS NULL`,
    )
    expect(rows).toEqual([{ union: true }])
    expect(await overlapAreaM2(t)).toBe(0)
    const summary = (await coverage(t, WEST)).summary
    expect([summary.gapAreaM2, summary.overlapAreaM2, summary.householdsOutside, summary.householdsMulti]).toEqual([0, 0, 0, 0])
    expect(await historyOf(south)).toEqual([
      [1, 'import', null, []],
      [2, 'update', '道路改线', [north]],
    ])
    expect(await historyOf(north)).toEqual([
      [1, 'import', null, []],
      [2, 'update', '道路改线', [south]],
    ])
    expect(events).toEqual([
      {
        type: 'grid.changed',
        payload: {
          operation: 'update',
          communityCode: WEST,
          by: 'admin',
          gridIds: [north, south],
          codes: [`${WEST}001`, `${WEST}002`],
          deletedGridIds: [],
          householdsMoved: 1,
        },
      },
    ])
  })

  it('needs both: the south grid alone is judged against the north grid as it is, and refused', async () => {
    const alone = await t.app.inject({ method: 'PUT', url: `/api/grids/${south}`, headers, payload: feature(southPeaked, { version: 1 }) })
    expect([alone.statusCode, alone.json().error.code]).toEqual([422, 'overlaps_grid'])
  })

  it('refuses the whole batch with 409 when one version is stale, and changes nothing', async () => {
    expect(
      (await t.app.inject({ method: 'PUT', url: `/api/grids/${north}`, headers, payload: feature(rectangle(120.0, 33.01, 120.01, 33.02), { version: 1 }) }))
        .statusCode,
    ).toBe(200)
    const before = await editState(t)
    const response = await put(
      batch([
        { id: south, version: 1, geometry: southPeaked },
        { id: north, version: 1, geometry: northNotched },
      ]),
    )
    expect(response.statusCode).toBe(409)
    expect(response.json().error).toEqual({
      code: 'stale_version',
      message: `Grid ${WEST}001 is at version 2, changed by admin; this edit started from version 1`,
      details: { id: north, code: `${WEST}001`, currentVersion: 2, changedBy: 'admin', changedAt: expect.any(String), grid: { id: north, code: `${WEST}001` } },
    })
    expect(await editState(t)).toEqual(before)
    expect(events.filter((e) => e.type === 'grid.changed')).toHaveLength(1)
  })

  it.each([
    ['the two overlap each other', [rectangle(120.0, 33.0, 120.01, 33.016), rectangle(120.0, 33.014, 120.01, 33.02)], 'overlaps_grid', 'south'],
    [
      'one reaches out of the community',
      [southPeaked, polygon([120.0, 33.01], PEAK, [120.01, 33.01], [120.012, 33.02], [120.0, 33.02])],
      'outside_community',
      'north',
    ],
    ['one crosses itself', [southPeaked, polygon([120.0, 33.01], [120.01, 33.02], [120.01, 33.01], [120.0, 33.02])], 'invalid_polygon', 'north'],
  ] as const)('refuses a batch whose final state is wrong (%s) with 422 naming the grid, and changes nothing', async (_, [s, n], code, which) => {
    const before = await editState(t)
    const response = await put(
      batch([
        { id: south, version: 1, geometry: s },
        { id: north, version: 1, geometry: n },
      ]),
    )
    const grid = which === 'south' ? { id: south, code: `${WEST}002` } : { id: north, code: `${WEST}001` }
    expect([response.statusCode, response.json().error.code, response.json().error.details.grid]).toEqual([422, code, grid])
    expect(await editState(t)).toEqual(before)
    expect(events).toEqual([])
  })

  it('reports which grid two overlapping grids of a batch overlap', async () => {
    const response = await put(
      batch([
        { id: south, version: 1, geometry: rectangle(120.0, 33.0, 120.01, 33.016) },
        { id: north, version: 1, geometry: rectangle(120.0, 33.014, 120.01, 33.02) },
      ]),
    )
    expect(response.json().error.details).toEqual({
      overlaps: [{ gridId: north, gridCode: `${WEST}001`, areaM2: expect.closeTo(quadrangleAreaM2(120.0, 33.014, 120.01, 33.016), 0) }],
      grid: { id: south, code: `${WEST}002` },
    })
  })

  it('refuses the same grid twice, an unknown grid, a deleted one, a missing version and an empty batch', async () => {
    await t.app.inject({ method: 'DELETE', url: `/api/grids/${north}?version=1`, headers })
    const before = await editState(t)
    const answers = [
      await put(
        batch([
          { id: south, version: 1, geometry: southPeaked },
          { id: south, version: 1, geometry: rectangle(120.0, 33.0, 120.01, 33.009) },
        ]),
      ),
      await put(
        batch([
          { id: south, version: 1, geometry: southPeaked },
          { id: 999999, version: 1, geometry: northNotched },
        ]),
      ),
      await put(
        batch([
          { id: south, version: 1, geometry: southPeaked },
          { id: north, version: 2, geometry: northNotched },
        ]),
      ),
      await put({ grids: [{ id: south, geometry: southPeaked }] }),
      await put({ grids: [] }),
    ]
    expect(answers.map((r) => [r.statusCode, r.json().error.code])).toEqual([
      [422, 'duplicate_grid'],
      [404, 'grid_not_found'],
      [410, 'grid_deleted'],
      [400, 'invalid_request'],
      [400, 'invalid_request'],
    ])
    expect(answers[0].json().error.details).toEqual({ ids: [south] })
    expect(answers[1].json().error.details).toEqual({ id: 999999, grid: { id: 999999 } })
    expect(await editState(t)).toEqual(before)
  })

  it('refuses a malformed geometry naming its grid', async () => {
    const response = await put(
      batch([
        { id: south, version: 1, geometry: southPeaked },
        { id: north, version: 1, geometry: { type: 'Point', coordinates: [120, 33] } },
      ]),
    )
    expect([response.statusCode, response.json().error.code, response.json().error.details?.grid]).toEqual([422, 'wrong_geometry_type', { id: north }])
  })
})

describe('POST /api/grids/validate with several grids', () => {
  it('reports the combined effect on the final state, changing nothing', async () => {
    const before = await editState(t)
    const response = await validate(
      batch([
        { id: south, version: 1, geometry: southPeaked },
        { id: north, version: 1, geometry: northNotched },
      ]),
    )
    expect(response.statusCode).toBe(200)
    const { grids, ...report } = response.json()
    expect(report).toEqual({
      valid: true,
      problems: [],
      overlapAreaM2: 0,
      overlaps: [],
      gapAreaM2: 0,
      gap: null,
      householdsMoved: { count: 1, list: [{ id: expect.any(Number), externalId: 'w-n1', fromGridCode: `${WEST}001`, toGridCode: `${WEST}002` }] },
      householdsOutside: { count: 0, list: [] },
    })
    expect(
      grids.map((g: Record<string, unknown>) => [
        g.id,
        g.code,
        g.valid,
        g.vertices,
        (g.sizeNorm as { households: number; status: string }).households,
        (g.sizeNorm as { status: string }).status,
      ]),
    ).toEqual([
      [south, `${WEST}002`, true, 6, 3, 'undersized'],
      [north, `${WEST}001`, true, 6, 0, 'empty'],
    ])
    expect(await editState(t)).toEqual(before)
  })

  it('shows the overlap and the gap of a batch, and a stale version as a problem of its grid', async () => {
    await t.app.inject({ method: 'PUT', url: `/api/grids/${north}`, headers, payload: feature(rectangle(120.0, 33.01, 120.01, 33.02), { version: 1 }) })
    // South grows to 33.016, north starts at 33.018: overlap none, gap 33.016–33.018.
    const gapped = await validate(
      batch([
        { id: south, version: 1, geometry: rectangle(120.0, 33.0, 120.01, 33.016) },
        { id: north, version: 2, geometry: rectangle(120.0, 33.018, 120.01, 33.02) },
      ]),
    )
    expect([gapped.json().valid, gapped.json().overlapAreaM2, gapped.json().gapAreaM2]).toEqual([
      true,
      0,
      expect.closeTo(quadrangleAreaM2(120.0, 33.016, 120.01, 33.018), 0),
    ])
    const stale = await validate(
      batch([
        { id: south, version: 1, geometry: rectangle(120.0, 33.0, 120.01, 33.016) },
        { id: north, version: 1, geometry: rectangle(120.0, 33.014, 120.01, 33.02) },
      ]),
    )
    const body = stale.json()
    expect([body.valid, body.problems.map((p: { code: string; gridId: number }) => [p.code, p.gridId])]).toEqual([
      false,
      [
        ['overlaps_grid', south],
        ['stale_version', north],
      ],
    ])
    expect(body.overlaps.map((o: { gridId: number; editedGridId: number }) => [o.editedGridId, o.gridId])).toEqual([[south, north]])
    expect(body.overlapAreaM2).toBeGreaterThan(100_000)
  })
})
