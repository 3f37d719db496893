import { describe, expect, it } from 'vitest';
import type { GridCollection } from '../../../client/src/api/types';
import { cellSizeMeters, characterSet, collectionBounds, labelFits, labelPoint, metersPerPixel } from '../../../client/src/map/grid-geometry';

const square = (x: number, y: number, d: number) => ({
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

const collection = (...geometries: ReturnType<typeof square>[]): GridCollection => ({
  type: 'FeatureCollection',
  features: geometries.map((geometry, i) => ({
    type: 'Feature',
    geometry,
    properties: { id: i, code: '', name: '', type: 'comprehensive', communityCode: '', householdCount: 0, version: 1 },
  })),
});

describe('collectionBounds', () => {
  it('spans every vertex', () => {
    expect(collectionBounds(collection(square(120, 33, 0.1), square(120.5, 32.8, 0.1)))).toEqual([120, 32.8, 120.6, 33.1]);
  });

  it('is null for an empty collection', () => {
    expect(collectionBounds(collection())).toBeNull();
  });
});

describe('labelPoint', () => {
  it('is the centroid of a polygon', () => {
    const [x, y] = labelPoint(square(0, 0, 2));
    expect([x, y]).toEqual([1, 1]);
  });

  it('takes the largest part of a multipolygon', () => {
    const mp = { type: 'MultiPolygon' as const, coordinates: [square(0, 0, 1).coordinates, square(10, 10, 4).coordinates] };
    expect(labelPoint(mp)).toEqual([12, 12]);
  });
});

describe('label fitting', () => {
  it('measures a cell in metres', () => {
    const { width, height } = cellSizeMeters(square(0, 0, 0.01));
    expect([Math.round(width), Math.round(height)]).toEqual([1113, 1113]);
  });

  it('halves metres per pixel with each zoom level', () => {
    expect(metersPerPixel(10, 0) / metersPerPixel(11, 0)).toBeCloseTo(2, 10);
    expect(metersPerPixel(0, 0)).toBeCloseTo(78271.517, 2);
  });

  it('shows a label only where the cell is wide enough for it', () => {
    // 10 CJK characters at 13 px need 143 px; a 1000 m cell is 100 px at 10 m/px, 200 px at 5 m/px.
    expect([labelFits('一二三四五六七八九十', 13, 1000, 10), labelFits('一二三四五六七八九十', 13, 1000, 5)]).toEqual([false, true]);
  });

  it('counts Latin characters as narrower than CJK ones', () => {
    expect([labelFits('Grid 0001', 13, 1000, 10), labelFits('网格网格网格网格网', 13, 1000, 10)]).toEqual([true, false]);
  });
});

describe('characterSet', () => {
  it('lists each character once, sorted', () => {
    expect(characterSet(['网格1', '网格2'])).toEqual(['1', '2', '格', '网']);
  });
});
