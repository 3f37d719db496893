import { AppError } from '../errors'

/**
 * The [longitude, latitude] of a GeoJSON point in a request body. The schema bounds both numbers by
 * ±180 only, because OpenAPI 3.0 cannot bound array positions one by one (no tuples); the
 * latitude's ±90 is checked here, with the same code and shape as a schema refusal.
 */
export function lngLatOf(point: { coordinates: readonly number[] }, field = 'location'): [number, number] {
  const [lng, lat] = point.coordinates
  if (lat < -90 || lat > 90) {
    const path = `body/${field}/coordinates/1`
    throw new AppError(400, 'invalid_request', `${path} must be a latitude within -90…90`, [{ path, message: 'must be >= -90 and <= 90' }])
  }
  return [lng, lat]
}
