import gcoord from 'gcoord'
import type { Position } from '../../domain/geojson'
import type { ProblemList } from './reasons'

export type { Position } from '../../domain/geojson'
export type SourceCrs = 'wgs84' | 'gcj02' | 'bd09'

/** More vertices than any hand-drawn or surveyed grid has; beyond this it is an error or an attack. */
export const MAX_VERTICES = 20_000

const FROM_CRS = { gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const

/**
 * gcoord inverts GCJ-02 iteratively only to 1e-6° and BD-09 by an approximate formula: points come
 * back up to ~0.1 m off, each by its own amount, enough to bend an edge two files share. A few
 * fixed-point steps against the exact forward transform bring it to ~1e-12°.
 */
function toWgs84(position: Position, crs: SourceCrs): Position {
  if (crs === 'wgs84') return position
  let [lng, lat] = gcoord.transform(position, FROM_CRS[crs], gcoord.WGS84) as Position
  for (let step = 0; step < 10; step++) {
    const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, FROM_CRS[crs]) as Position
    const [dx, dy] = [x - position[0], y - position[1]]
    if (Math.abs(dx) < 1e-12 && Math.abs(dy) < 1e-12) break
    lng -= dx
    lat -= dy
  }
  return [lng, lat]
}

const inRange = ([lng, lat]: Position) => lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90

function isPosition(value: unknown): value is number[] {
  return Array.isArray(value) && (value.length === 2 || value.length === 3) && value.every((n) => typeof n === 'number' && Number.isFinite(n))
}

export interface CheckedPoint {
  type: 'Point'
  coordinates: Position
}

export interface CheckedPolygons {
  type: 'MultiPolygon'
  coordinates: Position[][][]
}

interface Context {
  index: number
  crs: SourceCrs
  problems: ProblemList
}

/**
 * Checks a GeoJSON Point's structure and range and converts it to WGS84. Reports problems and
 * returns undefined when it is unusable.
 */
export function checkPoint(geometry: unknown, { index, crs, problems }: Context): CheckedPoint | undefined {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null
  if (!g || typeof g !== 'object') {
    problems.add(index, 'missing_geometry', 'the feature has no geometry')
    return undefined
  }
  if (g.type !== 'Point') {
    problems.add(index, 'wrong_geometry_type', `expected a Point, got ${String(g.type)}`)
    return undefined
  }
  if (!isPosition(g.coordinates)) {
    problems.add(index, 'malformed_coordinates', 'a Point needs [lng, lat] numbers')
    return undefined
  }
  const position: Position = [g.coordinates[0], g.coordinates[1]]
  if (!inRange(position)) {
    problems.add(index, 'coordinates_out_of_range', `[${position.join(', ')}] is outside lng −180…180, lat −90…90`)
    return undefined
  }
  return { type: 'Point', coordinates: toWgs84(position, crs) }
}

/**
 * Checks a Polygon or MultiPolygon's structure (numbers, closed rings of ≥ 4 positions, range,
 * vertex count) and converts it to a WGS84 MultiPolygon. Topological validity (self-intersection)
 * is left to PostGIS's ST_IsValid, the same judge the database constraints use.
 */
export function checkPolygons(geometry: unknown, { index, crs, problems }: Context): CheckedPolygons | undefined {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null
  if (!g || typeof g !== 'object') {
    problems.add(index, 'missing_geometry', 'the feature has no geometry')
    return undefined
  }
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    problems.add(index, 'wrong_geometry_type', `expected a Polygon or MultiPolygon, got ${String(g.type)}`)
    return undefined
  }
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown
  if (!Array.isArray(polygons) || polygons.length === 0) {
    problems.add(index, 'malformed_coordinates', `${g.type} coordinates must be a non-empty array`)
    return undefined
  }
  let vertices = 0
  let ok = true
  const converted: Position[][][] = []
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) {
      problems.add(index, 'malformed_coordinates', 'each polygon must be a non-empty array of rings')
      return undefined
    }
    const rings: Position[][] = []
    for (const ring of polygon) {
      if (!Array.isArray(ring) || !ring.every(isPosition)) {
        problems.add(index, 'malformed_coordinates', 'each ring must be an array of [lng, lat] numbers')
        return undefined
      }
      vertices += ring.length
      if (vertices > MAX_VERTICES) {
        problems.add(index, 'too_many_vertices', `more than ${MAX_VERTICES} vertices`)
        return undefined
      }
      if (ring.length < 4) {
        problems.add(index, 'too_few_positions', `a ring needs at least 4 positions, got ${ring.length}`)
        ok = false
        continue
      }
      const first = ring[0]
      const last = ring[ring.length - 1]
      if (first[0] !== last[0] || first[1] !== last[1]) {
        problems.add(index, 'unclosed_ring', 'a ring must end where it starts')
        ok = false
        continue
      }
      const outOfRange = ring.find((position) => !inRange(position as Position))
      if (outOfRange) {
        problems.add(index, 'coordinates_out_of_range', `[${outOfRange.join(', ')}] is outside lng −180…180, lat −90…90`)
        return undefined
      }
      rings.push(ring.map((position) => toWgs84([position[0], position[1]], crs)))
    }
    converted.push(rings)
  }
  return ok ? { type: 'MultiPolygon', coordinates: converted } : undefined
}
