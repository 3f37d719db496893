import type { Queryable } from '../db/database'
import { incidentConditions } from './incidents.repository'

export interface IncidentFigures {
  open: number
  overdue: number
  due: number
  closedOnTime: number
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

/** Incident figures of a region for the wall. Incidents belong to a region by its boundary, as in GET /api/incidents?region=. */
export function statsRepository(db: Queryable) {
  /** Region conditions plus `now` ($T) and the window in days ($D) as named placeholders. */
  function scoped(region: string, now: Date, days: number) {
    const where = incidentConditions({ region })
    const t = where.param(now)
    const d = where.param(days)
    const named = (sql: string) => sql.replaceAll('$T', t).replaceAll('$D', d)
    return { where, named }
  }

  return {
    async incidentFigures(region: string, now: Date, windowDays: number): Promise<IncidentFigures> {
      const { where, named } = scoped(region, now, windowDays)
      const { rows } = await db.query<IncidentFigures>(
        named(`SELECT count(*) FILTER (WHERE i.status NOT IN ${NOT_OPEN} AND i.reported_at <= $T)::int AS open,
                      count(*) FILTER (WHERE i.status NOT IN ${NOT_OPEN} AND i.reported_at <= $T AND i.deadline_at < $T)::int AS overdue,
                      count(*) FILTER (WHERE ${DUE})::int AS due,
                      count(*) FILTER (WHERE ${DUE} AND ${ON_TIME})::int AS "closedOnTime"
                 FROM incidents i ${where.where()}`),
        where.params,
      )
      return rows[0]
    },

    /** Incidents reported from `from` on, grouped by category, current stage and day (UTC+8). */
    async recentGroups(region: string, from: Date, now: Date): Promise<RecentGroup[]> {
      const where = incidentConditions({ region, from, to: now })
      const { rows } = await db.query<RecentGroup>(
        `SELECT i.category, i.status, ${DAY_UTC8} AS day, count(*)::int AS count
           FROM incidents i ${where.where()} GROUP BY 1, 2, 3`,
        where.params,
      )
      return rows
    },

    /** 按期结案率 per community under `region` (per grid when `region` is a community). */
    async onTimeByUnit(region: string, level: string, now: Date, windowDays: number): Promise<OnTimeRow[]> {
      const units = level === 'community'
        ? `SELECT g.code, g.name, g.geom FROM grids g WHERE g.deleted_at IS NULL AND g.community_code = $1`
        : `SELECT r.code, r.name, r.boundary AS geom FROM regions r WHERE r.level = 'community' AND r.code LIKE $1 || '%'`
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
      const table = layer === 'incidents' ? 'incidents' : 'households'
      const since = layer === 'incidents' ? 'AND t.reported_at >= $2' : ''
      const { rows } = await db.query<{ x: number; y: number }>(
        `SELECT ST_X(t.geom) AS x, ST_Y(t.geom) AS y FROM ${table} t
          WHERE t.county_code = left($1, 6) AND ST_Intersects(t.geom, (SELECT boundary FROM regions WHERE code = $1)) ${since}`,
        layer === 'incidents' ? [region, from] : [region],
      )
      return rows.map((r) => [r.x, r.y])
    },
  }
}
