import type { Queryable } from '../db/database'
import type { Bbox } from '../schemas/common.schema'
import { SERVED_DECIMALS } from './grid-precision'
import { ENVELOPE, SqlConditions } from './sql-fragments'

export interface GridFeature {
  type: 'Feature'
  id: number
  geometry: { type: string; coordinates: unknown }
  properties: {
    id: number
    code: string
    name: string
    type: 'comprehensive' | 'dedicated'
    communityCode: string
    householdCount: number
    version: number
  }
}

/** A grid as the API shows it, over `grids g` (shared with OGC API – Features), at the precision it is stored. */
export const GRID_COLUMNS = `g.id::int, g.code, g.name, g.type, g.community_code AS "communityCode", g.version,
  (SELECT count(*)::int FROM households h WHERE h.grid_id = g.id) AS "householdCount",
  ST_AsGeoJSON(g.geom, ${SERVED_DECIMALS})::json AS geometry`

export interface GridFilter {
  region?: string
  bbox?: Bbox
}

export function gridsRepository(db: Queryable) {
  return {
    async listActive(filter: GridFilter): Promise<GridFeature[]> {
      const where = new SqlConditions().add('g.deleted_at IS NULL')
      // Grid codes start with their community, street and county codes.
      if (filter.region) where.add("g.code LIKE ? || '%'", filter.region)
      if (filter.bbox) where.add(`g.geom && ${ENVELOPE}`, ...filter.bbox)
      const { rows } = await db.query<GridFeature['properties'] & { geometry: GridFeature['geometry'] }>(
        `SELECT ${GRID_COLUMNS}
           FROM grids g ${where.where()}
          ORDER BY g.code`,
        where.params,
      )
      return rows.map(({ geometry, ...properties }) => ({ type: 'Feature', id: properties.id, geometry, properties }))
    },
  }
}
