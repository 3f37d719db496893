import { describe, expect, it } from 'vitest'
import { AppError } from '../../../server/errors'
import { parseIncidentFilter } from '../../../server/services/incident-filter'

function errorOf(run: () => unknown): { status: number; code: string; message: string } {
  try {
    run()
  } catch (error) {
    const e = error as AppError
    return { status: e.statusCode, code: e.code, message: e.message }
  }
  throw new Error('expected an error')
}

describe('parseIncidentFilter', () => {
  it('parses every filter', () => {
    expect(parseIncidentFilter({
      from: '2026-01-01', to: '2026-02-01T00:00:00+08:00', category: 'traffic,dispute', status: 'closed',
      source: 'hotline', priority: 'urgent', region: '320924001', grid: '320924001001002', bbox: '120,33,121,34',
    })).toEqual({
      from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-31T16:00:00Z'), categories: ['traffic', 'dispute'],
      statuses: ['closed'], sources: ['hotline'], priorities: ['urgent'], region: '320924001', grid: { code: '320924001001002' },
      bbox: [120, 33, 121, 34],
    })
  })

  it('names an unknown value and the allowed ones', () => {
    expect(errorOf(() => parseIncidentFilter({ category: 'traffic,noise' }))).toEqual({
      status: 400, code: 'invalid_filter',
      message: 'category: unknown value(s) noise; allowed: environment, facility, safety_hazard, dispute, traffic, illegal_construction, public_service, emergency',
    })
  })

  it('refuses inverted and absurd time ranges, and garbage dates', () => {
    expect(errorOf(() => parseIncidentFilter({ from: '2026-03-01', to: '2026-02-01' })).message).toBe('from: from (2026-03-01) must be before to (2026-02-01)')
    expect(errorOf(() => parseIncidentFilter({ from: '1066-10-14' })).message).toBe('from: 1066-10-14 is outside 1990–2200')
    expect(errorOf(() => parseIncidentFilter({ to: 'yesterday' })).message).toBe('to: "yesterday" is not an ISO 8601 date or date-time')
  })

  it('refuses a reversed bbox and a malformed grid', () => {
    expect(errorOf(() => parseIncidentFilter({ bbox: '121,33,120,34' })).code).toBe('invalid_bbox')
    expect(errorOf(() => parseIncidentFilter({ grid: 'abc' })).code).toBe('invalid_filter')
  })
})
