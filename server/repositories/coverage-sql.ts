import { union } from './overlay-sql'

/** SQL pieces shared by the coverage repositories. `$1` is always the region code. */

export const EMPTY_POLYGON = "ST_GeomFromText('POLYGON EMPTY', 4326)"

/**
 * The region's area: its boundary, or the union of its communities when it has none. Geometry
 * the database holds is valid (CHECK constraints), but anything fed to an overlay is made valid
 * anyway: GEOS on an invalid input can drop it without an error.
 */
export const REGION_GEOM = `(
  SELECT CASE WHEN ST_IsValid(g) THEN g ELSE ST_MakeValid(g) END FROM (
    SELECT COALESCE(r.boundary,
      (SELECT ST_Multi(${union('c.boundary')}) FROM regions c WHERE c.level = 'community' AND c.code LIKE r.code || '%')) AS g
      FROM regions r WHERE r.code = $1) s)`

/** Active grids intersecting the region (a neighbour's grid reaching in counts for coverage). */
export const GRIDS_IN_REGION = `
  SELECT g.id, g.code, g.community_code, CASE WHEN ST_IsValid(g.geom) THEN g.geom ELSE ST_MakeValid(g.geom) END AS geom
    FROM grids g, region r
   WHERE g.deleted_at IS NULL AND g.geom && r.geom AND ST_Intersects(g.geom, r.geom)`

/** Polygonal parts of a geometry, one row each. */
export const polygonsOf = (geom: string) => `(ST_Dump(ST_CollectionExtract(${geom}, 3))).geom`

/** Area on the ellipsoid, in m². */
export const areaM2 = (geom: string) => `ST_Area(${geom}::geography)`

/** A household as JSON for blind-spot lists (alias `h`). */
export const HOUSEHOLD_REF = "json_build_object('id', h.id, 'externalId', h.external_id, 'lng', ST_X(h.geom), 'lat', ST_Y(h.geom))"

/**
 * Households inside the region `$1` (needs the CTE `region`). A county holds exactly the
 * households carrying its code (import locates each one), so it needs no geometry; smaller
 * regions test points against subdivided pieces of their boundary.
 */
export function householdsInRegion(code: string): string {
  return code.length === 6
    ? `SELECT h.id, h.population, h.grid_id FROM households h WHERE h.county_code = $1`
    : `SELECT DISTINCT h.id, h.population, h.grid_id FROM households h
         JOIN (SELECT ST_Subdivide(geom, 128) AS geom FROM region) p ON h.geom && p.geom AND ST_Intersects(p.geom, h.geom)
        WHERE h.county_code = left($1, 6)`
}
