import type { Queryable } from '../db/database'
import type { RegionLevel } from '../domain/vocabulary'
import { areaM2, EMPTY_POLYGON, GRIDS_IN_REGION, HOUSEHOLD_REF, polygonsOf, REGION_GEOM } from './coverage-sql'
import { beyondNoise } from './grid-precision'
import { difference, intersection, union } from './overlay-sql'

export interface GeoJsonGeometry {
  type: string
  coordinates: unknown
}

export interface RegionFacts {
  code: string
  name: string
  level: RegionLevel
  areaM2: number
  gridCount: number
  communityCount: number
}

export interface AreaPiece {
  geometry: GeoJsonGeometry
  areaM2: number
}

export interface HouseholdRef {
  id: number
  externalId: string
  lng: number
  lat: number
}

export interface GapPiece extends AreaPiece {
  communityCode: string | null
  households: HouseholdRef[]
}

export interface OverlapPiece extends AreaPiece {
  gridIds: [number, number]
  gridCodes: [string, string]
  households: HouseholdRef[]
}

export interface OutsidePiece extends AreaPiece {
  gridId: number
  gridCode: string
  communityCode: string
}

export interface RegionArea {
  code: string
  name: string
  level: RegionLevel
  parentCode: string | null
  areaM2: number
}

/** Which holes `gaps` looks for: in communities (grids missing), above them (communities missing), or both. */
export type GapLevels = 'all' | 'communities' | 'parents'

export interface EmptyRegion {
  code: string
  name: string
  level: RegionLevel
  geometry: GeoJsonGeometry | null
}

/**
 * Horizontal coverage ("横向到边") as area: gaps, overlaps and grids reaching outside their
 * community, measured on the ellipsoid. Pieces under `minAreaM2` are floating-point noise, and so
 * are gaps, overlaps and parts outside no wider than ~2 cm (stored coordinates lie on a 1 cm grid:
 * grid-precision.ts).
 */
export function coverageAreaRepository(db: Queryable) {
  return {
    async regionFacts(code: string): Promise<RegionFacts | undefined> {
      const { rows } = await db.query<RegionFacts>(
        `WITH region AS (SELECT ${REGION_GEOM} AS geom)
         SELECT r.code, r.name, r.level,
                COALESCE(${areaM2('(SELECT geom FROM region)')}, 0) AS "areaM2",
                (SELECT count(*)::int FROM grids g WHERE g.deleted_at IS NULL AND g.code LIKE $1 || '%') AS "gridCount",
                (SELECT count(*)::int FROM regions c WHERE c.level = 'community' AND c.code LIKE $1 || '%') AS "communityCount"
           FROM regions r WHERE r.code = $1`,
        [code],
      )
      return rows[0]
    },

    /**
     * Parts of the region no grid covers: inside each community, the community minus the grids
     * over it; above communities, each street (county) minus its communities (streets). Unions
     * stay small this way — per parent, never the whole county at once. Each piece lists the
     * households standing in it (a household on a grid's edge is covered, not outside).
     * `uncoveredAreaM2` sums every piece, noise included, so covered = region − uncovered.
     */
    async gaps(code: string, minAreaM2: number, levels: GapLevels = 'all'): Promise<{ pieces: GapPiece[]; uncoveredAreaM2: number }> {
      const { rows } = await db.query<{ pieces: GapPiece[] | null; uncovered: number | null }>(
        `WITH region AS (SELECT ${REGION_GEOM} AS geom),
              -- Regions under the region by code lie inside it by construction: no clipping needed.
              communities AS (
                SELECT c.code, c.boundary AS geom FROM regions c
                 WHERE $3 AND c.level = 'community' AND c.code LIKE $1 || '%' AND c.boundary IS NOT NULL),
              parents AS (
                SELECT p.code, p.boundary AS geom FROM regions p
                 WHERE $4 AND p.level IN ('county', 'street') AND p.code LIKE $1 || '%' AND p.boundary IS NOT NULL),
              holes AS (
                SELECT c.code AS community_code,
                       ${difference(
                         'c.geom',
                         `COALESCE((SELECT ${union('g.geom')} FROM grids g
                          WHERE g.deleted_at IS NULL AND g.geom && c.geom AND ST_Intersects(g.geom, c.geom)), ${EMPTY_POLYGON})`,
                       )} AS geom
                  FROM communities c
                UNION ALL
                SELECT NULL,
                       ${difference(
                         'p.geom',
                         `COALESCE((SELECT ${union('k.boundary')} FROM regions k
                          WHERE k.parent_code = p.code AND k.boundary IS NOT NULL), ${EMPTY_POLYGON})`,
                       )}
                  FROM parents p),
              pieces AS (SELECT community_code, ${polygonsOf('geom')} AS geom FROM holes),
              measured AS (SELECT community_code, geom, ${areaM2('geom')} AS area FROM pieces),
              kept AS (SELECT * FROM measured WHERE area >= $2 AND ${beyondNoise('geom')}),
              described AS (
                SELECT k.community_code, k.geom, k.area,
                       COALESCE((SELECT json_agg(${HOUSEHOLD_REF} ORDER BY h.id) FROM households h
                                  WHERE h.county_code = left($1, 6) AND h.geom && k.geom AND ST_Intersects(k.geom, h.geom)
                                    AND NOT EXISTS (SELECT 1 FROM grids g WHERE g.deleted_at IS NULL AND g.geom && h.geom AND ST_Intersects(g.geom, h.geom))), '[]') AS households
                  FROM kept k)
         SELECT (SELECT json_agg(json_build_object('communityCode', community_code, 'geometry', ST_AsGeoJSON(geom, 7)::json,
                   'areaM2', area, 'households', households) ORDER BY area DESC) FROM described) AS pieces,
                (SELECT sum(area) FROM measured) AS uncovered`,
        [code, minAreaM2, levels !== 'parents', levels !== 'communities'],
      )
      return { pieces: rows[0].pieces ?? [], uncoveredAreaM2: rows[0].uncovered ?? 0 }
    },

    /** Area claimed by two grids, pair by pair, with the households inside both. */
    async overlaps(code: string, minAreaM2: number): Promise<{ pieces: OverlapPiece[]; totalAreaM2: number }> {
      const { rows } = await db.query<{ pieces: OverlapPiece[] | null; total: number | null }>(
        `WITH region AS (SELECT ${REGION_GEOM} AS geom),
              grids_in AS (${GRIDS_IN_REGION}),
              pairs AS (
                SELECT a.id AS a_id, a.code AS a_code, b.id AS b_id, b.code AS b_code,
                       -- Grids of the region lie in it; only a neighbour's grid reaching in is clipped.
                       ${polygonsOf(`CASE WHEN a.code LIKE $1 || '%' AND b.code LIKE $1 || '%' THEN ${intersection('a.geom', 'b.geom')}
                                          ELSE ${intersection(intersection('a.geom', 'b.geom'), 'r.geom')} END`)} AS geom
                  FROM grids_in a JOIN grids_in b ON a.code < b.code AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom), region r),
              kept AS (SELECT *, ${areaM2('geom')} AS area FROM pairs WHERE ${areaM2('geom')} >= $2 AND ${beyondNoise('geom')}),
              described AS (
                SELECT k.*,
                       COALESCE((SELECT json_agg(${HOUSEHOLD_REF} ORDER BY h.id) FROM households h
                                  WHERE h.county_code = left($1, 6) AND h.geom && k.geom AND ST_Contains(k.geom, h.geom)), '[]') AS households
                  FROM kept k)
         SELECT (SELECT json_agg(json_build_object(
                   'gridIds', json_build_array(a_id, b_id), 'gridCodes', json_build_array(a_code, b_code),
                   'geometry', ST_AsGeoJSON(geom, 7)::json, 'areaM2', area,
                   'households', households) ORDER BY area DESC) FROM described) AS pieces,
                (SELECT ${areaM2(union('geom'))} FROM kept) AS total`,
        [code, minAreaM2],
      )
      return { pieces: rows[0].pieces ?? [], totalAreaM2: rows[0].total ?? 0 }
    },

    /**
     * The county's overlaps that a community answers for: every pair whose lower-coded grid is
     * one of its own (or, for a pair with a grid of another county, whose own grid is the other),
     * measured as the county report measures them. `communityCode` null: the pairs of two other
     * counties' grids reaching in. The county's overlaps are exactly the union of these over its
     * communities and null, so each community's share can be cached and recomputed alone.
     */
    async overlapsOwnedBy(countyCode: string, communityCode: string | null, minAreaM2: number): Promise<OverlapPiece[]> {
      // Candidate pairs start from the community's own grids (an index lookup), never from the
      // whole county; both grids must meet the county, as in the county report.
      const pair = (own: 'a' | 'b', other: string) => `
                SELECT a.id AS a_id, a.code AS a_code, b.id AS b_id, b.code AS b_code, a.geom AS a_geom, b.geom AS b_geom
                  FROM grids ${own} JOIN grids ${own === 'a' ? 'b' : 'a'} ON b.geom && a.geom AND a.code < b.code, region r
                 WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL AND ${other}
                   AND ST_Intersects(a.geom, b.geom) AND ST_Intersects(a.geom, r.geom) AND ST_Intersects(b.geom, r.geom)`
      const candidates =
        communityCode === null
          ? pair('a', `a.county_code <> $1 AND b.county_code <> $1`)
          : `${pair('a', 'a.community_code = $3')} UNION ALL ${pair('b', 'b.community_code = $3 AND a.county_code <> $1')}`
      const { rows } = await db.query<{ pieces: OverlapPiece[] | null }>(
        `WITH region AS (SELECT ${REGION_GEOM} AS geom),
              candidates AS (${candidates}),
              pairs AS (
                SELECT a_id, a_code, b_id, b_code,
                       ${polygonsOf(`CASE WHEN a_code LIKE $1 || '%' AND b_code LIKE $1 || '%' THEN ${intersection('a_geom', 'b_geom')}
                                          ELSE ${intersection(intersection('a_geom', 'b_geom'), 'r.geom')} END`)} AS geom
                  FROM candidates, region r),
              kept AS (SELECT *, ${areaM2('geom')} AS area FROM pairs WHERE ${areaM2('geom')} >= $2 AND ${beyondNoise('geom')})
         SELECT json_agg(json_build_object(
                  'gridIds', json_build_array(a_id, b_id), 'gridCodes', json_build_array(a_code, b_code),
                  'geometry', ST_AsGeoJSON(geom, 7)::json, 'areaM2', area,
                  'households', COALESCE((SELECT json_agg(${HOUSEHOLD_REF} ORDER BY h.id) FROM households h
                                           WHERE h.county_code = left($1, 6) AND h.geom && k.geom AND ST_Contains(k.geom, h.geom)), '[]'))
                  ORDER BY area DESC) AS pieces
           FROM kept k`,
        communityCode === null ? [countyCode, minAreaM2] : [countyCode, minAreaM2, communityCode],
      )
      return rows[0].pieces ?? []
    },

    /** The area of the union of overlap pieces (two pieces may share ground where three grids overlap). */
    async unionAreaM2(pieces: AreaPiece[]): Promise<number> {
      if (pieces.length === 0) return 0
      const { rows } = await db.query<{ area: number | null }>(
        `SELECT ${areaM2(union('ST_SetSRID(ST_GeomFromGeoJSON(p), 4326)'))} AS area FROM json_array_elements($1::json) p`,
        [JSON.stringify(pieces.map((piece) => piece.geometry))],
      )
      return rows[0].area ?? 0
    },

    /** Grids with area outside their own community. */
    async gridsOutsideCommunity(code: string, minAreaM2: number): Promise<OutsidePiece[]> {
      const { rows } = await db.query<OutsidePiece>(
        `WITH outside AS (
           SELECT g.id, g.code, g.community_code, ST_Multi(ST_CollectionExtract(${difference('g.geom', 'c.boundary')}, 3)) AS geom
             FROM grids g JOIN regions c ON c.code = g.community_code AND c.boundary IS NOT NULL
            WHERE g.deleted_at IS NULL AND g.code LIKE $1 || '%' AND NOT ST_CoveredBy(g.geom, c.boundary))
         SELECT id::int AS "gridId", code AS "gridCode", community_code AS "communityCode",
                ST_AsGeoJSON(geom, 7)::json AS geometry, ${areaM2('geom')} AS "areaM2"
           FROM outside WHERE ${areaM2('geom')} >= $2 AND ${beyondNoise('geom')} ORDER BY code`,
        [code, minAreaM2],
      )
      return rows
    },

    /** The region and every region under it, with their areas. */
    async regionsUnder(code: string): Promise<RegionArea[]> {
      const { rows } = await db.query<RegionArea>(
        `SELECT code, name, level, parent_code AS "parentCode", COALESCE(${areaM2('boundary')}, 0) AS "areaM2"
           FROM regions WHERE code LIKE $1 || '%' ORDER BY code`,
        [code],
      )
      return rows
    },

    /** "纵向到底": streets without communities, communities without grids. */
    async emptyRegions(code: string): Promise<EmptyRegion[]> {
      const { rows } = await db.query<EmptyRegion>(
        `SELECT r.code, r.name, r.level, ST_AsGeoJSON(r.boundary, 7)::json AS geometry
           FROM regions r
          WHERE r.code LIKE $1 || '%' AND (
                (r.level IN ('county', 'street') AND NOT EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = r.code)) OR
                (r.level = 'community' AND NOT EXISTS (SELECT 1 FROM grids g WHERE g.community_code = r.code AND g.deleted_at IS NULL)))
          ORDER BY r.code`,
        [code],
      )
      return rows
    },
  }
}
