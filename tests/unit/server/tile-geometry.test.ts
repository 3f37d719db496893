import type { Geometry, Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { toTileGeometry, type TileBounds } from '../../../server/services/tiles/tile-geometry'

// A tile 8192 m on a side, so one tile unit (of 4096) is 2 m. Expected values below were worked out
// by hand, and the rounding and clipping cases checked against PostGIS 3.3's ST_AsMVTGeom.
const X0 = 500000
const Y0 = 3000000
const BOUNDS: TileBounds = [X0, Y0, X0 + 8192, Y0 + 8192]

/** Metres of tile unit (u to the right, v down from the top edge). */
const at = (u: number, v: number): Position => [X0 + 2 * u, Y0 + 8192 - 2 * v]

const point = (u: number, v: number): Geometry => ({ type: 'Point', coordinates: at(u, v) })
const multiPoint = (...uv: [number, number][]): Geometry => ({ type: 'MultiPoint', coordinates: uv.map(([u, v]) => at(u, v)) })
const ring = (...uv: [number, number][]): Position[] => [...uv, uv[0]].map(([u, v]) => at(u, v))
const polygon = (...rings: Position[][]): Geometry => ({ type: 'Polygon', coordinates: rings })
const square = (u0: number, v0: number, u1: number, v1: number) => ring([u0, v0], [u1, v0], [u1, v1], [u0, v1])

/** Twice the signed area by the MVT spec's surveyor's formula (tile units, y down). */
function twiceArea(points: number[][]): number {
  let sum = 0
  for (let i = 0; i < points.length - 1; i++) sum += points[i][0] * points[i + 1][1] - points[i + 1][0] * points[i][1]
  return sum
}

/** A closed ring's vertices, without the closing one, in a fixed order: compares rings whatever their start. */
function vertices(points: number[][]): string[] {
  expect(points[points.length - 1]).toEqual(points[0])
  return points
    .slice(0, -1)
    .map(([x, y]) => `${x},${y}`)
    .sort()
}

const rings = (geometry: Geometry) => {
  const tile = toTileGeometry(geometry, BOUNDS)
  expect(tile?.type).toBe(3)
  return tile!.geometry as number[][][]
}

describe('toTileGeometry: points', () => {
  it('counts x from the left edge and y down from the top edge', () => {
    expect(toTileGeometry({ type: 'Point', coordinates: [X0, Y0 + 8192] }, BOUNDS)).toEqual({ type: 1, geometry: [[0, 0]] })
    expect(toTileGeometry({ type: 'Point', coordinates: [X0 + 8192, Y0] }, BOUNDS)).toEqual({ type: 1, geometry: [[4096, 4096]] })
    expect(toTileGeometry({ type: 'Point', coordinates: [X0, Y0] }, BOUNDS)).toEqual({ type: 1, geometry: [[0, 4096]] })
    expect(toTileGeometry({ type: 'Point', coordinates: [X0 + 200.8, Y0 + 8192 - 601.2] }, BOUNDS)).toEqual({ type: 1, geometry: [[100, 301]] })
  })

  it('rounds halves to the even neighbour, as PostGIS does', () => {
    expect(toTileGeometry(point(100.5, 300.5), BOUNDS)?.geometry).toEqual([[100, 300]])
    expect(toTileGeometry(point(101.5, 301.5), BOUNDS)?.geometry).toEqual([[102, 302]])
    expect(toTileGeometry(point(-2.5, 10), BOUNDS)?.geometry).toEqual([[-2, 10]])
  })

  it('keeps points that round into the buffer and drops those beyond it', () => {
    const tile = toTileGeometry(multiPoint([-256, 1], [-256.4, 2], [-256.6, 3], [4352.5, 4], [4353, 5], [10, -257], [10, 4352]), BOUNDS)
    expect(tile).toEqual({
      type: 1,
      geometry: [
        [-256, 1],
        [-256, 2],
        [4352, 4],
        [10, 4352],
      ],
    })
  })

  it('is null when every point is beyond the buffer', () => {
    expect(toTileGeometry(point(-300, 10), BOUNDS)).toBeNull()
    expect(toTileGeometry(multiPoint([5000, 10], [10, -1000]), BOUNDS)).toBeNull()
  })

  it('keeps one of the points of a MultiPoint that land on the same tile unit', () => {
    expect(toTileGeometry(multiPoint([10, 10], [10.2, 9.9], [20, 20]), BOUNDS)?.geometry).toEqual([
      [10, 10],
      [20, 20],
    ])
  })

  it('honours another extent and buffer', () => {
    // 512 units of 16 m, buffer 64: the square kept runs from -64 to 576.
    const [a, b] = [point(520 * 8, 8), point(577 * 8, 8)]
    expect(toTileGeometry(a, BOUNDS, 512, 64)?.geometry).toEqual([[520, 1]])
    expect(toTileGeometry(b, BOUNDS, 512, 64)).toBeNull()
  })
})

describe('toTileGeometry: polygons', () => {
  it('orients exteriors positive and holes negative by the spec, whichever way they came in', () => {
    const exterior = square(100, 100, 200, 200)
    const hole = square(120, 120, 140, 140)
    for (const input of [polygon(exterior, hole), polygon([...exterior].reverse(), [...hole].reverse())]) {
      const [outer, inner, ...rest] = rings(input)
      expect(rest).toEqual([])
      expect(twiceArea(outer)).toBe(2 * 100 * 100)
      expect(twiceArea(inner)).toBe(-2 * 20 * 20)
      expect(vertices(outer)).toEqual(['100,100', '100,200', '200,100', '200,200'])
      expect(vertices(inner)).toEqual(['120,120', '120,140', '140,120', '140,140'])
    }
  })

  it('clips a polygon larger than the tile to the buffered square', () => {
    const [outer, ...rest] = rings(polygon(square(-1000, -1000, 5000, 5000)))
    expect(rest).toEqual([])
    expect(vertices(outer)).toEqual(['-256,-256', '-256,4352', '4352,-256', '4352,4352'])
    expect(twiceArea(outer)).toBe(2 * 4608 * 4608)
  })

  it('clips a triangle where it crosses the buffer edge', () => {
    // The hypotenuse u + v = 5000 meets u = 4352 at v = 648, and v = 4352 at u = 648.
    const [outer] = rings(polygon(ring([0, 0], [5000, 0], [0, 5000])))
    expect(vertices(outer)).toEqual(['0,0', '0,4352', '4352,0', '4352,648', '648,4352'])
  })

  it('drops a polygon that collapses below one tile unit', () => {
    expect(toTileGeometry(polygon(square(10.1, 10.1, 10.3, 10.3)), BOUNDS)).toBeNull()
    // Three units long but a third of a unit wide: snaps onto a line, with no area.
    expect(toTileGeometry(polygon(square(10, 10.1, 13, 10.35)), BOUNDS)).toBeNull()
  })

  it('keeps a polygon just under a unit across that snaps to a unit square', () => {
    const [outer] = rings(polygon(square(10.05, 10.05, 10.95, 10.95)))
    expect(vertices(outer)).toEqual(['10,10', '10,11', '11,10', '11,11'])
  })

  it('drops a hole that collapses and keeps its exterior', () => {
    const kept = rings(polygon(square(100, 100, 200, 200), ring([150.1, 150.1], [150.2, 150.1], [150.2, 150.2])))
    expect(kept).toHaveLength(1)
  })

  it('drops a polygon whose exterior is gone, with its holes', () => {
    const collapsed = [square(10.1, 10.1, 10.3, 10.3), square(50, 50, 60, 60)]
    const triangle = [ring([100, 100], [200, 100], [200, 200])]
    const kept = rings({ type: 'MultiPolygon', coordinates: [collapsed, triangle] })
    expect(kept).toHaveLength(1)
    expect(vertices(kept[0])).toEqual(['100,100', '200,100', '200,200'])
    expect(toTileGeometry(polygon(...collapsed), BOUNDS)).toBeNull()
  })

  it('is null for a polygon beyond the buffer', () => {
    expect(toTileGeometry(polygon(square(5000, 5000, 6000, 6000)), BOUNDS)).toBeNull()
  })

  it('leaves no repeated points once vertices are snapped', () => {
    const [outer] = rings(polygon(ring([100, 100], [100.2, 100.1], [200, 100], [200, 200], [199.8, 200.3], [100, 200])))
    const repeats = outer.slice(1).filter((p, i) => p[0] === outer[i][0] && p[1] === outer[i][1])
    expect(repeats).toEqual([])
    expect(outer).toHaveLength(5)
  })
})

describe('toTileGeometry: lines and the rest', () => {
  it('clips a line to the buffered square, in pieces where it leaves and comes back', () => {
    // From (100, 100) out to (-1000, 200): crosses u = -256 at v = 100 + 100 · 356/1100 ≈ 132.4;
    // back to (100, 300): crosses at v = 200 + 100 · 744/1100 ≈ 267.6.
    const line: Geometry = { type: 'LineString', coordinates: [at(100, 100), at(-1000, 200), at(100, 300)] }
    expect(toTileGeometry(line, BOUNDS)).toEqual({
      type: 2,
      geometry: [
        [
          [100, 100],
          [-256, 132],
        ],
        [
          [-256, 268],
          [100, 300],
        ],
      ],
    })
  })

  it('drops a line shorter than a unit, and one beyond the buffer', () => {
    expect(toTileGeometry({ type: 'LineString', coordinates: [at(100.1, 100.1), at(100.3, 100.3)] }, BOUNDS)).toBeNull()
    expect(toTileGeometry({ type: 'LineString', coordinates: [at(-1000, -1000), at(-1000, 5000)] }, BOUNDS)).toBeNull()
  })

  it('is null for a geometry collection or no geometry', () => {
    expect(toTileGeometry({ type: 'GeometryCollection', geometries: [point(10, 10)] }, BOUNDS)).toBeNull()
    expect(toTileGeometry(null, BOUNDS)).toBeNull()
  })
})
