import { describe, expect, it } from 'vitest';
import { hoverText } from '../../../client/src/map/analysis-hover';
import { binsForDisplay, choroplethValues } from '../../../client/src/map/analysis-layers';
import {
  formatLegendValue,
  heatCells,
  keptBy,
  legendRange,
  per100Households,
  rampPosition,
  statusCounts,
  valueRange,
} from '../../../client/src/map/analysis-legend';
import { translate } from '../../../client/src/i18n/lang';
import type { LoadedIncidents } from '../../../client/src/views/analyze/incident-window';

const square = (x: number, y: number, d = 0.001) => ({
  type: 'Feature' as const,
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ],
  },
});

/** Four incidents: ids 1..4, categories 0,0,1,2, statuses 0,6,6,1, minutes 0,10,20,30. */
function loaded(): LoadedIncidents {
  return {
    count: 4,
    ids: new Uint32Array([1, 2, 3, 4]),
    lngLat: new Float32Array([120, 33, 120.0001, 33.0001, 120.01, 33.01, 120.01, 33.01]),
    times: new Uint32Array([0, 600, 1200, 1800]),
    categories: new Uint8Array([0, 0, 1, 2]),
    statuses: new Uint8Array([0, 6, 6, 1]),
    flags: new Uint8Array(4),
    originMinute: 0,
    minutes: new Float32Array([0, 10, 20, 30]),
  } as unknown as LoadedIncidents;
}

describe('the /analyze legend ranges', () => {
  it('spans the smallest and largest value drawn, leaving out what is not a number', () => {
    expect(valueRange([3, 1, Number.NaN, 7])).toEqual([1, 7]);
    expect(valueRange([])).toBeNull();
    expect(rampPosition(4, [1, 7])).toBe(0.5);
    expect(rampPosition(5, [5, 5])).toBe(0);
  });

  it('colours the grids from the lowest rate to the highest, the legend spanning exactly those rates', () => {
    const grids = [
      { id: 1, householdCount: 200 },
      { id: 2, householdCount: 50 },
      { id: 3, householdCount: 0 },
    ];
    const values = choroplethValues(
      grids,
      new Map([
        [1, 3],
        [2, 4],
      ]),
    );
    expect(values.get(1)).toEqual({ count: 3, per100: 1.5, v: 0.1875 });
    expect(values.get(2)).toEqual({ count: 4, per100: 8, v: 1 });
    expect(values.get(3)).toEqual({ count: 0, per100: 0, v: 0 });
    const drawn = { type: 'FeatureCollection', features: grids.map((g) => ({ properties: { ...values.get(g.id) } })) };
    expect(legendRange('choropleth', 'count', { hexDomain: null, heat: null, grids: drawn }, true)).toEqual([0, 8]);
    // Before the counts are in, the grids carry no rate: no range to show.
    expect(legendRange('choropleth', 'count', { hexDomain: null, heat: null, grids: { features: [{ properties: { name: 'a' } }] } }, true)).toBeNull();
    expect(per100Households(1, 3)).toBe(33.3);
  });

  it("takes deck's hexagon domain on the GPU, and the server bins' counts or overdue shares over the cap", () => {
    expect(legendRange('hex', 'count', { hexDomain: [2, 40], heat: null }, true)).toEqual([2, 40]);
    const bins = [
      { ...square(0, 0), properties: { count: 4, overdue: 1 } },
      { ...square(1, 0), properties: { count: 10, overdue: 5 } },
    ];
    expect(legendRange('hex', 'count', { hexDomain: null, heat: null, bins: binsForDisplay(bins, 'count') }, false)).toEqual([4, 10]);
    expect(legendRange('hex', 'overdue', { hexDomain: null, heat: null, bins: binsForDisplay(bins, 'overdue') }, false)).toEqual([0.25, 0.5]);
    expect(binsForDisplay(bins, 'count').features.map((f) => f.properties?.v)).toEqual([0, 1]);
  });

  it('counts the kept incidents per 120 m heat cell, and finds the count of the cell under a place', () => {
    const incidents = loaded();
    const kept = keptBy(incidents, [0, 25], [0, 1]);
    const cells = heatCells(incidents.lngLat, incidents.count, kept, [120, 33]);
    // 1 and 2 are ~14 m apart, in one cell; 3 is ~1.4 km away; 4 is of a category not kept.
    expect([...cells.counts.values()].sort()).toEqual([1, 2]);
    expect(cells.at(120.00005, 33.00005)).toBe(2);
    expect(cells.at(120.01, 33.01)).toBe(1);
    expect(cells.at(121, 34)).toBe(0);
    expect(legendRange('heat', 'count', { hexDomain: null, heat: cells }, true)).toEqual([1, 2]);
  });

  it('counts the drawn points per status for the points legend', () => {
    const incidents = loaded();
    expect([...statusCounts(incidents, keptBy(incidents, [5, 40], [0, 1, 2]))]).toEqual([
      [1, 1],
      [6, 2],
    ]);
  });

  it('writes counts whole, rates to one decimal and shares in percent', () => {
    expect(formatLegendValue(12345, 'count', 'zh-CN')).toBe('12,345');
    expect(formatLegendValue(3.25, 'per100', 'en')).toBe('3.3');
    expect(formatLegendValue(0.125, 'share', 'en')).toBe('12.5%');
  });
});

describe('the /analyze hover text', () => {
  const zh = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('zh-CN', key, params);
  const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('en', key, params);

  it("says a grid's name, its incidents per 100 households and its count", () => {
    expect(hoverText({ kind: 'grid', name: '幸福社区第一网格', count: 12, households: 340, per100: 3.5 }, zh, 'zh-CN')).toEqual([
      '幸福社区第一网格',
      '每百户 3.5 件',
      '12 件事件 · 340 户',
    ]);
    expect(hoverText({ kind: 'grid', name: 'G1', count: 1200, households: 340, per100: 352.9 }, en, 'en')).toEqual([
      'G1',
      '352.9 per 100 households',
      '1,200 incidents · 340 households',
    ]);
  });

  it("says an incident's category, status and reporting time in the county's time zone", () => {
    // 2026-03-01 00:30 UTC is 08:30 in Shanghai.
    const at = Date.parse('2026-03-01T00:30:00Z') / 1000;
    expect(hoverText({ kind: 'incident', id: 7, category: 'traffic', status: 'closed', reportedAt: at }, zh, 'zh-CN')).toEqual([
      '#7 交通秩序 · 已结案',
      '上报于 2026/03/01 08:30',
    ]);
  });

  it("says a hexagon's count, and its overdue share when that is what it is coloured by", () => {
    expect(hoverText({ kind: 'hex', count: 25, overdueShare: null }, zh, 'zh-CN')).toEqual(['25 件事件']);
    expect(hoverText({ kind: 'hex', count: 8, overdueShare: 0.25 }, en, 'en')).toEqual(['25% overdue', '8 incidents']);
    expect(hoverText({ kind: 'heat', count: 3 }, zh, 'zh-CN')).toEqual(['此 120 米方格内 3 件事件']);
  });
});
