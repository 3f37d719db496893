import { describe, expect, it } from 'vitest';
import { addFresh, announce, emptyArrivals, pruneFresh, reconcile, seen } from '../../../client/src/views/dispatch/new-arrivals';

const at = (minute: number) => `2026-12-04T09:${String(minute).padStart(2, '0')}:00Z`;
const row = (id: number, minute: number) => ({ id, reportedAt: at(minute) });

describe('new since last seen', () => {
  it('flags nothing in the first list of a filter', () => {
    const { arrived, state } = reconcile(emptyArrivals(), [row(1, 1), row(2, 2)]);
    expect(arrived).toEqual([]);
    expect([...state.known!]).toEqual([1, 2]);
  });

  it('flags a report newer than anything seen, even without an event (the stream was down)', () => {
    const first = reconcile(emptyArrivals(), [row(1, 1), row(2, 2)]).state;
    expect(reconcile(first, [row(3, 5), row(2, 2), row(1, 1)]).arrived).toEqual([3]);
  });

  it('flags an older incident that a live event named (a worker handled it into this filter)', () => {
    let state = reconcile(emptyArrivals(), [row(5, 30)]).state;
    state = announce(state, 4);
    expect(reconcile(state, [row(5, 30), row(4, 10)]).arrived).toEqual([4]);
  });

  it('does not flag an old row that only slid into the window', () => {
    const state = reconcile(emptyArrivals(), [row(5, 30), row(4, 20)]).state;
    expect(reconcile(state, [row(5, 30), row(3, 10)]).arrived).toEqual([]);
  });

  it('flags a row once: known rows stay known, announcements are used up', () => {
    let state = reconcile(emptyArrivals(), [row(1, 1)]).state;
    state = announce(state, 2);
    const second = reconcile(state, [row(2, 0), row(1, 1)]);
    expect(second.arrived).toEqual([2]);
    expect(reconcile(second.state, [row(1, 1)]).arrived).toEqual([]);
    expect(reconcile(reconcile(second.state, [row(1, 1)]).state, [row(2, 0), row(1, 1)]).arrived).toEqual([]);
  });

  it('keeps flagged rows until opened or old', () => {
    const fresh = addFresh(addFresh([], [1], 1000), [2, 3], 2000);
    expect(fresh).toEqual([
      { id: 2, at: 2000 },
      { id: 3, at: 2000 },
      { id: 1, at: 1000 },
    ]);
    expect(seen(fresh, 3)).toEqual([
      { id: 2, at: 2000 },
      { id: 1, at: 1000 },
    ]);
    expect(seen(fresh, 9)).toBe(fresh);
    expect(pruneFresh(fresh, 2500, 1000)).toEqual([
      { id: 2, at: 2000 },
      { id: 3, at: 2000 },
    ]);
  });
});
