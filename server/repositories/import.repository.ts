// Bulk writes of regions, grids, households, service points and incidents: the import's, and the
// demo town's (server/services/demo-town), so that each table is written one way.
import type { Queryable } from '../db/database'
import type { MultiPolygonGeometry, PointGeometry } from '../domain/geojson'
import type { GridType, IncidentCategory, IncidentPriority, IncidentSource, IncidentStatus, RegionLevel, ServiceCategory } from '../domain/vocabulary'
import { union } from './overlay-sql'
import { homeGridOf, rehomeWithin } from './home-grid'

// What each insert needs of a record (the import's checked records carry more).
export interface NewRegion {
  code: string
  name: string
  level: RegionLevel
  parentCode: string | null
  geometry: MultiPolygonGeometry
}
/** `stored` is the shape as hex EWKB, written as is. */
export interface NewGrid {
  code: string
  name: string
  type: GridType
  communityCode: string
  stored: string
}
export interface NewHousehold {
  externalId: string
  address: string
  population: number
  elderlyAlone: boolean
  disabled: boolean
  lowIncome: boolean
  keyCare: boolean
  geometry: PointGeometry
}
export interface NewServicePoint {
  name: string
  category: ServiceCategory
  geometry: PointGeometry
}
export interface NewIncident {
  externalId: string
  category: IncidentCategory
  source: IncidentSource
  priority: IncidentPriority
  status: IncidentStatus
  description: string
  reportedAt: string
  geometry: PointGeometry
}
/** An incident with its whole past (the demo town's): every stage's time, null where it has not happened. */
export interface PastIncident extends Omit<NewIncident, 'reportedAt'> {
  reportedAt: Date
  acceptedAt: Date | null
  dispatchedAt: Date | null
  deadlineAt: Date | null
  handledAt: Date | null
  verifiedAt: Date | null
  closedAt: Date | null
  rejectedAt: Date | null
  updatedAt: Date
}
export interface PastEvent {
  incidentId: number
  event: string
  actor: string
  note: string | null
  at: Date
}

const GEOM = 'ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(t), 4326))'
const POINT = 'ST_SetSRID(ST_MakePoint(lng, lat), 4326)'

const lngs = (records: { geometry: { coordinates: [number, number] } }[]) => records.map((r) => r.geometry.coordinates[0])
const lats = (records: { geometry: { coordinates: [number, number] } }[]) => records.map((r) => r.geometry.coordinates[1])

export function importRepository(db: Queryable) {
  return {
    /** Positions (0-based, in `geojson` order) of geometries PostGIS finds invalid, with its reason. */
    async invalidGeometries(geojson: string[]): Promise<{ position: number; reason: string }[]> {
      const { rows } = await db.query<{ position: number; reason: string }>(
        `SELECT (i - 1)::int AS position, ST_IsValidReason(g) AS reason
           FROM (SELECT i, ${GEOM} AS g FROM unnest($1::text[]) WITH ORDINALITY AS u(t, i)) s
          WHERE NOT ST_IsValid(g)`,
        [geojson],
      )
      return rows
    },

    /** The county of each point: that of the most detailed region whose boundary holds it. */
    async countyOfPoints(records: { geometry: { coordinates: [number, number] } }[]): Promise<(string | null)[]> {
      const { rows } = await db.query<{ county: string | null }>(
        `SELECT (SELECT r.county_code FROM regions r
                  WHERE r.boundary && ${POINT} AND ST_Intersects(r.boundary, ${POINT})
                  ORDER BY length(r.code) DESC LIMIT 1) AS county
           FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS u(lng, lat, i)
          ORDER BY i`,
        [lngs(records), lats(records)],
      )
      return rows.map((row) => row.county)
    },

    async regionLevels(codes: string[]): Promise<Map<string, RegionLevel>> {
      const { rows } = await db.query<{ code: string; level: RegionLevel }>('SELECT code, level FROM regions WHERE code = ANY($1::text[])', [codes])
      return new Map(rows.map((row) => [row.code, row.level]))
    },

    async existingGridCodes(codes: string[]): Promise<Set<string>> {
      const { rows } = await db.query<{ code: string }>('SELECT code FROM grids WHERE code = ANY($1::text[])', [codes])
      return new Set(rows.map((row) => row.code))
    },

    /** Highest grid sequence used in each community, deleted grids included (codes are never reused). */
    async highestGridSequence(communityCodes: string[]): Promise<Map<string, number>> {
      const { rows } = await db.query<{ community: string; seq: number }>(
        `SELECT community_code AS community, max(right(code, 3)::int)::int AS seq
           FROM grids WHERE community_code = ANY($1::text[]) GROUP BY community_code`,
        [communityCodes],
      )
      return new Map(rows.map((row) => [row.community, row.seq]))
    },

    async existingExternalIds(table: 'households' | 'incidents', keys: { county: string; externalId: string }[]): Promise<Set<string>> {
      const { rows } = await db.query<{ key: string }>(
        `SELECT t.county_code || '/' || t.external_id AS key
           FROM ${table} t JOIN unnest($1::text[], $2::text[]) AS u(county, external_id)
             ON t.county_code = u.county AND t.external_id = u.external_id`,
        [keys.map((k) => k.county), keys.map((k) => k.externalId)],
      )
      return new Set(rows.map((row) => row.key))
    },

    async insertRegions(records: NewRegion[]): Promise<string[]> {
      await db.query(
        `INSERT INTO regions (code, name, level, parent_code, county_code, boundary)
         SELECT code, name, level, parent, left(code, 6), ${GEOM}
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(code, name, level, parent, t)
          ORDER BY length(code)`,
        [
          records.map((r) => r.code),
          records.map((r) => r.name),
          records.map((r) => r.level),
          records.map((r) => r.parentCode),
          records.map((r) => JSON.stringify(r.geometry)),
        ],
      )
      return records.map((r) => r.code)
    },

    /**
     * GeoJSON MultiPolygons as hex EWKB, the form insertGrids writes, exactly as given: for grids
     * generated on their own lattice (the demo town's), which skip the import's snapping.
     */
    async shapesAsGiven(geojson: string[]): Promise<string[]> {
      const { rows } = await db.query<{ stored: string }>(
        `SELECT ST_SetSRID(ST_GeomFromGeoJSON(t), 4326)::text AS stored FROM unnest($1::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i`,
        [geojson],
      )
      return rows.map((row) => row.stored)
    },

    /**
     * Grids in the shape import checked them in: `stored` is that shape as hex EWKB, written as is.
     * Each gets its first history row, with `reason` when one is given.
     */
    async insertGrids(records: NewGrid[], userId: number | null, reason: string | null = null): Promise<{ id: number; code: string }[]> {
      const { rows } = await db.query<{ id: number; code: string }>(
        `WITH inserted AS (
           INSERT INTO grids (code, name, type, community_code, county_code, geom, updated_by)
           SELECT code, name, type, community, left(code, 6), ST_Multi(stored::geometry), $6
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS u(code, name, type, community, stored, i)
            ORDER BY i
           RETURNING id, code, county_code, geom)
         , history AS (
           INSERT INTO grid_history (grid_id, county_code, version, operation, geom_after, changed_by, reason)
           SELECT id, county_code, 1, 'import', geom, $6, $7 FROM inserted)
         SELECT id::int, code FROM inserted ORDER BY code`,
        [
          records.map((r) => r.code),
          records.map((r) => r.name),
          records.map((r) => r.type),
          records.map((r) => r.communityCode),
          records.map((r) => r.stored),
          userId,
          reason,
        ],
      )
      // Households and incidents under the new grids may have a new home grid now.
      for (const sql of rehomeWithin(`(SELECT ${union('geom')} FROM grids WHERE id = ANY($1::bigint[]))`)) {
        await db.query(sql, [rows.map((r) => r.id)])
      }
      return rows
    },

    async insertHouseholds(records: NewHousehold[], counties: string[]): Promise<number[]> {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO households (county_code, external_id, address, population, elderly_alone, disabled, low_income, key_care, geom, grid_id)
         SELECT county, external_id, address, population, elderly_alone, disabled, low_income, key_care, ${POINT}, ${homeGridOf(POINT)}
           FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bool[], $6::bool[], $7::bool[], $8::bool[], $9::float8[], $10::float8[])
                WITH ORDINALITY AS u(county, external_id, address, population, elderly_alone, disabled, low_income, key_care, lng, lat, i)
          ORDER BY i
         RETURNING id::int`,
        [
          counties,
          records.map((r) => r.externalId),
          records.map((r) => r.address),
          records.map((r) => r.population),
          records.map((r) => r.elderlyAlone),
          records.map((r) => r.disabled),
          records.map((r) => r.lowIncome),
          records.map((r) => r.keyCare),
          lngs(records),
          lats(records),
        ],
      )
      return rows.map((r) => r.id)
    },

    async insertServicePoints(records: NewServicePoint[], counties: string[]): Promise<number[]> {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO service_points (county_code, name, category, geom)
         SELECT county, name, category, ${POINT}
           FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[]) WITH ORDINALITY AS u(county, name, category, lng, lat, i)
          ORDER BY i
         RETURNING id::int`,
        [counties, records.map((r) => r.name), records.map((r) => r.category), lngs(records), lats(records)],
      )
      return rows.map((r) => r.id)
    },

    async insertIncidents(records: NewIncident[], counties: string[], actor: string): Promise<number[]> {
      const { rows } = await db.query<{ id: number }>(
        `WITH inserted AS (
           INSERT INTO incidents (county_code, external_id, category, source, priority, status, description, reported_at, geom, grid_id)
           SELECT county, external_id, category, source, priority, status, description, reported_at, ${POINT}, ${homeGridOf(POINT)}
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::float8[], $10::float8[])
                  WITH ORDINALITY AS u(county, external_id, category, source, priority, status, description, reported_at, lng, lat, i)
            ORDER BY i
           RETURNING id, county_code, reported_at)
         , events AS (
           INSERT INTO incident_events (incident_id, county_code, event, actor, note, at)
           SELECT id, county_code, 'report', $11, 'imported', reported_at FROM inserted)
         SELECT id::int FROM inserted ORDER BY id`,
        [
          counties,
          records.map((r) => r.externalId),
          records.map((r) => r.category),
          records.map((r) => r.source),
          records.map((r) => r.priority),
          records.map((r) => r.status),
          records.map((r) => r.description),
          records.map((r) => r.reportedAt),
          lngs(records),
          lats(records),
          actor,
        ],
      )
      return rows.map((r) => r.id)
    },

    /** Incidents with their past, in one county; their ids in the order given. Their timelines are insertEvents'. */
    async insertPastIncidents(records: PastIncident[], countyCode: string): Promise<number[]> {
      const times = (pick: (r: PastIncident) => Date | null) => records.map(pick)
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO incidents (county_code, external_id, category, source, priority, status, description, geom, grid_id,
             reported_at, accepted_at, dispatched_at, deadline_at, handled_at, verified_at, closed_at, rejected_at, updated_at)
         SELECT $1, external_id, category, source, priority, status, description, ${POINT}, ${homeGridOf(POINT)},
                reported_at, accepted_at, dispatched_at, deadline_at, handled_at, verified_at, closed_at, rejected_at, updated_at
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[],
                       $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[],
                       $15::timestamptz[], $16::timestamptz[], $17::timestamptz[], $18::timestamptz[])
                WITH ORDINALITY AS u(external_id, category, source, priority, status, description, lng, lat,
                                     reported_at, accepted_at, dispatched_at, deadline_at, handled_at, verified_at, closed_at, rejected_at, updated_at, i)
          ORDER BY i
         RETURNING id::int`,
        [
          countyCode,
          records.map((r) => r.externalId),
          records.map((r) => r.category),
          records.map((r) => r.source),
          records.map((r) => r.priority),
          records.map((r) => r.status),
          records.map((r) => r.description),
          lngs(records),
          lats(records),
          times((r) => r.reportedAt),
          times((r) => r.acceptedAt),
          times((r) => r.dispatchedAt),
          times((r) => r.deadlineAt),
          times((r) => r.handledAt),
          times((r) => r.verifiedAt),
          times((r) => r.closedAt),
          times((r) => r.rejectedAt),
          times((r) => r.updatedAt),
        ],
      )
      return rows.map((r) => r.id).sort((a, b) => a - b)
    },

    async insertEvents(events: PastEvent[], countyCode: string): Promise<number> {
      const { rowCount } = await db.query(
        `INSERT INTO incident_events (incident_id, county_code, event, actor, note, at)
         SELECT incident_id, $1, event, actor, note, at
           FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) WITH ORDINALITY AS u(incident_id, event, actor, note, at, i)
          ORDER BY i`,
        [
          countyCode,
          events.map((e) => e.incidentId),
          events.map((e) => e.event),
          events.map((e) => e.actor),
          events.map((e) => e.note),
          events.map((e) => e.at),
        ],
      )
      return rowCount
    },
  }
}
