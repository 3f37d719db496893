import { Type, type Static } from '@sinclair/typebox'
import { FILE_CRS, FILE_FORMATS, FINDING_KINDS, IMPORT_KINDS, UPLOAD_MEDIA_TYPES } from '../domain/import-vocabulary'
import { LiteralUnion } from './literal-union'

export const ImportParams = Type.Object({ kind: LiteralUnion(IMPORT_KINDS) })
export const ImportQuery = Type.Object(
  {
    crs: Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02'), Type.Literal('bd09')], { default: 'wgs84' }),
    strict: Type.Boolean({ default: false, description: 'Refuse coverage findings (422 coverage_findings) instead of importing them with warnings' }),
    layer: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'The layer to read from a GeoPackage (table) or zipped Shapefile (name without .shp) holding several',
      }),
    ),
  },
  { additionalProperties: false },
)
// Features are checked one by one by the import service, so each bad one gets its own reason.
export const ImportBody = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Unknown(), { minItems: 1 }),
  crs: Type.Optional(
    Type.Unknown({
      description:
        'A 2008 GeoJSON named CRS, {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}}: EPSG:4326/CRS84, EPSG:4490 and EPSG:3857 are honoured, any other is refused (422 unsupported_crs)',
    }),
  ),
})
const UploadedFile = (what: string) =>
  Type.String({ format: 'binary', description: `${what}, as the request body (no multipart); the CRS from the file (see docs/import.md)` })
const FILE_DESCRIPTIONS: Record<string, string> = {
  'application/geopackage+sqlite3': 'A GeoPackage (.gpkg); a file of several feature tables needs ?layer=',
  'application/zip': 'A zipped Shapefile (.shp, .shx, .dbf, .prj, .cpg); several layers need ?layer=',
  'application/x-zip-compressed': 'A zipped Shapefile (the media type Windows gives a .zip)',
  'application/vnd.google-earth.kml+xml': 'A KML document (WGS 84)',
  'application/vnd.google-earth.kmz': 'A KMZ archive (zipped KML)',
}
/** The body by media type: GeoJSON as JSON, the other formats as the file's bytes. */
export const ImportBodyByMediaType = {
  content: {
    'application/json': { schema: ImportBody },
    'application/geo+json': { schema: ImportBody },
    ...Object.fromEntries(Object.keys(UPLOAD_MEDIA_TYPES).map((type) => [type, { schema: UploadedFile(FILE_DESCRIPTIONS[type]) }])),
  },
}
export const ImportSource = Type.Object(
  {
    format: LiteralUnion(['geojson', ...FILE_FORMATS]),
    crs: LiteralUnion(FILE_CRS, { description: "The CRS the file declared (before ?crs=gcj02|bd09's shift)" }),
    layer: Type.Optional(Type.String()),
    notes: Type.Array(Type.String(), {
      description: 'How the file was read where it needed a choice: a CRS taken as WGS 84, a renamed DBF field, a guessed text encoding',
    }),
  },
  { description: 'How the upload was read (a GeoPackage, Shapefile, KML or KMZ, or GeoJSON with a crs member)' },
)
export const ImportWarning = Type.Object({
  kind: LiteralUnion(FINDING_KINDS),
  index: Type.Optional(Type.Integer({ description: 'The feature, by index; absent for a gap, which belongs to its community' })),
  code: Type.Optional(Type.String({ description: 'The code the feature was given' })),
  communityCode: Type.String(),
  otherCode: Type.Optional(Type.String({ description: "An overlap's other grid" })),
  otherIndex: Type.Optional(Type.Integer({ description: "An overlap's other grid, when it came in the same file" })),
  areaM2: Type.Number(),
  message: Type.String(),
})
export const ImportResponse = Type.Object({
  kind: Type.String(),
  inserted: Type.Integer(),
  ids: Type.Array(Type.Union([Type.Integer(), Type.String()])),
  warnings: Type.Array(ImportWarning, { description: 'Coverage findings of a grid import, imported anyway (see strict)' }),
  source: Type.Optional(ImportSource),
})

export type ImportParamsType = Static<typeof ImportParams>
export type ImportQueryType = Static<typeof ImportQuery>
export type ImportBodyType = Static<typeof ImportBody>
