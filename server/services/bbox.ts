import { AppError } from '../errors'
import type { Bbox } from '../schemas/common.schema'

/**
 * Parses "minLng,minLat,maxLng,maxLat", refusing reversed or out-of-range boxes: what a pattern
 * cannot say. (The query schemas give the form: BBOX_PATTERN, BboxParam.)
 */
export function parseBbox(raw: string | undefined): Bbox | undefined {
  if (raw === undefined) return undefined
  const parts = raw.split(',').map(Number)
  const [minLng, minLat, maxLng, maxLat] = parts
  const valid =
    parts.length === 4 && parts.every(Number.isFinite) && minLng >= -180 && maxLng <= 180 && minLat >= -90 && maxLat <= 90 && minLng < maxLng && minLat < maxLat
  if (!valid) throw invalidBbox(raw)
  return [minLng, minLat, maxLng, maxLat]
}

export const invalidBbox = (raw: string) =>
  new AppError(400, 'invalid_bbox', `bbox must be minLng,minLat,maxLng,maxLat with min < max in WGS84 range, got "${raw}"`)
