// The vector tiles served: their layers and the XYZ tile grid, shared by the tile service, the
// tile repository's SQL and the schemas.

/** The layers served as vector tiles. */
export const TILE_LAYERS = ['grids', 'households', 'incidents', 'blind-spots'] as const
export type TileLayer = (typeof TILE_LAYERS)[number]

/** Web Mercator's half width in metres: tiles are squares of 2·HALF / 2^z from (-HALF, HALF). */
const HALF = 20037508.342789244
const RADIUS = 6378137

/** Tile size in tile units, and the margin kept around it so that symbols and strokes do not cut off at edges. */
export const EXTENT = 4096
export const BUFFER = 256

export interface TileAddress {
  z: number
  x: number
  y: number
}

/** The tile's square in EPSG:3857 metres, as ST_TileEnvelope(z, x, y) gives it. */
export function tileBounds({ z, x, y }: TileAddress): [number, number, number, number] {
  const size = (2 * HALF) / 2 ** z
  return [-HALF + x * size, HALF - (y + 1) * size, -HALF + (x + 1) * size, HALF - y * size]
}

/**
 * The longitude/latitude box of the tile with its buffer: rows whose geometry meets it are the
 * candidates (a Mercator square is a longitude/latitude box; the buffer keeps features that only
 * reach into the margin, as ST_AsMVTGeom keeps them).
 */
export function candidateBox(address: TileAddress): [number, number, number, number] {
  const [minX, minY, maxX, maxY] = tileBounds(address)
  const margin = ((maxX - minX) * BUFFER) / EXTENT
  const lng = (mx: number) => (Math.max(-HALF, Math.min(HALF, mx)) / RADIUS) * (180 / Math.PI)
  const lat = (my: number) => Math.atan(Math.sinh(Math.max(-HALF, Math.min(HALF, my)) / RADIUS)) * (180 / Math.PI)
  return [lng(minX - margin), lat(minY - margin), lng(maxX + margin), lat(maxY + margin)]
}
