import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoTown } from '../../server/services/demo-town/seed-demo-town'
import type { CoverageReport } from '../../server/services/coverage/coverage.service'
import { createTestApp, type TestApp } from './helpers/test-app'

// The county report assembled from cached community parts must be the report computed in one
// go — on the demo town with every kind of blind spot planted — before and after writes.
const COUNTY = '320924'
let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
  await t.db.transaction((tx) => seedDemoTown(tx, { scale: 1 }))
}, 300_000)
afterAll(() => t.close())

const cached = async (code = COUNTY): Promise<CoverageReport> => {
  const response = await t.app.inject({ method: 'GET', url: `/api/coverage?region=${code}`, headers: await t.readerHeaders() })
  expect(response.statusCode).toBe(200)
  return response.json()
}

/** The report computed directly as of the same moment, through the same JSON serialisation. */
async function direct(asOf: string, code = COUNTY): Promise<CoverageReport> {
  const response = await t.app.inject({ method: 'GET', url: `/api/coverage?region=${code}&asOf=${encodeURIComponent(asOf)}`, headers: await t.readerHeaders() })
  expect(response.statusCode).toBe(200)
  return response.json()
}

/** Blind spots in a fixed order (ties in severity may come in any order), areas to the square metre. */
function comparable(report: CoverageReport) {
  const round = (value: unknown): unknown =>
    typeof value === 'number' && !Number.isInteger(value)
      ? Math.round(value)
      : Array.isArray(value)
        ? value.map(round)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]))
          : value
  const features = [...report.blindSpots.features].sort((a, b) => JSON.stringify(a.properties).localeCompare(JSON.stringify(b.properties)))
  return round({ summary: report.summary, scores: report.scores, features: features.map((f) => f.properties) })
}

async function expectSameAsDirect(): Promise<CoverageReport> {
  const report = await cached()
  expect(comparable(report)).toEqual(comparable(await direct(report.summary.asOf)))
  return report
}

describe('the coverage cache', () => {
  it('assembles the county report from community parts exactly as the one-go report', async () => {
    const report = await expectSameAsDirect()
    const kinds = Object.keys(report.summary.blindSpotsByKind)
    for (const kind of ['gap', 'overlap', 'household_outside', 'grid_unstaffed', 'grid_no_party_member', 'service_gap', 'grid_unpatrolled']) {
      expect(kinds, `the demo town plants ${kind}`).toContain(kind)
    }
  })

  it('serves the next report from the cache without recomputing anything', async () => {
    await cached()
    const before = { ...t.app.coverage.computed }
    await cached()
    expect(t.app.coverage.computed).toEqual(before)
  })

  it('after one grid shrinks, recomputes its community and neighbours only, and shows the new gap', async () => {
    const before = await cached()
    const computed = { ...t.app.coverage.computed }
    const {
      rows: [grid],
    } = await t.db.query<{ id: number; community_code: string }>(
      `SELECT id, community_code FROM grids WHERE deleted_at IS NULL ORDER BY code LIMIT 1 OFFSET 20`,
    )
    // Any write path, even plain SQL: the triggers record the change.
    await t.db.query(`UPDATE grids SET geom = ST_Multi(ST_Buffer(geom::geography, -30)::geometry) WHERE id = $1`, [grid.id])
    const after = await expectSameAsDirect()
    expect(after.summary.gapAreaM2).toBeGreaterThan(before.summary.gapAreaM2 + 1000)
    const recomputed = t.app.coverage.computed.communities - computed.communities
    expect(recomputed).toBeGreaterThanOrEqual(1)
    expect(recomputed, "only the grid's community and those it meets").toBeLessThanOrEqual(3)
    expect(t.app.coverage.computed.counties, 'county-wide totals did not change').toBe(computed.counties)
  })

  it('sees an overdue incident and a household written by plain SQL at once', async () => {
    const before = await cached()
    await t.db.query(
      `INSERT INTO incidents (county_code, category, source, priority, status, reported_at, dispatched_at, deadline_at, geom, grid_id)
       SELECT county_code, 'environment', 'patrol', 'normal', 'dispatched', now() - interval '3 days', now() - interval '3 days',
              now() - interval '1 day', ST_PointOnSurface(geom), id
         FROM grids WHERE deleted_at IS NULL ORDER BY code DESC LIMIT 1`,
    )
    await t.db.query(`UPDATE households SET population = population + 5 WHERE id = (SELECT min(id) FROM households)`)
    const after = await expectSameAsDirect()
    expect(after.summary.overdueIncidents).toBe(before.summary.overdueIncidents + 1)
    expect(after.summary.population).toBe(before.summary.population + 5)
  })

  it('caches street and community reports whole, and forgets them when their grids change', async () => {
    const community = (await t.db.query<{ code: string }>(`SELECT code FROM regions WHERE level = 'community' ORDER BY code LIMIT 1`)).rows[0].code
    const first = await cached(community)
    expect(comparable(first)).toEqual(comparable(await direct(first.summary.asOf, community)))
    const reports = t.app.coverage.computed.reports
    await cached(community)
    expect(t.app.coverage.computed.reports).toBe(reports)
    await t.db.query(`UPDATE grids SET name = name || '′' WHERE community_code = $1 AND deleted_at IS NULL`, [community])
    const renamed = await cached(community)
    expect(t.app.coverage.computed.reports).toBe(reports + 1)
    expect(renamed.scores.grids.length).toBe(first.scores.grids.length)
  })

  it('recomputes a part older than COVERAGE_CACHE_SECONDS even when nothing was written', async () => {
    const zero = await createTestApp({ COVERAGE_CACHE_SECONDS: '0' }, { reset: false })
    try {
      const get = async () => zero.app.inject({ method: 'GET', url: `/api/coverage?region=${COUNTY}`, headers: await zero.readerHeaders() })
      expect((await get()).statusCode).toBe(200)
      const computed = zero.app.coverage.computed.communities
      await new Promise((resolve) => setTimeout(resolve, 5))
      expect((await get()).statusCode).toBe(200)
      expect(zero.app.coverage.computed.communities).toBeGreaterThan(computed)
    } finally {
      await zero.app.close()
    }
  })

  it('renews parts in the background before they expire, so a report after a quiet spell waits for nothing', async () => {
    const short = await createTestApp({ COVERAGE_CACHE_SECONDS: '120' }, { reset: false })
    try {
      const get = async () =>
        (await short.app.inject({ method: 'GET', url: `/api/coverage?region=${COUNTY}`, headers: await short.readerHeaders() })).json() as CoverageReport
      const first = await get()
      const counties = short.app.coverage.computed.counties
      short.app.coverage.startRenewing({ everyMs: 250, afterMs: 1_000 })
      // Wait for a renewal pass that recomputed the county, then for that pass to end.
      while (short.app.coverage.computed.counties === counties || short.app.coverage.computed.renewals === 0) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      const passes = short.app.coverage.computed.renewals
      while (short.app.coverage.computed.renewals === passes) await new Promise((resolve) => setTimeout(resolve, 20))
      // A slow machine may have begun another pass meanwhile: let it end before counting.
      await short.app.coverage.stopRenewing()
      const computedParts = () => {
        const { renewals: _, ...parts } = short.app.coverage.computed
        return parts
      }
      const renewed = computedParts()
      const later = await get()
      expect(new Date(later.summary.asOf).getTime(), 'renewed without being asked').toBeGreaterThan(new Date(first.summary.asOf).getTime())
      expect(computedParts(), 'and served from the cache').toEqual(renewed)
    } finally {
      await short.app.close()
    }
  })
})
