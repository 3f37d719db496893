import type { Queryable } from '../db/database'

export type RegionLevel = 'county' | 'street' | 'community'

export interface RegionRow {
  code: string
  name: string
  level: RegionLevel
  parentCode: string | null
  bbox: [number, number, number, number] | null
}

export function regionsRepository(db: Queryable) {
  return {
    async listAll(): Promise<RegionRow[]> {
      const { rows } = await db.query<RegionRow>(
        `SELECT code, name, level, parent_code AS "parentCode",
                CASE WHEN boundary IS NULL THEN NULL
                     ELSE json_build_array(ST_XMin(boundary), ST_YMin(boundary), ST_XMax(boundary), ST_YMax(boundary)) END AS bbox
           FROM regions ORDER BY code`,
      )
      return rows
    },

    async exists(code: string): Promise<boolean> {
      const { rows } = await db.query('SELECT 1 FROM regions WHERE code = $1', [code])
      return rows.length > 0
    },

    /** Of `codes`, the ones present with their level. */
    async levelsOf(codes: string[]): Promise<Map<string, RegionLevel>> {
      const { rows } = await db.query<{ code: string; level: RegionLevel }>('SELECT code, level FROM regions WHERE code = ANY($1::text[])', [codes])
      return new Map(rows.map((row) => [row.code, row.level]))
    },
  }
}
