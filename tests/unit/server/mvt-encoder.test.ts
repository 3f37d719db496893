import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile'
import type { Geometry, Polygon, Position } from 'geojson'
import { PbfReader } from 'pbf'
import { describe, expect, it } from 'vitest'
import { encodeTile, type EncodedFeature } from '../../../server/services/tiles/mvt-encoder'
import { toTileGeometry, type TileBounds, type TileGeometry } from '../../../server/services/tiles/tile-geometry'

// Tiles are read back with @mapbox/vector-tile, MapLibre's own decoder, and projections are worked
// out here from the Web Mercator formulas rather than taken from the code under test.
const R = 6378137
const HALF = 20037508.342789244
const rad = (deg: number) => (deg * Math.PI) / 180

const mercator = ([lng, lat]: Position): Position => [R * rad(lng), R * Math.log(Math.tan(Math.PI / 4 + rad(lat) / 2))]

interface Tile {
  z: number
  x: number
  y: number
}

function tileAt(lng: number, lat: number, z: number): Tile {
  const n = 2 ** z
  const y = ((1 - Math.log(Math.tan(rad(lat)) + 1 / Math.cos(rad(lat))) / Math.PI) / 2) * n
  return { z, x: Math.floor(((lng + 180) / 360) * n), y: Math.floor(y) }
}

function boundsOf({ z, x, y }: Tile): TileBounds {
  const size = (2 * HALF) / 2 ** z
  return [-HALF + x * size, HALF - (y + 1) * size, -HALF + (x + 1) * size, HALF - y * size]
}

/** A row's lng/lat geometry through to a tile feature, as the tile route would do it; null when omitted. */
function tileGeometry(geometry: Geometry, tile: Tile): TileGeometry | null {
  const project = (positions: Position[]) => positions.map(mercator)
  const projected: Geometry =
    geometry.type === 'Point'
      ? { type: 'Point', coordinates: mercator(geometry.coordinates) }
      : geometry.type === 'MultiPoint'
        ? { type: 'MultiPoint', coordinates: project(geometry.coordinates) }
        : geometry.type === 'Polygon'
          ? { type: 'Polygon', coordinates: geometry.coordinates.map(project) }
          : geometry
  return toTileGeometry(projected, boundsOf(tile))
}

const decode = (bytes: Uint8Array) => new VectorTile(new PbfReader(bytes))

const features = (tile: VectorTile, layer: string): VectorTileFeature[] => {
  const l = tile.layers[layer]
  return Array.from({ length: l.length }, (_, i) => l.feature(i))
}

/** Twice the signed area by the MVT spec's surveyor's formula (tile units, y down). */
function twiceArea(ring: { x: number; y: number }[]): number {
  let sum = 0
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y
  return sum
}

const point = (x: number, y: number): TileGeometry => ({ type: 1, geometry: [[x, y]] })
const squareRing = (a: number, b: number): [number, number][] => [
  [a, a],
  [b, a],
  [b, b],
  [a, b],
  [a, a],
]

// Nanjing, at a zoom where one tile unit is about half a metre.
const LNG = 118.79
const LAT = 32.05
const TILE = tileAt(LNG, LAT, 14)

describe('encodeTile', () => {
  it('writes ids and attributes, leaving NULL attributes out', () => {
    const properties = { name: '网格一', n: 7, neg: -3, f: 1.5, ok: true, no: false, empty: '', note: null, gone: undefined }
    const bytes = encodeTile([
      {
        name: 'grids',
        features: [
          { id: 1, geometry: point(10, 20), properties },
          { geometry: point(30, 40), properties: { name: 'b' } },
        ],
      },
    ])
    const layer = decode(bytes).layers.grids
    expect([layer.version, layer.extent, layer.length]).toEqual([2, 4096, 2])
    const [first, second] = features(decode(bytes), 'grids')
    expect(first.id).toBe(1)
    expect(first.properties).toEqual({ name: '网格一', n: 7, neg: -3, f: 1.5, ok: true, no: false, empty: '' })
    expect(second.id).toBeUndefined()
    expect(second.properties).toEqual({ name: 'b' })
  })

  it('writes id 0 as an id', () => {
    const [feature] = features(decode(encodeTile([{ name: 'l', features: [{ id: 0, geometry: point(1, 1), properties: {} }] }])), 'l')
    expect(feature.id).toBe(0)
  })

  it('writes each geometry type and gives points back where they were', () => {
    const layer = [
      { geometry: point(-256, 4352), properties: {} },
      {
        geometry: {
          type: 1,
          geometry: [
            [1, 2],
            [3, 4],
          ],
        },
        properties: {},
      },
      {
        geometry: {
          type: 2,
          geometry: [
            [
              [0, 0],
              [10, 5],
            ],
          ],
        },
        properties: {},
      },
      { geometry: { type: 3, geometry: [squareRing(0, 10)] }, properties: {} },
    ] satisfies EncodedFeature[]
    const decoded = features(decode(encodeTile([{ name: 'l', features: layer }])), 'l')
    expect(decoded.map((f) => f.type)).toEqual([1, 1, 2, 3])
    const xy = (f: VectorTileFeature) => f.loadGeometry().map((part) => part.map((p) => [p.x, p.y]))
    expect(xy(decoded[0])).toEqual([[[-256, 4352]]])
    expect(xy(decoded[1])).toEqual([[[1, 2]], [[3, 4]]])
    expect(xy(decoded[2])).toEqual([
      [
        [0, 0],
        [10, 5],
      ],
    ])
  })

  it('writes the extent it is given', () => {
    expect(decode(encodeTile([{ name: 'l', features: [{ geometry: point(1, 1), properties: {} }] }], 512)).layers.l.extent).toBe(512)
  })

  it('is zero bytes for a tile without features, and leaves empty layers out', () => {
    expect(encodeTile([])).toHaveLength(0)
    expect(
      encodeTile([
        { name: 'grids', features: [] },
        { name: 'households', features: [] },
      ]),
    ).toHaveLength(0)
    const bytes = encodeTile([
      { name: 'grids', features: [] },
      { name: 'households', features: [{ geometry: point(1, 1), properties: {} }] },
    ])
    expect(Object.keys(decode(bytes).layers)).toEqual(['households'])
  })

  it('hands back exactly the tile, not a view into a larger buffer', () => {
    const bytes = encodeTile([{ name: 'l', features: [{ geometry: point(1, 1), properties: { a: 'b' } }] }])
    expect(bytes.byteOffset).toBe(0)
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength)
  })

  it('refuses ids that are not non-negative integers, and a layer given twice', () => {
    for (const id of [-1, 1.5, Number.NaN]) {
      expect(() => encodeTile([{ name: 'l', features: [{ id, geometry: point(1, 1), properties: {} }] }])).toThrow(RangeError)
    }
    const layer = { name: 'l', features: [{ geometry: point(1, 1), properties: {} }] }
    expect(() => encodeTile([layer, layer])).toThrow(/twice/)
  })
})

describe('toTileGeometry and encodeTile together', () => {
  // Close to one tile unit at z14 (360° / 2^14 / 4096 ≈ 5.4e-6° of longitude): a half-unit rounding fits, a flip does not.
  const TOLERANCE = 1e-5

  /** Pairs each expected vertex with the nearest one given back, then checks both lists match in length. */
  function expectRingNear(actual: Position[], expected: Position[]) {
    expect(actual).toHaveLength(expected.length)
    for (const [lng, lat] of expected) {
      const nearest = Math.min(...actual.map(([x, y]) => Math.max(Math.abs(x - lng), Math.abs(y - lat))))
      expect(nearest).toBeLessThan(TOLERANCE)
    }
  }

  it('round-trips a polygon with a hole through lng/lat, wound as the spec says', () => {
    const d = 0.002
    const exterior = [
      [LNG - d, LAT - d],
      [LNG + d, LAT - d],
      [LNG + d, LAT + d],
      [LNG - d, LAT + d],
      [LNG - d, LAT - d],
    ]
    const hole = [
      [LNG - d / 2, LAT - d / 2],
      [LNG - d / 2, LAT + d / 4],
      [LNG + d / 3, LAT + d / 4],
      [LNG + d / 3, LAT - d / 2],
      [LNG - d / 2, LAT - d / 2],
    ]
    const input: Polygon = { type: 'Polygon', coordinates: [exterior, hole] }
    const geometry = tileGeometry(input, TILE)!
    const [feature] = features(decode(encodeTile([{ name: 'grids', features: [{ id: 5, geometry, properties: {} }] }])), 'grids')

    const [outer, inner] = feature.loadGeometry()
    expect(twiceArea(outer)).toBeGreaterThan(0)
    expect(twiceArea(inner)).toBeLessThan(0)

    const back = feature.toGeoJSON(TILE.x, TILE.y, TILE.z).geometry as Polygon
    expect(back.type).toBe('Polygon')
    expect(back.coordinates).toHaveLength(2)
    expectRingNear(back.coordinates[0], exterior)
    expectRingNear(back.coordinates[1], hole)
  })

  it('puts points back at their lng/lat, north up', () => {
    const north = [LNG, LAT + 0.001]
    const south = [LNG + 0.0005, LAT - 0.001]
    const geometry = tileGeometry({ type: 'MultiPoint', coordinates: [north, south] }, TILE)!
    const [feature] = features(decode(encodeTile([{ name: 'households', features: [{ geometry, properties: {} }] }])), 'households')
    const [[a], [b]] = feature.loadGeometry()
    expect(a.y).toBeLessThan(b.y)
    const back = feature.toGeoJSON(TILE.x, TILE.y, TILE.z).geometry
    expect(back.type).toBe('MultiPoint')
    expectRingNear((back as { coordinates: Position[] }).coordinates, [north, south])
  })

  it('clips a polygon larger than the tile to the buffered square', () => {
    const d = 1
    const huge: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [LNG - d, LAT - d],
          [LNG + d, LAT - d],
          [LNG + d, LAT + d],
          [LNG - d, LAT + d],
          [LNG - d, LAT - d],
        ],
      ],
    }
    const geometry = tileGeometry(huge, TILE)!
    const [feature] = features(decode(encodeTile([{ name: 'grids', features: [{ geometry, properties: {} }] }])), 'grids')
    expect(feature.bbox()).toEqual([-256, -256, 4352, 4352])
  })

  it('leaves out points beyond the buffer and polygons smaller than a unit', () => {
    const size = 360 / 2 ** TILE.z
    const west = -180 + TILE.x * size
    const tiny = 1e-7 // about a hundredth of a tile unit
    const rows: Geometry[] = [
      { type: 'Point', coordinates: [LNG, LAT] },
      { type: 'Point', coordinates: [west - size * (250 / 4096), LAT] }, // in the buffer
      { type: 'Point', coordinates: [west - size * (300 / 4096), LAT] }, // beyond it
      {
        type: 'Polygon',
        coordinates: [
          [
            [LNG, LAT],
            [LNG + tiny, LAT],
            [LNG + tiny, LAT + tiny],
            [LNG, LAT],
          ],
        ],
      },
    ]
    const kept = rows.flatMap((row, id) => {
      const geometry = tileGeometry(row, TILE)
      return geometry ? [{ id, geometry, properties: {} }] : []
    })
    const decoded = features(decode(encodeTile([{ name: 'l', features: kept }])), 'l')
    expect(decoded.map((f) => f.id)).toEqual([0, 1])
    expect(decoded[1].loadGeometry()[0][0].x).toBe(-250)
  })
})
