// Pure geometry of the aggregate's bins: the same spherical Web Mercator the SQL bins in, with
// the bin size corrected for latitude so that a "500 m" cell is about 500 m on the ground there.
import type { Bbox } from '../../schemas/common.schema'
import type { CellKind } from '../../repositories/incidents-stats.repository'

const R = 6378137
export const MAX_BINS = 20_000

const toLngLat = (x: number, y: number): [number, number] => [
  Number(((x / R) * (180 / Math.PI)).toFixed(7)),
  Number(((2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * (180 / Math.PI)).toFixed(7)),
]

/** Mercator metres per ground metre grow as 1 / cos(latitude). */
export function mercatorSize(sizeM: number, latitude: number): number {
  return sizeM / Math.cos((latitude * Math.PI) / 180)
}

/** The bin's outline in WGS84, a closed ring. `size` is in Mercator metres (see binSql). */
export function binRing(cell: CellKind, q: number, r: number, size: number): [number, number][] {
  if (cell === 'square') {
    const [x0, y0, x1, y1] = [q * size, r * size, (q + 1) * size, (r + 1) * size]
    return [toLngLat(x0, y0), toLngLat(x1, y0), toLngLat(x1, y1), toLngLat(x0, y1), toLngLat(x0, y0)]
  }
  const cx = size * Math.sqrt(3) * (q + r / 2)
  const cy = size * 1.5 * r
  const ring: [number, number][] = []
  for (let k = 0; k < 6; k++) {
    const angle = ((60 * k - 30) * Math.PI) / 180
    ring.push(toLngLat(cx + size * Math.cos(angle), cy + size * Math.sin(angle)))
  }
  ring.push(ring[0])
  return ring
}

/** About how many cells of `sizeM` the area holds; refuses sizes that would flood the client. */
export function estimatedBins(cell: CellKind, sizeM: number, [minLng, minLat, maxLng, maxLat]: Bbox): number {
  const midLat = ((minLat + maxLat) / 2) * (Math.PI / 180)
  const width = (maxLng - minLng) * 111_320 * Math.cos(midLat)
  const height = (maxLat - minLat) * 110_574
  const cellArea = cell === 'square' ? sizeM * sizeM : ((3 * Math.sqrt(3)) / 2) * sizeM * sizeM
  return Math.ceil((width * height) / cellArea)
}

export function ringBbox(ring: [number, number][]): Bbox {
  const lngs = ring.map((p) => p[0])
  const lats = ring.map((p) => p[1])
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)]
}
