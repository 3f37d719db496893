import type { Queryable } from '../db/database'
import { isCounty } from './sql-fragments'

export interface IncidentFigures {
  open: number
  overdue: number
  due: number
  closedOnTime: number
  /** Residents' ratings given in the window, and how many of them 满意 or 基本满意. */
  rated: number
  satisfied: number
}

export interface RecentGroup {
  category: string
  status: string
  day: string
  count: number
}

export interface OnTimeRow {
  code: string
  name: string
  due: number
  closedOnTime: number
}

const NOT_OPEN = `('closed', 'rejected')`
// 按期结案率 exactly as the coverage engine judges it: incidents due in the window, not rejected.
const DUE = `i.status <> 'rejected' AND i.deadline_at >= $T::timestamptz - make_interval(days => $D) AND i.deadline_at < $T`
const ON_TIME = 'i.closed_at IS NOT NULL AND i.closed_at <= i.deadline_at'
const DAY_UTC8 = `to_char(((i.reported_at AT TIME ZONE 'UTC') + interval '8 hours')::date, 'YYYY-MM-DD')`

/**
 * Incident figures of a region for the wall. Incidents belong to a region by its boundary (a county by county_code: isCounty), as in
 * GET /api/incidents?region=. The cheap conditions (status, deadline, reporting window) pick the
 * candidates first, through the county's btree indexes, and only those are tested against the
 * boundary: a region's bounding box holds most of its county's incidents, so leading with the
 * spatial index would test every one of them against the polygon.
 */
export function statsRepository(db: Queryable) {
  /** The region's incidents among `candidates` (a MATERIALIZED set of rows with geom), as `c`. */
  const inRegion = (region: string, candidates: string) =>
    isCounty(region)
      ? candidates
      : `WITH c AS MATERIALIZED (${candidates})
     SELECT * FROM c WHERE ST_Intersects(c.geom, (SELECT boundary FROM regions WHERE code = $1))`

  return {
    async incidentFigures(region: string, now: Date, windowDays: number): Promise<IncidentFigures> {
      const open = `i.status NOT IN ${NOT_OPEN} AND i.reported_at <= $2`
      const due = DUE.replaceAll('$T', '$2').replaceAll('$D', '$3')
      const { rows } = await db.query<IncidentFigures>(
        `SELECT count(*) FILTER (WHERE is_open)::int AS open,
                count(*) FILTER (WHERE is_open AND deadline_at < $2)::int AS overdue,
                count(*) FILTER (WHERE is_due)::int AS due,
                count(*) FILTER (WHERE is_due AND on_time)::int AS "closedOnTime"
           FROM (${inRegion(
             region,
             `SELECT i.geom, i.deadline_at, (${open}) AS is_open, (${due}) AS is_due, (${ON_TIME}) AS on_time
                               FROM incidents i WHERE i.county_code = left($1, 6) AND ((${open}) OR (${due}))`,
           )}) r`,
        [region, now, windowDays],
      )
      const ratings = await db.query<{ rated: number; satisfied: number }>(
        `SELECT count(*)::int AS rated, count(*) FILTER (WHERE rating IN ('satisfied', 'basically_satisfied'))::int AS satisfied
           FROM (${inRegion(
             region,
             `SELECT i.geom, c.rating FROM citizen_reports c JOIN incidents i ON i.id = c.incident_id
                               WHERE c.county_code = left($1, 6) AND c.rated_at > $2::timestamptz - make_interval(days => $3) AND c.rated_at <= $2`,
           )}) r`,
        [region, now, windowDays],
      )
      return { ...rows[0], ...ratings.rows[0] }
    },

    /** Incidents reported from `from` on, grouped by category, current stage and day (UTC+8). */
    async recentGroups(region: string, from: Date, now: Date): Promise<RecentGroup[]> {
      const { rows } = await db.query<RecentGroup>(
        `SELECT r.category, r.status, ${DAY_UTC8.replaceAll('i.', 'r.')} AS day, count(*)::int AS count
           FROM (${inRegion(
             region,
             `SELECT i.geom, i.category, i.status, i.reported_at FROM incidents i
                              WHERE i.county_code = left($1, 6) AND i.reported_at >= $2 AND i.reported_at < $3`,
           )}) r
          GROUP BY 1, 2, 3`,
        [region, from, now],
      )
      return rows
    },

    /** 按期结案率 per community under `region` (per grid when `region` is a community). */
    async onTimeByUnit(region: string, level: string, now: Date, windowDays: number): Promise<OnTimeRow[]> {
      const units =
        level === 'community'
          ? `SELECT g.code, g.name, g.geom FROM grids g WHERE g.deleted_at IS NULL AND g.community_code = $1`
          : `SELECT r.code, r.name, r.boundary AS geom FROM regions r WHERE r.level = 'community' AND r.code LIKE $1 || '%'`
      // Here the spatial index does narrow things down: each unit's box holds a part of the county.
      const { rows } = await db.query<OnTimeRow>(
        `WITH u AS (${units})
         SELECT u.code, u.name,
                count(i.id)::int AS due,
                count(i.id) FILTER (WHERE ${ON_TIME})::int AS "closedOnTime"
           FROM u LEFT JOIN incidents i
             ON i.county_code = left($1, 6) AND ST_Intersects(i.geom, u.geom) AND ${DUE.replaceAll('$T', '$2').replaceAll('$D', '$3')}
          GROUP BY u.code, u.name ORDER BY u.code`,
        [region, now, windowDays],
      )
      return rows
    },

    /** Grid workers assigned to at least one active grid of the region. */
    async workers(region: string): Promise<number> {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(DISTINCT a.worker_id)::int AS n
           FROM grid_assignments a JOIN grids g ON g.id = a.grid_id
          WHERE g.deleted_at IS NULL AND g.code LIKE $1 || '%'`,
        [region],
      )
      return rows[0].n
    },

    /** Households, or incidents reported from `from` on, of the region (by its boundary, as the list APIs do). */
    async points(region: string, layer: 'households' | 'incidents', from: Date): Promise<[number, number][]> {
      // Households have nothing cheaper to go by than the region's box (the spatial index).
      const sql =
        layer === 'incidents'
          ? `SELECT ST_X(r.geom) AS x, ST_Y(r.geom) AS y
             FROM (${inRegion(region, 'SELECT t.geom FROM incidents t WHERE t.county_code = left($1, 6) AND t.reported_at >= $2')}) r`
          : `SELECT ST_X(t.geom) AS x, ST_Y(t.geom) AS y FROM households t
            WHERE t.county_code = left($1, 6)${isCounty(region) ? '' : ' AND ST_Intersects(t.geom, (SELECT boundary FROM regions WHERE code = $1))'}`
      const { rows } = await db.query<{ x: number; y: number }>(sql, layer === 'incidents' ? [region, from] : [region])
      return rows.map((r) => [r.x, r.y])
    },
  }
}
