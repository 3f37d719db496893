import type { Queryable } from '../db/database'
import type { GeoJsonGeometry } from './coverage-area.repository'
import type { GridFeature } from './grids.repository'
import { SERVED_DECIMALS, beyondNoise, onServedGrid, storedShape } from './grid-precision'
import { homeGridOf } from './home-grid'
import { GRID_SIZE, difference, intersection, union } from './overlay-sql'

export interface EditableGrid {
  id: number
  code: string
  name: string
  type: 'comprehensive' | 'dedicated'
  communityCode: string
  version: number
  deletedAt: Date | null
  updatedAt: Date
  updatedBy: string | null
  geometry: GeoJsonGeometry
}

export interface HouseholdMoveRow {
  id: number
  externalId: string
  fromGridCode: string | null
  toGridCode: string | null
}

/** What one candidate of an edit would be in the final state. */
export interface GridImpact {
  vertices: number
  areaM2: number
  outsideCommunityM2: number
  overlaps: { gridId: number; gridCode: string; areaM2: number; geometry: GeoJsonGeometry }[]
  households: number
  population: number
}

/** What replacing grids by candidates would do, all together. */
export interface BatchImpact {
  grids: GridImpact[]
  gapAreaM2: number
  gap: GeoJsonGeometry | null
  movedCount: number
  moved: HouseholdMoveRow[]
  outsideCount: number
  outside: HouseholdMoveRow[]
}

export interface ImpactCandidate {
  geojson: string
  code: string
  communityCode: string
  /** The grid it replaces; null for a new grid. */
  replacedId: number | null
}

const GEOM = 'ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))'
/** $1 as it is stored: every write, and every check of what a write will store, goes through it. */
const STORED = storedShape(GEOM)
const SERVED = (geom: string) => `ST_AsGeoJSON(${geom}, ${SERVED_DECIMALS})::json`
const blade = (param: string) => onServedGrid(`ST_SetSRID(ST_GeomFromGeoJSON(${param}), 4326)`)
const EMPTY = `ST_GeomFromText('MULTIPOLYGON EMPTY', 4326)`
// The changed area is computed on a 1e-9° grid, so a point exactly on an old edge can fall a hair
// outside it; points this close (~1 mm) are looked at too (their home is decided by homeGridOf).
const NEAR = '1e-8'
const symDifference = (a: string, b: string) => `ST_CollectionExtract(ST_SymDifference(${a}, ${b}, ${GRID_SIZE}), 3)`

export function gridEditsRepository(db: Queryable) {
  return {
    /**
     * Serialises edits within a community: two supervisors saving neighbouring grids at the same
     * moment cannot both pass the overlap check against the other's old geometry.
     */
    async lockCommunity(communityCode: string): Promise<void> {
      await db.query(`SELECT pg_advisory_xact_lock(hashtext('grid-edit:' || $1::text))`, [communityCode])
    },

    async find(id: number, { forUpdate = false } = {}): Promise<EditableGrid | undefined> {
      const { rows } = await db.query<EditableGrid>(
        `SELECT g.id::int, g.code, g.name, g.type, g.community_code AS "communityCode",
                g.version, g.deleted_at AS "deletedAt", g.updated_at AS "updatedAt", u.username AS "updatedBy",
                ST_AsGeoJSON(g.geom, 9)::json AS geometry
           FROM grids g LEFT JOIN users u ON u.id = g.updated_by
          WHERE g.id = $1 ${forUpdate ? 'FOR UPDATE OF g' : ''}`,
        [id],
      )
      return rows[0]
    },

    /** The regions assigned to a user (a supervisor edits inside them: server/domain/edit-scope.ts). */
    async userRegions(userId: number): Promise<string[]> {
      const { rows } = await db.query<{ code: string }>('SELECT region_code AS code FROM user_regions WHERE user_id = $1 ORDER BY region_code', [userId])
      return rows.map((r) => r.code)
    },

    async communityLevel(code: string): Promise<string | undefined> {
      const { rows } = await db.query<{ level: string }>('SELECT level FROM regions WHERE code = $1', [code])
      return rows[0]?.level
    },

    /** The community holding a (valid) polygon: the one under a point surely inside it. */
    async communityAt(geojson: string): Promise<string | undefined> {
      const { rows } = await db.query<{ code: string }>(
        `SELECT r.code FROM regions r, (SELECT ST_PointOnSurface(${GEOM}) AS p) s
          WHERE r.level = 'community' AND r.boundary && s.p AND ST_Intersects(r.boundary, s.p) ORDER BY r.code LIMIT 1`,
        [geojson],
      )
      return rows[0]?.code
    },

    /** The community's next sequence; deleted grids count, so codes are never reused. Null past 999. */
    async nextCodes(communityCode: string, n: number): Promise<string[] | null> {
      const { rows } = await db.query<{ seq: number }>(`SELECT COALESCE(max(right(code, 3)::int), 0)::int AS seq FROM grids WHERE community_code = $1`, [
        communityCode,
      ])
      const first = rows[0].seq + 1
      if (first + n - 1 > 999) return null
      return Array.from({ length: n }, (_, i) => communityCode + String(first + i).padStart(3, '0'))
    },

    /** PostGIS's verdict on a candidate geometry (GeoJSON text), before any overlay touches it. */
    async validity(geojson: string): Promise<{ valid: boolean; reason: string; empty: boolean }> {
      const { rows } = await db.query<{ valid: boolean; reason: string; empty: boolean }>(
        `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, ST_IsEmpty(g) OR ST_Area(g) = 0 AS empty
           FROM (SELECT ${GEOM} AS g) s`,
        [geojson],
      )
      return rows[0]
    },

    /**
     * A (valid) candidate as it would be stored, at the precision served; null when nothing is
     * left at that precision. Checks judge this shape, so what they pass is what gets written.
     */
    async stored(geojson: string): Promise<GeoJsonGeometry | null> {
      const { rows } = await db.query<{ geometry: GeoJsonGeometry | null }>(
        `SELECT CASE WHEN ST_IsEmpty(g) THEN NULL ELSE ${SERVED('g')} END AS geometry FROM (SELECT ${STORED} AS g) s`,
        [geojson],
      )
      return rows[0].geometry
    },

    /**
     * The impact of replacing grids by candidates, all at once: each candidate is a geometry (valid,
     * checked first) with its code and community, replacing the grid `replaced` (null: a new grid).
     * Every candidate is judged against the final state — the other candidates' new shapes, never
     * the old shapes of the grids they replace. Households are re-homed in that hypothetical state
     * by the same lowest-code rule as everywhere else (home-grid.ts).
     */
    async impacts(candidates: ImpactCandidate[], minAreaM2: number, listMax: number): Promise<BatchImpact> {
      const { rows } = await db.query<BatchImpact>(
        `WITH input AS (
                -- As stored: candidates come so already (shapeOf); the check and the write share one expression.
                SELECT c.ord::int AS ord, c.code, c.community, c.replaced, ${storedShape('ST_SetSRID(ST_GeomFromGeoJSON(c.gj), 4326)')} AS geom
                  FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS c(gj, code, community, replaced, ord)),
              replaced AS (SELECT COALESCE(array_agg(replaced) FILTER (WHERE replaced IS NOT NULL), '{}') AS ids FROM input),
              old AS (SELECT COALESCE(${union('g.geom')}, ${EMPTY}) AS geom FROM grids g, replaced r WHERE g.id = ANY(r.ids)),
              others AS (
                SELECT g.id, g.code, g.geom FROM grids g, replaced r
                 WHERE g.deleted_at IS NULL AND NOT (g.id = ANY(r.ids))
                   AND g.id IN (SELECT n.id FROM grids n, (SELECT geom FROM input UNION ALL SELECT geom FROM old) b WHERE n.geom && b.geom)),
              communities AS (SELECT ${union('boundary')} AS geom FROM regions WHERE code IN (SELECT community FROM input) AND boundary IS NOT NULL),
              -- Overlaps with the grids left as they are, and between the candidates themselves.
              overlapping AS (
                SELECT i.ord, o.id, o.code, ${intersection('o.geom', 'i.geom')} AS geom FROM input i JOIN others o ON o.geom && i.geom AND ST_Intersects(o.geom, i.geom)
                UNION ALL
                SELECT a.ord, COALESCE(b.replaced, 0), b.code, ${intersection('a.geom', 'b.geom')} FROM input a JOIN input b ON a.ord < b.ord AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom)),
              pieces AS (SELECT ord, id, code, geom, ST_Area(geom::geography) AS area FROM overlapping),
              left_over AS (
                SELECT ${difference(difference('o.geom', `(SELECT ${union('geom')} FROM input)`), `COALESCE((SELECT ${union('geom')} FROM others), ${EMPTY})`)} AS geom FROM old o),
              uncovered AS (SELECT CASE WHEN m.geom IS NULL THEN l.geom ELSE ${intersection('l.geom', 'm.geom')} END AS geom FROM left_over l, communities m),
              -- Only households where a grid's old and new shapes differ can change grid; the rest keep theirs.
              -- Per grid, not of the unions: a shared edge moved for both neighbours changes neither union.
              -- MATERIALIZED: computed once, not once per household tested against it.
              changed AS MATERIALIZED (
                SELECT ${union(symDifference(`COALESCE(g.geom, ${EMPTY})`, 'i.geom'))} AS geom FROM input i LEFT JOIN grids g ON g.id = i.replaced),
              affected AS (
                SELECT h.id, h.external_id, h.population, h.grid_id, h.geom FROM households h, changed d
                 WHERE h.geom && d.geom AND ST_Intersects(h.geom, d.geom)),
              homes AS (
                SELECT a.id, a.external_id, a.population,
                       (SELECT code FROM grids WHERE id = ${homeGridOf('a.geom')}) AS before_code,
                       (SELECT code FROM (
                          SELECT i.code FROM input i WHERE ST_Intersects(i.geom, a.geom)
                          UNION ALL
                          SELECT o.code FROM others o WHERE ST_Intersects(o.geom, a.geom)
                        ) options ORDER BY code LIMIT 1) AS after_code
                  FROM affected a),
              moved AS (SELECT * FROM homes WHERE before_code IS DISTINCT FROM after_code),
              -- Households of an edited grid away from the change stay in it.
              kept AS (
                SELECT h.grid_id, count(*)::int AS households, COALESCE(sum(h.population), 0)::int AS population FROM households h, replaced r
                 WHERE h.grid_id = ANY(r.ids) AND NOT EXISTS (SELECT 1 FROM affected a WHERE a.id = h.id) GROUP BY h.grid_id),
              gained AS (SELECT after_code AS code, count(*)::int AS households, COALESCE(sum(population), 0)::int AS population FROM homes WHERE after_code IS NOT NULL GROUP BY after_code)
         SELECT (SELECT json_agg(json_build_object(
                   'vertices', ST_NPoints(i.geom),
                   'areaM2', ST_Area(i.geom::geography),
                   'outsideCommunityM2', COALESCE((SELECT CASE WHEN ${beyondNoise('o.geom')} THEN ST_Area(o.geom::geography) ELSE 0 END
                                                     FROM (SELECT ${difference('i.geom', 'r.boundary')} AS geom FROM regions r WHERE r.code = i.community AND r.boundary IS NOT NULL) o), 0),
                   'overlaps', COALESCE((SELECT json_agg(json_build_object('gridId', p.id, 'gridCode', p.code, 'areaM2', p.area, 'geometry', ST_AsGeoJSON(p.geom, 7)::json) ORDER BY p.code)
                                           FROM pieces p WHERE p.ord = i.ord AND p.area >= $5 AND ${beyondNoise('p.geom')}), '[]'),
                   'households', COALESCE(k.households, 0) + COALESCE(n.households, 0),
                   'population', COALESCE(k.population, 0) + COALESCE(n.population, 0)) ORDER BY i.ord)
                   FROM input i LEFT JOIN kept k ON k.grid_id = i.replaced LEFT JOIN gained n ON n.code = i.code) AS grids,
                (SELECT ST_Area(geom::geography) FROM uncovered) AS "gapAreaM2",
                (SELECT CASE WHEN ST_IsEmpty(geom) OR ST_Area(geom::geography) < $5 THEN NULL ELSE ST_AsGeoJSON(geom, 7)::json END FROM uncovered) AS gap,
                (SELECT count(*)::int FROM moved) AS "movedCount",
                COALESCE((SELECT json_agg(json_build_object('id', id, 'externalId', external_id, 'fromGridCode', before_code, 'toGridCode', after_code) ORDER BY id)
                            FROM (SELECT * FROM moved ORDER BY id LIMIT $6) m), '[]') AS moved,
                (SELECT count(*)::int FROM homes WHERE after_code IS NULL) AS "outsideCount",
                COALESCE((SELECT json_agg(json_build_object('id', id, 'externalId', external_id, 'fromGridCode', before_code, 'toGridCode', after_code) ORDER BY id)
                            FROM (SELECT * FROM homes WHERE after_code IS NULL ORDER BY id LIMIT $6) m), '[]') AS outside`,
        [
          candidates.map((c) => c.geojson),
          candidates.map((c) => c.code),
          candidates.map((c) => c.communityCode),
          candidates.map((c) => c.replacedId),
          minAreaM2,
          listMax,
        ],
      )
      const impact = rows[0]
      if (!(impact.gapAreaM2 >= minAreaM2)) impact.gapAreaM2 = 0
      return impact
    },

    /** Clips a candidate to its community and away from other active grids ("avoid overlaps", as QGIS does). */
    async clipped(geojson: string, communityCode: string, excludedIds: number[]): Promise<GeoJsonGeometry | null> {
      const { rows } = await db.query<{ geometry: GeoJsonGeometry | null }>(
        `WITH candidate AS (SELECT ${GEOM} AS geom),
              inside AS (SELECT CASE WHEN r.boundary IS NULL THEN c.geom ELSE ${intersection('c.geom', 'r.boundary')} END AS geom
                           FROM candidate c JOIN regions r ON r.code = $2),
              neighbours AS (SELECT ${union('g.geom')} AS geom FROM grids g, candidate c
                              WHERE g.deleted_at IS NULL AND NOT (g.id = ANY($3::bigint[])) AND g.geom && c.geom),
              result AS (SELECT CASE WHEN n.geom IS NULL THEN i.geom ELSE ${difference('i.geom', 'n.geom')} END AS geom FROM inside i, neighbours n),
              stored AS (SELECT ${storedShape('geom')} AS geom FROM result WHERE geom IS NOT NULL)
         SELECT CASE WHEN ST_IsEmpty(geom) THEN NULL ELSE ${SERVED('geom')} END AS geometry FROM stored`,
        [geojson, communityCode, excludedIds],
      )
      return rows[0]?.geometry ?? null
    },

    async insert(grid: { code: string; name: string; type: string; communityCode: string; geojson: string; userId: number }): Promise<number> {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO grids (code, name, type, community_code, county_code, geom, updated_by)
         VALUES ($2, $3, $4, $5, left($2, 6), ${STORED}, $6) RETURNING id::int`,
        [grid.geojson, grid.code, grid.name, grid.type, grid.communityCode, grid.userId],
      )
      return rows[0].id
    },

    /** Writes a new geometry (and name/type); a deleted grid comes back (revert). The caller holds the row lock. */
    async update(id: number, change: { geojson: string; name: string; type: string; userId: number }): Promise<void> {
      await db.query(
        `UPDATE grids SET geom = ${STORED}, name = $3, type = $4, version = version + 1, updated_at = now(), updated_by = $5, deleted_at = NULL
          WHERE id = $2`,
        [change.geojson, id, change.name, change.type, change.userId],
      )
    },

    async softDelete(id: number, userId: number): Promise<void> {
      await db.query(`UPDATE grids SET deleted_at = now(), version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1`, [id, userId])
    },

    async recordHistory(entry: {
      gridId: number
      operation: string
      geomBefore: GeoJsonGeometry | null
      relatedGridIds: number[]
      reason: string | null
      userId: number
    }): Promise<void> {
      await db.query(
        `INSERT INTO grid_history (grid_id, county_code, version, operation, geom_before, geom_after, related_grid_ids, reason, changed_by)
         SELECT g.id, g.county_code, g.version, $2,
                CASE WHEN $3::text IS NULL THEN NULL ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3::text), 4326)) END,
                CASE WHEN g.deleted_at IS NULL THEN g.geom ELSE NULL END, $4::bigint[], $5, $6
           FROM grids g WHERE g.id = $1`,
        [entry.gridId, entry.operation, entry.geomBefore ? JSON.stringify(entry.geomBefore) : null, entry.relatedGridIds, entry.reason, entry.userId],
      )
    },

    /**
     * Re-homes households and incidents where the grids changed: inside the symmetric difference
     * of each grid's shapes before and after (GeoJSON; null: none), by the one home-grid rule.
     * Points where both agree keep their grid. Returns how many households changed grid.
     */
    async rehome(changes: { before: GeoJsonGeometry | null; after: GeoJsonGeometry | null }[]): Promise<number> {
      const shape = (column: string) => `CASE WHEN ${column} IS NULL THEN ${EMPTY} ELSE ST_SetSRID(ST_GeomFromGeoJSON(${column}), 4326) END`
      const json = (g: GeoJsonGeometry | null) => (g ? JSON.stringify(g) : null)
      const params = [changes.map((c) => json(c.before)), changes.map((c) => json(c.after))]
      let households = 0
      for (const table of ['households', 'incidents']) {
        const { rowCount } = await db.query(
          `WITH changed AS MATERIALIZED (SELECT ${union(symDifference(shape('p.b'), shape('p.a')))} AS geom FROM unnest($1::text[], $2::text[]) AS p(b, a))
           UPDATE ${table} t SET grid_id = s.home
             FROM (SELECT x.id, ${homeGridOf('x.geom')} AS home FROM ${table} x, changed d WHERE x.geom && ST_Expand(d.geom, ${NEAR}) AND ST_DWithin(x.geom, d.geom, ${NEAR})) s
            WHERE t.id = s.id AND t.grid_id IS DISTINCT FROM s.home`,
          params,
        )
        if (table === 'households') households = rowCount
      }
      return households
    },

    async history(id: number) {
      const { rows } = await db.query(
        `SELECT h.version, h.operation, to_json(h.changed_at) #>> '{}' AS "changedAt", u.username AS "changedBy", h.reason,
                h.related_grid_ids::int[] AS "relatedGridIds",
                ST_AsGeoJSON(h.geom_before, 7)::json AS "geometryBefore", ST_AsGeoJSON(h.geom_after, 7)::json AS "geometryAfter"
           FROM grid_history h LEFT JOIN users u ON u.id = h.changed_by
          WHERE h.grid_id = $1 ORDER BY h.version, h.id`,
        [id],
      )
      return rows
    },

    async historicGeometry(id: number, version: number): Promise<GeoJsonGeometry | undefined> {
      const { rows } = await db.query<{ geometry: GeoJsonGeometry }>(
        `SELECT ST_AsGeoJSON(geom_after, 9)::json AS geometry FROM grid_history
          WHERE grid_id = $1 AND version = $2 AND geom_after IS NOT NULL ORDER BY id DESC LIMIT 1`,
        [id, version],
      )
      return rows[0]?.geometry
    },

    /** Is the blade, on the served grid, a valid LineString? Checked before it reaches ST_Split. */
    async lineValidity(lineGeojson: string): Promise<boolean> {
      const { rows } = await db.query<{ ok: boolean }>(
        `SELECT ST_GeometryType(g) = 'ST_LineString' AND ST_IsValid(g) AND NOT ST_IsEmpty(g) AS ok
           FROM (SELECT ${blade('$1')} AS g) s`,
        [lineGeojson],
      )
      return rows[0].ok
    },

    /**
     * Splits a grid by a (valid) line: the parts as stored, largest first. Grid and blade are on the
     * served grid first; where the blade crosses an edge the node is off it, and is snapped with
     * each part. Parts share those nodes, and snapping is the same per coordinate, so the stored
     * parts still share their edges exactly: no sliver and no overlap between them.
     */
    async splitParts(gridId: number, lineGeojson: string): Promise<GeoJsonGeometry[]> {
      const { rows } = await db.query<{ parts: GeoJsonGeometry[] | null }>(
        `WITH pieces AS (
           SELECT (ST_Dump(ST_CollectionExtract(ST_Split(${storedShape('g.geom')}, ${blade('$2')}), 3))).geom AS geom
             FROM grids g WHERE g.id = $1),
              parts AS (SELECT ${storedShape('geom')} AS geom FROM pieces WHERE ST_IsValid(geom))
         SELECT json_agg(${SERVED('geom')} ORDER BY ST_Area(geom::geography) DESC) AS parts
           FROM parts WHERE NOT ST_IsEmpty(geom)`,
        [gridId, lineGeojson],
      )
      return rows[0].parts ?? []
    },

    /** The union of grids, and whether it is one connected polygon (the grids share edges). */
    async mergedGeometry(ids: number[]): Promise<{ geometry: GeoJsonGeometry; connected: boolean }> {
      const { rows } = await db.query<{ geometry: GeoJsonGeometry; parts: number }>(
        `SELECT ${SERVED('u')} AS geometry, ST_NumGeometries(u) AS parts
           FROM (SELECT ${storedShape(union('geom'))} AS u FROM grids WHERE id = ANY($1::bigint[])) s`,
        [ids],
      )
      return { geometry: rows[0].geometry, connected: rows[0].parts === 1 }
    },

    /** The grids as GET /api/grids returns them (active ones only). */
    async features(ids: number[]): Promise<GridFeature[]> {
      const { rows } = await db.query<GridFeature['properties'] & { geometry: GridFeature['geometry'] }>(
        `SELECT g.id::int, g.code, g.name, g.type, g.community_code AS "communityCode", g.version,
                (SELECT count(*)::int FROM households h WHERE h.grid_id = g.id) AS "householdCount",
                ${SERVED('g.geom')} AS geometry
           FROM grids g WHERE g.id = ANY($1::bigint[]) AND g.deleted_at IS NULL ORDER BY g.code`,
        [ids],
      )
      return rows.map(({ geometry, ...properties }) => ({ type: 'Feature', id: properties.id, geometry, properties }))
    },

    /** Households and people whose home grid is each of `ids`, after the writes so far. */
    async sizes(ids: number[]): Promise<Map<number, { households: number; population: number }>> {
      const { rows } = await db.query<{ id: number; households: number; population: number }>(
        `SELECT g.id::int, count(h.id)::int AS households, COALESCE(sum(h.population), 0)::int AS population
           FROM grids g LEFT JOIN households h ON h.grid_id = g.id WHERE g.id = ANY($1::bigint[]) GROUP BY g.id`,
        [ids],
      )
      return new Map(rows.map((r) => [r.id, { households: r.households, population: r.population }]))
    },
  }
}
