import Ajv from 'ajv'
import { describe, expect, it } from 'vitest'
import type { AppError } from '../../../server/errors'
import { IncidentFilterQuery } from '../../../server/schemas/incidents.schema'
import { filterRefusal, parseIncidentFilter } from '../../../server/services/incident-filter'

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
    expect(
      parseIncidentFilter({
        from: '2026-01-01',
        to: '2026-02-01T00:00:00+08:00',
        category: 'traffic,dispute',
        status: 'closed',
        source: 'hotline',
        priority: 'urgent',
        region: '320924001',
        grid: '320924001001002',
        bbox: '120,33,121,34',
      }),
    ).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-01-31T16:00:00Z'),
      categories: ['traffic', 'dispute'],
      statuses: ['closed'],
      sources: ['hotline'],
      priorities: ['urgent'],
      region: '320924001',
      grid: { code: '320924001001002' },
      bbox: [120, 33, 121, 34],
    })
  })

  it('refuses inverted and absurd time ranges, and garbage dates', () => {
    expect(errorOf(() => parseIncidentFilter({ from: '2026-03-01', to: '2026-02-01' })).message).toBe('from: from (2026-03-01) must be before to (2026-02-01)')
    expect(errorOf(() => parseIncidentFilter({ from: '1066-10-14' })).message).toBe('from: 1066-10-14 is outside 1990–2200')
    expect(errorOf(() => parseIncidentFilter({ to: 'yesterday' })).message).toBe('to: "yesterday" is not an ISO 8601 date or date-time')
  })

  it('refuses a reversed bbox (an order no pattern says)', () => {
    expect(errorOf(() => parseIncidentFilter({ bbox: '121,33,120,34' })).code).toBe('invalid_bbox')
  })
})

describe('the filter query schema', () => {
  // As the app validates (server/app.ts): Fastify's Ajv with these options.
  const validate = new Ajv({ coerceTypes: 'array', allErrors: true, strict: false }).compile(IncidentFilterQuery)
  /** What the route answers: the filter's own error when its schema refuses a filter's form, else the schema's invalid_request. */
  const answer = (query: Record<string, string>) => {
    if (validate({ ...query })) return 'accepted'
    const refusal = filterRefusal(query, validate.errors ?? [])
    return refusal ? { status: refusal.statusCode, code: refusal.code, message: refusal.message } : 'invalid_request'
  }

  it('takes what the hand-written parser took: lists with blanks and repeats, empty values as no filter', () => {
    const accepted: Record<string, string>[] = [
      { category: 'traffic,dispute' },
      { category: ' traffic , dispute,traffic' },
      { category: '' },
      { status: 'closed', source: 'hotline', priority: 'urgent' },
      { from: '2026-01-01', to: '2026-02-01T00:00:00+08:00' },
      { from: '2026-01-01 08:00:00.5Z' },
      { from: '' },
      { grid: '' },
      { grid: '320924001001002' },
      { grid: '12' },
      { region: '320924' },
      { region: '320924001' },
      { region: '320924001001' },
      { bbox: '120,33,121,34' },
      { bbox: ' -120.5 , 33 ,1.2e2,+34.' },
      { overdue: 'true' },
    ]
    for (const query of accepted) expect([query, answer(query)]).toEqual([query, 'accepted'])
  })

  it('names an unknown value and the allowed ones', () => {
    expect(answer({ category: 'traffic,noise' })).toEqual({
      status: 400,
      code: 'invalid_filter',
      message:
        'category: unknown value(s) noise; allowed: environment, facility, safety_hazard, dispute, traffic, illegal_construction, public_service, emergency',
    })
    expect(answer({ status: 'lost,closed, ' })).toMatchObject({
      code: 'invalid_filter',
      message: expect.stringMatching(/^status: unknown value\(s\) lost, ; allowed: reported, /),
    })
  })

  it('answers each malformed filter with its own code, the first in reading order when several are', () => {
    expect(answer({ grid: 'abc' })).toEqual({ status: 400, code: 'invalid_filter', message: 'grid: "abc" is neither a grid id nor a 15-digit grid code' })
    expect(answer({ to: 'yesterday' })).toEqual({ status: 400, code: 'invalid_filter', message: 'to: "yesterday" is not an ISO 8601 date or date-time' })
    expect(answer({ region: '12' })).toEqual({ status: 400, code: 'invalid_filter', message: 'region: "12" is not a 6-, 9- or 12-digit region code' })
    expect(answer({ region: '' })).toMatchObject({ code: 'invalid_filter', message: 'region: "" is not a 6-, 9- or 12-digit region code' })
    expect(answer({ bbox: '120,33,121' })).toMatchObject({ code: 'invalid_bbox' })
    expect(answer({ bbox: 'Infinity,33,121,34' })).toMatchObject({ code: 'invalid_bbox' })
    expect(answer({ priority: 'asap', category: 'ufo' })).toMatchObject({ message: expect.stringMatching(/^category: unknown value\(s\) ufo;/) })
  })

  it("leaves to the schema what was always the schema's: a list over 500 characters, overdue, unknown parameters", () => {
    expect(answer({ category: Array(70).fill('traffic').join(',') })).toBe('invalid_request')
    expect(answer({ category: 'ufo', overdue: 'maybe' })).toBe('invalid_request')
    expect(answer({ colour: 'red' })).toBe('invalid_request')
  })
})
