import { AppError } from '../../errors'
import type { Bbox } from '../../schemas/common.schema'

/**
 * Parses OGC API – Features `bbox` (Part 1, 7.15.3) in CRS84: four numbers (minLon,minLat,maxLon,
 * maxLat) or six (minLon,minLat,minHeight,maxLon,maxLat,maxHeight). Returns the boxes to intersect:
 * one, or two when the box crosses the antimeridian (minLon > maxLon, as the standard allows), split
 * at ±180°. Our features have no height, so a six-number box selects by its horizontal part; its
 * heights must still be in order. Unlike services/bbox.ts (our own API's 4-number boxes), a box may
 * be flat (min = max): the standard does not forbid it.
 */
export function parseOgcBbox(raw: string | undefined): Bbox[] | undefined {
  if (raw === undefined) return undefined
  const numbers = raw.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)))
  if ((numbers.length !== 4 && numbers.length !== 6) || !numbers.every(Number.isFinite)) {
    throw invalidBbox(raw, 'four or six numbers')
  }
  const [minLon, minLat, maxLon, maxLat] = numbers.length === 4 ? numbers : [numbers[0], numbers[1], numbers[3], numbers[4]]
  if (numbers.length === 6 && numbers[2] > numbers[5]) throw invalidBbox(raw, 'the lower height first')
  if (![minLon, maxLon].every((lon) => lon >= -180 && lon <= 180) || ![minLat, maxLat].every((lat) => lat >= -90 && lat <= 90)) {
    throw invalidBbox(raw, 'longitudes within ±180 and latitudes within ±90')
  }
  if (minLat > maxLat) throw invalidBbox(raw, 'the southern latitude first')
  if (minLon <= maxLon) return [[minLon, minLat, maxLon, maxLat]]
  return [
    [minLon, minLat, 180, maxLat],
    [-180, minLat, maxLon, maxLat],
  ]
}

const invalidBbox = (raw: string, want: string) =>
  new AppError(400, 'invalid_bbox', `bbox must be minLon,minLat,maxLon,maxLat (or with minHeight/maxHeight as third and sixth) in CRS84, ${want}; got "${raw}"`)
