import { describe, expect, it } from 'vitest'
import type { Position } from '../../../server/services/import/geometry-checks'
import { snapToEdges } from '../../../server/services/import/snap-to-edge'

// A community 0.01° × 0.02° at 33°N; metres of longitude per degree there ≈ 93,453.
const community: Position[][] = [
  [
    [120.0, 33.0],
    [120.01, 33.0],
    [120.01, 33.02],
    [120.0, 33.02],
    [120.0, 33.0],
  ],
]
const lngM = (m: number) => m / 93_453
const latM = (m: number) => m / 110_900
const square = (x0: number, y0: number, x1: number, y1: number): Position[][][] => [
  [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
]

describe('snapToEdges', () => {
  it('puts a vertex 4 cm off the middle of an edge onto the edge', () => {
    const { polygons, moved } = snapToEdges(square(120.005, 33.005, 120.01 + lngM(0.04), 33.006), community)
    expect(moved).toBe(2)
    expect([polygons[0][0][1][0], polygons[0][0][2][0]]).toEqual([120.01, 120.01])
    expect(polygons[0][0][0]).toEqual([120.005, 33.005])
  })

  it('leaves a vertex 20 cm off the edge where it is', () => {
    const input = square(120.005, 33.005, 120.01 + lngM(0.2), 33.006)
    expect(snapToEdges(input, community)).toEqual({ polygons: input, moved: 0 })
  })

  it('prefers the community vertex within reach over a nearer point on an edge', () => {
    const near: Position = [120.01 - lngM(0.01), 33.0 + latM(0.03)] // 1 cm from the east edge, ~3.2 cm from the corner
    const { polygons } = snapToEdges([[[near, [120.005, 33.005], [120.005, 33.001], near]]], community)
    expect(polygons[0][0][0]).toEqual([120.01, 33.0])
    expect(polygons[0][0][3]).toEqual([120.01, 33.0])
  })

  it('leaves vertices already on the edge untouched', () => {
    const input = square(120.0, 33.0, 120.005, 33.005)
    expect(snapToEdges(input, community)).toEqual({ polygons: input, moved: 0 })
  })

  it('moves a vertex two grids share to the same point in both', () => {
    const shared: Position = [120.004, 33.02 + latM(0.03)]
    const west = snapToEdges([[[[120.0, 33.01], [120.004, 33.01], shared, [120.0, 33.02], [120.0, 33.01]]]], community).polygons
    const east = snapToEdges([[[[120.004, 33.01], [120.01, 33.01], [120.01, 33.02], shared, [120.004, 33.01]]]], community).polygons
    expect(west[0][0][2]).toEqual(east[0][0][3])
    expect(west[0][0][2][1]).toBeCloseTo(33.02, 12)
  })

  it('gives up rather than collapse a ring', () => {
    // Two of its three corners are within reach of the same community corner.
    const sliver: Position[][][] = [
      [
        [
          [120.01 - lngM(0.01), 33.0 + latM(0.01)],
          [120.01 - lngM(0.02), 33.0 + latM(0.01)],
          [120.005, 33.005],
          [120.01 - lngM(0.01), 33.0 + latM(0.01)],
        ],
      ],
    ]
    expect(snapToEdges(sliver, community)).toEqual({ polygons: sliver, moved: 0 })
  })
})
