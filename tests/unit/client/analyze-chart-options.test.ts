import { describe, expect, it } from 'vitest';
import { barsOption } from '../../../client/src/charts/analyze-chart-options';

type Axis = { data: { value: string }[]; axisLabel: { interval?: number | string; formatter: (key: string) => string } };

describe('the bar charts of /analyze', () => {
  it('name every bar of the ten busiest grids, largest on top', () => {
    const bars = Array.from({ length: 10 }, (_, k) => ({ key: `32092400100${k}`, label: `第${k + 1}网格`, count: 100 - k }));
    const yAxis = barsOption(bars).yAxis as Axis;
    // interval 0: no label skipped (ECharts' default hides every other one where they crowd).
    expect(yAxis.axisLabel.interval).toBe(0);
    expect(yAxis.data.map((d) => yAxis.axisLabel.formatter(d.value))).toEqual(bars.map((b) => b.label).reverse());
  });
});
