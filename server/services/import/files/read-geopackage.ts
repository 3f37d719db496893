import initSqlJs, { type Database as SqliteDatabase, type SqlJsStatic } from 'sql.js'
import { AppError } from '../../../errors'
import { crsFromAuthority, crsFromWkt, unsupportedCrs, type FileCrs } from './file-crs'
import { yieldToEventLoop } from '../chunk-pacer'
import { pickLayer, tooManyFeatures, unreadableFile, type FileRead, type ReadLimits } from './file-read'
import { GeometryBlobError, readGpkgGeometry } from './gpkg-geometry'

/**
 * Reads one feature table of a GeoPackage (OGC 12-128r18) with SQLite compiled to WebAssembly
 * (sql.js), so that no GDAL is needed: the layers from gpkg_contents and gpkg_geometry_columns,
 * the CRS from gpkg_spatial_ref_sys, the geometries from their GeoPackageBinary blobs
 * (gpkg-geometry.ts), every other column as a property.
 */
let sqlJs: Promise<SqlJsStatic> | undefined

const SQLITE_MAGIC = 'SQLite format 3\u0000'

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`

interface Layer {
  table: string
  column: string
  srsId: number
}

function layersOf(db: SqliteDatabase): Layer[] {
  const result = db.exec(
    // Tables only: a view is a query, and a file's query (a recursive one) could run for ever.
    `SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c
       JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
       JOIN sqlite_master m ON m.name = c.table_name AND m.type = 'table'
      WHERE c.data_type = 'features' ORDER BY c.table_name`,
  )
  return (result[0]?.values ?? []).map(([table, column, srsId]) => ({ table: String(table), column: String(column), srsId: Number(srsId) }))
}

/** The layer's CRS: by its EPSG organisation and code, else by its WKT definition. */
function crsOf(db: SqliteDatabase, srsId: number): FileCrs {
  const row = db.exec('SELECT srs_name, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?', [srsId])[0]?.values[0]
  if (!row) throw unsupportedCrs(`srs_id ${srsId} (not in gpkg_spatial_ref_sys)`)
  const [name, organization, code, definition] = row.map((value) => (value === null ? '' : String(value)))
  // srs_id -1 and 0 are the GeoPackage's "undefined Cartesian" and "undefined geographic": no CRS at all.
  if (srsId === -1 || srsId === 0 || organization.toUpperCase() === 'NONE')
    throw unsupportedCrs(`"${name}" (srs_id ${srsId}: the GeoPackage does not say which)`)
  const byCode = crsFromAuthority(organization, code)
  if (byCode) return byCode
  if (organization.toUpperCase() === 'EPSG') throw unsupportedCrs(`EPSG:${code} ("${name}")`)
  if (definition && definition.toLowerCase() !== 'undefined') return crsFromWkt(definition)
  throw unsupportedCrs(`"${name}" (${organization}:${code})`)
}

/** Rows read between two yields: SQLite in WebAssembly is synchronous, and a county layer is large. */
const ROWS_PER_TURN = 2000

async function readFeatures(db: SqliteDatabase, layer: Layer): Promise<unknown[]> {
  const features: unknown[] = []
  const statement = db.prepare(`SELECT * FROM ${quoteIdentifier(layer.table)}`)
  try {
    while (statement.step()) {
      if (features.length % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToEventLoop()
      const row = statement.getAsObject()
      const blob = row[layer.column]
      const properties: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(row)) if (key !== layer.column) properties[key] = value
      let geometry = null
      if (blob instanceof Uint8Array) {
        try {
          geometry = readGpkgGeometry(blob).geometry
        } catch (error) {
          if (!(error instanceof GeometryBlobError)) throw error
          throw unreadableFile('geopackage', `the geometry of row ${features.length + 1} is corrupt: ${error.message}`, { row: features.length + 1 })
        }
      } else if (blob !== null && blob !== undefined) {
        throw unreadableFile('geopackage', `the geometry of row ${features.length + 1} is not a GeoPackage geometry blob`, { row: features.length + 1 })
      }
      features.push({ type: 'Feature', geometry, properties })
    }
  } finally {
    statement.free()
  }
  return features
}

export async function readGeoPackage(bytes: Uint8Array, limits: ReadLimits): Promise<FileRead> {
  if (bytes.length < 100 || new TextDecoder('latin1').decode(bytes.subarray(0, 16)) !== SQLITE_MAGIC) {
    throw unreadableFile('geopackage', 'it is not an SQLite database (a GeoPackage is one)')
  }
  sqlJs ??= initSqlJs()
  const SQL = await sqlJs
  let db: SqliteDatabase | undefined
  try {
    db = new SQL.Database(bytes)
    let layers: Layer[]
    try {
      layers = layersOf(db)
    } catch {
      throw unreadableFile('geopackage', 'it has no gpkg_contents and gpkg_geometry_columns tables (an SQLite file, but not a GeoPackage)')
    }
    const name = pickLayer(
      'geopackage',
      layers.map((l) => l.table),
      limits.layer,
    )
    const layer = layers.find((l) => l.table === name)!
    const crs = crsOf(db, layer.srsId)
    const count = Number(db.exec(`SELECT count(*) FROM ${quoteIdentifier(layer.table)}`)[0]?.values[0]?.[0] ?? 0)
    if (count > limits.maxFeatures) throw tooManyFeatures(limits.maxFeatures, count)
    return { features: await readFeatures(db, layer), crs, layer: name, notes: [] }
  } catch (error) {
    if (error instanceof AppError) throw error
    // SQLite's own word on a damaged file: "file is not a database", "database disk image is malformed".
    throw unreadableFile('geopackage', (error as Error).message ?? 'SQLite could not read it')
  } finally {
    db?.close()
  }
}
