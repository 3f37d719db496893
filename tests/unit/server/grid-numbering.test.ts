import { describe, expect, it } from 'vitest'
import { numberingOrder, type Footprint } from '../../../server/domain/grid-numbering'

const cell = (col: number, row: number, jitter = 0): Footprint => ({
  minLng: col,
  maxLng: col + 1,
  minLat: -row - 1 + jitter,
  maxLat: -row + jitter,
})

describe('numberingOrder', () => {
  it('numbers rows north→south and west→east within a row, even with ragged row edges', () => {
    // Given out of order: a 3×2 block whose rows are not perfectly aligned.
    const cells = [cell(2, 1), cell(0, 0, 0.1), cell(1, 1, -0.1), cell(0, 1), cell(2, 0, -0.2), cell(1, 0)]
    expect(numberingOrder(cells)).toEqual([1, 5, 4, 3, 2, 0])
  })

  it('handles nothing', () => {
    expect(numberingOrder([])).toEqual([])
  })
})
