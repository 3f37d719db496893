import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/src/api/request';
import { failureReason, panelIsStale } from '../../../client/src/views/wall/wall-staleness';

const live = { status: 'live', since: null } as const;
const down = { status: 'stale', since: 1_700_000_000_000 } as const;

describe("the wall's stale parts", () => {
  it('marks every panel stale while the live link is down', () => {
    for (const panel of ['kpis', 'charts', 'ticker', 'map', 'spots'] as const) expect(panelIsStale(panel, down, [])).toBe(true);
  });

  it('marks only the panels drawn from a failed read while the link is up', () => {
    expect(panelIsStale('kpis', live, ['overview'])).toBe(true);
    expect(panelIsStale('charts', live, ['overview'])).toBe(true);
    expect(panelIsStale('ticker', live, ['overview'])).toBe(false);
    expect(panelIsStale('map', live, ['heat'])).toBe(true);
    expect(panelIsStale('spots', live, ['heat'])).toBe(false);
    expect(panelIsStale('kpis', live, [])).toBe(false);
  });

  it('tells an outage from a server fault and a refusal', () => {
    expect(failureReason(new TypeError('Failed to fetch'))).toEqual({ kind: 'network' });
    expect(failureReason(new ApiError('/api/stats/overview', 503, null, 'Service Unavailable'))).toEqual({ kind: 'server', status: 503 });
    expect(failureReason(new ApiError('/api/stats/overview', 400, 'invalid_filter', 'unknown region'))).toEqual({ kind: 'refused', status: 400 });
    expect(failureReason(new ApiError('/api/stats/overview', 401, 'unauthorized', 'no'))).toEqual({ kind: 'denied' });
  });
});
