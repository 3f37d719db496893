import type { Queryable } from '../db/database'
import type { Bbox } from '../schemas/common.schema'
import type { OgcCollectionId, TimeInterval } from '../domain/ogc-features'
import { GRID_COLUMNS } from './grids.repository'
import { HOUSEHOLD_COLUMNS } from './households.repository'
import { INCIDENT_COLUMNS } from './incidents.repository'
import { ENVELOPE, SqlConditions } from './sql-fragments'

/** How each OGC collection reads its table; identifiers come only from here. */
interface Source {
  from: string
  /** The properties and `geometry` (GeoJSON), as our own API shows them. */
  columns: string
  geom: string
  /** The feature id: `id` of the row, or a text key. */
  key: string
  keyIsInteger: boolean
  /** Rows that exist for readers at all. */
  where?: string
  /** The column `datetime` selects on (services/ogc/queryables.ts names it), when the collection has one. */
  time?: string
  /** The column of each queryable (services/ogc/queryables.ts), for `?name=value`. */
  queryables?: Record<string, string>
}

const SOURCES: Record<OgcCollectionId, Source> = {
  regions: {
    from: 'regions r',
    columns: `r.code AS id, r.code, r.name, r.level, r.parent_code AS "parentCode", ST_AsGeoJSON(r.boundary, 7)::json AS geometry`,
    geom: 'r.boundary',
    key: 'r.code',
    keyIsInteger: false,
    queryables: { level: 'r.level', parentCode: 'r.parent_code' },
  },
  grids: {
    from: 'grids g',
    columns: GRID_COLUMNS,
    geom: 'g.geom',
    key: 'g.id',
    keyIsInteger: true,
    where: 'g.deleted_at IS NULL',
    queryables: { type: 'g.type', communityCode: 'g.community_code' },
  },
  'service-points': {
    from: 'service_points s',
    columns: 's.id::int, s.name, s.category, ST_AsGeoJSON(s.geom, 7)::json AS geometry',
    geom: 's.geom',
    key: 's.id',
    keyIsInteger: true,
    queryables: { category: 's.category' },
  },
  households: {
    from: 'households h LEFT JOIN grids g ON g.id = h.grid_id',
    columns: HOUSEHOLD_COLUMNS,
    geom: 'h.geom',
    key: 'h.id',
    keyIsInteger: true,
    queryables: { gridId: 'h.grid_id', gridCode: 'g.code' },
  },
  incidents: {
    from: 'incidents i LEFT JOIN grids g ON g.id = i.grid_id',
    columns: INCIDENT_COLUMNS,
    geom: 'i.geom',
    key: 'i.id',
    keyIsInteger: true,
    time: 'i.reported_at',
    queryables: { category: 'i.category', status: 'i.status', source: 'i.source', priority: 'i.priority', gridId: 'i.grid_id', gridCode: 'g.code' },
  },
}

export type Row = Record<string, unknown> & { id: number | string; geometry: { type: string; coordinates: unknown } | null }

export interface ItemsPage {
  rows: Row[]
  numberMatched: number
}

/** What an items request selects: boxes (two when one crosses the antimeridian), a time, queryables' values. */
export interface ItemsFilter {
  bbox?: Bbox[]
  time?: TimeInterval
  equals?: Record<string, string | number>
}

function conditions(source: Source, { bbox, time, equals = {} }: ItemsFilter = {}): SqlConditions {
  const where = new SqlConditions()
  if (source.where) where.add(source.where)
  // && lets the GiST index pick candidates; ST_Intersects keeps only geometries that touch the box.
  const inBox = `(${source.geom} && ${ENVELOPE} AND ST_Intersects(${source.geom}, ${ENVELOPE}))`
  if (bbox?.length) where.add(bbox.map(() => inBox).join(' OR '), ...bbox.flatMap((box) => [...box, ...box]))
  if (time && source.time) {
    if (time.start !== undefined) where.add(`${source.time} >= ?::timestamptz`, time.start)
    if (time.end !== undefined) where.add(`${source.time} ${time.endExclusive ? '<' : '<='} ?::timestamptz`, time.end)
  }
  for (const [name, value] of Object.entries(equals)) {
    const column = source.queryables?.[name]
    if (!column) throw new Error(`${name} is no queryable of this collection`)
    where.add(`${column} = ?`, value)
  }
  return where
}

export function ogcRepository(db: Queryable) {
  return {
    /** The collection's bounding box in CRS84, or null when it holds no geometry. */
    async extent(id: OgcCollectionId): Promise<Bbox | null> {
      const source = SOURCES[id]
      const where = conditions(source)
      const { rows } = await db.query<{ bbox: Bbox | null }>(
        `SELECT CASE WHEN e IS NULL THEN NULL ELSE json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) END AS bbox
           FROM (SELECT ST_Extent(${source.geom}) AS e FROM ${source.from} ${where.where()}) AS x`,
        where.params,
      )
      return rows[0].bbox
    },

    /** The first and last instant of the collection's temporal property; null when it has none or no rows. */
    async timeExtent(id: OgcCollectionId): Promise<[Date, Date] | null> {
      const source = SOURCES[id]
      if (!source.time) return null
      const where = conditions(source)
      const {
        rows: [{ first, last }],
      } = await db.query<{ first: Date | null; last: Date | null }>(
        `SELECT min(${source.time}) AS first, max(${source.time}) AS last FROM ${source.from} ${where.where()}`,
        where.params,
      )
      return first && last ? [first, last] : null
    },

    /** One page in the collection's stable order (its key), and how many match in all. */
    async page(id: OgcCollectionId, { limit, offset, ...filter }: ItemsFilter & { limit: number; offset: number }): Promise<ItemsPage> {
      const source = SOURCES[id]
      const where = conditions(source, filter)
      const {
        rows: [{ n }],
      } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${source.from} ${where.where()}`, where.params)
      const { rows } = await db.query<Row>(
        `SELECT ${source.columns} FROM ${source.from} ${where.where()}
          ORDER BY ${source.key} LIMIT ${where.param(limit)} OFFSET ${where.param(offset)}`,
        where.params,
      )
      return { rows, numberMatched: n }
    },

    /** One feature by its id as text; null when there is none (or the id cannot be one). */
    async one(id: OgcCollectionId, featureId: string): Promise<Row | null> {
      const source = SOURCES[id]
      if (source.keyIsInteger && !/^[0-9]{1,18}$/.test(featureId)) return null
      const where = conditions(source).add(`${source.key} = ?${source.keyIsInteger ? '::bigint' : ''}`, featureId)
      const { rows } = await db.query<Row>(`SELECT ${source.columns} FROM ${source.from} ${where.where()}`, where.params)
      return rows[0] ?? null
    },
  }
}
