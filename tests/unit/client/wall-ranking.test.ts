import { describe, expect, it } from 'vitest';
import { ON_TIME_TARGET, onTimeColor } from '../../../client/src/charts/wall-chart-options';
import { onTimeRankingBars, worstFirst, type OnTimeRow } from '../../../client/src/views/wall/on-time-ranking';

const row = (code: string, closedOnTime: number, due: number): OnTimeRow => ({
  code,
  name: `网格${code}`,
  due,
  closedOnTime,
  onTimeRate: due > 0 ? closedOnTime / due : null,
});

// A community of ten grids as the server sends it (best first): the two worst are below the target.
const TEN = [
  row('01', 20, 20),
  row('02', 19, 20),
  row('03', 18, 20),
  row('04', 35, 40),
  row('05', 17, 20),
  row('06', 34, 40),
  row('07', 33, 40),
  row('08', 33, 40),
  row('09', 10, 13), // 76.9 %
  row('10', 11, 15), // 73.3 %
  row('11', 0, 0), // nothing due: no rate
];

describe('the 按期结案率 ranking on the wall', () => {
  it('puts the worst units first and those with nothing due last', () => {
    expect(worstFirst(TEN).map((r) => r.code)).toEqual(['10', '09', '07', '08', '06', '05', '04', '03', '02', '01', '11']);
    // Ties: more incidents due first (the rate means more), then by code.
    expect(worstFirst([row('b', 4, 5), row('a', 8, 10), row('c', 8, 10)]).map((r) => r.code)).toEqual(['a', 'c', 'b']);
  });

  it('shows the units below the target in the rows it has room for, never cut off below them', () => {
    const { bars, total, below } = onTimeRankingBars(TEN, 8);
    expect(bars.map((b) => b.key).slice(0, 2)).toEqual(['10', '09']);
    expect(bars).toHaveLength(8);
    expect(total).toBe(11);
    expect(below).toBe(2);
  });

  it('colours honestly against the target: green only from the target up', () => {
    const { bars } = onTimeRankingBars(TEN, 11);
    const colours = new Map(bars.map((b) => [b.key, b.color]));
    const green = onTimeColor(1);
    expect(ON_TIME_TARGET).toBe(0.8);
    expect(colours.get('10')).not.toBe(green);
    expect(colours.get('09')).not.toBe(green);
    expect(colours.get('07')).toBe(green);
    expect(onTimeColor(0.6)).not.toBe(onTimeColor(0.75));
    expect(colours.get('11')).toBe(onTimeColor(null));
  });
});
