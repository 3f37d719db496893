import type { Queryable } from '../db/database'
import { INCIDENT_CATEGORIES, INCIDENT_PRIORITIES, INCIDENT_SOURCES, INCIDENT_STATUSES } from '../domain/vocabulary'
import { polygonWkt, type IncidentFilter } from '../domain/incident-filter'
import type { IncidentFeatureBody } from '../schemas/incidents.schema'
import { ENVELOPE, SqlConditions, isCounty } from './sql-fragments'

/**
 * Spherical Web Mercator metres of a longitude and a latitude, written exactly as the stored
 * columns incidents.merc_x and merc_y are generated (migration 007): the same float operations
 * give the same bits, so an incident on a bbox edge is inside the bbox.
 */
export const MERC_X_OF = (lng: string) => `6378137.0 * radians(${lng})`
export const MERC_Y_OF = (lat: string) => `6378137.0 * ln(greatest(tan(pi() / 4 + radians(${lat}) / 2), 1e-300))`

export interface ConditionOptions {
  /**
   * Conditions that an index-only scan of the aggregation indexes (migration 007) can answer:
   * the bbox only on the stored Mercator columns, and, when any of category/status/source/priority
   * is filtered, every value named for the others, so that the time range stays a key range of
   * incidents_bins_facets_idx under each combination. Selects the same rows as without.
   */
  indexOnly?: boolean
}

/** Still being handled (dispatched, handled, verified) past its deadline: 超期. */
export const OVERDUE_NOW = "i.status IN ('dispatched', 'handled', 'verified') AND i.deadline_at < now()"

/** The filter as SQL over `incidents i`; shared by listing and aggregation so their counts agree. */
export function incidentConditions(filter: IncidentFilter, { indexOnly = false }: ConditionOptions = {}): SqlConditions {
  const where = new SqlConditions()
  const facets = indexOnly && Boolean(filter.categories || filter.statuses || filter.sources || filter.priorities)
  if (filter.region) {
    where.add('i.county_code = left(?, 6)', filter.region)
    if (!isCounty(filter.region)) where.add('ST_Intersects(i.geom, (SELECT boundary FROM regions WHERE code = ?))', filter.region)
  }
  if (filter.from) where.add('i.reported_at >= ?', filter.from)
  if (filter.to) where.add('i.reported_at < ?', filter.to)
  // CHECK constraints hold every row to these vocabularies: naming all of them filters nothing.
  if (filter.categories || facets) where.add('i.category = ANY(?::text[])', filter.categories ?? INCIDENT_CATEGORIES)
  if (filter.statuses || facets) where.add('i.status = ANY(?::text[])', filter.statuses ?? INCIDENT_STATUSES)
  if (filter.sources || facets) where.add('i.source = ANY(?::text[])', filter.sources ?? INCIDENT_SOURCES)
  if (filter.priorities || facets) where.add('i.priority = ANY(?::text[])', filter.priorities ?? INCIDENT_PRIORITIES)
  if (filter.grid && 'id' in filter.grid) where.add('i.grid_id = ?', filter.grid.id)
  if (filter.grid && 'code' in filter.grid) where.add('i.grid_id = (SELECT id FROM grids WHERE code = ?)', filter.grid.code)
  if (filter.bbox) {
    // The closed box, on the stored Mercator columns (monotonic in lng and lat). `&&` alone would
    // also take points up to its float4 rounding (~1 m) outside; together with the box it lets a
    // small bbox use the GiST index and selects exactly the box's points, as indexOnly does.
    const [minLng, minLat, maxLng, maxLat] = filter.bbox
    where.add(`i.merc_x BETWEEN ${MERC_X_OF('?::float8')} AND ${MERC_X_OF('?::float8')}`, minLng, maxLng)
    where.add(`i.merc_y BETWEEN ${MERC_Y_OF('?::float8')} AND ${MERC_Y_OF('?::float8')}`, minLat, maxLat)
    if (!indexOnly) where.add(`i.geom && ${ENVELOPE}`, ...filter.bbox)
  }
  if (filter.overdue !== undefined) where.add(`${filter.overdue ? '' : 'NOT '}(${OVERDUE_NOW})`)
  // ST_Intersects: a point on the drawn edge counts as inside. The ring was checked by ST_IsValid first.
  if (filter.polygon) where.add('ST_Intersects(i.geom, ST_GeomFromText(?, 4326))', polygonWkt(filter.polygon))
  return where
}

/** The incident as the API shows it, over `incidents i LEFT JOIN grids g`. */
export const INCIDENT_COLUMNS = `i.id::int, i.external_id AS "externalId", i.category, i.source, i.priority, i.status, i.description,
  i.grid_id::int AS "gridId", g.code AS "gridCode", i.escalation_level AS "escalationLevel", i.mediation_body AS "mediationBody",
  i.reported_at AS "reportedAt", i.accepted_at AS "acceptedAt", i.dispatched_at AS "dispatchedAt",
  i.deadline_at AS "deadlineAt", i.handled_at AS "handledAt", i.verified_at AS "verifiedAt",
  i.closed_at AS "closedAt", i.rejected_at AS "rejectedAt",
  i.assignee_id::int AS "assigneeId", (SELECT w.name FROM grid_workers w WHERE w.id = i.assignee_id) AS "assigneeName",
  i.acknowledged_at AS "acknowledgedAt",
  ST_AsGeoJSON(i.geom, 7)::json AS geometry`

export function toFeature<R extends { id: number; geometry: unknown }>(
  row: R,
): { type: 'Feature'; id: number; geometry: R['geometry']; properties: Omit<R, 'geometry'> } {
  const { geometry, ...properties } = row
  return { type: 'Feature', id: row.id, geometry, properties }
}

export function incidentsRepository(db: Queryable) {
  return {
    async count(filter: IncidentFilter): Promise<number> {
      const where = incidentConditions(filter)
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents i ${where.where()}`, where.params)
      return rows[0].n
    },

    async list(filter: IncidentFilter, limit: number) {
      const where = incidentConditions(filter)
      const { rows } = await db.query<Record<string, unknown> & { id: number; geometry: { type: string; coordinates: unknown } }>(
        `SELECT ${INCIDENT_COLUMNS}
           FROM incidents i LEFT JOIN grids g ON g.id = i.grid_id
           ${where.where()}
          ORDER BY i.reported_at DESC, i.id DESC
          LIMIT ${where.param(limit)}`,
        where.params,
      )
      // Its times are Date objects here; the reply's serializer writes them as the schema's date-time text.
      return rows.map(toFeature) as unknown as IncidentFeatureBody[]
    },

    /** Why the polygon is invalid (ST_IsValidReason), or null when PostGIS accepts it. */
    async polygonProblem(ring: [number, number][]): Promise<string | null> {
      const { rows } = await db.query<{ valid: boolean; reason: string }>(
        'SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM ST_GeomFromText($1, 4326) AS g',
        [polygonWkt(ring)],
      )
      return rows[0].valid ? null : rows[0].reason
    },

    /** The names of the grids with these codes (for the export, beside each incident's grid code). */
    async gridNames(codes: string[]): Promise<Map<string, string>> {
      const { rows } = await db.query<{ code: string; name: string }>('SELECT code, name FROM grids WHERE code = ANY($1::text[])', [codes])
      return new Map(rows.map((r) => [r.code, r.name]))
    },

    /** Whether the grid a filter names (by id or by code) exists. */
    async gridExists(grid: { id: number } | { code: string }): Promise<boolean> {
      const { rowCount } = await db.query('id' in grid ? 'SELECT 1 FROM grids WHERE id = $1' : 'SELECT 1 FROM grids WHERE code = $1', [
        'id' in grid ? grid.id : grid.code,
      ])
      return rowCount > 0
    },
  }
}
