import type { Queryable } from '../db/database'
import type { Position } from '../domain/geojson'
import { areaM2, EMPTY_POLYGON, polygonsOf } from './coverage-sql'
import { beyondNoise, storedShape } from './grid-precision'
import { difference, intersection, union } from './overlay-sql'

const GEOM = 'ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(t), 4326))'
/**
 * Stored shapes travel between statements as hex EWKB (a geometry's text form): exact to the bit,
 * where GeoJSON would round. Every input here is valid: on the embedded engine an overlay of an
 * invalid geometry returns zero rows instead of failing.
 */
const STORED_INPUT = 'unnest($1::text[]) WITH ORDINALITY AS u(s, i)'

/** A finding of one new grid against the grids already in the database. */
export interface ExistingFinding {
  position: number
  kind: 'outside_community' | 'overlap' | 'duplicate'
  otherCode: string | null
  areaM2: number
}

/** Two new grids (positions a < b) overlapping, or exactly equal. */
export interface PairFinding {
  a: number
  b: number
  equal: boolean
  areaM2: number
}

/** Findings are what the coverage report would show: over COVERAGE_MIN_AREA_M2 and wider than the stored precision. */
const finding = (geom: string) => `${areaM2(geom)} >= $2 AND ${beyondNoise(geom)}`

/** The SQL of grid imports' checks: snapping input, the stored shape, and coverage findings. */
export function importGridsRepository(db: Queryable) {
  return {
    /** Every ring (outer and inner) of each community's boundary, at full precision. */
    async communityRings(codes: string[]): Promise<Map<string, Position[][]>> {
      const { rows } = await db.query<{ code: string; geometry: { coordinates: Position[][][] } }>(
        'SELECT code, ST_AsGeoJSON(boundary, 15)::json AS geometry FROM regions WHERE code = ANY($1::text[]) AND boundary IS NOT NULL',
        [codes],
      )
      return new Map(rows.map((row) => [row.code, row.geometry.coordinates.flat()]))
    },

    /** Each valid polygon as it would be stored (hex EWKB), or null when nothing is left at that precision. */
    async storedShapes(geojson: string[]): Promise<(string | null)[]> {
      const { rows } = await db.query<{ stored: string | null }>(
        `SELECT CASE WHEN ST_IsEmpty(g) THEN NULL ELSE g::text END AS stored
           FROM (SELECT i, ${storedShape(GEOM)} AS g FROM unnest($1::text[]) WITH ORDINALITY AS u(t, i)) s
          ORDER BY i`,
        [geojson],
      )
      return rows.map((row) => row.stored)
    },

    /**
     * Parts outside the grid's community, overlaps with active grids, and exact duplicates of one,
     * for each stored shape (positions 0-based, in input order).
     */
    async againstExisting(stored: string[], communities: string[], minAreaM2: number): Promise<ExistingFinding[]> {
      const { rows } = await db.query<ExistingFinding>(
        `WITH input AS (
                SELECT (i - 1)::int AS position, s::geometry AS geom, community
                  FROM unnest($1::text[], $3::text[]) WITH ORDINALITY AS u(s, community, i)),
              outside AS (
                SELECT i.position, ${difference('i.geom', 'r.boundary')} AS geom
                  FROM input i JOIN regions r ON r.code = i.community AND r.boundary IS NOT NULL
                 WHERE NOT ST_CoveredBy(i.geom, r.boundary)),
              pairs AS (
                SELECT i.position, g.code, ST_Equals(i.geom, g.geom) AS equal, i.geom AS a, g.geom AS b
                  FROM input i JOIN grids g ON g.deleted_at IS NULL AND g.geom && i.geom AND ST_Intersects(g.geom, i.geom)),
              overlapping AS (SELECT position, code, ${intersection('a', 'b')} AS geom FROM pairs WHERE NOT equal)
         SELECT position, 'outside_community' AS kind, NULL AS "otherCode", ${areaM2('geom')} AS "areaM2" FROM outside WHERE ${finding('geom')}
         UNION ALL
         SELECT position, 'overlap', code, ${areaM2('geom')} FROM overlapping WHERE ${finding('geom')}
         UNION ALL
         SELECT position, 'duplicate', code, 0 FROM pairs WHERE equal
         ORDER BY 1, 2, 3`,
        [stored, minAreaM2, communities],
      )
      return rows
    },

    /** Overlapping and exactly equal pairs among the new grids themselves. */
    async amongThemselves(stored: string[], minAreaM2: number): Promise<PairFinding[]> {
      const { rows } = await db.query<PairFinding>(
        `WITH input AS (SELECT (i - 1)::int AS position, s::geometry AS geom FROM ${STORED_INPUT}),
              pairs AS (
                SELECT x.position AS a, y.position AS b, ST_Equals(x.geom, y.geom) AS equal, x.geom AS ga, y.geom AS gb
                  FROM input x JOIN input y ON x.position < y.position AND x.geom && y.geom AND ST_Intersects(x.geom, y.geom)),
              overlapping AS (SELECT a, b, ${intersection('ga', 'gb')} AS geom FROM pairs WHERE NOT equal)
         SELECT a, b, true AS equal, 0 AS "areaM2" FROM pairs WHERE equal
         UNION ALL
         SELECT a, b, false, ${areaM2('geom')} FROM overlapping WHERE ${finding('geom')}
         ORDER BY 2, 1`,
        [stored, minAreaM2],
      )
      return rows
    },

    /**
     * The part of `community` no grid would cover once the new grids are in (those of any
     * community that reach into it count, as in the coverage report): the area of its pieces.
     */
    async gapAfter(community: string, stored: string[], minAreaM2: number): Promise<number> {
      const { rows } = await db.query<{ area: number }>(
        `WITH c AS (SELECT boundary AS geom FROM regions WHERE code = $3 AND boundary IS NOT NULL),
              cover AS (
                SELECT g.geom FROM grids g, c WHERE g.deleted_at IS NULL AND g.geom && c.geom AND ST_Intersects(g.geom, c.geom)
                UNION ALL
                SELECT n.geom FROM (SELECT s::geometry AS geom FROM ${STORED_INPUT}) n, c WHERE n.geom && c.geom AND ST_Intersects(n.geom, c.geom)),
              hole AS (SELECT ${difference('c.geom', `COALESCE((SELECT ${union('geom')} FROM cover), ${EMPTY_POLYGON})`)} AS geom FROM c),
              pieces AS (SELECT ${polygonsOf('geom')} AS geom FROM hole)
         SELECT COALESCE(sum(${areaM2('geom')}), 0)::float8 AS area FROM pieces WHERE ${finding('geom')}`,
        [stored, minAreaM2, community],
      )
      return rows[0]?.area ?? 0
    },
  }
}
