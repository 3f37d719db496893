/**
 * GeoPackage geometry blobs (OGC 12-128r18, §2.1.3): a GeoPackageBinary header, then ISO WKB.
 * The header: 'G' 'P', a version byte (0 for version 1), a flags byte, the srs_id, an optional
 * envelope. Flags, from the low bit: byte order of the header (1 = little endian), three bits of
 * envelope kind (0 none, 1 [minx,maxx,miny,maxy], 2 and 3 with z or m, 4 with z and m), the
 * empty-geometry bit, the extended-type bit (a GeoPackage extension's own geometry, which we
 * cannot read). Z and M are read and dropped: the map is two-dimensional.
 */
export type WkbGeometry =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'LineString' | 'MultiPoint'; coordinates: number[][] }
  | { type: 'Polygon' | 'MultiLineString'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] }
  | { type: 'GeometryCollection'; geometries: WkbGeometry[] }

export class GeometryBlobError extends Error {}

export interface GpkgGeometry {
  srsId: number
  /** null for an empty geometry (the flag, or a point of NaNs). */
  geometry: WkbGeometry | null
}

const ENVELOPE_BYTES = [0, 32, 48, 48, 64]

export function readGpkgGeometry(blob: Uint8Array): GpkgGeometry {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new GeometryBlobError('not a GeoPackage geometry (no "GP" magic)')
  if (blob[2] !== 0) throw new GeometryBlobError(`GeoPackage geometry version ${blob[2]} is not supported`)
  const flags = blob[3]
  if (flags & 0b0010_0000) throw new GeometryBlobError('an extended GeoPackage geometry type cannot be read')
  const envelopeKind = (flags >> 1) & 0b111
  if (envelopeKind >= ENVELOPE_BYTES.length) throw new GeometryBlobError(`invalid envelope indicator ${envelopeKind}`)
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength)
  const srsId = view.getInt32(4, (flags & 1) === 1)
  const start = 8 + ENVELOPE_BYTES[envelopeKind]
  if (flags & 0b0001_0000) return { srsId, geometry: null }
  if (blob.length <= start) throw new GeometryBlobError('the geometry ends inside its header')
  const geometry = readWkb(new DataView(blob.buffer, blob.byteOffset + start, blob.byteLength - start))
  return { srsId, geometry: isEmptyPoint(geometry) ? null : geometry }
}

// An empty point is written as a point of NaNs (there is no empty point in WKB).
const isEmptyPoint = (g: WkbGeometry) => g.type === 'Point' && g.coordinates.every(Number.isNaN)

const TYPES = ['', 'Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection'] as const
/** Enough for any real polygon; a corrupt count must not make us allocate or loop for ever. */
const MAX_NESTING = 16

/** Reads one WKB geometry (ISO, or with EWKB's Z/M/SRID flags) that must fill `view` exactly. */
export function readWkb(view: DataView): WkbGeometry {
  let at = 0
  const need = (bytes: number) => {
    if (at + bytes > view.byteLength) throw new GeometryBlobError('the geometry ends too soon (truncated WKB)')
  }

  function count(little: boolean, bytesEach: number): number {
    need(4)
    const n = view.getUint32(at, little)
    at += 4
    // Each item takes at least bytesEach bytes: a count the rest cannot hold is corrupt.
    if (n * bytesEach > view.byteLength - at) throw new GeometryBlobError(`a count of ${n} is more than the geometry holds`)
    return n
  }

  function geometry(depth: number): WkbGeometry {
    if (depth > MAX_NESTING) throw new GeometryBlobError('geometry collections nested too deep')
    need(5)
    const order = view.getUint8(at)
    if (order > 1) throw new GeometryBlobError(`invalid WKB byte order ${order}`)
    const little = order === 1
    let code = view.getUint32(at + 1, little)
    at += 5
    // EWKB: flag bits for Z, M and an SRID that follows.
    let dimensions = 2
    if (code & 0x80000000) dimensions++
    if (code & 0x40000000) dimensions++
    if (code & 0x20000000) {
      need(4)
      at += 4
    }
    code &= 0x0fffffff
    // ISO: 1000s for Z, 2000s for M, 3000s for ZM.
    const iso = Math.floor(code / 1000)
    if (iso > 3) throw new GeometryBlobError(`WKB geometry type ${code} is not supported`)
    if (iso === 1 || iso === 2) dimensions = 3
    if (iso === 3) dimensions = 4
    const type = TYPES[code % 1000]
    if (!type) throw new GeometryBlobError(`WKB geometry type ${code} is not supported`)

    const position = (): number[] => {
      need(8 * dimensions)
      const xy = [view.getFloat64(at, little), view.getFloat64(at + 8, little)]
      at += 8 * dimensions
      return xy
    }
    const positions = () => Array.from({ length: count(little, 8 * dimensions) }, position)
    const rings = () => Array.from({ length: count(little, 4) }, positions)
    const parts = () => Array.from({ length: count(little, 9) }, () => geometry(depth + 1))
    const partsOf = (wanted: WkbGeometry['type']) =>
      parts().map((part) => {
        if (part.type !== wanted) throw new GeometryBlobError(`a ${type} holds a ${part.type}`)
        return (part as { coordinates: unknown }).coordinates
      })

    switch (type) {
      case 'Point':
        return { type, coordinates: position() }
      case 'LineString':
        return { type, coordinates: positions() }
      case 'Polygon':
        return { type, coordinates: rings() }
      case 'MultiPoint':
        return { type, coordinates: partsOf('Point') as number[][] }
      case 'MultiLineString':
        return { type, coordinates: partsOf('LineString') as number[][][] }
      case 'MultiPolygon':
        return { type, coordinates: partsOf('Polygon') as number[][][][] }
      case 'GeometryCollection':
        return { type, geometries: parts() }
    }
  }

  const result = geometry(0)
  if (at !== view.byteLength) throw new GeometryBlobError(`${view.byteLength - at} bytes follow the geometry`)
  return result
}
