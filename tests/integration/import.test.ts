import gcoord from 'gcoord'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { collection, EAST, feature, point, rectangle, smallTownRegions, WEST, westGrids } from '../fixtures/small-town'
import { createTestApp, emptyDatabase, tableCounts, type TestApp } from './helpers/test-app'

let t: TestApp
let headers: Record<string, string>

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

beforeEach(async () => {
  await emptyDatabase(t)
  headers = await t.adminHeaders()
})

const post = (kind: string, body: unknown, query = '') => t.app.inject({ method: 'POST', url: `/api/import/${kind}${query}`, headers, payload: body as object })

async function importTown() {
  expect((await post('regions', smallTownRegions)).statusCode).toBe(201)
  expect((await post('grids', westGrids)).statusCode).toBe(201)
}

describe('POST /api/import/:kind — accepted imports', () => {
  it('imports a region hierarchy and returns it as a tree', async () => {
    const response = await post('regions', smallTownRegions)
    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({ kind: 'regions', inserted: 4, ids: ['320924', '320924001', WEST, EAST], warnings: [] })

    const tree = (await t.app.inject({ method: 'GET', url: '/api/regions' })).json()
    expect(tree.regions).toHaveLength(1)
    expect(tree.regions[0]).toMatchObject({ code: '320924', level: 'county', parentCode: null, bbox: [120, 33, 120.02, 33.02] })
    expect(tree.regions[0].children[0].children.map((c: { code: string }) => c.code)).toEqual([WEST, EAST])
  })

  it('numbers new grids north→south inside their community and records their history', async () => {
    await importTown()
    const grids = (await t.app.inject({ method: 'GET', url: `/api/grids?region=${WEST}` })).json()
    const byName = Object.fromEntries(grids.features.map((f: { properties: { name: string; code: string } }) => [f.properties.name, f.properties.code]))
    expect(byName).toEqual({ 西社区北网格: `${WEST}001`, 西社区南网格: `${WEST}002` })
    const { rows } = await t.db.query<{ operation: string; version: number }>('SELECT operation, version FROM grid_history ORDER BY id')
    expect(rows).toEqual([
      { operation: 'import', version: 1 },
      { operation: 'import', version: 1 },
    ])
  })

  it('announces a coverage-changing import on the live event bus', async () => {
    const events: unknown[] = []
    const unsubscribe = t.app.events.subscribe((event) => events.push(event))
    try {
      await importTown()
    } finally {
      unsubscribe()
    }
    expect(events).toEqual([
      { type: 'grid.changed', payload: { operation: 'import', kind: 'regions', count: 4, by: 'admin' } },
      { type: 'grid.changed', payload: { operation: 'import', kind: 'grids', count: 2, by: 'admin' } },
    ])
  })

  it('puts each household in its grid, a household on the shared edge in the lower code, and one outside in none', async () => {
    await importTown()
    const households = collection(
      feature(point(120.005, 33.015), { externalId: 'N1', address: '北1号', population: 3 }),
      feature(point(120.005, 33.01), { externalId: 'EDGE', address: '边界1号', population: 2 }),
      feature(point(120.015, 33.015), { externalId: 'E1', address: '东1号', population: 1, elderlyAlone: true }),
    )
    const response = await post('households', households)
    expect(response.statusCode).toBe(201)
    expect(response.json().inserted).toBe(3)
    const list = (await t.app.inject({ method: 'GET', url: '/api/households?region=320924', headers })).json()
    const gridOf = Object.fromEntries(
      list.features.map((f: { properties: { externalId: string; gridCode: string | null } }) => [f.properties.externalId, f.properties.gridCode]),
    )
    expect(gridOf).toEqual({ N1: `${WEST}001`, EDGE: `${WEST}001`, E1: null })
    const grids = (await t.app.inject({ method: 'GET', url: '/api/grids' })).json()
    expect(grids.features.map((f: { properties: { householdCount: number } }) => f.properties.householdCount)).toEqual([2, 0])
  })

  it('converts GCJ-02 and BD-09 coordinates to WGS84 on the way in', async () => {
    await importTown()
    const wgs: [number, number] = [120.005, 33.005]
    const gcj = gcoord.transform(wgs, gcoord.WGS84, gcoord.GCJ02) as [number, number]
    const bd = gcoord.transform(wgs, gcoord.WGS84, gcoord.BD09) as [number, number]
    expect((await post('service-points', collection(feature(point(...gcj), { name: '卫生站', category: 'health' })), '?crs=gcj02')).statusCode).toBe(201)
    expect((await post('service-points', collection(feature(point(...bd), { name: '志愿站', category: 'volunteer' })), '?crs=bd09')).statusCode).toBe(201)
    const { rows } = await t.db.query<{ name: string; distance: number }>(
      `SELECT name, ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) AS distance FROM service_points ORDER BY id`,
      wgs,
    )
    expect(rows.map((r) => r.name)).toEqual(['卫生站', '志愿站'])
    for (const row of rows) expect(row.distance).toBeLessThan(1)
    // Without conversion the GCJ-02 point would sit hundreds of metres away.
    expect(gcj[0] - wgs[0]).not.toBeCloseTo(0, 3)
  })

  it('imports incidents with their report event, home grid and county', async () => {
    await importTown()
    const incidents = collection(
      feature(point(120.005, 33.005), {
        externalId: 'INC-1',
        category: 'environment',
        status: 'reported',
        source: 'resident',
        reportedAt: '2026-11-01T08:30:00+08:00',
      }),
    )
    expect((await post('incidents', incidents)).statusCode).toBe(201)
    const list = (await t.app.inject({ method: 'GET', url: '/api/incidents?category=environment', headers })).json()
    expect(list.numberMatched).toBe(1)
    expect(list.features[0].properties).toMatchObject({
      externalId: 'INC-1',
      gridCode: `${WEST}002`,
      priority: 'normal',
      reportedAt: '2026-11-01T00:30:00.000Z',
    })
    const { rows } = await t.db.query('SELECT event, actor FROM incident_events')
    expect(rows).toEqual([{ event: 'report', actor: 'admin' }])
  })
})

describe('POST /api/import/:kind — refused imports write nothing', () => {
  const bowtie = {
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
  }

  async function expectRefused(kind: string, body: unknown, expected: { index: number; codes: string[] }[], query = '') {
    const before = await tableCounts(t.db)
    const response = await post(kind, body, query)
    expect(response.statusCode).toBe(422)
    const error = response.json().error
    expect(error.code).toBe('invalid_features')
    expect(
      error.details.features.map((f: { index: number; reasons: { code: string }[] }) => ({ index: f.index, codes: f.reasons.map((r) => r.code) })),
    ).toEqual(expected)
    expect(await tableCounts(t.db)).toEqual(before)
  }

  it('refuses a self-intersecting grid', async () => {
    await post('regions', smallTownRegions)
    await expectRefused('grids', collection(feature(bowtie, { name: 'X', type: 'comprehensive', communityCode: WEST })), [
      { index: 0, codes: ['invalid_geometry'] },
    ])
  })

  it('refuses coordinates out of range, an unclosed ring and a wrong geometry type, each by index', async () => {
    await post('regions', smallTownRegions)
    const props = { name: 'X', type: 'comprehensive', communityCode: WEST }
    const unclosed = {
      type: 'Polygon',
      coordinates: [
        [
          [120.0, 33.0],
          [120.01, 33.0],
          [120.01, 33.01],
          [120.0, 33.01],
        ],
      ],
    }
    await expectRefused(
      'grids',
      collection(
        feature(rectangle(120.0, 33.0, 120.005, 33.005), props),
        feature(rectangle(120.0, 33.0, 190.0, 33.005), props),
        feature(unclosed, props),
        feature(point(120.0, 33.0), props),
      ),
      [
        { index: 1, codes: ['coordinates_out_of_range'] },
        { index: 2, codes: ['unclosed_ring'] },
        { index: 3, codes: ['wrong_geometry_type'] },
      ],
    )
  })

  it('refuses missing and invalid properties and an unknown community', async () => {
    await post('regions', smallTownRegions)
    await expectRefused(
      'grids',
      collection(
        feature(rectangle(120.0, 33.0, 120.005, 33.005), { type: 'comprehensive', communityCode: WEST }),
        feature(rectangle(120.0, 33.0, 120.005, 33.005), { name: 'X', type: 'residential', communityCode: WEST }),
        feature(rectangle(120.0, 33.0, 120.005, 33.005), { name: 'X', type: 'comprehensive', communityCode: '320924001999' }),
      ),
      [
        { index: 0, codes: ['missing_property'] },
        { index: 1, codes: ['invalid_property'] },
        { index: 2, codes: ['unknown_region'] },
      ],
    )
  })

  // The second grid also reaches outside its community: a finding, not a reason (import-policy.test.ts).
  it('refuses a duplicate grid code and a code outside its community', async () => {
    await importTown()
    await expectRefused(
      'grids',
      collection(
        feature(rectangle(120.01, 33.0, 120.02, 33.01), { code: `${WEST}001`, name: 'X', type: 'comprehensive', communityCode: EAST }),
        feature(rectangle(120.01, 33.01, 120.02, 33.02), { code: `${WEST}001`, name: 'Y', type: 'comprehensive', communityCode: WEST }),
      ),
      [
        { index: 0, codes: ['code_mismatch', 'duplicate_code'] },
        { index: 1, codes: ['duplicate_code', 'duplicate_code'] },
      ],
    )
  })

  it('refuses households outside every region, duplicate ids and bad populations; one bad feature stops the good ones', async () => {
    await importTown()
    await expectRefused(
      'households',
      collection(
        feature(point(120.005, 33.005), { externalId: 'H1', address: 'A', population: 2 }),
        feature(point(121.5, 31.2), { externalId: 'H2', address: 'B', population: 2 }),
        feature(point(120.006, 33.005), { externalId: 'H1', address: 'C', population: 2 }),
        feature(point(120.006, 33.005), { externalId: 'H3', address: 'D', population: -1 }),
      ),
      [
        { index: 1, codes: ['outside_regions'] },
        { index: 2, codes: ['duplicate_external_id'] },
        { index: 3, codes: ['invalid_property'] },
      ],
    )
  })

  it('refuses a region whose parent is missing or whose code does not fit its level', async () => {
    await expectRefused(
      'regions',
      collection(
        feature(rectangle(120.0, 33.0, 120.02, 33.02), { code: '320925001', name: '孤儿街道', level: 'street' }),
        feature(rectangle(120.0, 33.0, 120.02, 33.02), { code: '320925', name: '县', level: 'street' }),
        feature(bowtie, { code: '320926', name: '县', level: 'county' }),
      ),
      [
        { index: 0, codes: ['unknown_region'] },
        { index: 1, codes: ['code_mismatch'] },
        { index: 2, codes: ['invalid_geometry'] },
      ],
    )
  })

  it('refuses incidents with unknown categories and dates without a time zone', async () => {
    await importTown()
    await expectRefused(
      'incidents',
      collection(
        feature(point(120.005, 33.005), { externalId: 'I1', category: 'noise', status: 'reported', source: 'resident', reportedAt: '2026-11-01T08:30:00Z' }),
        feature(point(120.005, 33.005), { externalId: 'I2', category: 'traffic', status: 'reported', source: 'resident', reportedAt: '2026-11-01 08:30' }),
      ),
      [
        { index: 0, codes: ['invalid_property'] },
        { index: 1, codes: ['invalid_property'] },
      ],
    )
  })

  it('needs a logged-in admin', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/import/regions', payload: smallTownRegions })
    expect(response.statusCode).toBe(401)
    expect(response.json().error.code).toBe('unauthorized')
    expect(await tableCounts(t.db)).toMatchObject({ regions: 0 })
  })

  it('answers 400 for a body that is not a FeatureCollection and for an unknown kind or crs', async () => {
    expect((await post('regions', { type: 'Feature' })).json().error.code).toBe('invalid_request')
    expect((await post('parcels', smallTownRegions)).statusCode).toBe(400)
    expect((await post('regions', smallTownRegions, '?crs=epsg3857')).statusCode).toBe(400)
    expect(await tableCounts(t.db)).toMatchObject({ regions: 0 })
  })
})

describe('body limit', () => {
  it('answers 413 for a body over the limit and writes nothing', async () => {
    const small = await createTestApp({ BODY_LIMIT_BYTES: '2048' })
    try {
      const login = await small.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'test-admin-password' } })
      const big = collection(...Array.from({ length: 50 }, (_, i) => feature(point(120.005, 33.005), { externalId: `H${i}`, address: 'A', population: 1 })))
      const response = await small.app.inject({
        method: 'POST',
        url: '/api/import/households',
        headers: { authorization: `Bearer ${login.json().token}` },
        payload: big,
      })
      expect(response.statusCode).toBe(413)
      expect(response.json().error.code).toBe('payload_too_large')
      expect(await tableCounts(small.db)).toMatchObject({ households: 0 })
    } finally {
      await small.close()
    }
  })
})
