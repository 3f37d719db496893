// What a grid worker (网格员) sees and records: their grids, their tasks, their grids' households,
// patrol tracks and household visits. Every query is scoped by the worker's id.
import type { Queryable } from '../db/database'
import type { WorkerTaskBody } from '../schemas/field-work.schema'
import { INCIDENT_COLUMNS, toFeature } from './incidents.repository'

export interface WorkerProfile {
  id: number
  name: string
  phone: string | null
  role: string
  countyCode: string
}

/** Positions from a phone are a few metres off; a report or a visit this close to a grid counts as in it. */
const GPS_SLACK_M = 100
const MY_GRIDS = 'SELECT g.id, g.geom FROM grid_assignments a JOIN grids g ON g.id = a.grid_id AND g.deleted_at IS NULL WHERE a.worker_id = $1'
const WORKING = ['dispatched', 'handled', 'verified']

/** A visit of the past (the demo town's): at a household, found by its external id, or anywhere in the grid (null). */
export interface PastVisit {
  workerId: number
  gridId: number
  householdExternalId: string | null
  lng: number
  lat: number
  visitedAt: Date
}

export function fieldWorkRepository(db: Queryable) {
  return {
    async profile(workerId: number): Promise<WorkerProfile | undefined> {
      const { rows } = await db.query<WorkerProfile>('SELECT id::int, name, phone, role, county_code AS "countyCode" FROM grid_workers WHERE id = $1', [
        workerId,
      ])
      return rows[0]
    },

    async grids(workerId: number) {
      const { rows } = await db.query<{ id: number; code: string; name: string; communityCode: string; geometry: { type: string; coordinates: unknown } }>(
        `SELECT g.id::int, g.code, g.name, g.community_code AS "communityCode", ST_AsGeoJSON(g.geom, 7)::json AS geometry
           FROM grid_assignments a JOIN grids g ON g.id = a.grid_id AND g.deleted_at IS NULL
          WHERE a.worker_id = $1 ORDER BY g.code`,
        [workerId],
      )
      return { type: 'FeatureCollection' as const, features: rows.map(toFeature) }
    },

    /** Open tasks dispatched to the worker, soonest deadline first, with the reason of the last return. */
    async tasks(workerId: number) {
      const { rows } = await db.query<Record<string, unknown> & { id: number; geometry: { type: string; coordinates: unknown } }>(
        `SELECT ${INCIDENT_COLUMNS},
                (SELECT e.note FROM incident_events e WHERE e.incident_id = i.id AND e.event = 'return' ORDER BY e.at DESC, e.id DESC LIMIT 1) AS "returnReason",
                (SELECT coalesce(json_agg(json_build_object('id', p.id, 'stage', p.stage) ORDER BY p.id), '[]') FROM incident_photos p WHERE p.incident_id = i.id) AS photos
           FROM incidents i LEFT JOIN grids g ON g.id = i.grid_id
          WHERE i.assignee_id = $1 AND i.status = ANY($2::text[])
          ORDER BY i.deadline_at NULLS LAST, i.id`,
        [workerId, WORKING],
      )
      // A task sent back is in `dispatched` again; the reason matters only then.
      // Its times are Date objects here; the reply's serializer writes them as the schema's date-time text.
      return rows.map((row) => toFeature({ ...row, returnReason: row.status === 'dispatched' ? row.returnReason : null })) as unknown as WorkerTaskBody[]
    },

    async households(workerId: number) {
      const { rows } = await db.query<{ id: number; externalId: string; address: string; gridId: number | null; lng: number; lat: number }>(
        `SELECT h.id::int, h.external_id AS "externalId", h.address, h.grid_id::int AS "gridId",
                round(ST_X(h.geom)::numeric, 7)::float8 AS lng, round(ST_Y(h.geom)::numeric, 7)::float8 AS lat
           FROM households h WHERE h.grid_id IN (SELECT id FROM grid_assignments a JOIN grids g ON g.id = a.grid_id WHERE a.worker_id = $1 AND g.deleted_at IS NULL)
          ORDER BY h.address, h.id`,
        [workerId],
      )
      return rows
    },

    /** Whether the point lies in (or within GPS slack of) one of the worker's grids. */
    async inMyGrids(workerId: number, lng: number, lat: number): Promise<boolean> {
      const { rows } = await db.query<{ ok: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM (${MY_GRIDS}) g
                         WHERE ST_DWithin(g.geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography, ${GPS_SLACK_M})) AS ok`,
        [workerId, lng, lat],
      )
      return rows[0].ok
    },

    /** The household, when it is in one of the worker's grids. */
    async myHousehold(workerId: number, householdId: number): Promise<{ countyCode: string } | undefined> {
      const { rows } = await db.query<{ countyCode: string }>(
        `SELECT h.county_code AS "countyCode" FROM households h
          WHERE h.id = $2 AND h.grid_id IN (SELECT id FROM (${MY_GRIDS}) g)`,
        [workerId, householdId],
      )
      return rows[0]
    },

    /**
     * Records a patrol and one visit to every active grid its track passed through, at a point of
     * the track inside that grid. Returns those grids.
     */
    async insertPatrol(worker: WorkerProfile, startedAt: Date, endedAt: Date, track: unknown): Promise<{ id: number; lengthM: number; gridIds: number[] }> {
      const { rows } = await db.query<{ id: number; lengthM: number }>(
        `INSERT INTO patrols (county_code, worker_id, started_at, ended_at, track, length_m)
         SELECT $1, $2, $3, $4, t, ST_Length(t::geography) FROM ST_SetSRID(ST_GeomFromGeoJSON($5), 4326) AS t
         RETURNING id::int, length_m AS "lengthM"`,
        [worker.countyCode, worker.id, startedAt, endedAt, JSON.stringify(track)],
      )
      const patrol = rows[0]
      const visits = await db.query<{ gridId: number }>(
        `INSERT INTO patrol_visits (county_code, worker_id, grid_id, geom, visited_at, patrol_id)
         SELECT g.county_code, $2, g.id, ST_PointOnSurface(ST_Intersection(p.track, g.geom)), $3, p.id
           FROM patrols p JOIN grids g ON g.deleted_at IS NULL AND ST_Intersects(g.geom, p.track)
          WHERE p.id = $1
         RETURNING grid_id::int AS "gridId"`,
        [patrol.id, worker.id, endedAt],
      )
      return { ...patrol, gridIds: visits.rows.map((v) => v.gridId).sort((a, b) => a - b) }
    },

    async insertVisit(workerId: number, householdId: number, note: string | null, visitedAt: Date): Promise<number> {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO patrol_visits (county_code, worker_id, grid_id, household_id, geom, visited_at, note)
         SELECT h.county_code, $1, h.grid_id, h.id, h.geom, $3, $4 FROM households h WHERE h.id = $2
         RETURNING id::int`,
        [workerId, householdId, visitedAt, note],
      )
      return rows[0].id
    },

    async insertPastVisits(countyCode: string, visits: PastVisit[]): Promise<number> {
      const { rowCount } = await db.query(
        `INSERT INTO patrol_visits (county_code, worker_id, grid_id, household_id, geom, visited_at)
         SELECT $1, v.worker_id, v.grid_id, h.id, ST_SetSRID(ST_MakePoint(v.lng, v.lat), 4326), v.visited_at
           FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::float8[], $6::float8[], $7::timestamptz[])
                WITH ORDINALITY AS v(worker_id, grid_id, household, lng, lat, visited_at, i)
           LEFT JOIN households h ON h.county_code = $1 AND h.external_id = v.household
          ORDER BY v.i`,
        [
          countyCode,
          visits.map((v) => v.workerId),
          visits.map((v) => v.gridId),
          visits.map((v) => v.householdExternalId),
          visits.map((v) => v.lng),
          visits.map((v) => v.lat),
          visits.map((v) => v.visitedAt),
        ],
      )
      return rowCount
    },

    /** Why a track cannot be stored (ST_IsValidReason), or null. */
    async trackProblem(track: unknown): Promise<string | null> {
      const { rows } = await db.query<{ valid: boolean; reason: string; length: number }>(
        'SELECT ST_IsValid(t) AS valid, ST_IsValidReason(t) AS reason FROM ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS t',
        [JSON.stringify(track)],
      )
      return rows[0].valid ? null : rows[0].reason
    },

    /**
     * Who could take an incident: the workers of its grid first, then of the grids touching it, then
     * of its community (for an incident outside every grid: the grids within 500 m), each with
     * their open tasks so that work can be spread.
     */
    async candidates(incidentId: number) {
      const { rows } = await db.query<{
        workerId: number
        name: string
        phone: string | null
        gridCodes: string[]
        relation: 'own' | 'adjacent' | 'community'
        openTasks: number
      }>(
        `WITH inc AS (
           SELECT i.id, i.grid_id, i.geom AS at, home.community_code, home.geom AS home_geom
             FROM incidents i LEFT JOIN grids home ON home.id = i.grid_id WHERE i.id = $1
         ), near AS (
           SELECT g.id, g.code,
                  CASE WHEN g.id = inc.grid_id THEN 0
                       WHEN inc.home_geom IS NOT NULL AND ST_DWithin(g.geom, inc.home_geom, 1e-7) THEN 1
                       WHEN inc.home_geom IS NULL THEN 1
                       ELSE 2 END AS rank
             FROM inc JOIN grids g ON g.deleted_at IS NULL AND (
               g.id = inc.grid_id OR g.community_code = inc.community_code
               OR (inc.home_geom IS NOT NULL AND ST_DWithin(g.geom, inc.home_geom, 1e-7))
               OR (inc.home_geom IS NULL AND ST_DWithin(g.geom::geography, inc.at::geography, 500)))
         )
         SELECT w.id::int AS "workerId", w.name, w.phone,
                array_agg(DISTINCT near.code ORDER BY near.code) AS "gridCodes",
                (ARRAY['own', 'adjacent', 'community'])[min(near.rank) + 1] AS relation,
                (SELECT count(*) FROM incidents t WHERE t.assignee_id = w.id AND t.status = ANY($2::text[]))::int AS "openTasks"
           FROM near JOIN grid_assignments a ON a.grid_id = near.id JOIN grid_workers w ON w.id = a.worker_id
          GROUP BY w.id, w.name, w.phone
          ORDER BY min(near.rank), "openTasks", w.name, w.id`,
        [incidentId, WORKING],
      )
      return rows
    },
  }
}
