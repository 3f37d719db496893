import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import initSqlJs from 'sql.js'
import { describe, expect, it } from 'vitest'
import { GeometryBlobError, readGpkgGeometry, readWkb } from '../../../server/services/import/files/gpkg-geometry'

/** A small WKB writer, so that each case states its bytes. */
class Wkb {
  private readonly bytes: number[] = []
  constructor(private readonly little = true) {}
  u8(n: number) {
    this.bytes.push(n)
    return this
  }
  u32(n: number) {
    const b = Buffer.alloc(4)
    if (this.little) b.writeUInt32LE(n >>> 0)
    else b.writeUInt32BE(n >>> 0)
    this.bytes.push(...b)
    return this
  }
  f64(...values: number[]) {
    for (const v of values) {
      const b = Buffer.alloc(8)
      if (this.little) b.writeDoubleLE(v)
      else b.writeDoubleBE(v)
      this.bytes.push(...b)
    }
    return this
  }
  head(type: number) {
    return this.u8(this.little ? 1 : 0).u32(type)
  }
  point(x: number, y: number, ...more: number[]) {
    return this.head(1).f64(x, y, ...more)
  }
  ring(...positions: [number, number][]) {
    this.u32(positions.length)
    for (const p of positions) this.f64(...p)
    return this
  }
  build() {
    return Uint8Array.from(this.bytes)
  }
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/** A GeoPackageBinary header: magic, version 0, flags, srs_id, an envelope of `envelopeDoubles`. */
function gpkgBlob(wkb: Uint8Array, { srsId = 4326, little = true, envelopeKind = 0, empty = false, extended = false, version = 0 } = {}) {
  const doubles = [0, 4, 6, 6, 8][envelopeKind] ?? 0
  const header = Buffer.alloc(8 + doubles * 8)
  header.write('GP', 0, 'latin1')
  header[2] = version
  header[3] = (little ? 1 : 0) | (envelopeKind << 1) | (empty ? 0x10 : 0) | (extended ? 0x20 : 0)
  if (little) header.writeInt32LE(srsId, 4)
  else header.writeInt32BE(srsId, 4)
  for (let i = 0; i < doubles; i++) header.writeDoubleLE(i + 0.5, 8 + i * 8)
  return Uint8Array.from([...header, ...wkb])
}

const square: [number, number][] = [
  [120, 33],
  [120.01, 33],
  [120.01, 33.01],
  [120, 33.01],
  [120, 33],
]
const hole: [number, number][] = [
  [120.002, 33.002],
  [120.002, 33.004],
  [120.004, 33.004],
  [120.004, 33.002],
  [120.002, 33.002],
]

describe('readWkb', () => {
  it('reads a little-endian and a big-endian point alike', () => {
    expect(readWkb(view(new Wkb(true).point(120.5, 33.25).build()))).toEqual({ type: 'Point', coordinates: [120.5, 33.25] })
    expect(readWkb(view(new Wkb(false).point(120.5, 33.25).build()))).toEqual({ type: 'Point', coordinates: [120.5, 33.25] })
  })

  it('reads a polygon with a hole, and a multipolygon of such', () => {
    const polygon = new Wkb()
      .head(3)
      .u32(2)
      .ring(...square)
      .ring(...hole)
      .build()
    expect(readWkb(view(polygon))).toEqual({ type: 'Polygon', coordinates: [square, hole] })
    const multi = new Wkb().head(6).u32(2)
    multi
      .head(3)
      .u32(1)
      .ring(...square)
    multi
      .head(3)
      .u32(2)
      .ring(...square)
      .ring(...hole)
    expect(readWkb(view(multi.build()))).toEqual({ type: 'MultiPolygon', coordinates: [[square], [square, hole]] })
  })

  it('drops Z and M, ISO (1001, 2001, 3003) or EWKB-flagged', () => {
    expect(readWkb(view(new Wkb().head(1001).f64(1, 2, 3).build()))).toEqual({ type: 'Point', coordinates: [1, 2] })
    expect(readWkb(view(new Wkb().head(2001).f64(1, 2, 9).build()))).toEqual({ type: 'Point', coordinates: [1, 2] })
    const zmPolygon = new Wkb().head(3003).u32(1).u32(4)
    for (const [x, y] of [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ])
      zmPolygon.f64(x, y, 5, 6)
    expect(readWkb(view(zmPolygon.build()))).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    })
    expect(readWkb(view(new Wkb().head(0x80000001).f64(1, 2, 3).build()))).toEqual({ type: 'Point', coordinates: [1, 2] })
    // EWKB with an SRID: the four bytes after the type are skipped.
    expect(readWkb(view(new Wkb().head(0x20000001).u32(4326).f64(1, 2).build()))).toEqual({ type: 'Point', coordinates: [1, 2] })
  })

  it('reads lines, multipoints and collections (for the checks to refuse by type)', () => {
    expect(readWkb(view(new Wkb().head(2).ring([0, 0], [1, 1]).build()))).toEqual({
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 1],
      ],
    })
    const multipoint = new Wkb().head(4).u32(2).point(1, 2).point(3, 4).build()
    expect(readWkb(view(multipoint))).toEqual({
      type: 'MultiPoint',
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    })
    const collection = new Wkb().head(7).u32(1).point(1, 2).build()
    expect(readWkb(view(collection))).toEqual({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }] })
  })

  it.each([
    ['truncated', new Wkb().head(1).f64(1).build(), /truncated/],
    ['with bytes after the geometry', Uint8Array.from([...new Wkb().point(1, 2).build(), 0]), /follow/],
    ['a ring count larger than the bytes', new Wkb().head(3).u32(0x7fffffff).build(), /count/],
    ['an unknown type', new Wkb().head(17).build(), /type 17/],
    ['a bad byte order', Uint8Array.from([2, 1, 0, 0, 0]), /byte order/],
    ['a multipolygon holding a point', new Wkb().head(6).u32(1).point(1, 2).build(), /MultiPolygon holds a Point/],
  ])('refuses WKB %s', (_what, bytes, message) => {
    expect(() => readWkb(view(bytes))).toThrow(GeometryBlobError)
    expect(() => readWkb(view(bytes))).toThrow(message)
  })
})

describe('readGpkgGeometry', () => {
  const point = new Wkb().point(120.5, 33.25).build()

  it.each([0, 1, 2, 3, 4])('skips an envelope of kind %i', (envelopeKind) => {
    expect(readGpkgGeometry(gpkgBlob(point, { envelopeKind }))).toEqual({ srsId: 4326, geometry: { type: 'Point', coordinates: [120.5, 33.25] } })
  })

  it('reads the srs_id in the header byte order', () => {
    expect(readGpkgGeometry(gpkgBlob(point, { srsId: 3857, little: false })).srsId).toBe(3857)
    expect(readGpkgGeometry(gpkgBlob(point, { srsId: 4490, little: true })).srsId).toBe(4490)
  })

  it('gives no geometry for the empty flag, or for a point of NaNs', () => {
    expect(readGpkgGeometry(gpkgBlob(new Uint8Array(0), { empty: true })).geometry).toBeNull()
    expect(readGpkgGeometry(gpkgBlob(new Wkb().point(NaN, NaN).build())).geometry).toBeNull()
  })

  it.each([
    ['without the GP magic', Uint8Array.from([0x58, 0x50, 0, 1, 0, 0, 0, 0, ...point]), /magic/],
    ['of another version', gpkgBlob(point, { version: 1 }), /version 1/],
    ['of an extended type', gpkgBlob(point, { extended: true }), /extended/],
    ['with an invalid envelope kind', gpkgBlob(point, { envelopeKind: 5 }), /envelope/],
    ['that ends in its header', gpkgBlob(new Uint8Array(0), { envelopeKind: 1 }), /header/],
  ])('refuses a blob %s', (_what, blob, message) => {
    expect(() => readGpkgGeometry(blob)).toThrow(message)
  })

  it("reads GDAL's blobs as the GeoJSON they were written from", async () => {
    const dir = fileURLToPath(new URL('../../fixtures/import-formats/', import.meta.url))
    const SQL = await initSqlJs()
    const db = new SQL.Database(readFileSync(`${dir}grids.gpkg`))
    const blobs = db.exec('SELECT geom FROM grids ORDER BY fid')[0].values.map(([blob]) => readGpkgGeometry(blob as Uint8Array))
    db.close()
    const source = JSON.parse(readFileSync(`${dir}grids.geojson`, 'utf8'))
    expect(blobs.map((b) => b.srsId)).toEqual([4326, 4326])
    expect(blobs.map((b) => b.geometry)).toEqual(source.features.map((f: { geometry: unknown }) => f.geometry))
  })
})
