import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, filterQuery, parseAnalyzeState, withAnalyzeState } from '../../../client/src/views/analyze/analyze-state';

describe('analyze URL state', () => {
  it('round-trips the whole view through the query string, keeping other parameters', () => {
    const state = {
      ...DEFAULT_STATE,
      categories: ['dispute', 'traffic'],
      statuses: ['closed'],
      from: '2026-10-01',
      to: '2026-11-01',
      region: '320924001',
      polygon: [
        [120.1, 33.7],
        [120.2, 33.7],
        [120.2, 33.8],
      ] as [number, number][],
      layer: 'points' as const,
      playAt: '2026-10-03',
      windowDays: 30,
      incident: 42,
      view: { lng: 120.26, lat: 33.77, zoom: 12.5 },
    };
    const search = withAnalyzeState('?lang=en', state);
    expect(search).toBe(
      '?lang=en&cat=dispute%2Ctraffic&status=closed&from=2026-10-01&to=2026-11-01&region=320924001&poly=120.100000%2C33.700000%2C120.200000%2C33.700000%2C120.200000%2C33.800000&layer=points&at=2026-10-03&win=30&inc=42&view=120.26000%2C33.77000%2C12.50',
    );
    expect(parseAnalyzeState(search)).toEqual(state);
  });

  it('drops unknown and malformed values instead of passing them on', () => {
    expect(parseAnalyzeState('?cat=traffic,noise&from=yesterday&layer=3d&size=1&win=5&inc=-1&poly=1,2')).toEqual({ ...DEFAULT_STATE, categories: ['traffic'] });
  });

  it('builds the API filter; playback replaces the time range with its window', () => {
    const state = { ...DEFAULT_STATE, categories: ['traffic'], from: '2026-10-01', to: '2026-11-01' };
    expect(filterQuery(state)).toBe('category=traffic&from=2026-10-01T00%3A00%3A00%2B08%3A00&to=2026-11-01T00%3A00%3A00%2B08%3A00');
    expect(filterQuery({ ...state, playAt: '2026-10-30', windowDays: 7 }, [120, 33, 121, 34])).toBe(
      'category=traffic&from=2026-10-30T00%3A00%3A00%2B08%3A00&to=2026-11-06T00%3A00%3A00%2B08%3A00&bbox=120.00000%2C33.00000%2C121.00000%2C34.00000',
    );
  });
});
