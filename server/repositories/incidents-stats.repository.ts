import type { Queryable } from '../db/database'
import type { Bbox } from '../schemas/common.schema'
import type { IncidentFilter } from '../domain/incident-filter'
import { incidentConditions } from './incidents.repository'

export type CellKind = 'hex' | 'square'

export interface BinRow {
  q: number
  r: number
  count: number
  overdue: number
}

/** Past its deadline and not closed by then (still open, or closed late). */
export const OVERDUE = `(i.deadline_at IS NOT NULL AND i.status <> 'rejected' AND coalesce(i.closed_at, now()) > i.deadline_at)`

/**
 * Incidents per bin and how many of them are overdue, from the stored spherical Web Mercator
 * metres (incidents.merc_x/merc_y, migration 007) of the points `points` selects as x, y and
 * overdue. Arithmetic, so that every point falls in exactly one bin (joining points to
 * ST_HexagonGrid cells would count a point on a shared edge twice).
 * square: column q and row r of `size`-wide cells.
 * hex: pointy-top axial coordinates (q, r) of hexagons of circumradius `size`. Per point only
 * three floors: in cube coordinates the hexagons' edges lie on the lines where fq − fr, fr − fs
 * or fs − fq is a whole number, so the triangle between consecutive such lines that holds a point
 * lies in one hexagon (each hexagon is six of them). The triangles are counted first and each is
 * given the hexagon of its centre by cube rounding, as the points themselves would be; a point on
 * an edge goes to one of the hexagons that share it.
 * `OFFSET 0` keeps the per-point expressions a step of their own, evaluated once per point.
 */
function binSql(cell: CellKind, size: string, points: string): string {
  if (cell === 'square') {
    return `SELECT floor(x / ${size}) AS q, floor(y / ${size}) AS r, count(*) AS n, count(*) FILTER (WHERE overdue) AS o
              FROM (${points}) p GROUP BY 1, 2`
  }
  // fq − fr = u − v, fr − fs = u + v, fs − fq = −2u for fq = (√3/3·x − y/3) / size, fr = 2/3·y / size.
  const triangles = `SELECT floor(u - v) AS ta, floor(u + v) AS tb, floor(-2 * u) AS tc, count(*) AS n, count(*) FILTER (WHERE overdue) AS o
                       FROM (SELECT x * (sqrt(3.0) / 3 / ${size}) AS u, y / ${size} AS v, overdue FROM (${points}) p OFFSET 0) p
                      GROUP BY 1, 2, 3`
  // The centre of triangle (ta, tb, tc) back in axial coordinates, then cube rounding.
  return `SELECT CASE WHEN dq > dr AND dq > ds THEN -rr - rs ELSE rq END AS q,
                 CASE WHEN NOT (dq > dr AND dq > ds) AND dr > ds THEN -rq - rs ELSE rr END AS r, n, o
            FROM (SELECT rq, rr, rs, abs(rq - fq) AS dq, abs(rr - fr) AS dr, abs(rs - (-fq - fr)) AS ds, n, o
                    FROM (SELECT fq, fr, round(fq) AS rq, round(fr) AS rr, round(-fq - fr) AS rs, n, o
                            FROM (SELECT ta - (ta + tb + tc) / 3 + (tb - ta) / 3 AS fq, (tb - ta) / 3 AS fr, n, o
                                    FROM (${triangles}) t) f) c) d`
}

export function incidentsStatsRepository(db: Queryable) {
  /** The extent of what `sql` selects as `e`, as [minLng, minLat, maxLng, maxLat]. */
  const extent = async (sql: string, params: unknown[]): Promise<Bbox | null> => {
    const { rows } = await db.query<{ e: Bbox | null }>(
      `SELECT CASE WHEN e IS NULL THEN NULL ELSE json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) END AS e FROM (${sql}) s`,
      params,
    )
    return rows[0]?.e ?? null
  }

  return {
    /**
     * Planner settings for the rest of the transaction, for statements that bin up to a million
     * points from the covering indexes of migration 007:
     * - no JIT: the plans cost as much as a million-row scan, which makes PostgreSQL compile them
     *   first, for up to seconds, to save far less;
     * - memory to hash the bins in: per-point bins look unique to the planner, which would sort
     *   them on disk instead;
     * - no parallel workers: they would ship every point to the leader before it bins them,
     *   slower than binning in one process;
     * - when the filter needs nothing beyond those indexes (no region, grid or polygon), index
     *   pages as cheap as they are cached: those indexes are small and hot, and the default
     *   random_page_cost of 4 would read the whole table rather than all of an index. A region or
     *   polygon reads the table anyway, where the default chooses better.
     */
    async tuneForBins(filter: IncidentFilter): Promise<void> {
      const indexOnly = !(filter.region || filter.grid || filter.polygon)
      await db.query(
        `SET LOCAL jit = off; SET LOCAL work_mem = '64MB'; SET LOCAL max_parallel_workers_per_gather = 0${indexOnly ? '; SET LOCAL random_page_cost = 1.1' : ''}`,
      )
    },

    async bins(filter: IncidentFilter, cell: CellKind, sizeMercator: number): Promise<BinRow[]> {
      const where = incidentConditions(filter, { indexOnly: true })
      const size = where.param(sizeMercator)
      const { rows } = await db.query<BinRow>(
        `SELECT q::int, r::int, sum(n)::int AS count, sum(o)::int AS overdue
           FROM (${binSql(cell, `${size}::float8`, `SELECT i.merc_x AS x, i.merc_y AS y, ${OVERDUE} AS overdue FROM incidents i ${where.where()}`)}) b
          GROUP BY q, r ORDER BY q, r`,
        where.params,
      )
      return rows
    },

    /** The extent of what a filter can cover when it names no area itself: all regions, else all incidents. */
    async extentOf(filter: IncidentFilter): Promise<Bbox | null> {
      if (filter.grid) {
        return 'id' in filter.grid
          ? extent('SELECT ST_Extent(geom) AS e FROM grids WHERE id = $1', [filter.grid.id])
          : extent('SELECT ST_Extent(geom) AS e FROM grids WHERE code = $1', [filter.grid.code])
      }
      if (filter.region) return extent('SELECT ST_Extent(boundary) AS e FROM regions WHERE code = $1', [filter.region])
      return (await extent('SELECT ST_Extent(boundary) AS e FROM regions', [])) ?? extent('SELECT ST_Extent(geom) AS e FROM incidents', [])
    },

    async kpis(filter: IncidentFilter) {
      const where = incidentConditions(filter)
      const hasEvent = (kind: string) => `EXISTS (SELECT 1 FROM incident_events e WHERE e.incident_id = i.id AND e.event = '${kind}')`
      const { rows } = await db.query<IncidentKpiCounts>(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE i.dispatched_at IS NOT NULL)::int AS dispatched,
                count(*) FILTER (WHERE i.dispatched_at IS NOT NULL AND (i.closed_at IS NOT NULL OR i.deadline_at <= now()))::int AS due,
                count(*) FILTER (WHERE i.dispatched_at IS NOT NULL AND i.closed_at IS NOT NULL)::int AS closed,
                count(*) FILTER (WHERE i.closed_at IS NOT NULL AND i.closed_at <= i.deadline_at)::int AS "closedOnTime",
                count(*) FILTER (WHERE i.status IN ('dispatched', 'handled', 'verified') AND i.deadline_at < now())::int AS overdue,
                count(*) FILTER (WHERE i.dispatched_at IS NOT NULL AND ${hasEvent('return')})::int AS reworked,
                count(*) FILTER (WHERE i.dispatched_at IS NOT NULL AND ${hasEvent('extend')})::int AS extended,
                round((avg(extract(epoch FROM i.dispatched_at - i.reported_at)) / 60)::numeric, 1)::float8 AS "discoveryToDispatchMinutes",
                round((avg(extract(epoch FROM i.closed_at - i.dispatched_at)) / 60)::numeric, 1)::float8 AS "dispatchToCloseMinutes",
                count(c.rating)::int AS rated,
                count(*) FILTER (WHERE c.rating IN ('satisfied', 'basically_satisfied'))::int AS satisfied
           FROM incidents i LEFT JOIN citizen_reports c ON c.incident_id = i.id ${where.where()}`,
        where.params,
      )
      return rows[0]
    },

    /** Breakdowns for the linked charts: by category, status, source, day (UTC+8) and grid. */
    async breakdown(filter: IncidentFilter) {
      const where = incidentConditions(filter)
      const group = async (key: string) =>
        (
          await db.query<{ key: string; count: number }>(
            `SELECT ${key} AS key, count(*)::int AS count FROM incidents i ${where.where()} GROUP BY 1 ORDER BY 2 DESC, 1`,
            where.params,
          )
        ).rows
      const byGrid = await db.query<{ gridId: number; count: number; overdue: number }>(
        `SELECT i.grid_id::int AS "gridId", count(*)::int AS count, count(*) FILTER (WHERE ${OVERDUE})::int AS overdue
           FROM incidents i ${where.where()} ${where.where() ? 'AND' : 'WHERE'} i.grid_id IS NOT NULL
          GROUP BY i.grid_id ORDER BY count DESC, i.grid_id`,
        where.params,
      )
      const byDay = await db.query<{ day: string; count: number }>(
        `SELECT to_char(((i.reported_at AT TIME ZONE 'UTC') + interval '8 hours')::date, 'YYYY-MM-DD') AS day, count(*)::int AS count
           FROM incidents i ${where.where()} GROUP BY 1 ORDER BY 1`,
        where.params,
      )
      return {
        byCategory: await group('i.category'),
        byStatus: await group('i.status'),
        bySource: await group('i.source'),
        byDay: byDay.rows,
        byGrid: byGrid.rows,
      }
    },
  }
}

/** The counts behind the incident KPIs; the mean durations are null when nothing was dispatched or closed. */
export interface IncidentKpiCounts {
  total: number
  dispatched: number
  due: number
  closed: number
  closedOnTime: number
  overdue: number
  reworked: number
  extended: number
  rated: number
  satisfied: number
  discoveryToDispatchMinutes: number | null
  dispatchToCloseMinutes: number | null
}
