import { describe, expect, it } from 'vitest';
import { actionsFor, handoverTargets, inputProblem, patchBody } from '../../../client/src/views/dispatch/dispatch-actions';

describe('the actions the dispatcher is offered', () => {
  it("follows the lifecycle, main step first, never the worker's own handle", () => {
    const of = (status: string) => actionsFor({ status, category: 'traffic', escalationLevel: 'grid', mediationBody: null });
    expect(of('reported')).toEqual(['accept', 'reject', 'escalate']);
    expect(of('accepted')).toEqual(['dispatch', 'escalate']);
    expect(of('dispatched')).toEqual(['escalate', 'extend']);
    expect(of('handled')).toEqual(['verify', 'return', 'escalate']);
    expect(of('verified')).toEqual(['close', 'return', 'escalate']);
    expect(of('closed')).toEqual([]);
    expect(of('rejected')).toEqual([]);
  });

  it('offers handover for open disputes only', () => {
    expect(actionsFor({ status: 'accepted', category: 'dispute', escalationLevel: 'grid' })).toEqual(['dispatch', 'escalate', 'handover']);
    expect(actionsFor({ status: 'closed', category: 'dispute', escalationLevel: 'grid' })).toEqual([]);
  });

  it('does not offer escalation at the top of the ladder', () => {
    expect(actionsFor({ status: 'reported', category: 'traffic', escalationLevel: 'department' })).toEqual(['accept', 'reject']);
  });

  it('hands a dispute only to another mediation body', () => {
    expect(handoverTargets('people')).toEqual(['administrative', 'judicial']);
    expect(handoverTargets(null)).toEqual(['people', 'administrative', 'judicial']);
  });
});

describe('what an action needs before it is sent', () => {
  it('wants a reason for reject and return', () => {
    expect(inputProblem('reject', { note: '  ' })).toBe('reasonRequired');
    expect(inputProblem('return', {})).toBe('reasonRequired');
    expect(inputProblem('return', { note: '照片不清楚' })).toBe(null);
  });

  it('wants a worker for dispatch, hours in range for extend, a body for handover', () => {
    expect(inputProblem('dispatch', { assigneeId: null })).toBe('workerRequired');
    expect(inputProblem('dispatch', { assigneeId: 7 })).toBe(null);
    expect(inputProblem('extend', { hours: '0' })).toBe('hoursInvalid');
    expect(inputProblem('extend', { hours: 721 })).toBe('hoursInvalid');
    expect(inputProblem('extend', { hours: '1.5' })).toBe('hoursInvalid');
    expect(inputProblem('extend', { hours: '24' })).toBe(null);
    expect(inputProblem('handover', { to: 'court' })).toBe('mediationRequired');
    expect(inputProblem('handover', { to: 'judicial' })).toBe(null);
    expect(inputProblem('accept', {})).toBe(null);
  });

  it('sends only the fields the action takes, the note trimmed', () => {
    expect(patchBody('accept', { note: '', assigneeId: 3, hours: 5 })).toEqual({ action: 'accept' });
    expect(patchBody('dispatch', { note: ' 尽快 ', assigneeId: 3 })).toEqual({ action: 'dispatch', assigneeId: 3, note: '尽快' });
    expect(patchBody('extend', { hours: '12' })).toEqual({ action: 'extend', hours: 12 });
    expect(patchBody('handover', { to: 'people', note: '转人民调解' })).toEqual({ action: 'handover', to: 'people', note: '转人民调解' });
    expect(patchBody('reject', { note: '重复上报' })).toEqual({ action: 'reject', note: '重复上报' });
  });
});
