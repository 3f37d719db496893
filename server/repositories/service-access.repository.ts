import type { Queryable } from '../db/database'
import { SERVICE_CATEGORIES, type ServiceCategory } from '../domain/vocabulary'
import { difference, union } from './overlay-sql'

/** Distances up to this are kept exact when service points are added (see 006_service_access.sql). */
export const SERVICE_ACCESS_RADIUS_M = 2000
// Degrees that surely exceed the radius in longitude below ~60° latitude: a cheap bbox prefilter.
const RADIUS_DEGREES = SERVICE_ACCESS_RADIUS_M / 50_000
// The geography KNN operator orders by distance on the sphere; the true (ellipsoidal) nearest point
// is among the few nearest on the sphere.
const KNN_CANDIDATES = 3

/** Column per category; identifiers come only from this allow-list. */
const column = (category: ServiceCategory) => {
  if (!SERVICE_CATEGORIES.includes(category)) throw new Error(`unknown service category ${category}`)
  return category
}

const nearest = (category: ServiceCategory) => `(
  SELECT min(ST_Distance(k.geom::geography, h.geom::geography)) FROM (
    SELECT s.geom FROM service_points s WHERE s.category = '${column(category)}'
     ORDER BY s.geom::geography <-> h.geom::geography LIMIT ${KNN_CANDIDATES}) k)`

export function serviceAccessRepository(db: Queryable) {
  return {
    /** (Re)computes the access of the households matched by `where` (SQL over `h`, params from $1). */
    async refresh(where: string, params: unknown[]): Promise<void> {
      await db.query(
        `INSERT INTO household_service_access (household_id, county_code, ${SERVICE_CATEGORIES.join(', ')})
         SELECT h.id, h.county_code, ${SERVICE_CATEGORIES.map(nearest).join(', ')}
           FROM households h WHERE ${where}
         ON CONFLICT (household_id) DO UPDATE SET
           ${SERVICE_CATEGORIES.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
        params,
      )
    },

    refreshHouseholds(ids: number[]): Promise<void> {
      return this.refresh('h.id = ANY($1::bigint[])', [ids])
    },

    refreshCounty(countyCode: string): Promise<void> {
      return this.refresh('h.county_code = $1', [countyCode])
    },

    /** New service points shorten the distances of the households within the access radius. */
    async addServicePoints(ids: number[]): Promise<void> {
      for (const category of SERVICE_CATEGORIES) {
        await db.query(
          `UPDATE household_service_access a SET ${column(category)} = d.distance
             FROM (SELECT h.id, min(ST_Distance(s.geom::geography, h.geom::geography)) AS distance
                     FROM service_points s JOIN households h
                       ON h.geom && ST_Expand(s.geom, ${RADIUS_DEGREES}) AND ST_DWithin(s.geom::geography, h.geom::geography, ${SERVICE_ACCESS_RADIUS_M})
                    WHERE s.id = ANY($1::bigint[]) AND s.category = $2
                    GROUP BY h.id) d
            WHERE a.household_id = d.id AND (a.${column(category)} IS NULL OR d.distance < a.${column(category)})`,
          [ids, category],
        )
      }
      await db.query('DELETE FROM service_gap_areas')
    },

    async forgetGapAreas(): Promise<void> {
      await db.query('DELETE FROM service_gap_areas')
    },

    /**
     * The map area of `region` beyond `distanceM` of every point of `category`, from the cache or
     * computed and cached now. Display only: counts come from household_service_access.
     */
    async gapArea(regionGeomSql: string, code: string, category: ServiceCategory, distanceM: number): Promise<void> {
      await db.query(
        `INSERT INTO service_gap_areas (region_code, category, distance_m, geom, area_m2)
         SELECT $1, $2, $3, CASE WHEN ST_IsEmpty(g) THEN NULL ELSE ST_Multi(g) END, COALESCE(ST_Area(g::geography), 0)
           FROM (
             SELECT ${difference(
               'r.geom',
               `COALESCE((
                      SELECT ${union("ST_Buffer(s.geom::geography, $3, 'quad_segs=8')::geometry")} FROM service_points s
                       WHERE s.category = $2 AND s.geom && ST_Expand(r.geom, $3 / 50000.0)), ST_GeomFromText('POLYGON EMPTY', 4326))`,
             )} AS g
               FROM (SELECT ${regionGeomSql} AS geom) r) s
         ON CONFLICT (region_code, category, distance_m) DO NOTHING`,
        [code, category, distanceM],
      )
    },
  }
}
