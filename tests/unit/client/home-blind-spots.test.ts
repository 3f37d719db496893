import { describe, expect, it } from 'vitest';
import { blindSpotSummary } from '../../../client/src/views/home/blind-spot-summary';

describe("the home page's blind spots by kind", () => {
  it('lists the kinds that have any, the most first, and adds them up', () => {
    expect(blindSpotSummary({ gap: 2, grid_unstaffed: 5, overlap: 0, worker_overloaded: 2 })).toEqual({
      total: 9,
      kinds: [
        { kind: 'grid_unstaffed', count: 5 },
        { kind: 'gap', count: 2 },
        { kind: 'worker_overloaded', count: 2 },
      ],
    });
  });

  it('has nothing to list when there are none', () => {
    expect(blindSpotSummary({ gap: 0 })).toEqual({ total: 0, kinds: [] });
  });
});
