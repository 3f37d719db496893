import type { Queryable } from '../db/database'
import type { IncidentFilter } from '../services/incident-filter'
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

// Spherical Web Mercator in metres: plain arithmetic, identical on every engine, no proj needed.
const MERC_X = '6378137.0 * radians(ST_X(i.geom))'
const MERC_Y = '6378137.0 * ln(tan(pi() / 4 + radians(ST_Y(i.geom)) / 2))'

/**
 * Bin indices per incident, computed arithmetically so that every point falls in exactly one bin
 * (joining points to ST_HexagonGrid cells would count a point on a shared edge twice).
 * hex: pointy-top axial coordinates (q, r) by cube rounding; `size` is the circumradius in
 * Mercator metres. square: column and row of `size`-wide cells.
 */
function binSql(cell: CellKind, size: string): string {
  if (cell === 'square') return `SELECT floor(x / ${size})::bigint AS q, floor(y / ${size})::bigint AS r, overdue FROM p`
  return `SELECT CASE WHEN dq > dr AND dq > ds THEN -rr - rs ELSE rq END::bigint AS q,
                 CASE WHEN NOT (dq > dr AND dq > ds) AND dr > ds THEN -rq - rs ELSE rr END::bigint AS r,
                 overdue
            FROM (SELECT rq, rr, rs, abs(rq - fq) AS dq, abs(rr - fr) AS dr, abs(rs - (-fq - fr)) AS ds, overdue
                    FROM (SELECT fq, fr, round(fq) AS rq, round(fr) AS rr, round(-fq - fr) AS rs, overdue
                            FROM (SELECT (sqrt(3.0) / 3 * x - y / 3) / ${size} AS fq, (2.0 / 3 * y) / ${size} AS fr, overdue FROM p) f) c) d`
}

export function incidentsStatsRepository(db: Queryable) {
  return {
    async bins(filter: IncidentFilter, cell: CellKind, sizeMercator: number): Promise<BinRow[]> {
      const where = incidentConditions(filter)
      const size = where.param(sizeMercator)
      const { rows } = await db.query<BinRow>(
        `WITH p AS (SELECT ${MERC_X} AS x, ${MERC_Y} AS y, ${OVERDUE} AS overdue FROM incidents i ${where.where()}),
              b AS (${binSql(cell, `${size}::float8`)})
         SELECT q::int, r::int, count(*)::int AS count, count(*) FILTER (WHERE overdue)::int AS overdue
           FROM b GROUP BY q, r ORDER BY q, r`,
        where.params,
      )
      return rows
    },

    /** The latitude span of what a filter can cover when it names no area itself: all regions, else all incidents. */
    async extentOf(filter: IncidentFilter): Promise<[number, number, number, number] | null> {
      const area = filter.grid
        ? { sql: `SELECT ST_Extent(geom) AS e FROM grids WHERE ${'id' in filter.grid ? 'id = $1' : 'code = $1'}`, params: ['id' in filter.grid ? filter.grid.id : filter.grid.code] }
        : filter.region
          ? { sql: 'SELECT ST_Extent(boundary) AS e FROM regions WHERE code = $1', params: [filter.region] }
          : { sql: `SELECT coalesce((SELECT ST_Extent(boundary) FROM regions), (SELECT ST_Extent(geom) FROM incidents)) AS e`, params: [] }
      const { rows } = await db.query<{ e: [number, number, number, number] | null }>(
        `SELECT CASE WHEN e IS NULL THEN NULL ELSE json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) END AS e FROM (${area.sql}) s`,
        area.params,
      )
      return rows[0]?.e ?? null
    },

    async kpis(filter: IncidentFilter) {
      const where = incidentConditions(filter)
      const hasEvent = (kind: string) => `EXISTS (SELECT 1 FROM incident_events e WHERE e.incident_id = i.id AND e.event = '${kind}')`
      const { rows } = await db.query<Record<string, number | null>>(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE i.dispatched_at IS NOT NULL)::int AS dispatched,
                count(*) FILTER (WHERE i.dispatched_at IS NOT NULL AND (i.closed_at IS NOT NULL OR i.deadline_at <= now()))::int AS due,
                count(*) FILTER (WHERE i.dispatched_at IS NOT NULL AND i.closed_at IS NOT NULL)::int AS closed,
                count(*) FILTER (WHERE i.closed_at IS NOT NULL AND i.closed_at <= i.deadline_at)::int AS "closedOnTime",
                count(*) FILTER (WHERE i.status IN ('dispatched', 'handled', 'verified') AND i.deadline_at < now())::int AS overdue,
                count(*) FILTER (WHERE i.dispatched_at IS NOT NULL AND ${hasEvent('return')})::int AS reworked,
                count(*) FILTER (WHERE i.dispatched_at IS NOT NULL AND ${hasEvent('extend')})::int AS extended,
                round((avg(extract(epoch FROM i.dispatched_at - i.reported_at)) / 60)::numeric, 1)::float8 AS "discoveryToDispatchMinutes",
                round((avg(extract(epoch FROM i.closed_at - i.dispatched_at)) / 60)::numeric, 1)::float8 AS "dispatchToCloseMinutes"
           FROM incidents i ${where.where()}`,
        where.params,
      )
      return rows[0]
    },

    /** Breakdowns for the linked charts: by category, status, source, day (UTC+8) and grid. */
    async breakdown(filter: IncidentFilter) {
      const where = incidentConditions(filter)
      const group = async (key: string) =>
        (await db.query<{ key: string; count: number }>(
          `SELECT ${key} AS key, count(*)::int AS count FROM incidents i ${where.where()} GROUP BY 1 ORDER BY 2 DESC, 1`,
          where.params,
        )).rows
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
