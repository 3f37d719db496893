import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import type { GridCollection } from '../../../client/src/api/types';
import { blindSpotEntries, countsByKind } from '../../../client/src/views/wall/blind-spot-list';

const square = (x: number, y: number, d = 0.001) => ({
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
});

const SPOTS: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: square(120.21, 33.77), properties: { kind: 'overlap', severity: 'medium', areaM2: 40 } },
    { type: 'Feature', geometry: square(120.22, 33.77), properties: { kind: 'gap', severity: 'low', areaM2: 90 } },
    { type: 'Feature', geometry: square(120.23, 33.77), properties: { kind: 'gap', severity: 'high', areaM2: 21668 } },
    {
      type: 'Feature',
      geometry: {
        type: 'MultiPoint',
        coordinates: [
          [120.231, 33.771],
          [120.232, 33.772],
        ],
      },
      properties: { kind: 'household_outside', severity: 'high' },
    },
  ],
};

const grid = (id: number, name: string, x: number) => ({
  type: 'Feature' as const,
  geometry: square(x, 33.76),
  properties: { id, code: `32092400100100${id}`, name, type: 'comprehensive' as const, communityCode: '320924001001', householdCount: 100, version: 1 },
});
const GRIDS: GridCollection = { type: 'FeatureCollection', features: [grid(1, '幸福社区第01网格', 120.21), grid(2, '幸福社区第02网格', 120.22)] };

describe("the wall's blind-spot list", () => {
  it('counts by kind, most urgent first, leaving out kinds with none', () => {
    expect(countsByKind({ service_gap: 2, grid_overdue: 10, gap: 1, grid_unstaffed: 1, overlap: 0 })).toEqual([
      { kind: 'gap', count: 1 },
      { kind: 'grid_unstaffed', count: 1 },
      { kind: 'grid_overdue', count: 10 },
      { kind: 'service_gap', count: 2 },
    ]);
  });

  it('lists every shape and every flagged grid once per kind, most urgent first, each with what to zoom to', () => {
    const entries = blindSpotEntries(SPOTS, GRIDS, [
      { id: 2, kinds: ['grid_overdue', 'grid_unstaffed'] },
      { id: 1, kinds: ['grid_overdue', 'overlap'] },
      { id: 99, kinds: ['grid_overdue'] }, // a grid not (yet) loaded: nothing to zoom to
    ]);
    expect(entries.map((e) => [e.kind, e.areaM2 ?? e.gridName])).toEqual([
      ['gap', 21668],
      ['gap', 90],
      ['household_outside', undefined],
      ['grid_unstaffed', '幸福社区第02网格'],
      ['overlap', 40],
      ['grid_overdue', '幸福社区第01网格'],
      ['grid_overdue', '幸福社区第02网格'],
    ]);
    // The map outlines the grid itself, told its kind.
    expect(entries[3].feature.geometry).toEqual(GRIDS.features[1].geometry);
    expect(entries[3].feature.properties).toEqual({ kind: 'grid_unstaffed' });
    // Ids survive a reload of the same data.
    expect(blindSpotEntries(SPOTS, GRIDS, [{ id: 2, kinds: ['grid_unstaffed'] }]).map((e) => e.id)).toEqual(
      entries.filter((e) => e.kind !== 'grid_overdue').map((e) => e.id),
    );
  });

  it('lists nothing before the data has come', () => {
    expect(blindSpotEntries(null, null, [])).toEqual([]);
  });
});
