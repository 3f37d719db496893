import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { quadrangleAreaM2 } from '../fixtures/geodesy'
import { EAST, feature, rectangle, smallTownRegions, WEST } from '../fixtures/small-town'
import { coverage, household, importAs, kinds, spots } from './helpers/coverage-fixture'
import { createTestApp, emptyDatabase, type TestApp } from './helpers/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())
beforeEach(async () => {
  await emptyDatabase(t)
  await importAs(t, 'regions', ...smallTownRegions.features)
})

const grid = (geometry: unknown, communityCode: string, name = 'G', type = 'comprehensive') => feature(geometry, { name, type, communityCode })
const multiRectangle = (...boxes: [number, number, number, number][]) => ({
  type: 'MultiPolygon',
  coordinates: boxes.map((box) => rectangle(...box).coordinates),
})
const AREA_KINDS = ['gap', 'overlap', 'household_outside', 'household_multi', 'grid_outside_community', 'region_empty']
const areaKinds = (report: Awaited<ReturnType<typeof coverage>>) => kinds(report).filter((kind) => AREA_KINDS.includes(kind))
const COUNTY_AREA = quadrangleAreaM2(120.0, 33.0, 120.02, 33.02)

async function cleanTiling() {
  await importAs(
    t,
    'grids',
    grid(rectangle(120.0, 33.01, 120.01, 33.02), WEST, '西北'),
    grid(rectangle(120.0, 33.0, 120.01, 33.01), WEST, '西南'),
    grid(multiRectangle([120.01, 33.0, 120.02, 33.009], [120.01, 33.011, 120.02, 33.02]), EAST, '东（两块）'),
    grid(rectangle(120.01, 33.009, 120.02, 33.011), EAST, '东中'),
  )
}

describe('GET /api/coverage — horizontal to the edge (横向到边)', () => {
  it('finds nothing wrong with a clean tiling, multipolygon grids included', async () => {
    await cleanTiling()
    const report = await coverage(t, '320924')
    expect(report.summary).toMatchObject({ gridCount: 4, gapAreaM2: 0, overlapAreaM2: 0, householdsOutside: 0, householdsMulti: 0 })
    expect(report.summary.regionAreaM2).toBeCloseTo(COUNTY_AREA, 0)
    expect(report.summary.coveredAreaM2).toBeCloseTo(COUNTY_AREA, 0)
    expect(areaKinds(report)).toEqual([])
  })

  it('measures a hole in a grid and lists the household standing in it', async () => {
    const hole = [120.014, 33.004, 120.016, 33.006] as const
    const withHole = { type: 'Polygon', coordinates: [rectangle(120.01, 33.0, 120.02, 33.02).coordinates[0], [...rectangle(...hole).coordinates[0]].reverse()] }
    await importAs(t, 'grids', grid(rectangle(120.0, 33.0, 120.01, 33.02), WEST), grid(withHole, EAST))
    await importAs(t, 'households', household('IN_HOLE', 120.015, 33.005), household('ON_GRID', 120.012, 33.012))

    const report = await coverage(t, '320924')
    const gaps = spots(report, 'gap')
    expect(gaps.map(({ areaM2, ...rest }) => ({ ...rest, areaM2: Math.round(areaM2!) }))).toEqual([
      expect.objectContaining({
        kind: 'gap',
        severity: 'high',
        communityCode: EAST,
        householdExternalIds: ['IN_HOLE'],
        areaM2: Math.round(quadrangleAreaM2(...hole)),
      }),
    ])
    expect(spots(report, 'household_outside').map((s) => s.householdExternalIds)).toEqual([['IN_HOLE']])
    expect(report.summary.gapAreaM2).toBeCloseTo(quadrangleAreaM2(...hole), 0)
    expect(report.summary.coveredAreaM2 + report.summary.gapAreaM2).toBeCloseTo(report.summary.regionAreaM2, 0)
    expect(report.summary).toMatchObject({ households: 2, householdsOutside: 1, householdsMulti: 0 })
  })

  it('measures an overlap of two grids and the household claimed twice', async () => {
    await importAs(
      t,
      'grids',
      grid(rectangle(120.0, 33.0, 120.01, 33.02), WEST),
      grid(rectangle(120.01, 33.0, 120.0155, 33.02), EAST, '东西'),
      grid(rectangle(120.0145, 33.0, 120.02, 33.02), EAST, '东东'),
    )
    await importAs(t, 'households', household('TWICE', 120.015, 33.01), household('ONCE', 120.018, 33.01))

    const report = await coverage(t, '320924')
    const expectedArea = quadrangleAreaM2(120.0145, 33.0, 120.0155, 33.02)
    const [overlap] = spots(report, 'overlap')
    expect({ ...overlap, areaM2: Math.round(overlap.areaM2!) }).toMatchObject({
      severity: 'high',
      gridCodes: [`${EAST}001`, `${EAST}002`],
      householdExternalIds: ['TWICE'],
      areaM2: Math.round(expectedArea),
    })
    expect(spots(report, 'overlap')).toHaveLength(1)
    expect(spots(report, 'household_multi').map((s) => s.householdExternalIds)).toEqual([['TWICE']])
    expect(report.summary.overlapAreaM2).toBeCloseTo(expectedArea, 0)
    expect(report.summary).toMatchObject({ gapAreaM2: 0, householdsOutside: 0, householdsMulti: 1 })
  })

  it('measures the part of a grid outside its community', async () => {
    await cleanTiling()
    // Written the way a legacy system would have left it (an import would also take it, with a warning).
    await t.db.query(
      `INSERT INTO grids (code, name, type, community_code, county_code, geom)
       VALUES ('${WEST}003', '越界', 'comprehensive', $1, '320924', ST_Multi(ST_MakeEnvelope(120.009, 33.0, 120.011, 33.001, 4326)))`,
      [WEST],
    )
    const report = await coverage(t, '320924')
    const [outside] = spots(report, 'grid_outside_community')
    expect(outside).toMatchObject({ gridCode: `${WEST}003`, communityCode: WEST, severity: 'medium' })
    expect(outside.areaM2).toBeCloseTo(quadrangleAreaM2(120.01, 33.0, 120.011, 33.001), 0)
    expect(report.summary.outsideCommunityAreaM2).toBeCloseTo(quadrangleAreaM2(120.01, 33.0, 120.011, 33.001), 0)
  })

  it('ignores floating-point noise along a shared edge whatever the minimum area, yet sees an overlap 3 cm wide', async () => {
    const noise = 5e-9 // ≈ 0.55 mm of latitude along a 926 m edge: ≈ 0.5 m² of overlap
    await importAs(
      t,
      'grids',
      grid(rectangle(120.0, 33.01 - noise, 120.01, 33.02), WEST),
      grid(rectangle(120.0, 33.0, 120.01, 33.01), WEST),
      grid(rectangle(120.01, 33.0, 120.02, 33.02), EAST),
    )
    const report = await coverage(t, '320924')
    expect(report.summary).toMatchObject({ gapAreaM2: 0, overlapAreaM2: 0 })
    expect(areaKinds(report)).toEqual([])

    // Stored coordinates lie on a 1 cm grid (grid-precision.ts): nothing under ~2 cm wide is an overlap.
    const strict = await createTestApp({ COVERAGE_MIN_AREA_M2: '0.1' }, { reset: false })
    try {
      expect((await coverage(strict, '320924')).summary.overlapAreaM2).toBe(0)
      // A strip 3e-7° (3.3 cm) tall along the shared edge, inside the lower grid: a real overlap.
      await importAs(strict, 'grids', grid(rectangle(120.0, 33.0099997, 120.01, 33.01), WEST))
      const seen = (await coverage(strict, '320924')).summary.overlapAreaM2
      expect(seen).toBeGreaterThan(0)
    } finally {
      await strict.close()
    }
  })

  it('gives a household on a shared edge to the lower-coded grid, neither outside nor twice', async () => {
    await cleanTiling()
    await importAs(t, 'households', household('EDGE', 120.005, 33.01))
    const report = await coverage(t, '320924')
    expect(report.summary).toMatchObject({ households: 1, householdsOutside: 0, householdsMulti: 0 })
    expect(report.scores.grids.map((g) => [g.code, g.households])).toEqual([
      [`${WEST}001`, 1],
      [`${WEST}002`, 0],
      [`${EAST}001`, 0],
      [`${EAST}002`, 0],
    ])
  })
})

describe('GET /api/coverage — vertical to the bottom (纵向到底)', () => {
  it('reports a community without grids as empty and as one gap of its whole area', async () => {
    await importAs(t, 'grids', grid(rectangle(120.0, 33.0, 120.01, 33.02), WEST))
    const report = await coverage(t, EAST)
    expect(report.summary).toMatchObject({ gridCount: 0, householdsOutside: 0 })
    expect(spots(report, 'region_empty')).toEqual([expect.objectContaining({ regionCode: EAST, regionLevel: 'community', severity: 'high' })])
    expect(report.summary.gapAreaM2).toBeCloseTo(quadrangleAreaM2(120.01, 33.0, 120.02, 33.02), 0)
  })

  it('reports a street without communities', async () => {
    await importAs(t, 'regions', feature(rectangle(120.02, 33.0, 120.03, 33.02), { code: '320924002', name: '空街道', level: 'street', parentCode: '320924' }))
    const report = await coverage(t, '320924002')
    expect(spots(report, 'region_empty').map((s) => [s.regionCode, s.regionLevel])).toEqual([['320924002', 'street']])
  })

  it('answers 400 for an unknown region and for a malformed code', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/coverage?region=320925', headers: await t.readerHeaders() })).json()).toEqual({
      error: { code: 'invalid_filter', message: 'region: no region "320925"', details: { parameter: 'region' } },
    })
    expect((await t.app.inject({ method: 'GET', url: '/api/coverage?region=32092', headers: await t.readerHeaders() })).statusCode).toBe(400)
    expect((await t.app.inject({ method: 'GET', url: '/api/coverage', headers: await t.readerHeaders() })).statusCode).toBe(400)
  })
})
