/** 1e-5° ≈ 1 m: plenty for dots and density on a wall, and small integers on the wire. */
export const POINT_STEP = 1e-5

export interface CompactPoints {
  count: number
  origin: [number, number]
  step: number
  offsets: number[]
}

/**
 * Points as integer offsets (in `step` degrees) from the south-west corner: a county's 25,000
 * households fit in ~250 kB of JSON instead of megabytes of GeoJSON.
 */
export function compactPoints(points: [number, number][], step = POINT_STEP): CompactPoints {
  if (points.length === 0) return { count: 0, origin: [0, 0], step, offsets: [] }
  let minX = Infinity
  let minY = Infinity
  for (const [x, y] of points) {
    if (x < minX) minX = x
    if (y < minY) minY = y
  }
  // Rounded so that the origin reads as a clean multiple of the step, not 120.00001999999.
  const snap = (v: number) => Number((Math.floor(v / step + 1e-6) * step).toFixed(9))
  const origin: [number, number] = [snap(minX), snap(minY)]
  const offsets = new Array<number>(points.length * 2)
  points.forEach(([x, y], i) => {
    offsets[2 * i] = Math.round((x - origin[0]) / step)
    offsets[2 * i + 1] = Math.round((y - origin[1]) / step)
  })
  return { count: points.length, origin, step, offsets }
}
