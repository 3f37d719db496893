import type { FastifyInstance } from 'fastify'
import type { Database } from '../../server/db/database'
import { rehomeWithin } from '../../server/repositories/home-grid'
import { CoverageCache } from '../../server/services/coverage/coverage-cache'
import { asBenchUser } from './bench-session'
import { ms, ratio, time, timeEach, type Timing } from './measure'

const COUNTY = '320924'

/** Coverage engine at county scale, against the naive queries a first version would write. */
export async function benchCoverage(app: FastifyInstance, db: Database): Promise<{ timings: Timing[]; markdown: string }> {
  // Reads need a login: an analyst's session, as the explorer and the wall would have.
  return asBenchUser(db, 'analyst', (headers) => benchCoverageAs(app, db, headers))
}

async function benchCoverageAs(app: FastifyInstance, db: Database, headers: Record<string, string>): Promise<{ timings: Timing[]; markdown: string }> {
  const report = async (region: string) => {
    const started = performance.now()
    const response = await app.inject({ method: 'GET', url: `/api/coverage?region=${region}`, headers })
    if (response.statusCode !== 200) throw new Error(response.body)
    return performance.now() - started
  }
  const { rows: samples } = await db.query<{ community: string; code: string }>(
    `SELECT community_code AS community, code FROM grids WHERE deleted_at IS NULL AND code LIKE $1 || '%' ORDER BY code OFFSET 500 LIMIT 1`,
    [COUNTY],
  )
  const sample = samples[0]
  let grow = true
  /** A grid grows or shrinks by ~0.1 m and its households are re-homed, as a save does (not timed). */
  const editOneGrid = async () => {
    await db.transaction(async (tx) => {
      await tx.query(
        `UPDATE grids SET geom = ST_Multi(ST_CollectionExtract(ST_Buffer(geom, $2::float8, 'join=mitre'), 3)), version = version + 1 WHERE code = $1`,
        [sample.code, grow ? 1e-6 : -1e-6],
      )
      for (const sql of rehomeWithin('(SELECT ST_Expand(geom, 1e-5) FROM grids WHERE code = $1)')) await tx.query(sql, [sample.code])
    })
    grow = !grow
  }

  const oneGo = await time(
    'county report in one go, no cache (GET /api/coverage&asOf=…, the engine before the cache)',
    2,
    async () => {
      const response = await app.inject({ method: 'GET', url: `/api/coverage?region=${COUNTY}&asOf=${encodeURIComponent(new Date().toISOString())}`, headers })
      if (response.statusCode !== 200) throw new Error(response.body)
    },
    0,
  )
  const cold = await time(
    'county report, cold: every community part computed (JSON included)',
    2,
    async () => {
      JSON.stringify(await new CoverageCache(db, app.config.coverage, 60_000).report(COUNTY))
    },
    0,
  )
  await report(COUNTY)
  const countyCached = await timeEach('county report, nothing written since (GET /api/coverage)', 10, () => report(COUNTY))
  const countyAfterEdit = await timeEach('county report right after a single grid edit (GET /api/coverage)', 10, async () => {
    await editOneGrid()
    return report(COUNTY)
  })
  await report(sample.community)
  const communityCached = await timeEach(`community report (${sample.community}), nothing written since`, 10, () => report(sample.community))
  const communityAfterEdit = await timeEach(`community report (${sample.community}) right after a single grid edit`, 10, async () => {
    await editOneGrid()
    return report(sample.community)
  })

  const oursArea = await time('ours: gaps + overlaps with the households in them', 3, async () => {
    await db.query(`SELECT count(*) FROM grids WHERE deleted_at IS NULL`)
    const { coverageAreaRepository } = await import('../../server/repositories/coverage-area.repository')
    const area = coverageAreaRepository(db)
    await area.gaps(COUNTY, 1)
    await area.overlaps(COUNTY, 1)
  })
  const naivePairs = await time(
    'naive: every pair of grids intersected (no index)',
    1,
    () =>
      db.query(
        `SELECT count(*), sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography))
         FROM grids a JOIN grids b ON a.id < b.id AND NOT ST_Disjoint(a.geom, b.geom)
        WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL`,
      ),
    0,
  )
  const naivePoints = await time(
    'naive: every household tested against the grids (point in polygon)',
    1,
    () =>
      db.query(
        `SELECT count(*) FILTER (WHERE n = 0) AS outside, count(*) FILTER (WHERE n > 1) AS multi
         FROM (SELECT h.id, count(g.id) AS n FROM households h
                 LEFT JOIN grids g ON g.deleted_at IS NULL AND ST_Intersects(g.geom, h.geom)
                GROUP BY h.id) s`,
      ),
    0,
  )
  const naive: Timing = { name: 'naive total', runs: 1, medianMs: naivePairs.medianMs + naivePoints.medianMs, p95Ms: naivePairs.p95Ms + naivePoints.p95Ms }

  const timings = [oneGo, cold, countyCached, countyAfterEdit, communityCached, communityAfterEdit, oursArea, naivePairs, naivePoints]
  const row = (t: Timing, goal = '') => `| ${t.name} | ${t.runs} | ${ms(t.medianMs)} | ${ms(t.p95Ms)} | ${goal} |`
  const markdown = [
    '## Coverage engine (issue 3)',
    '',
    'Reports as of now come from a cache of per-community parts (server/services/coverage/coverage-cache.ts):',
    'triggers record which communities every write touched, and only those parts are recomputed.',
    '',
    '| measurement | runs | median ms | p95 ms | goal |',
    '|---|---|---|---|---|',
    row(oneGo),
    row(cold),
    row(countyCached, '≤ 2000 ms'),
    row(countyAfterEdit, '≤ 2000 ms'),
    row(communityCached, '≤ 200 ms'),
    row(communityAfterEdit, '≤ 200 ms'),
    row(oursArea),
    row(naivePairs),
    row(naivePoints),
    '',
    `County report right after a grid edit vs the same report computed in one go, same run: **${ratio(countyAfterEdit, oneGo)}× faster** (${ms(countyAfterEdit.medianMs)} ms vs ${ms(oneGo.medianMs)} ms).`,
    `Gaps, overlaps and the households in them, ours vs naive (pairwise intersection of every grid pair + point-in-polygon for every household), same database, same run: **${ratio(oursArea, naive)}× faster** (${ms(oursArea.medianMs)} ms vs ${ms(naive.medianMs)} ms).`,
    '',
  ].join('\n')
  return { timings, markdown }
}
