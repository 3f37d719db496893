import { describe, expect, it } from 'vitest';
import type { GridFeature, Region } from '../../../client/src/api/types';
import { editableIds, gridLabel, pickableRegions, searchGrids } from '../../../client/src/views/edit/editable-grids';

const grid = (id: number, code: string, name: string): GridFeature => ({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [] },
  properties: { id, code, name, type: 'comprehensive', communityCode: code.slice(0, 12), householdCount: 0, version: 1 },
});
const grids = [grid(1, '320924001001005', '幸福社区第05网格'), grid(2, '320924001002001', '振阳社区第01网格'), grid(3, '320924002001001', '临海社区第01网格')];

const region = (code: string, name: string, level: Region['level'], children: Region[] = []): Region => ({
  code,
  name,
  level,
  parentCode: null,
  bbox: [120, 33, 120.1, 33.1],
  children,
});
const county = region('320924', '射阳县', 'county', [
  region('320924001', '合德镇', 'street', [region('320924001001', '幸福社区', 'community'), region('320924001002', '振阳社区', 'community')]),
  region('320924002', '临海镇', 'street', [region('320924002001', '临海社区', 'community')]),
]);

describe("the editor's scope, region picker and grid search", () => {
  it("marks as editable the grids of the supervisor's street only, every grid for an admin", () => {
    expect([...editableIds(grids, ['320924001'])]).toEqual([1, 2]);
    expect([...editableIds(grids, ['*'])]).toEqual([1, 2, 3]);
    expect([...editableIds(grids, [])]).toEqual([]);
  });

  it('offers the streets and communities in scope, not the county', () => {
    expect(pickableRegions(county, ['320924001']).map((r) => r.name)).toEqual(['合德镇', '幸福社区', '振阳社区']);
    expect(pickableRegions(county, ['*']).map((r) => r.code)).toEqual(['320924001', '320924001001', '320924001002', '320924002', '320924002001']);
    expect(pickableRegions(null, ['*'])).toEqual([]);
  });

  it('finds grids by part of their name or code, names first', () => {
    expect(searchGrids(grids, '第01').map((g) => g.properties.id)).toEqual([2, 3]);
    expect(searchGrids(grids, '临海').map((g) => g.properties.id)).toEqual([3]);
    expect(searchGrids(grids, '001005').map((g) => g.properties.id)).toEqual([1]);
    expect(searchGrids(grids, '  ')).toEqual([]);
    expect(searchGrids(grids, '网格', 2)).toHaveLength(2);
  });

  it('names a grid by its name, then its code', () => {
    expect(gridLabel(grids[0])).toBe('幸福社区第05网格（320924001001005）');
  });
});
