import { describe, expect, it } from 'vitest';
import { formatGridCode } from '../../../client/src/shared/format';
import { countRegions, pickRegion } from '../../../client/src/shared/regions';
import { parseMapUrlState, withMapUrlState } from '../../../client/src/shared/url-state';
import type { Region } from '../../../client/src/api/types';

describe('map URL state', () => {
  it('parses what a shared link carries', () => {
    expect(parseMapUrlState('?region=320924001&basemap=osm&color=households')).toEqual({
      region: '320924001',
      basemap: 'osm',
      color: 'households',
    });
  });

  it('drops values that are not well formed', () => {
    expect(parseMapUrlState('?region=32&basemap=<x>&color=rainbow')).toEqual({ region: null, basemap: null, color: 'type' });
  });

  it('keeps unrelated parameters and leaves defaults out', () => {
    expect(withMapUrlState('?lang=en&color=households', { region: null, basemap: 'osm', color: 'type' })).toBe('?lang=en&basemap=osm');
    expect(withMapUrlState('', { region: null, basemap: null, color: 'type' })).toBe('');
  });

  it('round-trips', () => {
    const state = { region: '320924001002', basemap: 'tianditu', color: 'households' as const };
    expect(parseMapUrlState(withMapUrlState('', state))).toEqual(state);
  });
});

const tree: Region[] = [
  {
    code: '320924',
    name: '射阳县',
    level: 'county',
    parentCode: null,
    bbox: null,
    children: [
      {
        code: '320924001',
        name: '合德镇',
        level: 'street',
        parentCode: '320924',
        bbox: null,
        children: [{ code: '320924001001', name: '幸福社区', level: 'community', parentCode: '320924001', bbox: null, children: [] }],
      },
    ],
  },
];

describe('regions', () => {
  it('picks the asked-for region anywhere in the tree', () => {
    expect(pickRegion(tree, '320924001001')?.name).toBe('幸福社区');
  });

  it('falls back to the first top-level region', () => {
    expect([pickRegion(tree, null)?.code, pickRegion(tree, '999999')?.code, pickRegion([], null)]).toEqual(['320924', '320924', null]);
  });

  it('counts regions by level', () => {
    expect(countRegions(tree)).toEqual({ county: 1, street: 1, community: 1 });
  });
});

describe('formatGridCode', () => {
  it('groups a 15-digit code by level', () => {
    expect([formatGridCode('320924001001003'), formatGridCode('abc')]).toEqual(['320924 001 001 003', 'abc']);
  });
});
