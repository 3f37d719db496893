import { AppError } from '../../errors'

/** Web Mercator's half width in metres: tiles are squares of 2·HALF / 2^z from (-HALF, HALF). */
const HALF = 20037508.342789244
const RADIUS = 6378137

/** The deepest zoom served: a z22 tile is under 10 m wide, finer than any household's position. */
export const MAX_ZOOM = 22

/** Tile size in tile units, and the margin kept around it so that symbols and strokes do not cut off at edges. */
export const EXTENT = 4096
export const BUFFER = 256

export interface TileAddress {
  z: number
  x: number
  y: number
}

const invalidTile = (message: string) => new AppError(400, 'invalid_tile', message)

/** z/x/y from the path, each an integer in range for the zoom (XYZ scheme, y down from the north). */
export function parseTileAddress(z: string, x: string, y: string): TileAddress {
  const integer = (name: string, raw: string) => {
    if (!/^[0-9]{1,8}$/.test(raw)) throw invalidTile(`${name}: "${raw}" is not a non-negative integer`)
    return Number(raw)
  }
  const address = { z: integer('z', z), x: integer('x', x), y: integer('y', y) }
  if (address.z > MAX_ZOOM) throw invalidTile(`z: ${address.z} is deeper than the deepest zoom served (${MAX_ZOOM})`)
  const count = 2 ** address.z
  if (address.x >= count) throw invalidTile(`x: ${address.x} is outside zoom ${address.z} (0–${count - 1})`)
  if (address.y >= count) throw invalidTile(`y: ${address.y} is outside zoom ${address.z} (0–${count - 1})`)
  return address
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
