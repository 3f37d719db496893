import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { destination } from '../fixtures/geodesy'
import { EAST, feature, point, rectangle, smallTownRegions, WEST } from '../fixtures/small-town'
import { coverage, household, importAs, spots } from './helpers/coverage-fixture'
import { createTestApp, emptyDatabase, type TestApp } from './helpers/test-app'

let t: TestApp
const AS_OF = '2026-11-28T00:00:00+08:00'
const daysBefore = (days: number) => new Date(new Date(AS_OF).getTime() - days * 86_400_000).toISOString()

beforeAll(async () => {
  t = await createTestApp({ GRID_HOUSEHOLDS_MIN: '2', GRID_HOUSEHOLDS_MAX: '3', WORKER_MAX_GRIDS: '2' })
})
afterAll(() => t.close())
beforeEach(async () => {
  await emptyDatabase(t)
  await importAs(t, 'regions', ...smallTownRegions.features)
  // West: north (001) and south (002) comprehensive grids; east: one dedicated grid (a school).
  await importAs(
    t,
    'grids',
    feature(rectangle(120.0, 33.01, 120.01, 33.02), { name: '北', type: 'comprehensive', communityCode: WEST }),
    feature(rectangle(120.0, 33.0, 120.01, 33.01), { name: '南', type: 'comprehensive', communityCode: WEST }),
    feature(rectangle(120.01, 33.0, 120.02, 33.02), { name: '学校', type: 'dedicated', communityCode: EAST }),
  )
})

const gridId = async (code: string) => (await t.db.query<{ id: number }>('SELECT id::int FROM grids WHERE code = $1', [code])).rows[0].id

async function worker(name: string, partyMember: boolean, ...gridCodes: string[]) {
  const { rows } = await t.db.query<{ id: number }>(
    `INSERT INTO grid_workers (county_code, name, role, is_party_member) VALUES ('320924', $1, 'full_time', $2) RETURNING id::int`,
    [name, partyMember],
  )
  for (const code of gridCodes) {
    await t.db.query(`INSERT INTO grid_assignments (worker_id, grid_id, county_code) VALUES ($1, $2, '320924')`, [rows[0].id, await gridId(code)])
  }
  return rows[0].id
}

const bySeverityFree = (list: ReturnType<typeof spots>) => list.map((s) => s.gridCode).sort()

describe('vacuums (真空)', () => {
  it('flags grids with no worker, grids with no party member, and a worker spread over too many grids', async () => {
    await worker('张三', false, `${WEST}001`)
    const spread = await worker('李四', true, `${WEST}001`, `${WEST}002`, `${EAST}001`)
    await t.db.query(`INSERT INTO party_groups (grid_id, county_code, name, member_count) VALUES ($1, '320924', '学校党小组', 5)`, [await gridId(`${EAST}001`)])
    await t.db.query(`DELETE FROM grid_assignments WHERE worker_id = $1 AND grid_id = $2`, [spread, await gridId(`${EAST}001`)])
    await worker('王五', false, `${EAST}001`)

    let report = await coverage(t, '320924', AS_OF)
    expect(spots(report, 'grid_unstaffed')).toEqual([])
    expect(spots(report, 'worker_overloaded')).toEqual([])

    // Take 李四 off the south grid: it has nobody now, and no party member either.
    await t.db.query(`DELETE FROM grid_assignments WHERE worker_id = $1 AND grid_id = $2`, [spread, await gridId(`${WEST}002`)])
    report = await coverage(t, '320924', AS_OF)
    expect(bySeverityFree(spots(report, 'grid_unstaffed'))).toEqual([`${WEST}002`])
    expect(bySeverityFree(spots(report, 'grid_no_party_member'))).toEqual([`${WEST}002`])
    expect(report.summary).toMatchObject({ gridsUnstaffed: 1, householdsInUnstaffedGrids: 0 })

    // 张三 (not a party member) alone on the north grid, 李四 moved to the south and east grids too.
    await t.db.query(`DELETE FROM grid_assignments WHERE worker_id = $1`, [spread])
    await worker('赵六', false, `${WEST}002`, `${WEST}001`, `${EAST}001`)
    report = await coverage(t, '320924', AS_OF)
    expect(bySeverityFree(spots(report, 'grid_no_party_member'))).toEqual([`${WEST}001`, `${WEST}002`])
    expect(spots(report, 'worker_overloaded').map((s) => s.gridCodes)).toEqual([[`${WEST}001`, `${WEST}002`, `${EAST}001`]])
  })

  it('judges comprehensive grids against the household norm and exempts dedicated ones', async () => {
    await importAs(
      t,
      'households',
      household('N1', 120.002, 33.012),
      household('N2', 120.004, 33.014),
      household('N3', 120.006, 33.016),
      household('N4', 120.008, 33.018),
      household('S1', 120.002, 33.002),
      household('E1', 120.012, 33.012),
    )
    const report = await coverage(t, '320924', AS_OF)
    expect(spots(report, 'grid_oversized').map((s) => [s.gridCode, s.households])).toEqual([[`${WEST}001`, 4]])
    expect(spots(report, 'grid_undersized').map((s) => [s.gridCode, s.households])).toEqual([[`${WEST}002`, 1]])
    expect(spots(report, 'grid_empty')).toEqual([])
  })
})

describe('service blind spots', () => {
  it('counts a household 301 m from the only convenience point as lacking, and one 299 m away as served', async () => {
    const near: [number, number] = [120.003, 33.005]
    const far: [number, number] = [120.007, 33.015]
    await importAs(t, 'households', household('NEAR', ...near), household('FAR', ...far))
    await importAs(
      t,
      'service-points',
      feature(point(...destination(...near, 90, 299)), { name: '便民店甲', category: 'convenience' }),
      feature(point(...destination(...far, 270, 301)), { name: '便民店乙', category: 'convenience' }),
    )

    const report = await coverage(t, '320924', AS_OF)
    expect(report.summary.service.convenience).toEqual({ distanceM: 300, servicePoints: 2, householdsLacking: 1 })
    const convenience = spots(report, 'service_gap').filter((s) => s.category === 'convenience')
    expect(convenience.map((s) => [s.householdExternalIds, s.severity, s.distanceM])).toEqual([[['FAR'], 'medium', 300]])
    // No health point at all: every household lacks one, and that is severe.
    expect(
      spots(report, 'service_gap')
        .filter((s) => s.category === 'health')
        .map((s) => [s.householdExternalIds, s.severity]),
    ).toEqual([[['NEAR', 'FAR'], 'high']])

    // County-wide lists are capped; the count stays exact.
    const capped = await createTestApp({ SERVICE_GAP_LIST_MAX: '1' }, { reset: false })
    try {
      const health = spots(await coverage(capped, '320924', AS_OF), 'service_gap').find((s) => s.category === 'health')!
      expect([health.householdCount, health.householdsListed, health.householdExternalIds]).toEqual([2, 1, ['NEAR']])
    } finally {
      await capped.close()
    }
  })
})

describe('service access kept by the write paths', () => {
  it('gives the same answer whether the households or the service points came first', async () => {
    const near: [number, number] = [120.003, 33.005]
    const far: [number, number] = [120.007, 33.015]
    await importAs(
      t,
      'service-points',
      feature(point(...destination(...near, 90, 299)), { name: '便民店甲', category: 'convenience' }),
      feature(point(...destination(...far, 270, 301)), { name: '便民店乙', category: 'convenience' }),
    )
    await importAs(t, 'households', household('NEAR', ...near), household('FAR', ...far))
    const report = await coverage(t, '320924', AS_OF)
    expect(report.summary.service.convenience).toEqual({ distanceM: 300, servicePoints: 2, householdsLacking: 1 })

    // A third point 200 m from FAR serves it too, once it is imported.
    await importAs(t, 'service-points', feature(point(...destination(...far, 0, 200)), { name: '便民店丙', category: 'convenience' }))
    const after = await coverage(t, '320924', AS_OF)
    expect(after.summary.service.convenience).toEqual({ distanceM: 300, servicePoints: 3, householdsLacking: 0 })
  })
})

describe('patrol and response blind spots', () => {
  async function visit(code: string, daysAgo: number) {
    const id = await worker(`巡查员${code}`, true)
    await t.db.query(
      `INSERT INTO patrol_visits (county_code, worker_id, grid_id, geom, visited_at) VALUES ('320924', $1, $2, ST_SetSRID(ST_MakePoint(120.005, 33.005), 4326), $3)`,
      [id, await gridId(code), daysBefore(daysAgo)],
    )
  }

  it('flags a grid last patrolled 31 days ago and one never patrolled, not one patrolled 29 days ago', async () => {
    await visit(`${WEST}001`, 29)
    await visit(`${WEST}002`, 31)
    const report = await coverage(t, '320924', AS_OF)
    expect(
      spots(report, 'grid_unpatrolled')
        .map((s) => [s.gridCode, s.daysSincePatrol, s.severity])
        .sort(),
    ).toEqual([
      [`${WEST}002`, 31, 'medium'],
      [`${EAST}001`, null, 'high'],
    ])
  })

  async function incident(code: string, status: string, deadlineDaysAgo: number, closedDaysAgo: number | null) {
    await t.db.query(
      `INSERT INTO incidents (county_code, category, source, status, geom, grid_id, reported_at, dispatched_at, deadline_at, closed_at)
       VALUES ('320924', 'environment', 'patrol', $1, ST_SetSRID(ST_MakePoint(120.005, 33.005), 4326), $2, $3, $3, $4, $5)`,
      [status, await gridId(code), daysBefore(deadlineDaysAgo + 2), daysBefore(deadlineDaysAgo), closedDaysAgo === null ? null : daysBefore(closedDaysAgo)],
    )
  }

  it('flags a grid with overdue open incidents and a grid closing too few on time', async () => {
    await incident(`${WEST}001`, 'dispatched', 1, null) // open, deadline passed: overdue
    await incident(`${WEST}001`, 'dispatched', -1, null) // open, deadline ahead: fine
    for (const late of [true, true, false, false, false]) await incident(`${WEST}002`, 'closed', 10, late ? 9 : 11)
    for (const late of [true, false, false, false, false]) await incident(`${EAST}001`, 'closed', 10, late ? 9 : 11)
    const report = await coverage(t, '320924', AS_OF)
    expect(spots(report, 'grid_overdue').map((s) => [s.gridCode, s.overdue])).toEqual([[`${WEST}001`, 1]])
    expect(spots(report, 'grid_low_on_time_rate').map((s) => [s.gridCode, s.onTimeRate, s.due])).toEqual([[`${WEST}002`, 0.6, 5]])
    // 按期结案率 = closed on time / due: 3 + 4 of 5 + 5, plus the overdue one, due and not closed.
    expect(report.summary).toMatchObject({ overdueIncidents: 1, onTimeRate: 7 / 11 })
  })
})

describe('scores', () => {
  it('rolls grid scores up to the community and the county, and lowers a grid for each finding', async () => {
    await worker('甲', true, `${WEST}001`, `${WEST}002`, `${EAST}001`)
    const before = await coverage(t, '320924', AS_OF)
    const score = (report: typeof before, code: string) => report.scores.grids.find((g) => g.code === code)!.score
    await t.db.query('DELETE FROM grid_assignments')
    const after = await coverage(t, '320924', AS_OF)
    expect(score(before, `${WEST}001`) - score(after, `${WEST}001`)).toBe(30 + 10)
    expect(after.scores.grids.find((g) => g.code === `${WEST}001`)!.kinds).toContain('grid_unstaffed')
  })
})
