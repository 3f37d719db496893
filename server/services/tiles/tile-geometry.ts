import type { Geometry, Position } from 'geojson'

/**
 * Node-side stand-in for PostGIS's ST_AsMVTGeom(geom3857, envelope, extent, buffer, true), for
 * databases without ST_AsMVT (the embedded PGlite PostGIS has no protobuf). The output is the
 * tile-feature shape @maplibre/vt-pbf's fromGeojsonVt reads (see mvt-encoder.ts).
 *
 * Known differences from PostGIS, all within a tile unit or invisible when drawn: PostGIS simplifies
 * at half a tile unit first (we keep collinear vertices), and makes clipped polygons valid (a
 * concave ring that leaves the buffered square and comes back becomes several polygons there, but
 * one ring here, joined by a zero-width sliver along the square's edge, outside the drawn tile).
 */

/** The tile's square in EPSG:3857 metres, as ST_TileEnvelope(z, x, y) gives it. */
export type TileBounds = [minX: number, minY: number, maxX: number, maxY: number]

/** Tile units: x to the right and y down from the tile's top-left corner. */
export type TilePoint = [x: number, y: number]

/**
 * A geojson-vt tile feature's geometry: points are one list of points; lines are a list of lines;
 * polygons are a flat list of rings, each exterior followed by its holes.
 */
export type TileGeometry = { type: 1; geometry: TilePoint[] } | { type: 2; geometry: TilePoint[][] } | { type: 3; geometry: TilePoint[][] }

/** The part of tile space kept: the tile plus its buffer on every side. */
interface Square {
  lo: number
  hi: number
}

type Project = (position: Position) => TilePoint

/**
 * The geometry in tile units, clipped to the tile and its buffer, or null when nothing is left
 * (ST_AsMVTGeom returns NULL then, and ST_AsMVT leaves the row out). GeometryCollection is not
 * supported: our layers never hold one.
 */
export function toTileGeometry(geometry: Geometry | null | undefined, bounds: TileBounds, extent = 4096, buffer = 256): TileGeometry | null {
  if (!geometry) return null
  const project = projector(bounds, extent)
  const square = { lo: -buffer, hi: extent + buffer }
  switch (geometry.type) {
    case 'Point':
      return pointsOrNull(tilePoints([geometry.coordinates], project, square))
    case 'MultiPoint':
      return pointsOrNull(tilePoints(geometry.coordinates, project, square))
    case 'LineString':
      return linesOrNull(tileLine(geometry.coordinates, project, square))
    case 'MultiLineString':
      return linesOrNull(geometry.coordinates.flatMap((line) => tileLine(line, project, square)))
    case 'Polygon':
      return polygonsOrNull(tilePolygon(geometry.coordinates, project, square))
    case 'MultiPolygon':
      return polygonsOrNull(geometry.coordinates.flatMap((polygon) => tilePolygon(polygon, project, square)))
    default:
      return null
  }
}

const pointsOrNull = (geometry: TilePoint[]): TileGeometry | null => (geometry.length ? { type: 1, geometry } : null)
const linesOrNull = (geometry: TilePoint[][]): TileGeometry | null => (geometry.length ? { type: 2, geometry } : null)
const polygonsOrNull = (geometry: TilePoint[][]): TileGeometry | null => (geometry.length ? { type: 3, geometry } : null)

/** Metres to (unrounded) tile units; y is flipped because tiles count y down from the north edge. */
function projector(bounds: TileBounds, extent: number): Project {
  const [minX, minY, maxX, maxY] = bounds
  if (!(maxX > minX && maxY > minY)) throw new RangeError(`tile bounds must have min < max, got ${bounds.join(',')}`)
  return (p) => [((p[0] - minX) / (maxX - minX)) * extent, ((maxY - p[1]) / (maxY - minY)) * extent]
}

/** Tiles hold integers. `|| 0` turns -0 into 0, so results compare and serialise plainly. */
const snap = (p: TilePoint): TilePoint => [roundHalfEven(p[0]) || 0, roundHalfEven(p[1]) || 0]

/** C's rint, as PostGIS snaps with: halves go to the even neighbour (Math.round sends them up). */
function roundHalfEven(v: number): number {
  const r = Math.round(v)
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r
}

const finite = (p: Position) => Number.isFinite(p[0]) && Number.isFinite(p[1])

const same = (a: TilePoint, b: TilePoint) => a[0] === b[0] && a[1] === b[1]

const withoutRepeats = (points: TilePoint[]) => points.filter((p, i) => i === 0 || !same(p, points[i - 1]))

/**
 * Rounds before the inside test, as PostGIS's clip box reaches half a unit beyond the buffer; and,
 * as PostGIS does, keeps one of the points of a MultiPoint that snap to the same place.
 */
function tilePoints(positions: Position[], project: Project, { lo, hi }: Square): TilePoint[] {
  const inside = (p: TilePoint) => p[0] >= lo && p[0] <= hi && p[1] >= lo && p[1] <= hi
  const seen = new Set<string>()
  const firstAtItsPlace = (p: TilePoint) => {
    const key = `${p[0]},${p[1]}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  }
  return positions
    .filter(finite)
    .map((p) => snap(project(p)))
    .filter(inside)
    .filter(firstAtItsPlace)
}

// Lines

/** A line may leave the square and come back: each stretch inside becomes a line of its own. */
function tileLine(positions: Position[], project: Project, square: Square): TilePoint[][] {
  const points = withoutRepeats(positions.filter(finite).map((p) => snap(project(p))))
  return clipLine(points, square)
    .map((piece) => withoutRepeats(piece.map(snap)))
    .filter((piece) => piece.length >= 2)
}

function clipLine(points: TilePoint[], square: Square): TilePoint[][] {
  const pieces: TilePoint[][] = []
  let piece: TilePoint[] = []
  for (let i = 1; i < points.length; i++) {
    const clipped = clipSegment(points[i - 1], points[i], square)
    if (!clipped) continue
    const [from, to, leaves] = clipped
    if (piece.length === 0) piece.push(from)
    piece.push(to)
    if (leaves) {
      pieces.push(piece)
      piece = []
    }
  }
  if (piece.length) pieces.push(piece)
  return pieces
}

/** Liang–Barsky: the part of a→b inside the square, and whether it ends before b (the line leaves). */
function clipSegment(a: TilePoint, b: TilePoint, { lo, hi }: Square): [TilePoint, TilePoint, boolean] | null {
  let t0 = 0
  let t1 = 1
  for (const axis of [0, 1]) {
    const d = b[axis] - a[axis]
    // Each pair is (p, q) for one side: the segment is inside that side where p·t <= q.
    for (const [p, q] of [
      [-d, a[axis] - lo],
      [d, hi - a[axis]],
    ]) {
      if (p === 0) {
        if (q < 0) return null
        continue
      }
      const t = q / p
      if (p < 0) t0 = Math.max(t0, t)
      else t1 = Math.min(t1, t)
    }
  }
  if (t0 > t1) return null
  const at = (t: number): TilePoint => [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
  return [at(t0), at(t1), t1 < 1]
}

// Polygons

/** Exterior then holes; without its exterior the holes mean nothing, so the polygon goes. */
function tilePolygon(rings: Position[][], project: Project, square: Square): TilePoint[][] {
  const [exterior, ...holes] = rings.map((ring) => tileRing(ring, project, square))
  if (!exterior) return []
  const kept = holes.filter((hole): hole is TilePoint[] => hole !== null)
  return [oriented(exterior, 1), ...kept.map((hole) => oriented(hole, -1))].map(closed)
}

/** An open ring snapped, clipped and snapped again (clipping makes new, fractional vertices). */
function tileRing(positions: Position[], project: Project, square: Square): TilePoint[] | null {
  const snapped = open(withoutRepeats(positions.filter(finite).map((p) => snap(project(p)))))
  const ring = open(withoutRepeats(clipRing(snapped, square).map(snap)))
  // A ring that collapsed to a point or a line after snapping has no area: MVT forbids it.
  return ring.length >= 3 && shoelace(ring) !== 0 ? ring : null
}

/** Drops the closing vertex: clipping and orientation work on open rings. */
function open(ring: TilePoint[]): TilePoint[] {
  return ring.length > 1 && same(ring[0], ring[ring.length - 1]) ? ring.slice(0, -1) : ring
}

/** Closed again for output, as geojson-vt's rings are (vt-pbf drops the repeat when writing). */
const closed = (ring: TilePoint[]) => [...ring, ring[0]]

/**
 * Twice the signed area by the MVT 2.1 spec's surveyor's formula in tile coordinates (y down):
 * positive for exteriors (clockwise on screen), negative for holes.
 */
function shoelace(ring: TilePoint[]): number {
  let sum = 0
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i]
    const [x1, y1] = ring[(i + 1) % ring.length]
    sum += x0 * y1 - x1 * y0
  }
  return sum
}

const oriented = (ring: TilePoint[], sign: 1 | -1) => (Math.sign(shoelace(ring)) === sign ? ring : [...ring].reverse())

/** Sutherland–Hodgman against the square's four sides in turn. */
function clipRing(ring: TilePoint[], { lo, hi }: Square): TilePoint[] {
  const sides: [axis: 0 | 1, bound: number, keep: 1 | -1][] = [
    [0, lo, 1],
    [0, hi, -1],
    [1, lo, 1],
    [1, hi, -1],
  ]
  return sides.reduce((clipped, [axis, bound, keep]) => clipBySide(clipped, axis, bound, keep), ring)
}

/** Keeps the part of the ring on one side of a line x = bound or y = bound (keep 1: above it). */
function clipBySide(ring: TilePoint[], axis: 0 | 1, bound: number, keep: 1 | -1): TilePoint[] {
  const inside = (p: TilePoint) => (p[axis] - bound) * keep >= 0
  const out: TilePoint[] = []
  ring.forEach((current, i) => {
    const previous = ring[(i + ring.length - 1) % ring.length]
    if (inside(current) !== inside(previous)) out.push(crossing(previous, current, axis, bound))
    if (inside(current)) out.push(current)
  })
  return out
}

/** Where a→b crosses the side; the coordinate on the side's axis is set exactly to avoid drift. */
function crossing(a: TilePoint, b: TilePoint, axis: 0 | 1, bound: number): TilePoint {
  const t = (bound - a[axis]) / (b[axis] - a[axis])
  const other = a[1 - axis] + t * (b[1 - axis] - a[1 - axis])
  return axis === 0 ? [bound, other] : [other, bound]
}
