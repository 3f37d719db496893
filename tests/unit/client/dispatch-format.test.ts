import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/src/api/http-client';
import { ageOf, alertSummary, describeError, dueState, groupByRelation } from '../../../client/src/views/dispatch/dispatch-format';

const NOW = Date.parse('2026-12-04T10:00:00Z');

describe('dispatch formatting', () => {
  it('explains known server errors, with what is allowed after an illegal transition', () => {
    const e = Object.assign(new ApiError('/api/incidents/1', 409, 'illegal_transition', 'Cannot accept'), {
      details: { status: 'accepted', allowed: ['dispatch', 'escalate'] },
    });
    expect(describeError(e)).toEqual({ code: 'illegal_transition', allowed: ['dispatch', 'escalate'], message: 'Cannot accept' });
    expect(describeError(new ApiError('/x', 500, null, '500 Internal Server Error'))).toEqual({
      code: null,
      allowed: [],
      message: '500 Internal Server Error',
    });
    expect(describeError(new TypeError('Failed to fetch'))).toEqual({ code: 'network', allowed: [], message: 'Failed to fetch' });
  });

  it('summarises the emergency alert of a timeline', () => {
    expect(alertSummary([{ event: 'report' }])).toBe(null);
    expect(alertSummary([{ event: 'report' }, { event: 'alert', details: { gridIds: [1, 2], gridCodes: ['a', 'b'], workerIds: [3, 4, 5] } }])).toEqual({
      grids: ['a', 'b'],
      workers: 3,
    });
  });

  it('says how long is left or how long overdue', () => {
    expect(dueState('2026-12-04T12:05:00Z', 'dispatched', NOW)).toEqual({ kind: 'left', unit: 'hm', h: 2, m: 5 });
    expect(dueState('2026-12-04T09:30:00Z', 'handled', NOW)).toEqual({ kind: 'overdue', unit: 'hm', h: 0, m: 30 });
    expect(dueState('2026-12-06T09:59:00Z', 'dispatched', NOW)).toEqual({ kind: 'left', unit: 'hm', h: 47, m: 59 });
    expect(dueState('2026-12-08T15:00:00Z', 'dispatched', NOW)).toEqual({ kind: 'left', unit: 'dh', d: 4, h: 5 });
    expect(dueState('2026-11-30T09:00:00Z', 'verified', NOW)).toEqual({ kind: 'overdue', unit: 'dh', d: 4, h: 1 });
    expect(dueState('2026-12-04T09:30:00Z', 'closed', NOW)).toEqual({ kind: 'none' });
    expect(dueState(null, 'dispatched', NOW)).toEqual({ kind: 'none' });
  });

  it('says how long ago coarsely', () => {
    expect(ageOf('2026-12-04T09:59:30Z', NOW)).toEqual({ unit: 'now' });
    expect(ageOf('2026-12-04T09:15:00Z', NOW)).toEqual({ unit: 'min', n: 45 });
    expect(ageOf('2026-12-03T07:00:00Z', NOW)).toEqual({ unit: 'hour', n: 27 });
    expect(ageOf('2026-11-30T10:00:00Z', NOW)).toEqual({ unit: 'day', n: 4 });
  });

  it('groups candidates own grid, adjacent, community, keeping the server order inside', () => {
    const c = (name: string, relation: string) => ({ name, relation });
    expect(groupByRelation([c('甲', 'adjacent'), c('乙', 'own'), c('丙', 'community'), c('丁', 'adjacent')])).toEqual([
      { relation: 'own', items: [c('乙', 'own')] },
      { relation: 'adjacent', items: [c('甲', 'adjacent'), c('丁', 'adjacent')] },
      { relation: 'community', items: [c('丙', 'community')] },
    ]);
  });
});
