import type { Queryable } from '../db/database'
import type { Bbox } from '../schemas/common.schema'
import { ENVELOPE, SqlConditions, isCounty } from './sql-fragments'

/** A household in full, over `households h LEFT JOIN grids g` (callers mask it: server/services/privacy.ts). */
export const HOUSEHOLD_COLUMNS = `h.id::int, h.external_id AS "externalId", h.address, h.population,
  h.elderly_alone AS "elderlyAlone", h.disabled, h.low_income AS "lowIncome", h.key_care AS "keyCare",
  h.grid_id::int AS "gridId", g.code AS "gridCode", h.county_code AS "countyCode",
  ST_AsGeoJSON(h.geom, 7)::json AS geometry`

/** A household as HOUSEHOLD_COLUMNS reads it. */
interface HouseholdRow {
  id: number
  externalId: string
  address: string
  population: number
  elderlyAlone: boolean
  disabled: boolean
  lowIncome: boolean
  keyCare: boolean
  gridId: number | null
  gridCode: string | null
  countyCode: string
  geometry: { type: 'Point'; coordinates: [number, number] }
}

export interface HouseholdFilter {
  region?: string
  bbox?: Bbox
  limit: number
}

export function householdsRepository(db: Queryable) {
  return {
    async list(filter: HouseholdFilter) {
      const where = new SqlConditions()
      if (filter.region) {
        // Within the region's boundary, not via the grid: households outside every grid count too.
        where.add('h.county_code = left(?, 6)', filter.region)
        if (!isCounty(filter.region)) where.add('ST_Intersects(h.geom, (SELECT boundary FROM regions WHERE code = ?))', filter.region)
      }
      if (filter.bbox) where.add(`h.geom && ${ENVELOPE}`, ...filter.bbox)
      const { rows } = await db.query<HouseholdRow>(
        `SELECT ${HOUSEHOLD_COLUMNS}
           FROM households h LEFT JOIN grids g ON g.id = h.grid_id
           ${where.where()}
          ORDER BY h.id
          LIMIT ${where.param(filter.limit)}`,
        where.params,
      )
      return rows.map(({ geometry, ...properties }) => ({ type: 'Feature' as const, id: properties.id, geometry, properties }))
    },
  }
}
