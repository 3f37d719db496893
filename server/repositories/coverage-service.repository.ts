import type { Queryable } from '../db/database'
import type { ServiceCategory } from '../domain/vocabulary'
import type { GeoJsonGeometry, HouseholdRef } from './coverage-area.repository'
import { EMPTY_POLYGON, HOUSEHOLD_REF, REGION_GEOM, areaM2 } from './coverage-sql'
import { difference, union } from './overlay-sql'

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

// Buffers are polygons inscribed in the true circle; shrinking them a little more keeps them
// strictly inside it, so "outside the buffer" is a superset of "farther than d", and the exact
// geodesic ST_DWithin check then decides each candidate.
const INNER_RADIUS = 0.99
// Degrees that surely exceed d metres in longitude below ~60° latitude: a cheap bbox prefilter.
const DEGREES_PER_METRE_BOUND = 1 / 50_000

/**
 * Service blind spots (straight-line life-circle screening): households with no service point of
 * a category within its distance, measured on the ellipsoid.
 */
export function coverageServiceRepository(db: Queryable) {
  return {
    async gap(code: string, category: ServiceCategory, distanceM: number, listLimit: number): Promise<ServiceGap> {
      const { rows } = await db.query<Omit<ServiceGap, 'category' | 'distanceM'>>(
        `WITH region AS (SELECT ${REGION_GEOM} AS geom),
              points AS (
                SELECT s.geom FROM service_points s, region r
                 WHERE s.category = $2 AND s.geom && ST_Expand(r.geom, $3 * ${DEGREES_PER_METRE_BOUND})),
              reach AS (
                SELECT COALESCE(${union("ST_Buffer(geom::geography, $3, 'quad_segs=16')::geometry")}, ${EMPTY_POLYGON}) AS outer_reach,
                       COALESCE(${union(`ST_Buffer(geom::geography, $3 * ${INNER_RADIUS}, 'quad_segs=16')::geometry`)}, ${EMPTY_POLYGON}) AS inner_reach
                  FROM points),
              areas AS (
                SELECT ${difference('r.geom', 'reach.outer_reach')} AS shown, ${difference('r.geom', 'reach.inner_reach')} AS candidates
                  FROM region r, reach),
              lacking AS (
                SELECT h.id, h.external_id, h.geom FROM households h, areas a, region r
                 WHERE h.county_code = left($1, 6) AND h.geom && a.candidates AND ST_Intersects(a.candidates, h.geom)
                   AND ST_Intersects(r.geom, h.geom)
                   AND NOT EXISTS (
                     SELECT 1 FROM service_points s
                      WHERE s.category = $2 AND s.geom && ST_Expand(h.geom, $3 * ${DEGREES_PER_METRE_BOUND})
                        AND ST_DWithin(s.geom::geography, h.geom::geography, $3)))
         SELECT (SELECT count(*)::int FROM points) AS "servicePoints",
                CASE WHEN ST_IsEmpty(a.shown) THEN NULL ELSE ST_AsGeoJSON(a.shown, 7)::json END AS geometry,
                COALESCE(${areaM2('a.shown')}, 0) AS "areaM2",
                (SELECT count(*)::int FROM lacking) AS "householdCount",
                COALESCE((SELECT json_agg(${HOUSEHOLD_REF} ORDER BY h.id) FROM (SELECT * FROM lacking ORDER BY id LIMIT $4) h), '[]') AS households,
                COALESCE((SELECT json_object_agg(grid_id, n) FROM (
                  SELECT hh.grid_id, count(*) AS n FROM lacking l JOIN households hh ON hh.id = l.id WHERE hh.grid_id IS NOT NULL GROUP BY hh.grid_id) g), '{}') AS "byGrid"
           FROM areas a`,
        [code, category, distanceM, listLimit],
      )
      return { category, distanceM, ...rows[0] }
    },
  }
}
