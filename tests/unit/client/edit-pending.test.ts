import { describe, expect, it } from 'vitest';
import type { GridFeature } from '../../../client/src/api/types';
import { communityFor, editablePolygon, sameEdit, toggleSelection } from '../../../client/src/views/edit/pending-edit';

const ring = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 0],
];
const grid = (id: number, communityCode: string, multi = false): GridFeature => ({
  type: 'Feature',
  geometry: multi ? { type: 'MultiPolygon', coordinates: [[ring]] } : { type: 'Polygon', coordinates: [ring] },
  properties: { id, code: `${communityCode}00${id}`, name: 'g', type: 'comprehensive', communityCode, householdCount: 0, version: 1 },
});

describe('pending edits', () => {
  it('edits the first polygon of a multipolygon grid', () => {
    expect(editablePolygon(grid(1, '320924001001', true))).toEqual({ type: 'Polygon', coordinates: [ring] });
  });

  it('toggles a selection: a plain click picks one grid, shift adds or removes', () => {
    expect(toggleSelection([], 3, false)).toEqual([3]);
    expect(toggleSelection([3, 4], 3, false)).toEqual([3]);
    expect(toggleSelection([3], 4, true)).toEqual([3, 4]);
    expect(toggleSelection([3, 4], 3, true)).toEqual([4]);
  });

  it("puts a new grid in the selected grid's community, else the region when it is a community", () => {
    const grids = [grid(1, '320924001001'), grid(2, '320924001002')];
    expect([communityFor('320924', grids, [2]), communityFor('320924001001', grids, []), communityFor('320924', grids, [])]).toEqual([
      '320924001002',
      '320924001001',
      null,
    ]);
  });

  it('compares edits by value', () => {
    expect(sameEdit({ kind: 'delete', gridId: 1, version: 2 }, { kind: 'delete', gridId: 1, version: 2 })).toBe(true);
    expect(sameEdit({ kind: 'delete', gridId: 1, version: 2 }, null)).toBe(false);
  });
});
