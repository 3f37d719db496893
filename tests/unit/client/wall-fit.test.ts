import { describe, expect, it } from 'vitest';
import type { BBox } from '../../../client/src/api/types';
import { geometryBounds } from '../../../client/src/map/geometry-bounds';
import { mercatorAspect, wallFitPadding } from '../../../client/src/map/wall-fit';

// The demo county (a wide strip of communities) and one of its communities (about as wide as tall).
const COUNTY: BBox = [120.2144992, 33.7623505, 120.3054947, 33.7777043];
const COMMUNITY: BBox = [120.2274515, 33.7699384, 120.2406356, 33.7777043];
const PANEL = { width: 760, height: 500 };
const LEGEND = { width: 210, height: 160 };

describe("the wall map's frame", () => {
  it('measures boxes as Web Mercator draws them', () => {
    expect(mercatorAspect(COUNTY)).toBeGreaterThan(4.5);
    expect(mercatorAspect(COUNTY)).toBeLessThan(5.5);
    expect(mercatorAspect(COMMUNITY)).toBeGreaterThan(1);
    expect(mercatorAspect(COMMUNITY)).toBeLessThan(1.5);
    expect(mercatorAspect([0, 10, 1, 10])).toBe(Number.POSITIVE_INFINITY);
  });

  it('puts a wide region above the legend, using the whole width', () => {
    expect(wallFitPadding(PANEL, LEGEND, 12, COUNTY, 16)).toEqual({ top: 16, right: 16, bottom: 12 + 160 + 16, left: 16 });
  });

  it('puts a region about as tall as wide beside the legend, never under it', () => {
    expect(wallFitPadding(PANEL, LEGEND, 12, COMMUNITY, 16)).toEqual({ top: 16, right: 16, bottom: 16, left: 12 + 210 + 16 });
  });

  it('fits the region without the legend when the panel has no room for both', () => {
    expect(wallFitPadding({ width: 200, height: 150 }, LEGEND, 12, COMMUNITY, 8)).toEqual({ top: 8, right: 8, bottom: 8, left: 8 });
  });
});

describe('the bounds of a blind spot', () => {
  it('covers polygons, multipolygons and the households of a multipoint', () => {
    expect(
      geometryBounds({
        coordinates: [
          [
            [1, 2],
            [3, 1],
            [2, 4],
            [1, 2],
          ],
        ],
      }),
    ).toEqual([1, 1, 3, 4]);
    expect(
      geometryBounds({
        coordinates: [
          [
            [
              [0, 0],
              [1, 1],
            ],
          ],
          [
            [
              [5, -1],
              [2, 2],
            ],
          ],
        ],
      }),
    ).toEqual([0, -1, 5, 2]);
    expect(
      geometryBounds({
        coordinates: [
          [7, 8],
          [6, 9],
        ],
      }),
    ).toEqual([6, 8, 7, 9]);
    expect(geometryBounds({ coordinates: [] })).toBeNull();
    expect(geometryBounds(null)).toBeNull();
  });
});
