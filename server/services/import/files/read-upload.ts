import { AttributeMapper } from './file-attributes'
import { CRS_NOTES, crsFromGeoJsonMember, toLonLat, type FileCrs } from './file-crs'
import type { FileFormat, FileRead, ReadLimits } from './file-read'
import type { ImportKind } from '../parse-features'
import { readGeoPackage } from './read-geopackage'
import { readKml, readKmz } from './read-kml'
import { readShapefile } from './read-shapefile'

export { UPLOAD_MEDIA_TYPES } from '../../../domain/import-vocabulary'

/** How the import's features were read: told back to the caller, so that a guess is never silent. */
export interface ImportSource {
  format: 'geojson' | FileFormat
  crs: FileCrs
  layer?: string
  notes: string[]
}

export interface ReadImport {
  /** Features in longitude and latitude (before any GCJ-02/BD-09 shift, which the crs parameter asks for). */
  features: unknown[]
  source?: ImportSource
}

const READERS: Record<FileFormat, (bytes: Uint8Array, limits: ReadLimits) => FileRead | Promise<FileRead>> = {
  geopackage: readGeoPackage,
  shapefile: readShapefile,
  kml: readKml,
  kmz: readKmz,
}

/**
 * Reads an uploaded GeoPackage, zipped Shapefile, KML or KMZ into the Features a GeoJSON import
 * holds, attributes named and typed as the GeoJSON path reads them (file-attributes.ts), so that
 * every check after this is the same whatever the format.
 */
export async function readUpload(format: FileFormat, bytes: Uint8Array, kind: ImportKind, limits: ReadLimits): Promise<ReadImport> {
  const file = await READERS[format](bytes, limits)
  const mapper = new AttributeMapper(kind)
  const features = file.features.map((feature) => {
    const f = feature as { properties: Record<string, unknown> }
    return { ...f, properties: mapper.map(f.properties) }
  })
  const notes = [...file.notes]
  for (const [from, to] of mapper.renamed) {
    notes.push(
      format === 'shapefile' && from.length <= 10 && to.length > 10
        ? `The DBF field ${from} was read as ${to} (Shapefile field names are cut to 10 characters)`
        : `The attribute ${from} was read as ${to}`,
    )
  }
  if (CRS_NOTES[file.crs]) notes.push(CRS_NOTES[file.crs]!)
  return { features: toLonLat(features, file.crs), source: { format, crs: file.crs, ...(file.layer ? { layer: file.layer } : {}), notes } }
}

/**
 * A GeoJSON FeatureCollection's features in longitude and latitude: a (2008 GeoJSON) `crs` member
 * we support is honoured, one we do not is refused (422), none is WGS 84 as RFC 7946 says.
 */
export function readGeoJson(body: { features: unknown[]; crs?: unknown }): ReadImport {
  const crs = crsFromGeoJsonMember(body.crs)
  if (!crs) return { features: body.features }
  const notes = CRS_NOTES[crs] ? [CRS_NOTES[crs]!] : []
  return { features: toLonLat(body.features, crs), source: { format: 'geojson', crs, notes } }
}
