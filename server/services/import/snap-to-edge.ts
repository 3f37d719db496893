import type { Position } from './geometry-checks'

/**
 * How close to its community's edge a grid vertex must be to be put onto it. Datum conversion
 * moves a vertex lying mid-edge by centimetres (a straight GCJ-02 or BD-09 edge is slightly
 * curved in WGS84), which over a long edge is square metres of "outside" or "gap"; nobody draws
 * a boundary 5 cm off on purpose.
 */
export const SNAP_TOLERANCE_M = 0.05

/** Metres per degree of longitude and latitude at `lat` on the WGS84 ellipsoid (series to cos 5φ). */
function metresPerDegree(lat: number): [number, number] {
  const phi = (lat * Math.PI) / 180
  return [
    111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi) + 0.118 * Math.cos(5 * phi),
    111_132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi),
  ]
}

interface Segment {
  a: Position
  b: Position
  minX: number
  minY: number
  maxX: number
  maxY: number
}

function segmentsOf(rings: Position[][]): Segment[] {
  const segments: Segment[] = []
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [a, b] = [ring[i], ring[i + 1]]
      segments.push({ a, b, minX: Math.min(a[0], b[0]), minY: Math.min(a[1], b[1]), maxX: Math.max(a[0], b[0]), maxY: Math.max(a[1], b[1]) })
    }
  }
  return segments
}

// A vertex this close is on the edge already: moving it would only trade one rounding for another.
const ON_EDGE_M = 1e-6

/**
 * Where `p` goes: the nearest edge vertex within the tolerance (so vertices shared with the
 * community stay shared), else the nearest point on an edge within it, else nowhere (null).
 * Distances are measured in a local metric frame at `p`, exact enough at 5 cm.
 */
function snapTarget(p: Position, segments: Segment[], toleranceM: number): Position | null {
  const [kx, ky] = metresPerDegree(p[1])
  const dx = (toleranceM / kx) * 1.01
  const dy = (toleranceM / ky) * 1.01
  let vertex: { at: Position; d: number } | null = null
  let edge: { at: Position; d: number } | null = null
  for (const s of segments) {
    if (p[0] < s.minX - dx || p[0] > s.maxX + dx || p[1] < s.minY - dy || p[1] > s.maxY + dy) continue
    for (const v of [s.a, s.b]) {
      const d = Math.hypot((v[0] - p[0]) * kx, (v[1] - p[1]) * ky)
      if (d <= toleranceM && (!vertex || d < vertex.d)) vertex = { at: v, d }
    }
    const [ax, ay] = [(s.a[0] - p[0]) * kx, (s.a[1] - p[1]) * ky]
    const [ux, uy] = [(s.b[0] - s.a[0]) * kx, (s.b[1] - s.a[1]) * ky]
    const length2 = ux * ux + uy * uy
    if (length2 === 0) continue
    const t = -(ax * ux + ay * uy) / length2
    if (t <= 0 || t >= 1) continue // an end: the vertex case above
    const d = Math.hypot(ax + t * ux, ay + t * uy)
    if (d <= toleranceM && (!edge || d < edge.d)) edge = { at: [s.a[0] + t * (s.b[0] - s.a[0]), s.a[1] + t * (s.b[1] - s.a[1])], d }
  }
  if (Math.min(vertex?.d ?? Infinity, edge?.d ?? Infinity) < ON_EDGE_M) return null
  const target = vertex?.at ?? edge?.at ?? null
  return target && (target[0] !== p[0] || target[1] !== p[1]) ? target : null
}

function withoutRepeats(ring: Position[]): Position[] {
  return ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1])
}

/**
 * Moves every vertex of `polygons` lying within `toleranceM` of an edge of `edgeRings` (the
 * community's boundary rings) onto that edge. The same input vertex always lands on the same
 * point, so grids sharing a vertex still share it. Returns the polygons unchanged (moved 0) when
 * snapping would collapse a ring; whether the result is valid is for PostGIS to judge.
 */
export function snapToEdges(polygons: Position[][][], edgeRings: Position[][], toleranceM = SNAP_TOLERANCE_M): { polygons: Position[][][]; moved: number } {
  const all = segmentsOf(edgeRings)
  // Only the edges near this grid can be within the tolerance of its vertices.
  const xs = polygons.flat(2).map((p) => p[0])
  const ys = polygons.flat(2).map((p) => p[1])
  const [kx, ky] = metresPerDegree(ys.reduce((sum, y) => sum + y, 0) / Math.max(ys.length, 1))
  const [mx, my] = [(toleranceM / kx) * 2, (toleranceM / ky) * 2]
  const [minX, maxX, minY, maxY] = [Math.min(...xs) - mx, Math.max(...xs) + mx, Math.min(...ys) - my, Math.max(...ys) + my]
  const near = all.filter((s) => s.maxX >= minX && s.minX <= maxX && s.maxY >= minY && s.minY <= maxY)
  if (near.length === 0) return { polygons, moved: 0 }

  let moved = 0
  const snapped: Position[][][] = []
  for (const polygon of polygons) {
    const rings: Position[][] = []
    for (const ring of polygon) {
      const next = withoutRepeats(
        ring.map((p) => {
          const target = snapTarget(p, near, toleranceM)
          if (!target) return p
          moved++
          return target
        }),
      )
      if (next.length < 4) return { polygons, moved: 0 }
      rings.push(next)
    }
    snapped.push(rings)
  }
  return { polygons: moved > 0 ? snapped : polygons, moved }
}
