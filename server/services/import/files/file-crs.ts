import { AppError } from '../../../errors'
import { child, children, nameOf, parseWkt, WktError, type WktNode } from './wkt'

import { FILE_CRS, type FileCrs } from '../../../domain/import-vocabulary'

export { FILE_CRS, type FileCrs }

const SUPPORTED_TEXT = 'EPSG:4326 (WGS 84), EPSG:4490 (CGCS2000, taken as WGS 84) and EPSG:3857 (Web Mercator); GCJ-02 and BD-09 through ?crs=gcj02|bd09'

/** What the import tells its caller about a CRS it accepted but reads approximately. */
export const CRS_NOTES: Partial<Record<FileCrs, string>> = {
  'EPSG:4490': 'EPSG:4490 (CGCS2000) coordinates are taken as WGS 84: the two datums differ by a few centimetres, well below what a grid map shows',
}

// EPSG codes, and the older or vendor codes that name the same CRS.
const BY_CODE: Record<string, FileCrs> = {
  'EPSG:4326': 'EPSG:4326',
  'OGC:CRS84': 'EPSG:4326',
  'EPSG:4490': 'EPSG:4490',
  'EPSG:3857': 'EPSG:3857',
  'EPSG:900913': 'EPSG:3857',
  'EPSG:3785': 'EPSG:3857',
  'EPSG:102100': 'EPSG:3857',
  'EPSG:102113': 'EPSG:3857',
  'ESRI:102100': 'EPSG:3857',
  'ESRI:102113': 'EPSG:3857',
}

export function unsupportedCrs(name: string): AppError {
  return new AppError(422, 'unsupported_crs', `The file's coordinate reference system ${name} is not supported: use ${SUPPORTED_TEXT}; nothing was written`, {
    crs: name,
    supported: [...FILE_CRS, 'GCJ-02 (?crs=gcj02)', 'BD-09 (?crs=bd09)'],
  })
}

/** A CRS named by authority and code (a GeoPackage's gpkg_spatial_ref_sys row, a WKT's AUTHORITY/ID). */
export function crsFromAuthority(authority: string, code: string | number): FileCrs | undefined {
  return BY_CODE[`${authority.trim().toUpperCase()}:${String(code).trim()}`]
}

/** A GeoJSON (2008) `crs` member: a named CRS we support, undefined when there is none, else 422. */
export function crsFromGeoJsonMember(member: unknown): FileCrs | undefined {
  if (member === undefined || member === null) return undefined
  const m = member as { type?: unknown; properties?: { name?: unknown } }
  if (m.type !== 'name' || typeof m.properties?.name !== 'string') {
    throw unsupportedCrs(`"${JSON.stringify(member).slice(0, 200)}" (only a named CRS, {"type":"name","properties":{"name":…}}, can be read)`)
  }
  const name = m.properties.name.trim()
  const crs = crsFromName(name)
  if (!crs) throw unsupportedCrs(`"${name.slice(0, 200)}"`)
  return crs
}

/**
 * An OGC CRS name: urn:ogc:def:crs:EPSG::3857, EPSG:4490, http://www.opengis.net/def/crs/EPSG/0/4326,
 * urn:ogc:def:crs:OGC:1.3:CRS84. EPSG:4326 is read in longitude, latitude order, as GDAL and
 * every GeoJSON writer write it, whatever the EPSG axis order says.
 */
export function crsFromName(name: string): FileCrs | undefined {
  const patterns: [RegExp, string][] = [
    [/^urn:ogc:def:crs:(EPSG|ESRI):[0-9.]*:(\d+)$/i, '$1:$2'],
    [/^(EPSG|ESRI):(\d+)$/i, '$1:$2'],
    [/^https?:\/\/www\.opengis\.net\/def\/crs\/(EPSG|ESRI)\/[^/]+\/(\d+)$/i, '$1:$2'],
    [/^(urn:ogc:def:crs:OGC:[0-9.]*:|https?:\/\/www\.opengis\.net\/def\/crs\/OGC\/[^/]+\/|OGC:)?CRS84$/i, 'OGC:CRS84'],
  ]
  for (const [pattern, replacement] of patterns) {
    if (pattern.test(name)) {
      const [authority, code] = name.replace(pattern, replacement).split(':')
      return crsFromAuthority(authority, code)
    }
  }
  return undefined
}

const normalise = (name: string | undefined) => (name ?? '').toLowerCase().replace(/[^a-z0-9]/g, '')
const isWgs84Datum = (name: string) => /wgs(19)?84/.test(name)
const isCgcs2000Datum = (name: string) => /china2000|cgcs2000|chinageodeticcoordinatesystem2000/.test(name)
const isWebMercatorName = (name: string) => /webmercator|pseudomercator|popularvisuali[sz]ationpseudomercator|mercatorauxiliarysphere|googlemaps/.test(name)

const GEOGRAPHIC = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'GEODETICCRS', 'BASEGEOGCRS', 'BASEGEODCRS']
const PROJECTED = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS']

/** The root's own AUTHORITY["EPSG","3857"] (WKT1) or ID["EPSG",3857] (WKT2), not a nested one's. */
function ownAuthority(root: WktNode): FileCrs | string | undefined {
  const id = child(root, 'AUTHORITY', 'ID')
  if (!id || typeof id.args[0] !== 'string' || id.args[1] === undefined) return undefined
  return crsFromAuthority(id.args[0], id.args[1] as string | number) ?? `${id.args[0]}:${id.args[1]}`
}

function datumName(geographic: WktNode): string {
  const datum = child(geographic, 'DATUM', 'GEODETICDATUM', 'TRF', 'ENSEMBLE')
  return normalise(nameOf(datum) ?? nameOf(geographic))
}

function geographicCrs(node: WktNode): FileCrs | undefined {
  const datum = datumName(node)
  // A prime meridian other than Greenwich, or a unit other than the degree, would misplace every point.
  const primem = child(node, 'PRIMEM', 'PRIMEMERIDIAN')
  if (primem && typeof primem.args[1] === 'number' && primem.args[1] !== 0) return undefined
  const unit = child(node, 'UNIT', 'ANGLEUNIT')
  if (unit && typeof unit.args[1] === 'number' && Math.abs(unit.args[1] - Math.PI / 180) > 1e-12) return undefined
  if (isWgs84Datum(datum)) return 'EPSG:4326'
  if (isCgcs2000Datum(datum)) return 'EPSG:4490'
  return undefined
}

/** Web Mercator on WGS 84, no offsets, in metres: by its name or its method's, or by GDAL's old +proj=merc +a=6378137 +b=6378137. */
function projectedCrs(node: WktNode): FileCrs | undefined {
  const base = child(node, ...GEOGRAPHIC)
  if (!base || !isWgs84Datum(datumName(base))) return undefined
  const method = nameOf(child(node, 'PROJECTION', 'CONVERSION', 'METHOD'))
  const conversion = child(node, 'CONVERSION')
  const methodName = normalise(method) + normalise(nameOf(conversion && child(conversion, 'METHOD')))
  const proj4 = children(node, 'EXTENSION')
    .map((e) => String(e.args[1] ?? ''))
    .join(' ')
  const sphericalMerc = /\+proj=merc\b/.test(proj4) && /\+a=6378137\b/.test(proj4) && /\+b=6378137\b/.test(proj4)
  if (!isWebMercatorName(normalise(nameOf(node))) && !isWebMercatorName(methodName) && !sphericalMerc) return undefined
  const parameters = [...children(node, 'PARAMETER'), ...(conversion ? children(conversion, 'PARAMETER') : [])]
  const offset = parameters.find(
    (p) => /easting|northing|centralmeridian|longitudeof|latitudeof|standardparallel/.test(normalise(nameOf(p))) && p.args[1] !== 0,
  )
  if (offset) return undefined
  const unit = child(node, 'UNIT', 'LENGTHUNIT')
  if (unit && typeof unit.args[1] === 'number' && unit.args[1] !== 1) return undefined
  return 'EPSG:3857'
}

/**
 * Recognises a CRS from its WKT (a .prj, a GeoPackage definition): by the root's EPSG authority
 * when it has one, else by what it is (datum, projection, parameters, unit), since Esri's WKT has
 * no authority (GCS_China_Geodetic_Coordinate_System_2000, WGS_1984_Web_Mercator_Auxiliary_Sphere).
 * Anything else is refused (422 unsupported_crs) with its name.
 */
export function crsFromWkt(wkt: string): FileCrs {
  let root: WktNode
  try {
    root = parseWkt(wkt)
  } catch (error) {
    if (error instanceof WktError) throw unsupportedCrs(`"${wkt.trim().slice(0, 120)}" (unreadable WKT: ${error.message})`)
    throw error
  }
  const authority = ownAuthority(root)
  if (authority && (FILE_CRS as readonly string[]).includes(authority)) return authority as FileCrs
  const crs = GEOGRAPHIC.includes(root.keyword) ? geographicCrs(root) : PROJECTED.includes(root.keyword) ? projectedCrs(root) : undefined
  if (crs && !authority) return crs
  throw unsupportedCrs(`"${nameOf(root) ?? root.keyword}"${authority ? ` (${authority})` : ''}`)
}

const EARTH_RADIUS_M = 6378137
const DEGREES = 180 / Math.PI

/** Inverse spherical (Web) Mercator, exactly: EPSG:3857 metres to WGS 84 degrees. */
export function webMercatorToLonLat(x: number, y: number): [number, number] {
  return [(x / EARTH_RADIUS_M) * DEGREES, Math.atan(Math.sinh(y / EARTH_RADIUS_M)) * DEGREES]
}

function mapPositions(coordinates: unknown, map: (x: number, y: number) => [number, number]): unknown {
  if (!Array.isArray(coordinates)) return coordinates
  if (typeof coordinates[0] === 'number') {
    const [x, y, ...rest] = coordinates as unknown[]
    // Malformed positions are left as they are, for the geometry checks to report by feature.
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return coordinates
    return [...map(x, y), ...rest]
  }
  return coordinates.map((item) => mapPositions(item, map))
}

function mapGeometry(geometry: unknown, map: (x: number, y: number) => [number, number]): unknown {
  const g = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown } | null
  if (!g || typeof g !== 'object') return geometry
  if (Array.isArray(g.geometries)) return { ...g, geometries: g.geometries.map((item) => mapGeometry(item, map)) }
  return 'coordinates' in g ? { ...g, coordinates: mapPositions(g.coordinates, map) } : geometry
}

/**
 * Features in a file CRS, in longitude and latitude: the geographic ones as they are (CGCS2000 as
 * WGS 84, see CRS_NOTES), Web Mercator unprojected. The datum shifts of GCJ-02 and BD-09 come after.
 */
export function toLonLat(features: unknown[], crs: FileCrs): unknown[] {
  if (crs !== 'EPSG:3857') return features
  return features.map((feature) => {
    const f = feature as { geometry?: unknown } | null
    if (!f || typeof f !== 'object' || !('geometry' in f)) return feature
    return { ...f, geometry: mapGeometry(f.geometry, webMercatorToLonLat) }
  })
}
