import type { Queryable } from '../db/database'
import type { GridType } from '../domain/vocabulary'
import type { GeoJsonGeometry } from './coverage-area.repository'
import { REGION_GEOM, areaM2, householdsInRegion } from './coverage-sql'
import { union } from './overlay-sql'

/** What the coverage engine needs to judge one grid. */
export interface GridFacts {
  id: number
  code: string
  name: string
  type: GridType
  communityCode: string
  geometry: GeoJsonGeometry
  areaM2: number
  households: number
  population: number
  workers: number
  partyMemberWorkers: number
  partyGroupMembers: number
  lastPatrolAt: Date | null
  overdueOpen: number
  due: number
  closedOnTime: number
}

export interface OverloadedWorker {
  id: number
  name: string
  gridIds: number[]
  gridCodes: string[]
  geometry: GeoJsonGeometry
}

export interface HouseholdTotals {
  households: number
  population: number
  unvisited: number
}

export interface WindowParams {
  asOf: Date
  patrolDays: number
  onTimeWindowDays: number
}

/**
 * Vertical coverage ("纵向到底") per grid: its households (by the home-grid rule, from geometry),
 * workers, party members, patrols and incident handling.
 */
export function coverageGridsRepository(db: Queryable) {
  return {
    async gridFacts(code: string, window: WindowParams): Promise<GridFacts[]> {
      const { rows } = await db.query<GridFacts>(
        `WITH scoped AS (
           SELECT g.id, g.code, g.name, g.type, g.community_code, g.geom FROM grids g
            WHERE g.deleted_at IS NULL AND g.code LIKE $1 || '%'),
         -- Households per grid by the home grid the write paths keep (the lowest-code rule, applied on
         -- every import and edit); the geometric truth of outside/multi households is checked by the
         -- area queries.
         counts AS (
           SELECT grid_id, count(*)::int AS households, COALESCE(sum(population), 0)::int AS population
             FROM households WHERE county_code = left($1, 6) AND grid_id IN (SELECT id FROM scoped) GROUP BY grid_id),
         staff AS (
           SELECT a.grid_id, count(*)::int AS workers, count(*) FILTER (WHERE w.is_party_member)::int AS party
             FROM grid_assignments a JOIN grid_workers w ON w.id = a.worker_id
            WHERE a.grid_id IN (SELECT id FROM scoped) GROUP BY a.grid_id),
         party AS (SELECT grid_id, COALESCE(sum(member_count), 0)::int AS members FROM party_groups WHERE grid_id IN (SELECT id FROM scoped) GROUP BY grid_id),
         patrol AS (SELECT grid_id, max(visited_at) AS last_visit FROM patrol_visits WHERE grid_id IN (SELECT id FROM scoped) AND visited_at <= $2 GROUP BY grid_id),
         overdue AS (
           SELECT grid_id, count(*)::int AS n FROM incidents
            WHERE county_code = left($1, 6) AND status NOT IN ('closed', 'rejected') AND deadline_at < $2 AND reported_at <= $2
              AND grid_id IN (SELECT id FROM scoped)
            GROUP BY grid_id),
         due AS (
           SELECT grid_id, count(*)::int AS due, count(*) FILTER (WHERE closed_at IS NOT NULL AND closed_at <= deadline_at)::int AS on_time
             FROM incidents
            WHERE county_code = left($1, 6) AND deadline_at >= $2::timestamptz - make_interval(days => $3) AND deadline_at < $2
              AND status <> 'rejected' AND grid_id IN (SELECT id FROM scoped)
            GROUP BY grid_id)
         SELECT s.id::int, s.code, s.name, s.type, s.community_code AS "communityCode",
                ST_AsGeoJSON(s.geom, 7)::json AS geometry, ${areaM2('s.geom')} AS "areaM2",
                COALESCE(c.households, 0) AS households, COALESCE(c.population, 0) AS population,
                COALESCE(st.workers, 0) AS workers, COALESCE(st.party, 0) AS "partyMemberWorkers",
                COALESCE(p.members, 0) AS "partyGroupMembers", pa.last_visit AS "lastPatrolAt",
                COALESCE(o.n, 0) AS "overdueOpen", COALESCE(d.due, 0) AS due, COALESCE(d.on_time, 0) AS "closedOnTime"
           FROM scoped s
           LEFT JOIN counts c ON c.grid_id = s.id
           LEFT JOIN staff st ON st.grid_id = s.id
           LEFT JOIN party p ON p.grid_id = s.id
           LEFT JOIN patrol pa ON pa.grid_id = s.id
           LEFT JOIN overdue o ON o.grid_id = s.id
           LEFT JOIN due d ON d.grid_id = s.id
          ORDER BY s.code`,
        [code, window.asOf, window.onTimeWindowDays],
      )
      return rows
    },

    async overloadedWorkers(code: string, maxGrids: number): Promise<OverloadedWorker[]> {
      const { rows } = await db.query<OverloadedWorker>(
        `SELECT w.id::int, w.name,
                array_agg(g.id::int ORDER BY g.code) AS "gridIds", array_agg(g.code ORDER BY g.code) AS "gridCodes",
                ST_AsGeoJSON(ST_Multi(${union('g.geom')}), 7)::json AS geometry
           FROM grid_workers w
           JOIN grid_assignments a ON a.worker_id = w.id
           JOIN grids g ON g.id = a.grid_id AND g.deleted_at IS NULL
          WHERE w.id IN (SELECT a2.worker_id FROM grid_assignments a2 JOIN grids g2 ON g2.id = a2.grid_id WHERE g2.code LIKE $1 || '%')
          GROUP BY w.id, w.name
         HAVING count(*) > $2
          ORDER BY w.id`,
        [code, maxGrids],
      )
      return rows
    },

    /** Households and people in the region, and how many were not visited in the patrol window. */
    async householdTotals(code: string, window: WindowParams): Promise<HouseholdTotals> {
      const { rows } = await db.query<HouseholdTotals>(
        `WITH region AS (SELECT ${REGION_GEOM} AS geom),
              inside AS (${householdsInRegion(code)})
         SELECT count(*)::int AS households, COALESCE(sum(population), 0)::int AS population,
                -- An anti-join: the planner probes the visits index for a community's few thousand
                -- households and hashes the visits for a county's hundreds of thousands.
                (SELECT count(*) FROM inside i WHERE NOT EXISTS (
                   SELECT 1 FROM patrol_visits v
                    WHERE v.household_id = i.id AND v.visited_at <= $2 AND v.visited_at > $2::timestamptz - make_interval(days => $3)))::int AS unvisited
           FROM inside`,
        [code, window.asOf, window.patrolDays],
      )
      return rows[0]
    },
  }
}
