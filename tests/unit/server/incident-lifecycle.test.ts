import { describe, expect, it } from 'vitest'
import { DEFAULT_DEADLINE_HOURS } from '../../../server/config'
import type { AppError } from '../../../server/errors'
import { allowedActions, planTransition, type LifecycleState } from '../../../server/services/incidents/lifecycle'
import { binRing, estimatedBins, mercatorSize } from '../../../server/services/incidents/bins'

const NOW = new Date('2026-11-28T00:00:00Z')
const state = (patch: Partial<LifecycleState>): LifecycleState => ({
  status: 'reported',
  category: 'traffic',
  escalationLevel: 'grid',
  mediationBody: null,
  deadlineAt: null,
  acknowledgedAt: null,
  ...patch,
})
const plan = (s: Partial<LifecycleState>, action: Parameters<typeof planTransition>[1]['action'], extra = {}) =>
  planTransition(state(s), { action, ...extra }, NOW, DEFAULT_DEADLINE_HOURS)
function errorOf(run: () => unknown) {
  try {
    run()
  } catch (error) {
    const e = error as AppError
    return { status: e.statusCode, code: e.code, details: e.details }
  }
  throw new Error('expected an error')
}

describe('incident lifecycle', () => {
  it('lists what each status allows', () => {
    expect(
      Object.fromEntries(
        ['reported', 'accepted', 'dispatched', 'handled', 'verified', 'closed', 'rejected'].map((s) => [s, allowedActions(state({ status: s as never }))]),
      ),
    ).toEqual({
      reported: ['accept', 'reject', 'escalate'],
      accepted: ['dispatch', 'escalate'],
      dispatched: ['handle', 'acknowledge', 'escalate', 'extend'],
      handled: ['verify', 'return', 'escalate'],
      verified: ['close', 'return', 'escalate'],
      closed: [],
      rejected: [],
    })
  })

  it('starts the deadline clock at dispatch with the category hours', () => {
    expect(plan({ status: 'accepted', category: 'emergency' }, 'dispatch', { assigneeId: 7 })).toEqual({
      set: { status: 'dispatched', dispatched_at: NOW, deadline_at: new Date('2026-11-28T04:00:00Z'), assignee_id: 7, acknowledged_at: null },
      event: 'dispatch',
      details: { assigneeId: 7 },
    })
  })

  it('dispatches only to a named worker, and rejects or returns only with a reason', () => {
    expect(errorOf(() => plan({ status: 'accepted' }, 'dispatch'))).toEqual({ status: 400, code: 'assignee_required', details: { parameter: 'assigneeId' } })
    expect(errorOf(() => plan({ status: 'reported' }, 'reject', { note: '  ' }))).toEqual({
      status: 400,
      code: 'note_required',
      details: { parameter: 'note' },
    })
    expect(errorOf(() => plan({ status: 'handled' }, 'return'))).toEqual({ status: 400, code: 'note_required', details: { parameter: 'note' } })
  })

  it('lets a dispatched task be acknowledged once, keeping its stage', () => {
    expect(plan({ status: 'dispatched' }, 'acknowledge')).toEqual({ set: { acknowledged_at: NOW }, event: 'acknowledge', details: null })
    expect(errorOf(() => plan({ status: 'dispatched', acknowledgedAt: NOW }, 'acknowledge')).code).toBe('illegal_transition')
    expect(errorOf(() => plan({ status: 'accepted' }, 'acknowledge')).code).toBe('illegal_transition')
  })

  it('sends a handled case back for rework, clearing its handled and verified times', () => {
    expect(plan({ status: 'verified' }, 'return', { note: '照片不清楚' })).toEqual({
      set: { status: 'dispatched', handled_at: null, verified_at: null },
      event: 'return',
      details: null,
    })
  })

  it('refuses closing a closed case and escalating past the department with 409', () => {
    expect(errorOf(() => plan({ status: 'closed' }, 'close'))).toEqual({
      status: 409,
      code: 'illegal_transition',
      details: { status: 'closed', action: 'close', allowed: [] },
    })
    expect(errorOf(() => plan({ escalationLevel: 'department' }, 'escalate')).code).toBe('illegal_transition')
  })

  it('hands disputes only, and only to a named, different body', () => {
    expect(plan({ category: 'dispute', mediationBody: 'people' }, 'handover', { to: 'administrative' }).details).toEqual({
      from: 'people',
      to: 'administrative',
    })
    expect(errorOf(() => plan({ category: 'dispute' }, 'handover')).status).toBe(400)
    expect(errorOf(() => plan({ category: 'dispute', mediationBody: 'judicial' }, 'handover', { to: 'judicial' })).status).toBe(409)
  })
})

describe('aggregate bins', () => {
  it('corrects the cell size for latitude and refuses cells too small for the area', () => {
    expect(Math.round(mercatorSize(500, 60))).toBe(1000)
    expect(estimatedBins('square', 100, [120, 33, 120.1, 33.1])).toBe(Math.ceil((0.1 * 111_320 * Math.cos((33.05 * Math.PI) / 180) * 0.1 * 110_574) / 10_000))
  })

  it('draws a hexagon as a closed ring of six corners around its centre', () => {
    const ring = binRing('hex', 0, 0, 1000)
    expect(ring.length).toBe(7)
    expect(ring[0]).toEqual(ring[6])
    expect(binRing('square', 0, 0, 111_319.49)).toEqual([
      [0, 0],
      [1, 0],
      [1, 0.9999492],
      [0, 0.9999492],
      [0, 0],
    ])
  })
})
