import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../server/errors'
import { crsFromGeoJsonMember, crsFromName, crsFromWkt, toLonLat, webMercatorToLonLat } from '../../../server/services/import/files/file-crs'
import { parseWkt } from '../../../server/services/import/files/wkt'

const PRJ = fileURLToPath(new URL('../../fixtures/import-formats/prj/', import.meta.url))
const prj = (code: number, format: 'wkt1' | 'wkt_esri' | 'wkt2') => readFileSync(`${PRJ}epsg-${code}.${format}.prj`, 'utf8')

function refusal(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected a refusal')
}

describe('crsFromWkt (GDAL WKT1, Esri .prj, WKT2, as gdalsrsinfo writes them)', () => {
  for (const format of ['wkt1', 'wkt_esri', 'wkt2'] as const) {
    it.each([
      [4326, 'EPSG:4326'],
      [4490, 'EPSG:4490'],
      [3857, 'EPSG:3857'],
    ])(`recognises EPSG:%i in ${format}`, (code, crs) => {
      expect(crsFromWkt(prj(code, format))).toBe(crs)
    })
    it.each([
      [32651, /UTM zone 51N|UTM_Zone_51N/i],
      [4214, /Beijing/i],
      [3395, /World.Mercator/i],
      [2385, /Xian/i],
    ])(`refuses EPSG:%i in ${format} (422 unsupported_crs, naming it)`, (code, name) => {
      const error = refusal(() => crsFromWkt(prj(code, format)))
      expect([error.statusCode, error.code]).toEqual([422, 'unsupported_crs'])
      expect(error.message).toMatch(name)
      expect(error.message).toMatch(/EPSG:4326.*EPSG:4490.*EPSG:3857/)
    })
  }

  it('recognises the Esri .prj by what it is, without an authority (as ArcGIS and GDAL write them)', () => {
    expect(prj(3857, 'wkt_esri')).not.toMatch(/AUTHORITY\[|\bID\[/)
    expect(
      crsFromWkt(
        'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
      ),
    ).toBe('EPSG:4490')
  })

  it('refuses a Web Mercator with a false easting, a geographic CRS in grads or off Greenwich', () => {
    const offset = prj(3857, 'wkt_esri').replace('PARAMETER["False_Easting",0.0]', 'PARAMETER["False_Easting",500000.0]')
    expect(refusal(() => crsFromWkt(offset)).code).toBe('unsupported_crs')
    const grads = 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["grad",0.015707963267949]]'
    expect(refusal(() => crsFromWkt(grads)).code).toBe('unsupported_crs')
    const paris = 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Paris",2.33722917],UNIT["degree",0.0174532925199433]]'
    expect(refusal(() => crsFromWkt(paris)).code).toBe('unsupported_crs')
  })

  it('refuses unreadable WKT, naming it', () => {
    const error = refusal(() => crsFromWkt('GEOGCS["WGS 84",DATUM['))
    expect([error.code, error.message]).toEqual(['unsupported_crs', expect.stringMatching(/unreadable WKT/)])
  })
})

describe('parseWkt', () => {
  it('reads nested nodes, strings with doubled quotes, numbers and bare words', () => {
    expect(parseWkt('A["x ""y""",1.5e3,-2,B[c],D()]')).toEqual({
      keyword: 'A',
      args: ['x "y"', 1500, -2, { keyword: 'B', args: [{ keyword: 'C', args: [] }] }, { keyword: 'D', args: [] }],
    })
  })
  it('refuses nesting beyond reason', () => {
    expect(() => parseWkt('A['.repeat(100) + ']'.repeat(100))).toThrow(/deep/)
  })
})

describe('crsFromName and the GeoJSON crs member', () => {
  it.each([
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326'],
    ['urn:ogc:def:crs:OGC::CRS84', 'EPSG:4326'],
    ['http://www.opengis.net/def/crs/OGC/1.3/CRS84', 'EPSG:4326'],
    ['urn:ogc:def:crs:EPSG::4326', 'EPSG:4326'],
    ['urn:ogc:def:crs:EPSG:6.6:4326', 'EPSG:4326'],
    ['EPSG:4490', 'EPSG:4490'],
    ['urn:ogc:def:crs:EPSG::3857', 'EPSG:3857'],
    ['EPSG:900913', 'EPSG:3857'],
    ['http://www.opengis.net/def/crs/EPSG/0/3857', 'EPSG:3857'],
    ['epsg:3857', 'EPSG:3857'],
    ['EPSG:32651', undefined],
    ['GCJ-02', undefined],
  ])('%s → %s', (name, crs) => {
    expect(crsFromName(name)).toBe(crs)
  })

  it('honours a named CRS, takes none as WGS 84, refuses the rest', () => {
    expect(crsFromGeoJsonMember(undefined)).toBeUndefined()
    expect(crsFromGeoJsonMember(null)).toBeUndefined()
    expect(crsFromGeoJsonMember({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } })).toBe('EPSG:3857')
    expect(refusal(() => crsFromGeoJsonMember({ type: 'name', properties: { name: 'EPSG:2385' } })).message).toMatch(/"EPSG:2385"/)
    expect(refusal(() => crsFromGeoJsonMember({ type: 'link', properties: { href: 'x' } })).code).toBe('unsupported_crs')
    expect(refusal(() => crsFromGeoJsonMember('EPSG:4326')).code).toBe('unsupported_crs')
  })
})

describe('webMercatorToLonLat and toLonLat', () => {
  it('inverts the Web Mercator projection exactly (round trip to 1e-12°) ', () => {
    const R = 6378137
    const forward = (lng: number, lat: number) => [((lng * Math.PI) / 180) * R, R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))]
    for (const [lng, lat] of [
      [120.0031234567, 33.0154321098],
      [-73.98, 40.75],
      [0, 0],
      [179.9, -84],
    ]) {
      const [x, y] = forward(lng, lat)
      const [lng2, lat2] = webMercatorToLonLat(x, y)
      expect(Math.abs(lng2 - lng)).toBeLessThan(1e-12)
      expect(Math.abs(lat2 - lat)).toBeLessThan(1e-12)
    }
  })

  it('unprojects every position of points, polygons and collections, leaving malformed ones to the checks', () => {
    const [x, y] = [13358338.895192828, 3895303.9633938945]
    const [lng, lat] = webMercatorToLonLat(x, y)
    const features = [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [x, y, 7] }, properties: {} },
      {
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x, 'a'],
              [x, y],
            ],
          ],
        },
        properties: {},
      },
      { type: 'Feature', geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [x, y] }] }, properties: {} },
      'not a feature',
    ]
    expect(toLonLat(features, 'EPSG:3857')).toEqual([
      { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat, 7] }, properties: {} },
      {
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [lng, lat],
              [x, 'a'],
              [lng, lat],
            ],
          ],
        },
        properties: {},
      },
      { type: 'Feature', geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [lng, lat] }] }, properties: {} },
      'not a feature',
    ])
    expect(toLonLat(features, 'EPSG:4490')).toBe(features)
  })
})
