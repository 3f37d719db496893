import type { Queryable } from '../db/database'
import type { IncidentFilter } from '../domain/incident-filter'
import type { IncidentPoint } from '../domain/points-layout'
import { incidentConditions, OVERDUE_NOW } from './incidents.repository'

/**
 * The few columns /analyze draws and filters on in the browser, for the binary points form
 * (domain/points-layout.ts). Same conditions as the list and the bins, so the counts agree.
 */
export function incidentPointsRepository(db: Queryable) {
  return {
    async points(filter: IncidentFilter): Promise<IncidentPoint[]> {
      const where = incidentConditions(filter)
      const { rows } = await db.query<IncidentPoint>(
        `SELECT i.id::int AS id, ST_X(i.geom) AS lng, ST_Y(i.geom) AS lat,
                floor(extract(epoch FROM i.reported_at))::int8::float8 AS time,
                i.category, i.status, (${OVERDUE_NOW}) AS overdue
           FROM incidents i
           ${where.where()}
          ORDER BY i.reported_at, i.id`,
        where.params,
      )
      return rows
    },
  }
}
