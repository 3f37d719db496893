import { describe, expect, it } from 'vitest';
import type { GridCollection, Region } from '../../../client/src/api/types';
import { focusKeyOf, mapFocus, outerEdges } from '../../../client/src/map/analysis-focus';

const cell = (x: number, y: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, y],
      [x + 1, y],
      [x + 1, y + 1],
      [x, y + 1],
      [x, y],
    ],
  ],
});

const grid = (code: string, x: number, y: number) => ({
  type: 'Feature' as const,
  geometry: { type: 'MultiPolygon' as const, coordinates: [cell(x, y).coordinates] },
  properties: {
    id: Number(code.slice(-3)),
    code,
    name: `G${code.slice(-1)}`,
    type: 'comprehensive' as const,
    communityCode: code.slice(0, 12),
    householdCount: 10,
    version: 1,
  },
});

const grids: GridCollection = {
  type: 'FeatureCollection',
  features: [grid('320924001001001', 0, 0), grid('320924001001002', 1, 0), grid('320924001002001', 5, 5)],
};
const community = (code: string, bbox: [number, number, number, number] | null): Region => ({
  code,
  name: code,
  level: 'community',
  parentCode: '320924001',
  bbox,
  children: [],
});
const regions: Region[] = [
  {
    code: '320924001',
    name: 'street',
    level: 'street',
    parentCode: null,
    bbox: [0, 0, 6, 6],
    children: [community('320924001001', [0, 0, 2, 1]), community('320924001002', null)],
  },
];

describe('the chosen region or grid on the /analyze map', () => {
  it('outlines two neighbouring cells by their outer edges only', () => {
    const edges = outerEdges([cell(0, 0), cell(1, 0)]);
    expect(edges).toHaveLength(6);
    expect(edges.some(([a, b]) => a[0] === 1 && b[0] === 1)).toBe(false);
  });

  it("zooms to a chosen grid's own box and outlines its rings", () => {
    const focus = mapFocus({ region: '320924001001', grid: '320924001001002' }, regions, grids);
    expect(focus?.key).toBe('grid:320924001001002');
    expect(focus?.bbox).toEqual([1, 0, 2, 1]);
    expect(focus?.outline.geometry.coordinates).toEqual(cell(1, 0).coordinates);
  });

  it("zooms to a chosen region's box and outlines the outer edge of its grids", () => {
    const focus = mapFocus({ region: '320924001001', grid: null }, regions, grids);
    expect(focus?.key).toBe('region:320924001001');
    expect(focus?.bbox).toEqual([0, 0, 2, 1]);
    expect(focus?.outline.geometry.coordinates).toHaveLength(6);
    // A region without a box of its own: its grids' box.
    expect(mapFocus({ region: '320924001002', grid: null }, regions, grids)?.bbox).toEqual([5, 5, 6, 6]);
  });

  it('has nothing to show for no choice, or a grid not among those loaded (yet)', () => {
    expect(mapFocus({ region: null, grid: null }, regions, grids)).toBeNull();
    expect(mapFocus({ region: null, grid: '320924009009009' }, regions, grids)).toBeNull();
    expect(focusKeyOf({ region: '320924001', grid: '320924001001001' })).toBe('grid:320924001001001');
    expect(focusKeyOf({ region: '320924001', grid: null })).toBe('region:320924001');
  });
});
