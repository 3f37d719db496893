import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import initSqlJs, { type SqlJsStatic } from 'sql.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { readGeoPackage } from '../../../server/services/import/files/read-geopackage'

let SQL: SqlJsStatic
beforeAll(async () => {
  SQL = await initSqlJs()
})

const LIMITS = { maxFeatures: 100, maxUnzippedBytes: 1e6 }
const WEB_MERCATOR_ESRI = readFileSync(fileURLToPath(new URL('../../fixtures/import-formats/prj/epsg-3857.wkt_esri.prj', import.meta.url)), 'utf8')

/** A GeoPackage point (GP header, no envelope, little endian) at x, y. */
function pointBlob(x: number, y: number, srsId: number): Uint8Array {
  const b = Buffer.alloc(8 + 21)
  b.write('GP', 0, 'latin1')
  b[3] = 1
  b.writeInt32LE(srsId, 4)
  b[8] = 1
  b.writeUInt32LE(1, 9)
  b.writeDoubleLE(x, 13)
  b.writeDoubleLE(y, 21)
  return b
}

/** The least a GeoPackage needs: its three metadata tables and one feature table (or view). */
function geopackage(setup: (db: import('sql.js').Database) => void): Uint8Array {
  const db = new SQL.Database()
  db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT, organization_coordsys_id INTEGER, definition TEXT)`)
  db.run(`CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT)`)
  db.run(`CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, srs_id INTEGER, z INTEGER, m INTEGER)`)
  db.run(`INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined'), ('WGS 84', 4326, 'EPSG', 4326, '')`)
  setup(db)
  const bytes = db.export()
  db.close()
  return bytes
}

function pointLayer(db: import('sql.js').Database, srsId: number, rows: [number, number][]) {
  db.run(`CREATE TABLE pts (fid INTEGER PRIMARY KEY, geom BLOB, externalId TEXT)`)
  db.run(`INSERT INTO gpkg_contents VALUES ('pts', 'features', 'pts')`)
  db.run(`INSERT INTO gpkg_geometry_columns VALUES ('pts', 'geom', 'POINT', ?, 0, 0)`, [srsId])
  rows.forEach(([x, y], i) => db.run('INSERT INTO pts (geom, externalId) VALUES (?, ?)', [pointBlob(x, y, srsId), `P${i}`]))
}

describe('readGeoPackage', () => {
  it('reads rows as features, every other column a property, a NULL geometry as none', async () => {
    const file = geopackage((db) => {
      pointLayer(db, 4326, [[120.5, 33.25]])
      db.run("INSERT INTO pts (geom, externalId) VALUES (NULL, 'NONE')")
    })
    const read = await readGeoPackage(file, LIMITS)
    expect(read).toEqual({
      crs: 'EPSG:4326',
      layer: 'pts',
      notes: [],
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [120.5, 33.25] }, properties: { fid: 1, externalId: 'P0' } },
        { type: 'Feature', geometry: null, properties: { fid: 2, externalId: 'NONE' } },
      ],
    })
  })

  it('takes the CRS from the WKT definition when the organisation is not EPSG', async () => {
    const file = geopackage((db) => {
      db.run("INSERT INTO gpkg_spatial_ref_sys VALUES ('Web Mercator (Esri)', 900001, 'ACME', 1, ?)", [WEB_MERCATOR_ESRI])
      pointLayer(db, 900001, [[13358338.9, 3895303.9]])
    })
    expect((await readGeoPackage(file, LIMITS)).crs).toBe('EPSG:3857')
  })

  it('refuses the undefined geographic srs_id 0, and an EPSG code it does not support, naming it', async () => {
    await expect(
      readGeoPackage(
        geopackage((db) => pointLayer(db, 0, [[1, 2]])),
        LIMITS,
      ),
    ).rejects.toMatchObject({ statusCode: 422, code: 'unsupported_crs' })
    const utm = geopackage((db) => {
      db.run("INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 / UTM zone 51N', 32651, 'EPSG', 32651, '')")
      pointLayer(db, 32651, [[500000, 3650000]])
    })
    await expect(readGeoPackage(utm, LIMITS)).rejects.toMatchObject({ code: 'unsupported_crs', message: expect.stringMatching(/EPSG:32651.*UTM zone 51N/) })
  })

  it('counts the rows before reading them: too many is 413', async () => {
    const file = geopackage((db) =>
      pointLayer(db, 4326, [
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    )
    await expect(readGeoPackage(file, { ...LIMITS, maxFeatures: 2 })).rejects.toMatchObject({ statusCode: 413, code: 'too_many_features' })
  })

  it('never runs a view named as a layer (a recursive one would never end)', async () => {
    const file = geopackage((db) => {
      db.run('CREATE VIEW pts AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x AS fid, NULL AS geom FROM n')
      db.run(`INSERT INTO gpkg_contents VALUES ('pts', 'features', 'pts')`)
      db.run(`INSERT INTO gpkg_geometry_columns VALUES ('pts', 'geom', 'POINT', 4326, 0, 0)`)
    })
    await expect(readGeoPackage(file, LIMITS)).rejects.toMatchObject({ statusCode: 400, code: 'unreadable_file', message: expect.stringMatching(/no layer/) })
  })

  it('refuses a corrupt geometry blob, naming the row', async () => {
    const file = geopackage((db) => {
      pointLayer(db, 4326, [[1, 2]])
      db.run("INSERT INTO pts (geom, externalId) VALUES (X'47500001E6100000010100', 'BAD')")
    })
    await expect(readGeoPackage(file, LIMITS)).rejects.toMatchObject({ statusCode: 400, code: 'unreadable_file', details: { row: 2 } })
  })
})
