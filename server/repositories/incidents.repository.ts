import type { Queryable } from '../db/database'
import { polygonWkt, type IncidentFilter } from '../services/incident-filter'
import { ENVELOPE, SqlConditions } from './sql-fragments'

/** The filter as SQL over `incidents i`; shared by listing and aggregation so their counts agree. */
export function incidentConditions(filter: IncidentFilter): SqlConditions {
  const where = new SqlConditions()
  if (filter.region) {
    where.add('i.county_code = left(?, 6)', filter.region)
    where.add('ST_Intersects(i.geom, (SELECT boundary FROM regions WHERE code = ?))', filter.region)
  }
  if (filter.from) where.add('i.reported_at >= ?', filter.from)
  if (filter.to) where.add('i.reported_at < ?', filter.to)
  if (filter.categories) where.add('i.category = ANY(?::text[])', filter.categories)
  if (filter.statuses) where.add('i.status = ANY(?::text[])', filter.statuses)
  if (filter.sources) where.add('i.source = ANY(?::text[])', filter.sources)
  if (filter.priorities) where.add('i.priority = ANY(?::text[])', filter.priorities)
  if (filter.grid && 'id' in filter.grid) where.add('i.grid_id = ?', filter.grid.id)
  if (filter.grid && 'code' in filter.grid) where.add('i.grid_id = (SELECT id FROM grids WHERE code = ?)', filter.grid.code)
  if (filter.bbox) where.add(`i.geom && ${ENVELOPE}`, ...filter.bbox)
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
  ST_AsGeoJSON(i.geom, 7)::json AS geometry`

export function toFeature<R extends { id: number; geometry: unknown }>({ geometry, ...properties }: R) {
  return { type: 'Feature' as const, id: properties.id, geometry, properties }
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
      const { rows } = await db.query<Record<string, unknown> & { id: number; geometry: unknown }>(
        `SELECT ${INCIDENT_COLUMNS}
           FROM incidents i LEFT JOIN grids g ON g.id = i.grid_id
           ${where.where()}
          ORDER BY i.reported_at DESC, i.id DESC
          LIMIT ${where.param(limit)}`,
        where.params,
      )
      return rows.map(toFeature)
    },

    /** Why the polygon is invalid (ST_IsValidReason), or null when PostGIS accepts it. */
    async polygonProblem(ring: [number, number][]): Promise<string | null> {
      const { rows } = await db.query<{ valid: boolean; reason: string }>(
        'SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM ST_GeomFromText($1, 4326) AS g',
        [polygonWkt(ring)],
      )
      return rows[0].valid ? null : rows[0].reason
    },
  }
}
