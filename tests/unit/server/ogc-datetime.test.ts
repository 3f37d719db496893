import { describe, expect, it } from 'vitest'
import { parseDatetime } from '../../../server/services/ogc/datetime'

describe('parseDatetime (OGC API – Features datetime)', () => {
  it('is undefined when absent', () => {
    expect(parseDatetime(undefined)).toBeUndefined()
  })

  it.each([
    [
      'an instant, both ends itself',
      '2026-11-01T08:00:00+08:00',
      { start: '2026-11-01T08:00:00+08:00', end: '2026-11-01T08:00:00+08:00', endExclusive: false },
    ],
    ['a date: its UTC day, the end excluded', '2026-11-01', { start: '2026-11-01T00:00:00.000Z', end: '2026-11-02T00:00:00.000Z', endExclusive: true }],
    ['the last day of a leap February', '2028-02-29', { start: '2028-02-29T00:00:00.000Z', end: '2028-03-01T00:00:00.000Z', endExclusive: true }],
    ['GDAL 3.6 hour precision', '2026-11-01T08Z', { start: '2026-11-01T08:00:00Z', end: '2026-11-01T08:00:00Z', endExclusive: false }],
    ['a lower-case t and z', '2026-11-01t08:00:00.5z', { start: '2026-11-01T08:00:00.5Z', end: '2026-11-01T08:00:00.5Z', endExclusive: false }],
    ['a closed interval', '2026-11-01T00:00:00Z/2026-11-02T00:00:00Z', { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z', endExclusive: false }],
    ['an open end (..)', '2026-11-01T00:00:00Z/..', { start: '2026-11-01T00:00:00Z', end: undefined, endExclusive: false }],
    ['an open start (empty)', '/2026-11-02', { start: undefined, end: '2026-11-03T00:00:00.000Z', endExclusive: true }],
    ['one day as both ends', '2026-11-01/2026-11-01', { start: '2026-11-01T00:00:00.000Z', end: '2026-11-02T00:00:00.000Z', endExclusive: true }],
    [
      'a date end after a time on that day',
      '2026-11-01T12:00:00Z/2026-11-01',
      { start: '2026-11-01T12:00:00Z', end: '2026-11-02T00:00:00.000Z', endExclusive: true },
    ],
  ])('reads %s', (_name, raw, interval) => {
    expect(parseDatetime(raw)).toEqual(interval)
  })

  it.each([
    '',
    '..',
    '../..',
    '/',
    'now',
    '2026-02-29',
    '2026-11-01T24:00:00Z',
    '2026-11-01T12:60:00Z',
    '2026-11-01T12:00:60Z',
    '2026-11-01T12:00:00',
    '2026-11-01T12:00:00+25:00',
    '2026-1-01',
    '2026-11-01/2026-11-02/2026-11-03',
    '2026-11-02T00:00:00Z/2026-11-01T23:59:59Z',
    '2026-11-02/2026-11-01T12:00:00Z',
    'P1D/2026-11-01',
  ])('refuses %j with 400 invalid_datetime', (raw) => {
    expect(() => parseDatetime(raw)).toThrow(expect.objectContaining({ statusCode: 400, code: 'invalid_datetime' }))
  })
})
