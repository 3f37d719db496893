import type { Queryable } from '../db/database'
import { SERVICE_CATEGORIES, type ServiceCategory } from '../domain/vocabulary'
import type { GeoJsonGeometry, HouseholdRef } from './coverage-area.repository'
import { HOUSEHOLD_REF, REGION_GEOM, householdsInRegion } from './coverage-sql'
import { serviceAccessRepository } from './service-access.repository'

export interface ServiceGap {
  category: ServiceCategory
  distanceM: number
  servicePoints: number
  /** The part of the region farther than distanceM from every point of the category (display). */
  geometry: GeoJsonGeometry | null
  areaM2: number
  /** Every household lacking the service, counted exactly. */
  householdCount: number
  /** The first `listLimit` of them by id; a county-wide list could run to hundreds of thousands. */
  households: HouseholdRef[]
  /** Lacking households per home grid (the grid_id kept by the write paths), for scoring. */
  byGrid: Record<string, number>
}

/** Per category, "no service point within its distance", the distances being `$first`, `$first+1`, … */
function lackingConditions(categories: ServiceCategory[], first: number): string[] {
  return categories.map((category, index) => {
    // Column names come from SERVICE_CATEGORIES only (the typed keys, checked here again).
    if (!SERVICE_CATEGORIES.includes(category)) throw new Error(`unknown service category ${category}`)
    return `(${category} IS NULL OR ${category} > $${index + first})`
  })
}

/**
 * Service blind spots (straight-line life-circle screening): households with no service point of
 * a category within its distance on the ellipsoid, from the distances the write paths keep in
 * household_service_access.
 */
export function coverageServiceRepository(db: Queryable) {
  return {
    /** Computes the cached map areas the report will read (a write: call it outside a read-only snapshot). */
    async prepareAreas(code: string, distances: Record<ServiceCategory, number>): Promise<void> {
      const access = serviceAccessRepository(db)
      for (const [category, distanceM] of Object.entries(distances) as [ServiceCategory, number][]) {
        await access.gapArea(REGION_GEOM, code, category, distanceM)
      }
    },

    /**
     * Every category in one pass over the region's households: counts, the first `listLimit`
     * lacking households, and lacking households per home grid.
     */
    async gaps(code: string, distances: Record<ServiceCategory, number>, listLimit: number): Promise<ServiceGap[]> {
      const categories = Object.keys(distances) as ServiceCategory[]
      const conditions = lackingConditions(categories, 3)
      const { rows } = await db.query<{
        counts: number[]
        lists: HouseholdRef[][]
        by_grid: Record<string, number[]>
        points: number[]
        areas: ({ geometry: GeoJsonGeometry | null; areaM2: number } | null)[]
      }>(
        `WITH region AS (SELECT ${REGION_GEOM} AS geom),
              inside AS (${householdsInRegion(code)}),
              joined AS MATERIALIZED (
                SELECT i.id, i.grid_id, ${categories.join(', ')}
                  FROM inside i LEFT JOIN household_service_access a ON a.household_id = i.id)
         SELECT ARRAY[${conditions.map((c) => `(SELECT count(*)::int FROM joined WHERE ${c})`).join(', ')}] AS counts,
                ARRAY[${conditions
                  .map(
                    (c) => `COALESCE((SELECT json_agg(${HOUSEHOLD_REF} ORDER BY h.id) FROM households h
                   WHERE h.id IN (SELECT id FROM joined WHERE ${c} ORDER BY id LIMIT $2)), '[]')`,
                  )
                  .join(', ')}] AS lists,
                COALESCE((SELECT json_object_agg(grid_id, n) FROM (
                  SELECT grid_id, json_build_array(${conditions.map((c) => `count(*) FILTER (WHERE ${c})`).join(', ')}) AS n
                    FROM joined WHERE grid_id IS NOT NULL GROUP BY grid_id) g), '{}') AS by_grid,
                ARRAY[${categories.map((c) => `(SELECT count(*)::int FROM service_points s, region r WHERE s.category = '${c}' AND s.geom && r.geom AND ST_Intersects(r.geom, s.geom))`).join(', ')}] AS points,
                ARRAY[${categories
                  .map(
                    (c, i) => `(SELECT json_build_object('geometry', ST_AsGeoJSON(geom, 6)::json, 'areaM2', area_m2) FROM service_gap_areas
                   WHERE region_code = $1 AND category = '${c}' AND distance_m = $${i + 3})`,
                  )
                  .join(', ')}] AS areas`,
        [code, listLimit, ...categories.map((c) => distances[c])],
      )
      const row = rows[0]
      return categories.map((category, i) => ({
        category,
        distanceM: distances[category],
        servicePoints: row.points[i],
        geometry: row.areas[i]?.geometry ?? null,
        areaM2: row.areas[i]?.areaM2 ?? 0,
        householdCount: row.counts[i],
        households: row.lists[i],
        byGrid: Object.fromEntries(
          Object.entries(row.by_grid)
            .map(([grid, counts]) => [grid, counts[i]])
            .filter(([, n]) => Number(n) > 0),
        ),
      }))
    },

    /** For the grids of one community: per category, how many of their households lack the service. */
    async lackingByGrid(communityCode: string, distances: Record<ServiceCategory, number>): Promise<Record<ServiceCategory, Record<string, number>>> {
      const categories = Object.keys(distances) as ServiceCategory[]
      const conditions = lackingConditions(categories, 2)
      const { rows } = await db.query<{ grid_id: string; counts: number[] }>(
        `SELECT h.grid_id::text, ARRAY[${conditions.map((c) => `count(*) FILTER (WHERE ${c})::int`).join(', ')}] AS counts
           FROM households h JOIN grids g ON g.id = h.grid_id AND g.community_code = $1
           LEFT JOIN household_service_access a ON a.household_id = h.id
          GROUP BY h.grid_id`,
        [communityCode, ...categories.map((c) => distances[c])],
      )
      return Object.fromEntries(
        categories.map((category, i) => [category, Object.fromEntries(rows.filter((row) => row.counts[i] > 0).map((row) => [row.grid_id, row.counts[i]]))]),
      ) as Record<ServiceCategory, Record<string, number>>
    },
  }
}
