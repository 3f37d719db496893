// The compact binary form of an incident set (GET /api/incidents/points.bin), shared by the server's
// encoder and the browser's decoder: one module, so the two cannot drift apart. Pure, no imports
// beyond the vocabularies, so the client bundles it as it is.
//
// Layout (version 1), little-endian, every section aligned for a zero-copy typed-array view:
//
//   offset        size   field
//   0             4      magic "WGIP" (ASCII)
//   4             2      version (Uint16) = 1
//   6             2      flags (Uint16), reserved = 0
//   8             4      count n (Uint32)
//   12            4      reserved (Uint32) = 0
//   16            4n     id: Uint32 per incident (for picking; the card fetches the rest)
//   16 + 4n       8n     lngLat: Float32 pairs (WGS84; ~0.7 m resolution at longitude 120)
//   16 + 12n      4n     time: Uint32 reported_at, seconds since 1970-01-01T00:00:00Z
//   16 + 16n      n      category: Uint8 index into INCIDENT_CATEGORIES
//   16 + 17n      n      status: Uint8 index into INCIDENT_STATUSES
//   16 + 18n      n      flags: Uint8, bit 0 = overdue (still being handled past its deadline when served)
//
// Total 16 + 19n bytes. The code tables are the vocabularies' order: a new value is appended
// there, and a reordering needs a new version.
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES, type IncidentCategory, type IncidentStatus } from './vocabulary'

export const POINTS_MAGIC = 'WGIP'
export const POINTS_VERSION = 1
export const POINTS_HEADER_BYTES = 16
export const POINTS_BYTES_PER_INCIDENT = 19
export const POINTS_MEDIA_TYPE = 'application/octet-stream'
export const FLAG_OVERDUE = 1

/**
 * The most incidents /analyze loads into the browser at once (~9.5 MB at 19 bytes each). Above
 * it the route answers 400 points_too_many and the page falls back to the server's exact bins.
 */
export const POINTS_MAX = 500_000

export const CATEGORY_CODES: readonly IncidentCategory[] = INCIDENT_CATEGORIES
export const STATUS_CODES: readonly IncidentStatus[] = INCIDENT_STATUSES

/** One incident as the encoder takes it. */
export interface IncidentPoint {
  id: number
  lng: number
  lat: number
  /** reported_at in whole seconds since the Unix epoch. */
  time: number
  category: IncidentCategory
  status: IncidentStatus
  overdue: boolean
}

/** Typed-array views over one decoded buffer (no copies). */
export interface IncidentPoints {
  count: number
  ids: Uint32Array
  lngLat: Float32Array
  times: Uint32Array
  categories: Uint8Array
  statuses: Uint8Array
  flags: Uint8Array
}

export const pointsByteLength = (count: number) => POINTS_HEADER_BYTES + POINTS_BYTES_PER_INCIDENT * count

function sections(buffer: ArrayBufferLike, byteOffset: number, n: number): Omit<IncidentPoints, 'count'> {
  const at = byteOffset + POINTS_HEADER_BYTES
  return {
    ids: new Uint32Array(buffer, at, n),
    lngLat: new Float32Array(buffer, at + 4 * n, 2 * n),
    times: new Uint32Array(buffer, at + 12 * n, n),
    categories: new Uint8Array(buffer, at + 16 * n, n),
    statuses: new Uint8Array(buffer, at + 17 * n, n),
    flags: new Uint8Array(buffer, at + 18 * n, n),
  }
}

// Typed arrays use the platform's byte order; every platform a browser or Node runs on is little-endian.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/** The binary form of `points`, in the order given. */
export function encodeIncidentPoints(points: readonly IncidentPoint[]): Uint8Array {
  if (!LITTLE_ENDIAN) throw new Error('points layout: a big-endian platform is not supported')
  const n = points.length
  const bytes = new Uint8Array(pointsByteLength(n))
  const view = new DataView(bytes.buffer)
  for (let k = 0; k < 4; k++) view.setUint8(k, POINTS_MAGIC.charCodeAt(k))
  view.setUint16(4, POINTS_VERSION, true)
  view.setUint32(8, n, true)
  const s = sections(bytes.buffer, 0, n)
  for (let i = 0; i < n; i++) {
    const p = points[i]
    const category = CATEGORY_CODES.indexOf(p.category)
    const status = STATUS_CODES.indexOf(p.status)
    if (category < 0 || status < 0) throw new Error(`points layout: incident ${p.id} has an unknown category or status`)
    s.ids[i] = p.id
    s.lngLat[2 * i] = p.lng
    s.lngLat[2 * i + 1] = p.lat
    s.times[i] = p.time
    s.categories[i] = category
    s.statuses[i] = status
    s.flags[i] = p.overdue ? FLAG_OVERDUE : 0
  }
  return bytes
}

/** Reads a buffer written by encodeIncidentPoints; throws on anything else. */
export function decodeIncidentPoints(buffer: ArrayBufferLike, byteOffset = 0, byteLength = buffer.byteLength - byteOffset): IncidentPoints {
  if (byteLength < POINTS_HEADER_BYTES) throw new Error('points layout: shorter than the header')
  const view = new DataView(buffer, byteOffset, byteLength)
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3))
  if (magic !== POINTS_MAGIC) throw new Error(`points layout: magic "${magic}", not "${POINTS_MAGIC}"`)
  const version = view.getUint16(4, true)
  if (version !== POINTS_VERSION) throw new Error(`points layout: version ${version}, this reader knows ${POINTS_VERSION}`)
  const count = view.getUint32(8, true)
  if (byteLength !== pointsByteLength(count)) throw new Error(`points layout: ${byteLength} bytes for ${count} incidents, expected ${pointsByteLength(count)}`)
  // A view must start on a multiple of its element size: copy a misaligned buffer once.
  if (byteOffset % 4 !== 0) return decodeIncidentPoints(buffer.slice(byteOffset, byteOffset + byteLength))
  return { count, ...sections(buffer, byteOffset, count) }
}
