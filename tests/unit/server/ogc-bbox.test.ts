import { describe, expect, it } from 'vitest'
import { parseBbox } from '../../../server/services/bbox'
import { parseOgcBbox } from '../../../server/services/ogc/bbox'

describe('parseOgcBbox (OGC API – Features bbox)', () => {
  it('is undefined when absent', () => {
    expect(parseOgcBbox(undefined)).toBeUndefined()
  })

  it.each([
    ['four numbers', '120,33,121,34', [[120, 33, 121, 34]]],
    ['six numbers, heights dropped', '120,33,-5,121,34,100', [[120, 33, 121, 34]]],
    ['a flat box', '120,33,120,34', [[120, 33, 120, 34]]],
    ['the whole world', '-180,-90,180,90', [[-180, -90, 180, 90]]],
    [
      'a box across the antimeridian, split at ±180',
      '170,-10,-170,10',
      [
        [170, -10, 180, 10],
        [-180, -10, -170, 10],
      ],
    ],
    [
      'six numbers across the antimeridian',
      '170,-10,0,-170,10,0',
      [
        [170, -10, 180, 10],
        [-180, -10, -170, 10],
      ],
    ],
  ])('reads %s', (_name, raw, boxes) => {
    expect(parseOgcBbox(raw)).toEqual(boxes)
  })

  it.each([
    '120,33,121',
    '120,33,121,34,5',
    '120,33,121,34,0,1,2',
    '120,a,121,34',
    '120,,121,34',
    '120,34,121,33',
    '120,33,181,34',
    '-181,33,0,34',
    '120,-91,121,34',
    '120,33,5,121,34,0',
    'Infinity,33,121,34',
  ])('refuses %j with 400 invalid_bbox', (raw) => {
    expect(() => parseOgcBbox(raw)).toThrow(expect.objectContaining({ statusCode: 400, code: 'invalid_bbox' }))
  })

  it('leaves our own API parser as it was: four numbers, west below east', () => {
    expect(parseBbox('120,33,121,34')).toEqual([120, 33, 121, 34])
    expect(() => parseBbox('121,33,120,34')).toThrow(expect.objectContaining({ code: 'invalid_bbox' }))
    expect(() => parseBbox('120,33,0,121,34,1')).toThrow(expect.objectContaining({ code: 'invalid_bbox' }))
  })
})
