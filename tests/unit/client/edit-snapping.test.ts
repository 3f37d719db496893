import { describe, expect, it } from 'vitest';
import { ringsOf, snapPosition, type LngLat } from '../../../client/src/map/edit-snapping';

// 1° = 1000 px, y grows southwards as on screen.
const project = ([lng, lat]: LngLat) => ({ x: lng * 1000, y: -lat * 1000 });
const square = {
  rings: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ] as LngLat[],
  ],
};

describe('snapPosition', () => {
  it('snaps to a vertex within the tolerance before any edge', () => {
    expect(snapPosition({ x: 1003, y: -995 }, square, project)).toEqual([1, 1]);
  });

  it('snaps to the nearest point of an edge when no vertex is near', () => {
    expect(snapPosition({ x: 500, y: 6 }, square, project)).toEqual([0.5, 0]);
  });

  it('leaves the cursor alone beyond the tolerance', () => {
    expect(snapPosition({ x: 500, y: -500 }, square, project)).toBe(undefined);
    expect(snapPosition({ x: 500, y: 12 }, square, project, 10)).toBe(undefined);
  });

  it('collects the rings of polygons and multipolygons', () => {
    const rings = ringsOf([
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      },
      {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [5, 5],
              [6, 5],
              [5, 6],
              [5, 5],
            ],
          ],
          [
            [
              [7, 7],
              [8, 7],
              [7, 8],
              [7, 7],
            ],
          ],
        ],
      },
    ]);
    expect(rings.map((r) => r[0])).toEqual([
      [0, 0],
      [5, 5],
      [7, 7],
    ]);
  });
});
