import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALL_PARTS, COALESCE_MS, coalesceParts, partsForEvent, type WallPart } from '../../../client/src/views/wall/wall-parts';

describe('which wall parts a live event makes out of date', () => {
  it('an incident event: the KPIs, the ticker and the heat', () => {
    for (const type of ['incident.created', 'incident.updated', 'incident.alert']) {
      expect(partsForEvent(type, { id: 1 }, '110101')).toEqual(['overview', 'ticker', 'heat']);
    }
  });

  it('a grid edit: the grids, the KPIs and the household tiles', () => {
    expect(partsForEvent('grid.changed', { id: 3 }, '110101')).toEqual(['grids', 'overview', 'households']);
  });

  it("refreshed statistics: the KPIs and the blind spots, of this wall's region only", () => {
    expect(partsForEvent('stats.refreshed', { region: '110101' }, '110101')).toEqual(['overview', 'spots']);
    expect(partsForEvent('stats.refreshed', { region: '110102' }, '110101')).toEqual([]);
    expect(partsForEvent('stats.refreshed', null, '110101')).toEqual([]);
  });

  it('anything else: nothing', () => {
    expect(partsForEvent('heartbeat', {}, '110101')).toEqual([]);
  });
});

describe('coalescing bursts of events into one reload', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reloads once, COALESCE_MS after the first event, with every part the burst asked for, ticker first', () => {
    const flushes: WallPart[][] = [];
    const c = coalesceParts((parts) => flushes.push(parts));
    c.add(['grids', 'overview', 'households']);
    vi.advanceTimersByTime(COALESCE_MS - 10);
    c.add(['overview', 'ticker', 'heat']);
    expect(flushes).toEqual([]);
    vi.advanceTimersByTime(10);
    expect(flushes).toEqual([['ticker', 'overview', 'heat', 'grids', 'households']]);
    c.add(['overview', 'spots']);
    vi.advanceTimersByTime(COALESCE_MS);
    expect(flushes).toEqual([
      ['ticker', 'overview', 'heat', 'grids', 'households'],
      ['overview', 'spots'],
    ]);
  });

  it('schedules nothing for an event that changes nothing, and drops what is pending when cancelled', () => {
    const flushes: WallPart[][] = [];
    const c = coalesceParts((parts) => flushes.push(parts));
    c.add([]);
    vi.advanceTimersByTime(COALESCE_MS * 2);
    expect(flushes).toEqual([]);
    c.add(ALL_PARTS);
    c.cancel();
    vi.advanceTimersByTime(COALESCE_MS * 2);
    expect(flushes).toEqual([]);
  });
});
