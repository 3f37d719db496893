import gcoord from 'gcoord'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { quadrangleAreaM2 } from '../fixtures/geodesy'
import { collection, feature, rectangle, smallTownRegions, WEST, westGrids, type Position } from '../fixtures/small-town'
import { coverage, spots } from './helpers/coverage-fixture'
import { createTestApp, emptyDatabase, tableCounts, type TestApp } from './helpers/test-app'

/**
 * The import policy (issue 14, item 13): broken data is refused; coverage findings (overlaps, parts
 * outside the community, gaps) are imported and listed as warnings, or refused with ?strict=true;
 * conversion noise along a community's edge is snapped away; an exact duplicate is refused.
 */
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

const post = (kind: string, body: unknown, query = '', extraHeaders: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/import/${kind}${query}`, headers: { ...headers, ...extraHeaders }, payload: body as object })

const grid = (geometry: unknown, communityCode: string, name = 'G') => feature(geometry, { name, type: 'comprehensive', communityCode })
const area = (minLng: number, minLat: number, maxLng: number, maxLat: number) => expect.closeTo(quadrangleAreaM2(minLng, minLat, maxLng, maxLat), 0)

async function importRegions() {
  expect((await post('regions', smallTownRegions)).statusCode).toBe(201)
}

describe('coverage findings are imported and listed as warnings', () => {
  it('imports a grid reaching outside its community, warns about it, and the coverage report shows it', async () => {
    await importRegions()
    const response = await post(
      'grids',
      collection(grid(rectangle(120.0, 33.0, 120.01, 33.01), WEST, '南'), grid(rectangle(120.0, 33.01, 120.012, 33.02), WEST, '北')),
    )
    expect(response.statusCode).toBe(201)
    expect(response.json().warnings).toEqual([
      {
        index: 1,
        code: `${WEST}001`,
        kind: 'outside_community',
        communityCode: WEST,
        areaM2: area(120.01, 33.01, 120.012, 33.02),
        message: expect.any(String),
      },
    ])
    const outside = spots(await coverage(t, '320924'), 'grid_outside_community')
    expect(outside.map((s) => [s.gridCode, s.communityCode])).toEqual([[`${WEST}001`, WEST]])
  })

  it('warns about overlaps with existing grids, naming each, and the coverage report shows them', async () => {
    await importRegions()
    expect((await post('grids', westGrids)).statusCode).toBe(201)
    const response = await post('grids', collection(grid(rectangle(120.0, 33.005, 120.01, 33.015), WEST, '跨界')))
    expect(response.statusCode).toBe(201)
    expect(response.json().warnings).toEqual([
      {
        index: 0,
        code: `${WEST}003`,
        kind: 'overlap',
        communityCode: WEST,
        otherCode: `${WEST}001`,
        areaM2: area(120.0, 33.01, 120.01, 33.015),
        message: expect.any(String),
      },
      {
        index: 0,
        code: `${WEST}003`,
        kind: 'overlap',
        communityCode: WEST,
        otherCode: `${WEST}002`,
        areaM2: area(120.0, 33.005, 120.01, 33.01),
        message: expect.any(String),
      },
    ])
    const overlaps = spots(await coverage(t, '320924'), 'overlap')
    expect(overlaps.map((s) => s.gridCodes).sort()).toEqual([
      [`${WEST}001`, `${WEST}003`],
      [`${WEST}002`, `${WEST}003`],
    ])
  })

  it('warns about two grids of one file overlapping each other, on the later feature', async () => {
    await importRegions()
    const response = await post(
      'grids',
      collection(grid(rectangle(120.0, 33.0, 120.01, 33.012), WEST, '南'), grid(rectangle(120.0, 33.01, 120.01, 33.02), WEST, '北')),
    )
    expect(response.statusCode).toBe(201)
    expect(response.json().warnings).toEqual([
      {
        index: 1,
        code: `${WEST}001`,
        kind: 'overlap',
        communityCode: WEST,
        otherIndex: 0,
        otherCode: `${WEST}002`,
        areaM2: area(120.0, 33.01, 120.01, 33.012),
        message: expect.any(String),
      },
    ])
  })

  it('warns about a gap the imported grids leave in their community', async () => {
    await importRegions()
    const response = await post('grids', collection(grid(rectangle(120.0, 33.0, 120.01, 33.01), WEST, '南')))
    expect(response.statusCode).toBe(201)
    expect(response.json().warnings).toEqual([{ kind: 'gap', communityCode: WEST, areaM2: area(120.0, 33.01, 120.01, 33.02), message: expect.any(String) }])
  })

  it('imports a clean tiling without warnings', async () => {
    await importRegions()
    const response = await post('grids', westGrids)
    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({ kind: 'grids', inserted: 2, ids: [expect.any(Number), expect.any(Number)], warnings: [] })
  })
})

describe('?strict=true refuses coverage findings', () => {
  it('refuses a grid reaching outside its community with the findings as reasons, and writes nothing', async () => {
    await importRegions()
    const before = await tableCounts(t.db)
    const response = await post(
      'grids',
      collection(grid(rectangle(120.0, 33.0, 120.01, 33.01), WEST, '南'), grid(rectangle(120.0, 33.01, 120.012, 33.02), WEST, '北')),
      '?strict=true',
    )
    expect(response.statusCode).toBe(422)
    expect(response.json().error).toEqual({
      code: 'coverage_findings',
      message: expect.any(String),
      details: {
        findings: [
          {
            index: 1,
            code: `${WEST}001`,
            kind: 'outside_community',
            communityCode: WEST,
            areaM2: area(120.01, 33.01, 120.012, 33.02),
            message: expect.any(String),
          },
        ],
      },
    })
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('refuses a gap too', async () => {
    await importRegions()
    const response = await post('grids', collection(grid(rectangle(120.0, 33.0, 120.01, 33.01), WEST)), '?strict=true')
    expect(response.statusCode).toBe(422)
    expect(response.json().error.details.findings.map((f: { kind: string }) => f.kind)).toEqual(['gap'])
    expect(await tableCounts(t.db)).toMatchObject({ grids: 0, grid_history: 0 })
  })

  it('accepts a clean tiling', async () => {
    await importRegions()
    const response = await post('grids', westGrids, '?strict=true')
    expect(response.statusCode).toBe(201)
    expect(response.json().warnings).toEqual([])
  })

  it('answers 400 for a strict value that is not a boolean', async () => {
    await importRegions()
    const response = await post('grids', westGrids, '?strict=maybe')
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'invalid_request', details: [{ path: 'querystring/strict', message: 'must be boolean' }] })
  })
})

describe('broken data is still refused', () => {
  it('refuses an exact duplicate of an existing grid', async () => {
    await importRegions()
    expect((await post('grids', westGrids)).statusCode).toBe(201)
    const before = await tableCounts(t.db)
    const response = await post('grids', collection(grid(rectangle(120.0, 33.0, 120.01, 33.01), WEST, '又一个南')))
    expect(response.statusCode).toBe(422)
    const error = response.json().error
    expect(error.code).toBe('invalid_features')
    expect(error.details.features).toEqual([{ index: 0, reasons: [{ code: 'duplicate_geometry', message: expect.stringContaining(`${WEST}002`) }] }])
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('refuses the second of two identical grids in one file', async () => {
    await importRegions()
    const response = await post(
      'grids',
      collection(grid(rectangle(120.0, 33.0, 120.01, 33.02), WEST, 'A'), grid(rectangle(120.0, 33.0, 120.01, 33.02), WEST, 'B')),
    )
    expect(response.statusCode).toBe(422)
    expect(response.json().error.details.features.map((f: { index: number; reasons: { code: string }[] }) => [f.index, f.reasons.map((r) => r.code)])).toEqual([
      [1, ['duplicate_geometry']],
    ])
    expect(await tableCounts(t.db)).toMatchObject({ grids: 0 })
  })
})

describe('vertices within 0.05 m of their community edge are snapped onto it', () => {
  // Metres of longitude per degree at 33°N: 0.05 m is about 5.35e-7°.
  const metresToLng = (m: number) => m / (111_320 * Math.cos((33.015 * Math.PI) / 180))

  it('snaps an edge 4 cm outside the community onto it: no finding', async () => {
    await importRegions()
    const response = await post(
      'grids',
      collection(grid(rectangle(120.0, 33.0, 120.01, 33.01), WEST, '南'), grid(rectangle(120.0, 33.01, 120.01 + metresToLng(0.04), 33.02), WEST, '北')),
    )
    expect(response.statusCode).toBe(201)
    expect(response.json().warnings).toEqual([])
    const { rows } = await t.db.query<{ x: number }>(`SELECT ST_XMax(geom) AS x FROM grids WHERE code = $1`, [`${WEST}001`])
    expect(rows[0].x).toBe(120.01)
  })

  it('leaves an edge 20 cm outside as it is: a finding', async () => {
    await importRegions()
    const response = await post(
      'grids',
      collection(grid(rectangle(120.0, 33.0, 120.01, 33.01), WEST, '南'), grid(rectangle(120.0, 33.01, 120.01 + metresToLng(0.2), 33.02), WEST, '北')),
    )
    expect(response.statusCode).toBe(201)
    expect(response.json().warnings.map((w: { kind: string; index: number }) => [w.kind, w.index])).toEqual([['outside_community', 1]])
  })

  /**
   * A county exports its communities and grids from an AMap-based system: GCJ-02, grids clipped
   * to their community in that datum. A straight GCJ-02 edge is not straight once in WGS84, so a
   * grid vertex in the middle of a community edge lands centimetres off the converted edge —
   * square metres of sliver over a kilometre. Snapping puts it back.
   */
  it.each([
    // BD-09 bends straight lines far more than GCJ-02: its community is a few hundred metres wide.
    ['gcj02', gcoord.GCJ02, [116.3, 39.9, 116.31, 39.908]],
    ['bd09', gcoord.BD09, [116.3, 39.9, 116.302, 39.902]],
  ] as const)('imports a %s file whose grids were clipped to their community in that datum without findings', async (crs, datum, box) => {
    const [x0, y0, x1, y1] = box
    const xm = (x0 + x1) / 2
    const county = '110108'
    const community = '110108001001'
    const regions = collection(
      feature(rectangle(x0 - 0.01, y0 - 0.01, x1 + 0.01, y1 + 0.01), { code: county, name: '区', level: 'county' }),
      feature(rectangle(x0 - 0.01, y0 - 0.01, x1 + 0.01, y1 + 0.01), { code: '110108001', name: '街道', level: 'street', parentCode: county }),
      feature(rectangle(x0, y0, x1, y1), { code: community, name: '社区', level: 'community', parentCode: '110108001' }),
    )
    expect((await post('regions', regions, `?crs=${crs}`)).statusCode).toBe(201)
    // Without snapping, the split line's ends would sit off the converted edges by this much.
    const toWgs = (p: Position) => gcoord.transform(p, datum, gcoord.WGS84) as Position
    const [a, b, m] = [toWgs([x0, y1]), toWgs([x1, y1]), toWgs([xm, y1])]
    const offEdgeM = Math.abs((m[1] - a[1] - ((b[1] - a[1]) * (m[0] - a[0])) / (b[0] - a[0])) * 110_950)
    expect(offEdgeM).toBeGreaterThan(0.01)
    expect(offEdgeM).toBeLessThan(0.05)

    const response = await post(
      'grids',
      collection(grid(rectangle(x0, y0, xm, y1), community, '西'), grid(rectangle(xm, y0, x1, y1), community, '东')),
      `?crs=${crs}`,
    )
    expect(response.statusCode).toBe(201)
    expect(response.json()).toMatchObject({ inserted: 2, warnings: [] })
    // Nor does the coverage report find anything: stored on the 1 cm grid, edges are within noise.
    const report = await coverage(t, community)
    const areaSpots = report.blindSpots.features
      .map((f: { properties: { kind: string } }) => f.properties.kind)
      .filter((kind: string) => ['gap', 'overlap', 'grid_outside_community'].includes(kind))
    expect([report.summary.overlapAreaM2, areaSpots]).toEqual([0, []])
  })
})

describe('media type', () => {
  it.each(['application/geo+json', 'application/geo+json; charset=utf-8'])('accepts %s', async (contentType) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/import/regions',
      headers: { ...headers, 'content-type': contentType },
      payload: JSON.stringify(smallTownRegions),
    })
    expect(response.statusCode).toBe(201)
    expect(response.json()).toMatchObject({ kind: 'regions', inserted: 4 })
  })

  it('answers 413 for an application/geo+json body over the import limit', async () => {
    const small = await createTestApp({ BODY_LIMIT_BYTES: '2048' }, { reset: false })
    try {
      const response = await small.app.inject({
        method: 'POST',
        url: '/api/import/regions',
        headers: { ...(await small.adminHeaders()), 'content-type': 'application/geo+json' },
        payload: JSON.stringify({ ...smallTownRegions, padding: 'x'.repeat(4096) }),
      })
      expect(response.statusCode).toBe(413)
      expect(response.json().error.code).toBe('payload_too_large')
    } finally {
      await small.close()
    }
  })

  it('answers 400 invalid_json for a broken application/geo+json body, and writes nothing', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/import/regions',
      headers: { ...headers, 'content-type': 'application/geo+json' },
      payload: '{"type":"FeatureCollection","features":[',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('invalid_json')
    expect(await tableCounts(t.db)).toMatchObject({ regions: 0 })
  })
})
