import { describe, expect, it } from 'vitest';
import type { GeoJSONStoreFeatures } from 'terra-draw';
import { draftCorners, finishedCorners } from '../../../client/src/map/analysis-draw';

// Features as terra-draw 1.35's polygon mode keeps them while an area is drawn: the corners
// clicked, then the point under the cursor, then the first corner again.
const polygon = (coordinates: number[][], properties: Record<string, unknown>) =>
  ({
    id: 'p',
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [coordinates] },
    properties: { mode: 'polygon', ...properties },
  }) as GeoJSONStoreFeatures;
const [a, b, c, cursor] = [
  [120.1, 33.7],
  [120.2, 33.7],
  [120.2, 33.8],
  [120.15, 33.9],
];

describe('draftCorners', () => {
  it('takes the corners clicked so far, not the point under the cursor nor the closing corner', () => {
    const drawing = polygon([a, b, c, cursor, a], { currentlyDrawing: true, committedCoordinateCount: 3, provisionalCoordinateCount: 4 });
    expect(draftCorners([drawing])).toEqual([a, b, c]);
  });

  it('is empty before a first click, or when nothing is being drawn', () => {
    expect(draftCorners([])).toEqual([]);
    expect(draftCorners([polygon([a, b, c, a], {})])).toEqual([]);
  });

  it("copies the corners: the URL state shares nothing with terra-draw's store", () => {
    const drawing = polygon([a, b, c, a], { currentlyDrawing: true, committedCoordinateCount: 3 });
    const [first] = draftCorners([drawing]);
    expect(first).toEqual(a);
    expect(first).not.toBe(a);
  });
});

describe('finishedCorners', () => {
  it('leaves out the closing corner, as the URL keeps an area', () => {
    expect(finishedCorners(polygon([a, b, c, a], {}))).toEqual([a, b, c]);
  });

  it('is null for no feature or a line', () => {
    expect(finishedCorners(undefined)).toBeNull();
    expect(finishedCorners({ id: 'l', type: 'Feature', geometry: { type: 'LineString', coordinates: [a, b] }, properties: {} })).toBeNull();
  });
});
