import type { Queryable } from '../../db/database'
import { MAX_ZOOM } from './tile-address'
import type { TileLayer } from './tiles.service'

/**
 * TileJSON 3.0.0 (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0) for one tile layer:
 * what MapLibre's `{ type: 'vector', url }` source and GDAL's MVT driver (as METADATA_FILE) read
 * to find the tiles, their zooms, where the data is, and the layer's fields. docs/tiles.md.
 */

type FieldType = 'String' | 'Number' | 'Boolean'

/**
 * Each layer's attributes as the tiles carry them (server/repositories/tiles.repository.ts,
 * TILE_SOURCES), typed as tippecanoe writes them (GDAL reads these names as field types).
 * keep_one_in is on thinned tiles only. tests/integration/tiles.test.ts checks these against
 * decoded tiles.
 */
export const TILE_FIELDS: Record<TileLayer, Record<string, FieldType>> = {
  grids: { code: 'String', name: 'String', type: 'String', community_code: 'String', keep_one_in: 'Number' },
  households: { grid_id: 'Number', keep_one_in: 'Number' },
  incidents: {
    category: 'String',
    status: 'String',
    priority: 'String',
    source: 'String',
    grid_id: 'Number',
    reported_at: 'Number',
    overdue: 'Boolean',
    keep_one_in: 'Number',
  },
  'blind-spots': {
    kind: 'String',
    severity: 'String',
    grid_code: 'String',
    community_code: 'String',
    area_m2: 'Number',
    households: 'Number',
    keep_one_in: 'Number',
  },
}

const DESCRIPTIONS: Record<TileLayer, string> = {
  grids: 'Grids (网格): code, name, type and community',
  households: 'Households (住户) as points with their home grid only',
  incidents: 'Incidents (事件): category, status, priority, source, grid, report time (s since 1970), overdue',
  'blind-spots': 'Blind spots (盲区) of the coverage report: kind, severity, where; never who',
}

/** Where each layer's data lies: blind spots are within the regions' boundaries. */
const EXTENT_SQL: Record<TileLayer, string> = {
  grids: 'SELECT ST_Extent(geom) AS e FROM grids WHERE deleted_at IS NULL',
  households: 'SELECT ST_Extent(geom) AS e FROM households',
  incidents: 'SELECT ST_Extent(geom) AS e FROM incidents',
  'blind-spots': 'SELECT ST_Extent(boundary) AS e FROM regions',
}

/** Web Mercator's square: TileJSON's default bounds, for a layer with no data yet. */
const WORLD: Bounds = [-180, -85.0511287798066, 180, 85.0511287798066]

export type Bounds = [west: number, south: number, east: number, north: number]

/** The layer's data's box in WGS84, or the world when it has none. */
export async function layerBounds(db: Queryable, layer: TileLayer): Promise<Bounds> {
  const {
    rows: [row],
  } = await db.query<{ w: number | null; s: number | null; e: number | null; n: number | null }>(
    `SELECT ST_XMin(e) AS w, ST_YMin(e) AS s, ST_XMax(e) AS e, ST_YMax(e) AS n FROM (${EXTENT_SQL[layer]}) extent`,
  )
  if (!row || row.w === null || row.s === null || row.e === null || row.n === null) return WORLD
  return [Number(row.w), Number(row.s), Number(row.e), Number(row.n)]
}

export interface TileJson {
  tilejson: '3.0.0'
  name: string
  description: string
  version: string
  scheme: 'xyz'
  tiles: string[]
  minzoom: number
  maxzoom: number
  bounds: Bounds
  center: [number, number, number]
  vector_layers: { id: string; description: string; minzoom: number; maxzoom: number; fields: Record<string, FieldType> }[]
}

/**
 * `tilesUrl`: the absolute tile URL template ({z}/{x}/{y}), with the query the tiles are to carry.
 * The center is the data's, at a zoom where the box fills a screen or so.
 */
export function tileJson(layer: TileLayer, tilesUrl: string, bounds: Bounds): TileJson {
  const [west, south, east, north] = bounds
  const span = Math.max(east - west, north - south, 1e-6)
  const zoom = Math.max(0, Math.min(MAX_ZOOM, Math.floor(Math.log2(360 / span))))
  return {
    tilejson: '3.0.0',
    name: layer,
    description: DESCRIPTIONS[layer],
    version: '1.0.0',
    scheme: 'xyz',
    tiles: [tilesUrl],
    minzoom: 0,
    maxzoom: MAX_ZOOM,
    bounds,
    center: [(west + east) / 2, (south + north) / 2, zoom],
    vector_layers: [{ id: layer, description: DESCRIPTIONS[layer], minzoom: 0, maxzoom: MAX_ZOOM, fields: TILE_FIELDS[layer] }],
  }
}
