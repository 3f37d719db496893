// The closed vocabularies of an import (POST /api/import/{kind}): what may be imported, in which
// files and coordinate systems, and the coverage findings it reports. The import services use
// them and the schemas list them, so they live here, beside the domain's other vocabularies.

export const IMPORT_KINDS = ['regions', 'grids', 'households', 'service-points', 'incidents'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export const FILE_FORMATS = ['geopackage', 'shapefile', 'kml', 'kmz'] as const
export type FileFormat = (typeof FILE_FORMATS)[number]

/**
 * The coordinate reference systems a file may declare. GCJ-02 and BD-09 have no EPSG code and no
 * WKT: a file cannot say it is in them, the `crs` query parameter does (geometry-checks.ts).
 */
export const FILE_CRS = ['EPSG:4326', 'EPSG:4490', 'EPSG:3857'] as const
export type FileCrs = (typeof FILE_CRS)[number]

/** The media types an import may be uploaded as, besides GeoJSON (application/json, application/geo+json). */
export const UPLOAD_MEDIA_TYPES: Record<string, FileFormat> = {
  'application/geopackage+sqlite3': 'geopackage',
  'application/zip': 'shapefile',
  'application/x-zip-compressed': 'shapefile',
  'application/vnd.google-earth.kml+xml': 'kml',
  'application/vnd.google-earth.kmz': 'kmz',
}

/**
 * Coverage findings of a grid import: imported and listed as warnings (the coverage report shows
 * them too), or refused with ?strict=true. Unlike broken data they are what a county imports its
 * legacy grids to find.
 */
export const FINDING_KINDS = ['overlap', 'outside_community', 'gap'] as const
export type FindingKind = (typeof FINDING_KINDS)[number]
