import type { FastifyInstance } from 'fastify'
import { loadavg } from 'node:os'
import type { Database, Queryable } from '../../server/db/database'
import { incidentConditions } from '../../server/repositories/incidents.repository'
import { parseIncidentFilter, type IncidentFilter } from '../../server/services/incident-filter'
import { mercatorSize } from '../../server/services/incidents/bins'
import { ms, ratio, time, type Timing } from './measure'
import { asBenchUser } from './bench-session'

/** Filter changes an analyst makes on /analyze, as query strings of the aggregate endpoint. */
const FILTERS = [
  'from=2026-10-29&to=2026-11-28',
  'from=2026-08-30&to=2026-11-28&category=traffic,dispute',
  'status=reported,accepted,dispatched',
  'source=hotline&priority=high,urgent',
  'region=320924005',
  'bbox=120.20,33.70,120.40,33.80&from=2026-06-01',
  'category=environment&from=2026-01-01&to=2026-07-01',
]
/** The filters the baselines are measured on: the most incidents to bin (236,000 and 145,000 at ×26). */
const BASELINE_FILTERS = [FILTERS[5], FILTERS[6]]
const SIZE_M = 500

/**
 * Server-side hex aggregation with a million incidents, against the aggregate's previous SQL
 * and against shipping the points for client-side binning, each on the same filters in the same run.
 */
export async function benchAggregate(app: FastifyInstance, db: Database): Promise<{ timings: Timing[]; markdown: string }> {
  // Reads need a login: an analyst's session, as the explorer and the wall would have.
  return asBenchUser(db, 'analyst', (headers) => benchAggregateAs(app, db, headers))
}

async function benchAggregateAs(app: FastifyInstance, db: Database, headers: Record<string, string>): Promise<{ timings: Timing[]; markdown: string }> {
  const loadBefore = loadavg()
  const samples: number[] = []
  const perFilter: Timing[] = []
  for (const filter of FILTERS) {
    const timing = await time(`hex ${SIZE_M} m · ${filter}`, 10, async () => {
      const started = performance.now()
      const response = await app.inject({ method: 'GET', url: `/api/incidents/aggregate?cell=hex&sizeM=${SIZE_M}&${filter}`, headers })
      if (response.statusCode !== 200) throw new Error(response.body)
      samples.push(performance.now() - started)
    })
    perFilter.push(timing)
  }
  const loadAfter = loadavg()
  samples.sort((a, b) => a - b)
  const overall: Timing = {
    name: 'all filter changes',
    runs: samples.length,
    medianMs: samples[Math.floor(samples.length / 2)],
    p95Ms: samples[Math.ceil(samples.length * 0.95) - 1],
  }
  const baselines: { ours: Timing; previous: Timing; points: Timing }[] = []
  for (const qs of BASELINE_FILTERS) {
    const filter = parseIncidentFilter(Object.fromEntries(new URLSearchParams(qs)))
    const size = mercatorSize(SIZE_M, filter.bbox ? (filter.bbox[1] + filter.bbox[3]) / 2 : 33.74)
    const previous = await time(`previous SQL · ${qs}`, 3, () => onPreviousIndexes(db, (tx) => previousBins(tx, filter, size)))
    const points = await time(`points binned in Node · ${qs}`, 3, () => onPreviousIndexes(db, (tx) => pointsBinnedInNode(tx, filter, size)))
    baselines.push({ ours: perFilter[FILTERS.indexOf(qs)], previous, points })
  }
  const row = (t: Timing, goal = '') => `| ${t.name} | ${t.runs} | ${ms(t.medianMs)} | ${ms(t.p95Ms)} | ${goal} |`
  const markdown = [
    '## Incident aggregation (issue 6)',
    '',
    '| measurement | runs | median ms | p95 ms | goal |',
    '|---|---|---|---|---|',
    row(overall, 'p95 ≤ 300 ms'),
    ...perFilter.map((t) => row(t)),
    ...baselines.flatMap(({ previous, points }) => [row(previous), row(points)]),
    '',
    `Load average (1 / 5 / 15 min) before the filter changes ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' / ')}.`,
    'Filter changes are timed through the API (app.inject: routing, validation, SQL, JSON). "Previous SQL" is the',
    'aggregate before migration 007 (Mercator computed per row from geom, planner defaults); "points binned in Node"',
    'fetches the filtered points and bins them in this process, a lower bound of client-side binning (no transfer, no browser).',
    'Both run without the indexes of migration 007 (dropped in a transaction that is rolled back), as they ran before it.',
    '',
    ...baselines.map(
      ({ ours, previous, points }) =>
        `- ${ours.name.replace(/^hex \d+ m · /, '')}: ${ratio(ours, previous)}× faster than the previous SQL, ${ratio(ours, points)}× faster than binning the points (medians ${ms(ours.medianMs)} vs ${ms(previous.medianMs)} vs ${ms(points.medianMs)} ms).`,
    ),
    '',
  ].join('\n')
  return { timings: [overall, ...perFilter, ...baselines.flatMap(({ previous, points }) => [previous, points])], markdown }
}

class RolledBack extends Error {}

/** Runs `work` in a transaction without the aggregation indexes of migration 007, then rolls back. */
async function onPreviousIndexes(db: Database, work: (tx: Queryable) => Promise<unknown>): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await tx.query('DROP INDEX incidents_bins_time_idx, incidents_bins_facets_idx')
      await work(tx)
      throw new RolledBack()
    })
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error
  }
}

/** The filter's WHERE as it was before migration 007 (bbox by `&&` on geom); time, category and bbox only. */
function previousConditions(filter: IncidentFilter) {
  const where = incidentConditions({ from: filter.from, to: filter.to, categories: filter.categories })
  if (filter.bbox) where.add('i.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)', ...filter.bbox)
  return where
}

/** The aggregate's hex bins as its SQL read before migration 007, run as it ran (one statement, planner defaults). */
async function previousBins(db: Queryable, filter: IncidentFilter, size: number) {
  const where = previousConditions(filter)
  const s = `${where.param(size)}::float8`
  return db.query(
    `WITH p AS (SELECT 6378137.0 * radians(ST_X(i.geom)) AS x, 6378137.0 * ln(tan(pi() / 4 + radians(ST_Y(i.geom)) / 2)) AS y,
                       (i.deadline_at IS NOT NULL AND i.status <> 'rejected' AND coalesce(i.closed_at, now()) > i.deadline_at) AS overdue
                  FROM incidents i ${where.where()}),
          b AS (SELECT CASE WHEN dq > dr AND dq > ds THEN -rr - rs ELSE rq END::bigint AS q,
                       CASE WHEN NOT (dq > dr AND dq > ds) AND dr > ds THEN -rq - rs ELSE rr END::bigint AS r, overdue
                  FROM (SELECT rq, rr, rs, abs(rq - fq) AS dq, abs(rr - fr) AS dr, abs(rs - (-fq - fr)) AS ds, overdue
                          FROM (SELECT fq, fr, round(fq) AS rq, round(fr) AS rr, round(-fq - fr) AS rs, overdue
                                  FROM (SELECT (sqrt(3.0) / 3 * x - y / 3) / ${s} AS fq, (2.0 / 3 * y) / ${s} AS fr, overdue FROM p) f) c) d)
     SELECT q::int, r::int, count(*)::int AS count, count(*) FILTER (WHERE overdue)::int AS overdue FROM b GROUP BY q, r ORDER BY q, r`,
    where.params,
  )
}

/** The naive alternative: fetch every matching point and bin it outside the database. */
async function pointsBinnedInNode(db: Queryable, filter: IncidentFilter, size: number) {
  const where = previousConditions(filter)
  const { rows } = await db.query<{ lng: number; lat: number }>(
    `SELECT ST_X(i.geom) AS lng, ST_Y(i.geom) AS lat FROM incidents i ${where.where()}`,
    where.params,
  )
  const bins = new Map<string, number>()
  for (const { lng, lat } of rows) {
    const x = 6378137 * ((lng * Math.PI) / 180)
    const y = 6378137 * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))
    const fq = ((Math.sqrt(3) / 3) * x - y / 3) / size
    const fr = ((2 / 3) * y) / size
    let [q, r] = [Math.round(fq), Math.round(fr)]
    const s = Math.round(-fq - fr)
    const [dq, dr, ds] = [Math.abs(q - fq), Math.abs(r - fr), Math.abs(s + fq + fr)]
    if (dq > dr && dq > ds) q = -r - s
    else if (dr > ds) r = -q - s
    bins.set(`${q}:${r}`, (bins.get(`${q}:${r}`) ?? 0) + 1)
  }
  return bins
}
