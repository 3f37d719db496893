import type { Queryable } from '../db/database'
import type { IncidentFilter } from '../domain/incident-filter'
import { BUFFER, EXTENT, candidateBox, tileBounds, type TileAddress } from '../domain/vector-tiles'
import { incidentConditions } from './incidents.repository'
import { ENVELOPE, SqlConditions, isCounty } from './sql-fragments'

/**
 * The rows of one tile layer: `fid` (the feature id), the attributes, and `geom` in EPSG:3857.
 * Both encoders read the same source (ST_AsMVT in PostGIS; the Node encoder on the embedded
 * engine, which lacks it), so they agree on which features a tile holds and what they say.
 */
export interface TileSource {
  from: string
  where: SqlConditions
  fid: string
  /** `expression AS name`, in the order the tile lists them. */
  attributes: string[]
  geom3857: string
  /** Point layers: x and y of geom3857 as numbers, which the Node encoder reads for less work than GeoJSON. */
  point3857?: [x: string, y: string]
}

/** Blind spots are computed by the coverage report, not stored: they reach SQL as JSON. */
export interface BlindSpotRow {
  fid: number
  kind: string
  severity: string
  gridCode?: string
  communityCode?: string
  areaM2?: number
  households?: number
  geometry: unknown
}

// Seconds since 1970 as float8: exact for whole seconds, and an int4 would end in 2038.
const EPOCH = (column: string) => `extract(epoch FROM ${column})::float8`

export const TILE_SOURCES = {
  grids(address: TileAddress, region?: string): TileSource {
    const where = new SqlConditions().add('g.deleted_at IS NULL').add(`g.geom && ${ENVELOPE}`, ...candidateBox(address))
    if (region) where.add('g.code LIKE ?', `${region}%`)
    return {
      from: 'grids g',
      where,
      fid: 'g.id',
      attributes: ['g.code AS code', 'g.name AS name', 'g.type AS type', 'g.community_code AS community_code'],
      geom3857: 'ST_Transform(g.geom, 3857)',
    }
  },

  /** Households as points with their home grid only: their details are not for every reader (server/services/privacy.ts). */
  households(address: TileAddress, region?: string): TileSource {
    const where = new SqlConditions().add(`h.geom && ${ENVELOPE}`, ...candidateBox(address))
    if (region) {
      where.add('h.county_code = left(?, 6)', region)
      if (!isCounty(region)) where.add('ST_Intersects(h.geom, (SELECT boundary FROM regions WHERE code = ?))', region)
    }
    return {
      from: 'households h',
      where,
      fid: 'h.id',
      attributes: ['h.grid_id::int AS grid_id'],
      geom3857: 'ST_Transform(h.geom, 3857)',
      point3857: ['ST_X(ST_Transform(h.geom, 3857))', 'ST_Y(ST_Transform(h.geom, 3857))'],
    }
  },

  /** Incidents under the analyst's filter; the tile box on the stored Mercator columns, as the bins use them (migration 007). */
  incidents(address: TileAddress, filter: IncidentFilter): TileSource {
    const where = incidentConditions(filter, { indexOnly: true })
    const [minX, minY, maxX, maxY] = tileBounds(address)
    const margin = ((maxX - minX) * BUFFER) / EXTENT
    where.add('i.merc_x BETWEEN ? AND ?', minX - margin, maxX + margin)
    where.add('i.merc_y BETWEEN ? AND ?', minY - margin, maxY + margin)
    where.add(`i.geom && ${ENVELOPE}`, ...candidateBox(address))
    return {
      from: 'incidents i',
      where,
      fid: 'i.id',
      attributes: [
        'i.category AS category',
        'i.status AS status',
        'i.priority AS priority',
        'i.source AS source',
        'i.grid_id::int AS grid_id',
        `${EPOCH('i.reported_at')} AS reported_at`,
        `coalesce(i.status NOT IN ('closed', 'rejected') AND i.deadline_at < now(), false) AS overdue`,
      ],
      geom3857: 'ST_SetSRID(ST_MakePoint(i.merc_x, i.merc_y), 3857)',
      point3857: ['i.merc_x', 'i.merc_y'],
    }
  },

  'blind-spots'(spots: BlindSpotRow[]): TileSource {
    const where = new SqlConditions()
    const json = where.param(JSON.stringify(spots))
    return {
      from: `jsonb_array_elements(${json}::jsonb) s`,
      where,
      fid: `(s ->> 'fid')::bigint`,
      attributes: [
        `s ->> 'kind' AS kind`,
        `s ->> 'severity' AS severity`,
        `s ->> 'gridCode' AS grid_code`,
        `s ->> 'communityCode' AS community_code`,
        `round((s ->> 'areaM2')::numeric, 1)::float8 AS area_m2`,
        `(s ->> 'households')::int AS households`,
      ],
      geom3857: `ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(s -> 'geometry'), 4326), 3857)`,
    }
  },
} as const

export type TileLayerName = keyof typeof TILE_SOURCES

/** Thinning: keep the rows whose id hashes to 0 modulo k (k a power of two, so a larger k keeps a subset of a smaller one's rows). */
export const keptBy = (fid: string, keepOneIn: number) => `(hashint8((${fid})::bigint) & ${keepOneIn - 1}) = 0`

/** Powers of two tried for k: up to 2^16, one in 65,536 rows. */
export const KEEP_ONE_IN = Array.from({ length: 17 }, (_, power) => 2 ** power)

/** `geometry`: the select list's geometry columns, `expression AS name`. */
function selectRows(source: TileSource, keepOneIn: number, limit: number | null, geometry: string): { sql: string; params: unknown[] } {
  const where = new SqlConditions()
  where.params.push(...source.where.params)
  const conditions = [source.where.where().replace(/^WHERE /, ''), keepOneIn > 1 ? keptBy(source.fid, keepOneIn) : ''].filter(Boolean)
  const sample = keepOneIn > 1 ? `, ${keepOneIn}::int AS keep_one_in` : ''
  const sql = `SELECT (${source.fid})::bigint AS fid, ${source.attributes.join(', ')}${sample}, ${geometry}
                 FROM ${source.from}
                ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
                ${limit === null ? '' : `LIMIT ${where.param(limit)}`}`
  return { sql, params: where.params }
}

export function tilesRepository(db: Queryable) {
  return {
    /**
     * The tile by ST_AsMVT, and how many rows it was made from. With `limit` (the layer's cap + 1)
     * the caller learns from the count whether the tile must be thinned, in the same statement.
     */
    async mvt(layer: string, address: TileAddress, source: TileSource, keepOneIn: number, limit: number | null): Promise<{ tile: Buffer; rows: number }> {
      const { sql, params } = selectRows(source, keepOneIn, limit, `${source.geom3857} AS geom`)
      const envelope = `ST_MakeEnvelope(${tileBounds(address).join(', ')}, 3857)`
      const columns = ['fid', ...source.attributes.map(attributeName), ...(keepOneIn > 1 ? ['keep_one_in'] : [])]
      const { rows } = await db.query<{ tile: Buffer | null; rows: number }>(
        `WITH source AS MATERIALIZED (${sql})
         SELECT (SELECT ST_AsMVT(t, '${layer}', ${EXTENT}, 'geom', 'fid')
                   FROM (SELECT ${columns.join(', ')}, ST_AsMVTGeom(geom, ${envelope}, ${EXTENT}, ${BUFFER}, true) AS geom FROM source) t
                  WHERE t.geom IS NOT NULL) AS tile,
                (SELECT count(*)::int FROM source) AS rows`,
        params,
      )
      return { tile: rows[0].tile ?? Buffer.alloc(0), rows: rows[0].rows }
    },

    /**
     * The same rows for the Node encoder, with their geometry in EPSG:3857: `x3857` and `y3857`
     * for point layers, else `geom` as GeoJSON.
     */
    async rows(source: TileSource, keepOneIn: number, limit: number | null): Promise<Record<string, unknown>[]> {
      const geometry = source.point3857 ? `${source.point3857[0]} AS x3857, ${source.point3857[1]} AS y3857` : `ST_AsGeoJSON(${source.geom3857}) AS geom`
      const { sql, params } = selectRows(source, keepOneIn, limit, geometry)
      const { rows } = await db.query<Record<string, unknown>>(sql, params)
      return rows
    },

    /** How many rows each k in KEEP_ONE_IN would keep: one scan, one hash per row, picks the smallest k within the cap. */
    async keptCounts(source: TileSource): Promise<number[]> {
      const counts = KEEP_ONE_IN.map((k, power) => `count(*) FILTER (WHERE (h & ${k - 1}) = 0)::int AS k${power}`)
      const { rows } = await db.query<Record<string, number>>(
        `SELECT ${counts.join(', ')} FROM (SELECT hashint8((${source.fid})::bigint) AS h FROM ${source.from} ${source.where.where()}) s`,
        source.where.params,
      )
      return KEEP_ONE_IN.map((_, power) => rows[0][`k${power}`])
    },

    /** Counties whose boundary box meets the tile's: their coverage reports hold its blind spots. */
    async regionsMeeting(address: TileAddress): Promise<string[]> {
      const { rows } = await db.query<{ code: string }>(
        `SELECT code FROM regions WHERE level = 'county' AND boundary && ST_MakeEnvelope($1, $2, $3, $4, 4326) ORDER BY code`,
        candidateBox(address),
      )
      return rows.map((row) => row.code)
    },
  }
}

/** `expression AS name` → name. */
const attributeName = (attribute: string) => attribute.slice(attribute.lastIndexOf(' AS ') + 4)
