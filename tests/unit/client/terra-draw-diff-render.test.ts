import { describe, expect, it } from 'vitest';
import { layerDiff } from '../../../client/src/map/terra-draw-diff-render';

// renderChangesOnly itself is tested on the real adapter in terra-draw-patches.test.ts.
const square = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ],
  ],
};
const handle = (id: string, x: number) => ({
  id,
  geometry: { type: 'Point', coordinates: [x, 0] },
  properties: { mode: 'select', pointColor: '#fff', pointWidth: 4 },
});

describe('layerDiff', () => {
  it('adds every feature of a first layer', () => {
    const a = handle('a', 0);
    const { diff, empty } = layerDiff(new Map(), [a]);
    expect(empty).toBe(false);
    expect(diff).toEqual({ add: [{ type: 'Feature', id: 'a', geometry: a.geometry, properties: a.properties }] });
  });

  it('sends nothing for features whose geometry object and style are unchanged', () => {
    const a = handle('a', 0);
    const { next } = layerDiff(new Map(), [a]);
    // terra-draw rewrites the same style values into a fresh properties object on every render.
    expect(layerDiff(next, [{ ...a, properties: { ...a.properties } }])).toMatchObject({ diff: {}, empty: true });
  });

  it("sends a moved feature's new geometry, changed and removed properties, and removals", () => {
    const [a, b] = [handle('a', 0), handle('b', 1)];
    const { next } = layerDiff(new Map(), [a, b]);
    const moved = { ...a, geometry: { type: 'Point', coordinates: [0.5, 0] }, properties: { mode: 'select', pointColor: '#f00' } };
    expect(layerDiff(next, [moved]).diff).toEqual({
      remove: ['b'],
      update: [{ id: 'a', newGeometry: moved.geometry, removeProperties: ['pointWidth'], addOrUpdateProperties: [{ key: 'pointColor', value: '#f00' }] }],
    });
  });

  it('compares array-valued style properties by value', () => {
    const line = { id: 'l', geometry: square, properties: { lineStringDash: [2, 1] } };
    const { next } = layerDiff(new Map(), [line]);
    expect(layerDiff(next, [{ ...line, properties: { lineStringDash: [2, 1] } }]).empty).toBe(true);
    expect(layerDiff(next, [{ ...line, properties: { lineStringDash: [1, 1] } }]).diff.update).toEqual([
      { id: 'l', addOrUpdateProperties: [{ key: 'lineStringDash', value: [1, 1] }] },
    ]);
  });
});
