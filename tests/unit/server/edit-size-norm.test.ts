import { describe, expect, it } from 'vitest'
import { sizeNorm } from '../../../server/services/grid-editing/size-norm'

const norm = { householdsMin: 300, householdsMax: 500, populationMax: 2500 }
const status = (households: number, population: number, type: 'comprehensive' | 'dedicated' = 'comprehensive') =>
  sizeNorm({ households, population }, type, norm).status

describe('size norm after an edit', () => {
  it('judges comprehensive grids by households, then people', () => {
    expect([status(0, 0), status(299, 700), status(300, 900), status(500, 2500), status(501, 1000), status(400, 2501)]).toEqual([
      'empty',
      'undersized',
      'ok',
      'ok',
      'oversized',
      'over_population',
    ])
  })

  it('exempts dedicated grids and reports the thresholds', () => {
    expect(sizeNorm({ households: 9, population: 20 }, 'dedicated', norm)).toEqual({ households: 9, population: 20, status: 'exempt', ...norm })
  })
})
