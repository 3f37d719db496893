import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import initSqlJs, { type SqlJsStatic } from 'sql.js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { smallTownRegions } from '../fixtures/small-town'
import { createTestApp, emptyDatabase, tableCounts, type TestApp } from './helpers/test-app'

/**
 * GeoPackage, zipped Shapefile, KML and KMZ uploads (tests/fixtures/import-formats, made from the
 * .geojson beside them by make-fixtures.sh with ogr2ogr) import what the same data imports as
 * GeoJSON: the same rows, the same geometry within 1e-7°, whatever the file's CRS.
 */
const FIXTURES = fileURLToPath(new URL('../fixtures/import-formats', import.meta.url))
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name))
const geojson = (name: string) => JSON.parse(fixture(name).toString('utf8'))

const GPKG = 'application/geopackage+sqlite3'
const ZIP = 'application/zip'
const KML = 'application/vnd.google-earth.kml+xml'
const KMZ = 'application/vnd.google-earth.kmz'

let t: TestApp
let headers: Record<string, string>
let SQL: SqlJsStatic

beforeAll(async () => {
  SQL = await initSqlJs()
  // A small body limit, so that the oversized-upload and zip-bomb cases need only small files.
  t = await createTestApp({ BODY_LIMIT_BYTES: String(256 * 1024) })
})
afterAll(() => t.close())

beforeEach(async () => {
  await emptyDatabase(t)
  headers = await t.adminHeaders()
  expect((await postJson('regions', smallTownRegions)).statusCode).toBe(201)
})

function postJson(kind: string, body: unknown, query = '') {
  return t.app.inject({ method: 'POST', url: `/api/import/${kind}${query}`, headers, payload: body as object })
}

function upload(kind: string, bytes: Buffer, contentType: string, query = '') {
  return t.app.inject({ method: 'POST', url: `/api/import/${kind}${query}`, headers: { ...headers, 'content-type': contentType }, payload: bytes })
}

interface StoredHousehold {
  externalId: string
  address: string
  population: number
  elderlyAlone: boolean
  lowIncome: boolean
  geometry: { coordinates: number[] }
}

async function storedHouseholds(): Promise<StoredHousehold[]> {
  const { rows } = await t.db.query<StoredHousehold & { geometry: string }>(
    `SELECT external_id AS "externalId", address, population, elderly_alone AS "elderlyAlone", low_income AS "lowIncome",
            ST_AsGeoJSON(geom, 15) AS geometry FROM households ORDER BY external_id`,
  )
  return rows.map((row) => ({ ...row, geometry: JSON.parse(row.geometry) }))
}

async function storedGrids(): Promise<{ name: string; type: string; communityCode: string; geometry: { coordinates: number[][][][] } }[]> {
  const { rows } = await t.db.query<{ name: string; type: string; communityCode: string; geometry: string }>(
    // Normalised (ring start and orientation): a Shapefile's outer rings run clockwise, GeoJSON's anticlockwise.
    `SELECT name, type, community_code AS "communityCode", ST_AsGeoJSON(ST_Normalize(geom), 15) AS geometry FROM grids ORDER BY name`,
  )
  return rows.map((row) => ({ ...row, geometry: JSON.parse(row.geometry) }))
}

/** Every number of `actual` within 1e-7 of `expected`'s, and the same structure. */
function expectCoordinatesClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number')
    expect(Math.abs((actual as number) - expected), `${path}: ${actual} vs ${expected}`).toBeLessThan(1e-7)
    return
  }
  expect(Array.isArray(actual), path).toBe(true)
  expect((actual as unknown[]).length, path).toBe((expected as unknown[]).length)
  ;(expected as unknown[]).forEach((item, i) => expectCoordinatesClose((actual as unknown[])[i], item, `${path}[${i}]`))
}

/** What the GeoJSON path stores for a fixture, to compare the other formats with. */
async function viaGeoJson<T>(kind: 'households' | 'grids', read: () => Promise<T>): Promise<T> {
  const response = await postJson(kind, geojson(`${kind}.geojson`))
  expect(response.statusCode, response.body).toBe(201)
  const stored = await read()
  await t.db.query(`DELETE FROM ${kind === 'grids' ? 'households; DELETE FROM grid_history; DELETE FROM grids' : 'households'}`)
  return stored
}

function expectSameHouseholds(actual: StoredHousehold[], expected: StoredHousehold[]) {
  expect(actual.map(({ geometry, ...rest }) => rest)).toEqual(expected.map(({ geometry, ...rest }) => rest))
  actual.forEach((row, i) => expectCoordinatesClose(row.geometry.coordinates, expected[i].geometry.coordinates, row.externalId))
}

describe('POST /api/import/:kind — file formats import what GeoJSON imports', () => {
  const households: [string, string, string][] = [
    ['GeoPackage (EPSG:4326)', 'households.gpkg', GPKG],
    ['GeoPackage (EPSG:3857)', 'households-3857.gpkg', GPKG],
    ['GeoPackage (EPSG:4490)', 'households-4490.gpkg', GPKG],
    ['zipped Shapefile (EPSG:4326)', 'households.shp.zip', ZIP],
    ['zipped Shapefile (EPSG:3857)', 'households-3857.shp.zip', ZIP],
    ['zipped Shapefile (EPSG:4490), as Windows names a zip', 'households-4490.shp.zip', 'application/x-zip-compressed'],
    ['zipped Shapefile with GBK text (.cpg)', 'households-gbk.shp.zip', ZIP],
    ['KML', 'households.kml', KML],
    ['KMZ', 'households.kmz', KMZ],
  ]
  for (const [what, file, type] of households) {
    it(`households from a ${what}`, async () => {
      const expected = await viaGeoJson('households', storedHouseholds)
      expect(expected).toHaveLength(3)
      const response = await upload('households', fixture(file), type)
      expect(response.statusCode, response.body).toBe(201)
      expect(response.json().inserted).toBe(3)
      expectSameHouseholds(await storedHouseholds(), expected)
    })
  }

  const grids: [string, string, string][] = [
    ['GeoPackage (EPSG:4326)', 'grids.gpkg', GPKG],
    ['GeoPackage (EPSG:3857)', 'grids-3857.gpkg', GPKG],
    ['zipped Shapefile (EPSG:4326)', 'grids.shp.zip', ZIP],
    ['zipped Shapefile (EPSG:3857)', 'grids-3857.shp.zip', ZIP],
    ['KML', 'grids.kml', KML],
  ]
  for (const [what, file, type] of grids) {
    it(`grids (one with a hole) from a ${what}`, async () => {
      const expected = await viaGeoJson('grids', storedGrids)
      expect(expected).toHaveLength(2)
      const response = await upload('grids', fixture(file), type)
      expect(response.statusCode, response.body).toBe(201)
      const actual = await storedGrids()
      expect(actual.map(({ geometry, ...rest }) => rest)).toEqual(expected.map(({ geometry, ...rest }) => rest))
      actual.forEach((grid, i) => expectCoordinatesClose(grid.geometry.coordinates, expected[i].geometry.coordinates, grid.name))
    })
  }

  it('says how the file was read: format, CRS, layer, the CGCS2000 approximation, a DBF name cut to 10 characters', async () => {
    const gpkg = (await upload('households', fixture('households-4490.gpkg'), GPKG)).json()
    expect(gpkg.source).toMatchObject({ format: 'geopackage', crs: 'EPSG:4490', layer: 'households' })
    expect(gpkg.source.notes.join(' ')).toMatch(/CGCS2000.*WGS 84/)
    await t.db.query('DELETE FROM households')
    const shp = (await upload('households', fixture('households-3857.shp.zip'), ZIP)).json()
    expect(shp.source).toMatchObject({ format: 'shapefile', crs: 'EPSG:3857', layer: 'households' })
    expect(shp.source.notes).toContain('The DBF field elderlyAlo was read as elderlyAlone (Shapefile field names are cut to 10 characters)')
  })

  it('reads Chinese text from a GBK DBF that has no .cpg (as GB18030), and says it guessed', async () => {
    const expected = await viaGeoJson('households', storedHouseholds)
    const response = await upload('households', fixture('households-gbk-nocpg.shp.zip'), ZIP)
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json().source.notes.join(' ')).toMatch(/no \.cpg.*GB18030/)
    expectSameHouseholds(await storedHouseholds(), expected)
  })

  it('shifts a file in GCJ-02 by ?crs=gcj02 after its own CRS (here Web Mercator of GCJ-02 coordinates)', async () => {
    const wgs84 = await viaGeoJson('households', storedHouseholds)
    // The town's regions in GCJ-02 too, so that the households stay inside them once shifted.
    await emptyDatabase(t)
    headers = await t.adminHeaders()
    expect((await postJson('regions', smallTownRegions, '?crs=gcj02')).statusCode).toBe(201)
    const viaJson = await postJson('households', geojson('households.geojson'), '?crs=gcj02')
    expect(viaJson.statusCode).toBe(201)
    const expected = await storedHouseholds()
    await t.db.query('DELETE FROM households')
    expect((await upload('households', fixture('households-3857.gpkg'), GPKG, '?crs=gcj02')).statusCode).toBe(201)
    const actual = await storedHouseholds()
    expectSameHouseholds(actual, expected)
    // And the shift did happen: GCJ-02 is hundreds of metres off WGS 84 in China.
    expect(Math.abs(actual[0].geometry.coordinates[0] - wgs84[0].geometry.coordinates[0])).toBeGreaterThan(1e-3)
  })

  it('reads the layer asked for from a GeoPackage of two, and asks which when none is named', async () => {
    const none = await upload('households', fixture('two-layers.gpkg'), GPKG)
    expect(none.statusCode).toBe(400)
    expect(none.json().error).toMatchObject({ code: 'layer_required', details: { layers: ['grids', 'households'] } })
    const unknown = await upload('households', fixture('two-layers.gpkg'), GPKG, '?layer=roads')
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'unknown_layer'])
    const chosen = await upload('households', fixture('two-layers.gpkg'), GPKG, '?layer=households')
    expect(chosen.statusCode, chosen.body).toBe(201)
    expect(chosen.json().inserted).toBe(3)
  })

  it('refuses a bad feature in a file by index, as it refuses one in GeoJSON, writing nothing', async () => {
    // grids.gpkg read as households: every feature has the wrong geometry type and lacks properties.
    const response = await upload('households', fixture('grids.gpkg'), GPKG)
    expect(response.statusCode).toBe(422)
    expect(response.json().error.code).toBe('invalid_features')
    expect(response.json().error.details.features.map((f: { index: number }) => f.index)).toEqual([0, 1])
    expect((await tableCounts(t.db)).households).toBe(0)
  })
})

describe('POST /api/import/:kind — CRS refused or honoured', () => {
  it.each([
    ['GeoPackage', 'households-32651.gpkg', GPKG, /EPSG:32651/],
    ['zipped Shapefile', 'households-32651.shp.zip', ZIP, /UTM_Zone_51N|UTM zone 51N/i],
  ])('refuses a %s in UTM (422 unsupported_crs naming it and what is supported), writing nothing', async (_what, file, type, name) => {
    const response = await upload('households', fixture(file), type)
    expect(response.statusCode).toBe(422)
    const error = response.json().error
    expect(error.code).toBe('unsupported_crs')
    expect(error.message).toMatch(name)
    expect(error.message).toMatch(/EPSG:4326.*EPSG:4490.*EPSG:3857/)
    expect(error.details.supported).toEqual(expect.arrayContaining(['EPSG:4326', 'EPSG:4490', 'EPSG:3857']))
    expect((await tableCounts(t.db)).households).toBe(0)
  })

  it.each([['urn:ogc:def:crs:EPSG::3857'], ['EPSG:3857'], ['http://www.opengis.net/def/crs/EPSG/0/3857']])(
    'honours a GeoJSON crs member %s (Web Mercator metres land where their degrees do)',
    async (name) => {
      const expected = await viaGeoJson('households', storedHouseholds)
      const body = geojson('households.geojson')
      const R = 6378137
      for (const f of body.features) {
        const [lng, lat] = f.geometry.coordinates
        f.geometry.coordinates = [((lng * Math.PI) / 180) * R, R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 180 / 2))]
      }
      const response = await postJson('households', { ...body, crs: { type: 'name', properties: { name } } })
      expect(response.statusCode, response.body).toBe(201)
      expect(response.json().source).toMatchObject({ format: 'geojson', crs: 'EPSG:3857' })
      expectSameHouseholds(await storedHouseholds(), expected)
    },
  )

  it.each([
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326'],
    ['urn:ogc:def:crs:EPSG::4490', 'EPSG:4490'],
    ['EPSG:4326', 'EPSG:4326'],
  ])('takes a GeoJSON crs member %s as longitude, latitude degrees', async (name, crs) => {
    const expected = await viaGeoJson('households', storedHouseholds)
    const response = await postJson('households', { ...geojson('households.geojson'), crs: { type: 'name', properties: { name } } })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json().source.crs).toBe(crs)
    expectSameHouseholds(await storedHouseholds(), expected)
  })

  it.each([
    [{ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32651' } }, /EPSG::32651/],
    [{ type: 'name', properties: { name: 'EPSG:2385' } }, /EPSG:2385/],
    [{ type: 'link', properties: { href: 'http://example.com/crs/42', type: 'proj4' } }, /named CRS/],
  ])('refuses a GeoJSON crs member it cannot honour (%j), writing nothing', async (crs, name) => {
    const response = await postJson('households', { ...geojson('households.geojson'), crs })
    expect(response.statusCode).toBe(422)
    expect(response.json().error.code).toBe('unsupported_crs')
    expect(response.json().error.message).toMatch(name)
    expect((await tableCounts(t.db)).households).toBe(0)
  })
})

/** A zip of one stored (uncompressed) entry, or of entries given as deflated bytes with declared sizes. */
function zipOf(entries: { name: string; data: Buffer; size?: number; crc?: number; method?: number }[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const { name, data, size = data.length, crc = 0, method = 0 } of entries) {
    const nameBytes = Buffer.from(name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

describe('POST /api/import/:kind — corrupt and oversized files', () => {
  const corrupt: [string, () => Buffer, string][] = [
    ['a GeoPackage that is not SQLite', () => Buffer.from('not a database at all, just some words that go on for long enough'.repeat(4)), GPKG],
    ['a GeoPackage cut in half', () => fixture('households.gpkg').subarray(0, fixture('households.gpkg').length / 2), GPKG],
    [
      'an SQLite file that is no GeoPackage',
      () => {
        const db = new SQL.Database()
        db.run('CREATE TABLE households (externalId TEXT, x REAL, y REAL)')
        db.run("INSERT INTO households VALUES ('A', 120.005, 33.015)")
        return Buffer.from(db.export())
      },
      GPKG,
    ],
    ['a zip that is not a zip', () => Buffer.from('PK but not really a zip file, only text'), ZIP],
    ['a zip with no .shp', () => zipOf([{ name: 'readme.txt', data: Buffer.from('hello') }]), ZIP],
    ['a Shapefile whose .shp is garbage', () => zipOf([{ name: 'a.shp', data: Buffer.alloc(200, 7) }]), ZIP],
    [
      'a Shapefile whose record length runs backwards',
      () => {
        const shp = Buffer.alloc(120)
        shp.writeInt32BE(9994, 0) // file code
        shp.writeInt32BE(60, 24) // file length, in 16-bit words
        shp.writeInt32LE(1, 32) // shape type: point
        shp.writeInt32BE(1, 100) // record number
        shp.writeInt32BE(-4, 104) // content length: negative
        return zipOf([{ name: 'a.shp', data: shp }])
      },
      ZIP,
    ],
    ['a KML that is not XML', () => Buffer.from('<kml><Placemark><Point><coordinates>120,33</coordinates></Point>'), KML],
    ['an XML file that is not KML', () => Buffer.from('<?xml version="1.0"?><gpx><wpt lat="33" lon="120"/></gpx>'), KML],
    [
      'a KML declaring entities (a billion laughs)',
      () =>
        Buffer.from(
          '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><kml><Document><name>&b;</name></Document></kml>',
        ),
      KML,
    ],
  ]
  for (const [what, bytes, type] of corrupt) {
    it(`refuses ${what} with 400 unreadable_file, writing nothing`, async () => {
      const response = await upload('households', bytes(), type)
      expect(response.statusCode, response.body).toBe(400)
      expect(response.json().error.code).toBe('unreadable_file')
      expect((await tableCounts(t.db)).households).toBe(0)
    })
  }

  it('refuses a file larger than the body limit with 413, writing nothing', async () => {
    const big = Buffer.concat([fixture('households.gpkg'), Buffer.alloc(300 * 1024)])
    const response = await upload('households', big, GPKG)
    expect([response.statusCode, response.json().error.code]).toEqual([413, 'payload_too_large'])
    expect((await tableCounts(t.db)).households).toBe(0)
  })

  it('refuses a zip bomb from its declared sizes (413 unzipped_too_large) before inflating it', async () => {
    const { deflateRawSync, crc32 } = await import('node:zlib')
    // 64 MB of zeros deflate to ~64 KB: within the 256 KB body limit, far beyond 10 × it unzipped.
    const zeros = Buffer.alloc(64 * 1024 * 1024)
    const bomb = zipOf([{ name: 'bomb.shp', data: deflateRawSync(zeros, { level: 9 }), size: zeros.length, crc: crc32(zeros), method: 8 }])
    expect(bomb.length).toBeLessThan(256 * 1024)
    const response = await upload('households', bomb, ZIP)
    expect(response.statusCode, response.body).toBe(413)
    expect(response.json().error.code).toBe('unzipped_too_large')
    expect((await tableCounts(t.db)).households).toBe(0)
  })

  it('refuses a zip bomb that understates its size: inflating stops at the declared size (400)', async () => {
    const { deflateRawSync } = await import('node:zlib')
    const zeros = Buffer.alloc(16 * 1024 * 1024)
    const liar = zipOf([{ name: 'bomb.shp', data: deflateRawSync(zeros, { level: 9 }), size: 1000, method: 8 }])
    const response = await upload('households', liar, ZIP)
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json().error.code).toBe('unreadable_file')
    expect((await tableCounts(t.db)).households).toBe(0)
  })

  it('refuses more features than IMPORT_MAX_FEATURES from a file (413), writing nothing', async () => {
    const small = await createTestApp({ IMPORT_MAX_FEATURES: '2' }, { reset: false })
    try {
      const admin = await small.adminHeaders()
      for (const [file, type] of [
        ['households.gpkg', GPKG],
        ['households.shp.zip', ZIP],
        ['households.kml', KML],
      ]) {
        const response = await small.app.inject({
          method: 'POST',
          url: '/api/import/households',
          headers: { ...admin, 'content-type': type },
          payload: fixture(file),
        })
        expect([file, response.statusCode, response.json().error.code]).toEqual([file, 413, 'too_many_features'])
      }
      expect((await tableCounts(small.db)).households).toBe(0)
    } finally {
      await small.close()
    }
  })

  it('refuses an upload of a media type it does not read (415)', async () => {
    const response = await upload('households', Buffer.from('a,b\n1,2'), 'text/csv')
    expect([response.statusCode, response.json().error.code]).toEqual([415, 'unsupported_media_type'])
  })
})

describe('OpenAPI', () => {
  it('lists the media types the import accepts', async () => {
    const spec = (await t.app.inject({ url: '/docs/json' })).json()
    const body = spec.paths['/api/import/{kind}'].post.requestBody.content
    expect(Object.keys(body).sort()).toEqual([
      'application/geo+json',
      'application/geopackage+sqlite3',
      'application/json',
      'application/vnd.google-earth.kml+xml',
      'application/vnd.google-earth.kmz',
      'application/x-zip-compressed',
      'application/zip',
    ])
    expect(body['application/zip'].schema).toMatchObject({ type: 'string', format: 'binary' })
    expect(spec.paths['/api/import/{kind}'].post.parameters.map((p: { name: string }) => p.name)).toContain('layer')
  })
})
