import { describe, expect, it } from 'vitest'
import { destination, quadrangleAreaM2 } from '../fixtures/geodesy'

// The fixtures' own arithmetic is checked against published values before tests trust it.
describe('fixture geodesy', () => {
  it('gives the whole WGS84 ellipsoid its published area of 510,065,621.724 km²', () => {
    expect(quadrangleAreaM2(-180, -90, 180, 90) / 1e6).toBeCloseTo(510_065_621.724, 2)
  })

  it('walks 111,319.49 m east along the equator to 1° longitude', () => {
    const [lng, lat] = destination(0, 0, 90, 111_319.4908)
    expect(lng).toBeCloseTo(1, 9)
    expect(lat).toBeCloseTo(0, 12)
  })

  it('walks 110,574.39 m north from the equator to 1° latitude', () => {
    const [lng, lat] = destination(0, 0, 0, 110_574.3886)
    expect(lng).toBeCloseTo(0, 12)
    expect(lat).toBeCloseTo(1, 7)
  })
})
