import { describe, expect, it } from 'vitest';
import type { GridCollection } from '../../../client/src/api/types';
import { gridFillColor, legendItems, PALETTE, sizeClass, styleGrids } from '../../../client/src/map/grid-style';

const grid = (type: 'comprehensive' | 'dedicated', householdCount: number) => ({ type, householdCount });

describe('sizeClass', () => {
  it('classes comprehensive grids against the 300–500 norm, bounds inclusive', () => {
    expect([299, 300, 500, 501].map((n) => sizeClass(grid('comprehensive', n)))).toEqual(['under', 'normal', 'normal', 'over']);
  });

  it('keeps dedicated grids out of the household norm', () => {
    expect(sizeClass(grid('dedicated', 5))).toBe('dedicated');
  });

  it('takes the norm as configuration', () => {
    expect(sizeClass(grid('comprehensive', 250), { min: 200, max: 300 })).toBe('normal');
  });
});

describe('gridFillColor', () => {
  it('colours by type', () => {
    expect([gridFillColor(grid('comprehensive', 900), 'type'), gridFillColor(grid('dedicated', 0), 'type')]).toEqual([
      PALETTE.comprehensive,
      PALETTE.dedicated,
    ]);
  });

  it('colours by household count', () => {
    expect([100, 400, 800].map((n) => gridFillColor(grid('comprehensive', n), 'households'))).toEqual([PALETTE.under, PALETTE.normal, PALETTE.over]);
  });
});

describe('legendItems', () => {
  it('lists the household classes with the norm as parameters', () => {
    expect(legendItems('households').map((i) => [i.key, i.label.params ?? null])).toEqual([
      ['under', { min: 300, max: 500 }],
      ['normal', { min: 300, max: 500 }],
      ['over', { min: 300, max: 500 }],
      ['dedicated', null],
    ]);
  });
});

describe('styleGrids', () => {
  it('adds a fill to each feature without touching the input', () => {
    const input: GridCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 0],
              ],
            ],
          },
          properties: { id: 1, code: '320924001001001', name: 'a', type: 'comprehensive', communityCode: '320924001001', householdCount: 350, version: 1 },
        },
      ],
    };
    const styled = styleGrids(input, 'households');
    expect(styled.features[0].properties).toEqual({ ...input.features[0].properties, fill: PALETTE.normal });
    expect(input.features[0].properties).not.toHaveProperty('fill');
  });
});
