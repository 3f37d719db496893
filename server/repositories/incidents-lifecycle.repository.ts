import type { Queryable } from '../db/database'
import type { IncidentCategory, IncidentEventKind } from '../domain/vocabulary'
import type { IncidentDetailBody } from '../schemas/incidents.schema'
import type { LifecycleColumn, LifecycleState, TransitionPlan } from '../domain/incident-lifecycle'
import { homeGridOf } from './home-grid'
import { INCIDENT_COLUMNS, toFeature } from './incidents.repository'

/** An incident row locked for a transition: the state machine's input plus where it belongs. */
export interface LockedIncident extends LifecycleState {
  id: number
  countyCode: string
  assigneeId: number | null
  gridId: number | null
}

export interface NewIncident {
  countyCode: string
  externalId: string | null
  category: IncidentCategory
  source: string
  priority: string
  description: string
  lng: number
  lat: number
}

export interface TimelineEntry {
  event: IncidentEventKind
  actor: string | null
  note: string | null
  at: string
  details: Record<string, unknown> | null
}

// Identifiers only from this allow-list: a plan's keys never reach SQL unchecked.
const COLUMNS: readonly LifecycleColumn[] = [
  'status',
  'accepted_at',
  'rejected_at',
  'dispatched_at',
  'deadline_at',
  'handled_at',
  'verified_at',
  'closed_at',
  'escalation_level',
  'mediation_body',
  'assignee_id',
  'acknowledged_at',
]
const POINT = 'ST_SetSRID(ST_MakePoint($7, $8), 4326)'

export function incidentsLifecycleRepository(db: Queryable) {
  return {
    async detail(id: number): Promise<IncidentDetailBody | undefined> {
      const { rows } = await db.query<Record<string, unknown> & { id: number; geometry: unknown }>(
        `SELECT ${INCIDENT_COLUMNS} FROM incidents i LEFT JOIN grids g ON g.id = i.grid_id WHERE i.id = $1`,
        [id],
      )
      if (!rows[0]) return undefined
      const timeline = await db.query<TimelineEntry>('SELECT event, actor, note, at, details FROM incident_events WHERE incident_id = $1 ORDER BY at, id', [id])
      const photos = await db.query<{ id: number; stage: string }>('SELECT id::int, stage FROM incident_photos WHERE incident_id = $1 ORDER BY id', [id])
      const feature = toFeature(rows[0])
      return { ...feature, properties: { ...feature.properties, timeline: timeline.rows, photos: photos.rows } } as unknown as IncidentDetailBody
    },

    async workerName(workerId: number): Promise<string | undefined> {
      const { rows } = await db.query<{ name: string }>('SELECT name FROM grid_workers WHERE id = $1', [workerId])
      return rows[0]?.name
    },

    /** The incident's lifecycle state, locked for the rest of the transaction. */
    async lock(id: number): Promise<LockedIncident | undefined> {
      const { rows } = await db.query<LockedIncident>(
        `SELECT id::int, county_code AS "countyCode", status, category, escalation_level AS "escalationLevel",
                mediation_body AS "mediationBody", deadline_at AS "deadlineAt", acknowledged_at AS "acknowledgedAt",
                assignee_id::int AS "assigneeId", grid_id::int AS "gridId"
           FROM incidents WHERE id = $1 FOR UPDATE`,
        [id],
      )
      return rows[0]
    },

    async apply(id: number, plan: TransitionPlan): Promise<void> {
      const entries = Object.entries(plan.set).filter(([column]) => COLUMNS.includes(column as LifecycleColumn))
      const sets = entries.map(([column], k) => `${column} = $${k + 2}`)
      await db.query(`UPDATE incidents SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`, [id, ...entries.map(([, v]) => v)])
    },

    async addEvent(
      incidentId: number,
      countyCode: string,
      event: IncidentEventKind,
      actor: string,
      note: string | null,
      details: unknown,
      at: Date,
    ): Promise<void> {
      await db.query(`INSERT INTO incident_events (incident_id, county_code, event, actor, note, details, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        incidentId,
        countyCode,
        event,
        actor,
        note,
        details === null ? null : JSON.stringify(details),
        at,
      ])
    },

    /** The county whose boundary holds the point, or undefined when it lies outside every region. */
    async countyAt(lng: number, lat: number): Promise<string | undefined> {
      const { rows } = await db.query<{ code: string }>(
        `SELECT county_code AS code FROM regions
          WHERE boundary IS NOT NULL AND ST_Intersects(boundary, ST_SetSRID(ST_MakePoint($1, $2), 4326))
          ORDER BY length(code) DESC, code LIMIT 1`,
        [lng, lat],
      )
      return rows[0]?.code
    },

    async insert(record: NewIncident, at: Date): Promise<{ id: number; gridId: number | null }> {
      const { rows } = await db.query<{ id: number; gridId: number | null }>(
        `INSERT INTO incidents (county_code, external_id, category, source, priority, status, description, reported_at, geom, grid_id)
         VALUES ($1, $2, $3, $4, $5, 'reported', $6, $9, ${POINT}, ${homeGridOf(POINT)})
         RETURNING id::int, grid_id::int AS "gridId"`,
        [record.countyCode, record.externalId, record.category, record.source, record.priority, record.description, record.lng, record.lat, at],
      )
      return rows[0]
    },

    /**
     * The grid and every active grid touching it (adjacency from the geometry; a hair of tolerance
     * so that edges digitised a few centimetres apart still count), with their workers.
     */
    async linkedGrids(gridId: number): Promise<{ gridId: number; code: string; workerIds: number[] }[]> {
      const { rows } = await db.query<{ gridId: number; code: string; workerIds: number[] }>(
        `SELECT g.id::int AS "gridId", g.code,
                coalesce(array_agg(a.worker_id::int ORDER BY a.worker_id) FILTER (WHERE a.worker_id IS NOT NULL), '{}') AS "workerIds"
           FROM grids home
           JOIN grids g ON g.deleted_at IS NULL AND (g.id = home.id OR ST_DWithin(g.geom, home.geom, 1e-7))
           LEFT JOIN grid_assignments a ON a.grid_id = g.id
          WHERE home.id = $1
          GROUP BY g.id, g.code
          ORDER BY g.id <> $1, g.code`,
        [gridId],
      )
      return rows
    },

    /**
     * For generated history (the demo town's): every dispatched incident of the county went to a
     * worker of its grid, spread over them by id, who took it 5–54 minutes after dispatch (never
     * after it was handled).
     */
    async assignDispatchedAcrossGridWorkers(countyCode: string): Promise<void> {
      await db.query(
        `UPDATE incidents i
            SET assignee_id = (SELECT (array_agg(a.worker_id ORDER BY a.worker_id))[(1 + i.id % count(*))::int] FROM grid_assignments a WHERE a.grid_id = i.grid_id),
                acknowledged_at = least(i.dispatched_at + make_interval(mins => 5 + abs(hashtext(i.external_id)) % 50), coalesce(i.handled_at, 'infinity'))
          WHERE i.county_code = $1 AND i.dispatched_at IS NOT NULL
            AND EXISTS (SELECT 1 FROM grid_assignments a WHERE a.grid_id = i.grid_id)`,
        [countyCode],
      )
    },
  }
}
