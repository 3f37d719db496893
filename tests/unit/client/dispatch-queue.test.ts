import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTER,
  dispatchSearch,
  isOverdue,
  movedCursor,
  parseDispatchUrl,
  queueQuery,
  sortQueue,
  toggled,
  QUEUE_STATUSES,
  type QueueFilter,
  type QueueItem,
} from '../../../client/src/views/dispatch/dispatch-queue';

const NOW = Date.parse('2026-12-04T10:00:00Z');
const item = (id: number, over: Partial<QueueItem> = {}): QueueItem => ({
  id,
  status: 'reported',
  priority: 'normal',
  reportedAt: '2026-12-04T09:00:00Z',
  deadlineAt: null,
  ...over,
});

describe('the dispatch queue filter', () => {
  it('asks for the open work by default, 200 rows', () => {
    expect(queueQuery(DEFAULT_FILTER)).toBe('status=reported,accepted,dispatched,handled,verified&limit=200');
  });

  it('puts every chosen filter in the query string', () => {
    const filter: QueueFilter = { statuses: ['handled'], categories: ['dispute', 'traffic'], region: '320924001', overdue: true, sort: 'urgent' };
    expect(queueQuery(filter)).toBe('status=handled&category=dispute,traffic&region=320924001&overdue=true&limit=200');
  });

  it('leaves the status out when every status is wanted', () => {
    expect(queueQuery({ ...DEFAULT_FILTER, statuses: [] }, 50)).toBe('limit=50');
  });

  it('reads the default from a page address without filters', () => {
    expect(parseDispatchUrl('')).toEqual({ filter: DEFAULT_FILTER, open: null });
  });

  it('round-trips filters and the open incident through the address, keeping other parameters', () => {
    const filter: QueueFilter = { statuses: ['reported', 'closed'], categories: ['emergency'], region: '320924001002', overdue: true, sort: 'urgent' };
    const search = dispatchSearch('?lang=en&q-status=accepted', filter, 42);
    expect(search).toBe('?lang=en&q-status=reported,closed&q-cat=emergency&region=320924001002&q-overdue=true&q-sort=urgent&open=42');
    expect(parseDispatchUrl(search)).toEqual({ filter, open: 42 });
  });

  it('leaves the parameters of /analyze alone (the header carries the query string across views)', () => {
    expect(dispatchSearch('?status=closed&cat=traffic', { ...DEFAULT_FILTER, categories: ['dispute'] }, null)).toBe('?status=closed&cat=traffic&q-cat=dispute');
    expect(parseDispatchUrl('?status=closed&cat=traffic').filter).toEqual(DEFAULT_FILTER);
  });

  it('writes nothing for the default filter and "all" for no status at all', () => {
    expect(dispatchSearch('?open=3', DEFAULT_FILTER, null)).toBe('');
    expect(dispatchSearch('', { ...DEFAULT_FILTER, statuses: [] }, null)).toBe('?q-status=all');
    expect(parseDispatchUrl('?q-status=all').filter.statuses).toEqual([]);
  });

  it('drops values it does not know from the address', () => {
    expect(parseDispatchUrl('?q-status=reported,bogus,reported&q-cat=x,traffic&region=abc&q-sort=sideways&open=-1')).toEqual({
      filter: { statuses: ['reported'], categories: ['traffic'], region: null, overdue: false, sort: 'newest' },
      open: null,
    });
  });

  it('toggles a value on and off in canonical order', () => {
    expect(toggled(['closed'], 'reported', QUEUE_STATUSES)).toEqual(['reported', 'closed']);
    expect(toggled(['reported', 'closed'], 'reported', QUEUE_STATUSES)).toEqual(['closed']);
  });
});

describe('the dispatch queue order', () => {
  it('is newest report first by default', () => {
    const rows = [
      item(1, { reportedAt: '2026-12-04T08:00:00Z' }),
      item(2, { reportedAt: '2026-12-04T09:30:00Z' }),
      item(3, { reportedAt: '2026-12-04T09:30:00Z' }),
    ];
    expect(sortQueue(rows, 'newest', NOW).map((r) => r.id)).toEqual([3, 2, 1]);
  });

  it('puts overdue work first, then priority, then the soonest deadline when sorted by urgency', () => {
    const rows = [
      item(1, { priority: 'low' }),
      item(2, { priority: 'urgent' }),
      item(3, { status: 'dispatched', deadlineAt: '2026-12-04T12:00:00Z' }),
      item(4, { status: 'dispatched', deadlineAt: '2026-12-04T09:59:00Z', priority: 'low' }),
      item(5, { status: 'dispatched', deadlineAt: '2026-12-04T11:00:00Z' }),
      item(6, { status: 'closed', deadlineAt: '2026-12-04T01:00:00Z' }),
    ];
    expect(sortQueue(rows, 'urgent', NOW).map((r) => r.id)).toEqual([4, 2, 5, 3, 1, 6]);
  });

  it('counts only open work past its deadline as overdue', () => {
    expect(isOverdue({ status: 'dispatched', deadlineAt: '2026-12-04T09:00:00Z' }, NOW)).toBe(true);
    expect(isOverdue({ status: 'dispatched', deadlineAt: '2026-12-04T11:00:00Z' }, NOW)).toBe(false);
    expect(isOverdue({ status: 'closed', deadlineAt: '2026-12-04T09:00:00Z' }, NOW)).toBe(false);
    expect(isOverdue({ status: 'reported', deadlineAt: null }, NOW)).toBe(false);
  });

  it('moves the cursor within the rows, starting at the first', () => {
    expect(movedCursor([5, 6, 7], null, 1)).toBe(5);
    expect(movedCursor([5, 6, 7], 5, 1)).toBe(6);
    expect(movedCursor([5, 6, 7], 7, 1)).toBe(7);
    expect(movedCursor([5, 6, 7], 6, -10)).toBe(5);
    expect(movedCursor([5, 6, 7], 99, -1)).toBe(5);
    expect(movedCursor([], 5, 1)).toBe(null);
  });
});
