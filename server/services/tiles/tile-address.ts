import { AppError } from '../../errors'
import type { TileAddress } from '../../domain/vector-tiles'

export { BUFFER, EXTENT, candidateBox, tileBounds, type TileAddress } from '../../domain/vector-tiles'

/** The deepest zoom served: a z22 tile is under 10 m wide, finer than any household's position. */
export const MAX_ZOOM = 22

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
