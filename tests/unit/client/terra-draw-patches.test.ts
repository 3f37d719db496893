// The two patches of terra-draw's internals, applied to the real classes of the pinned versions
// (terra-draw 1.35.0, terra-draw-maplibre-gl-adapter 1.4.1): each must say it applied, and say it
// did not, with a reason, once the private member it replaces is gone (as an upstream refactor would).
import { describe, expect, it } from 'vitest';
import { TerraDraw, TerraDrawPolygonMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { renderChangesOnly } from '../../../client/src/map/terra-draw-diff-render';
import { copyJson, fasterStoreCopies } from '../../../client/src/map/terra-draw-speed';

/** The least of a MapLibre map the adapter's constructor and its layer updates touch. */
function stubMap() {
  const calls: { kind: 'setData' | 'updateData'; source: string; payload: unknown }[] = [];
  const source = (id: string) => ({
    setData: (payload: unknown) => calls.push({ kind: 'setData', source: id, payload }),
    updateData: async (payload: unknown) => {
      calls.push({ kind: 'updateData', source: id, payload });
    },
  });
  const map = {
    getContainer: () => ({}),
    dragRotate: { isEnabled: () => true },
    dragPan: { isEnabled: () => true },
    getSource: (id: string) => (id.startsWith('td-') ? source(id) : undefined),
  };
  return { map, calls };
}

const realAdapter = () => {
  const { map, calls } = stubMap();
  return { adapter: new TerraDrawMapLibreGLAdapter({ map }), calls };
};
const realDraw = () => new TerraDraw({ adapter: realAdapter().adapter, modes: [new TerraDrawPolygonMode()] });
type Internals = Record<string, unknown>;
const point = (x: number) => ({ geometry: { type: 'Point' as const, coordinates: [x, 0] }, properties: { mode: 'polygon' } });

describe('fasterStoreCopies on the real TerraDraw', () => {
  it('reports that it applied, and the store then shares geometry in whole-store copies only', () => {
    const draw = realDraw();
    expect(fasterStoreCopies(draw)).toEqual({ applied: true });
    const store = (draw as unknown as Internals)._store as {
      create(f: unknown[]): string[];
      store: Record<string, { geometry: unknown; properties: unknown }>;
      clone: unknown;
    };
    expect(store.clone).toBe(copyJson);
    const [id] = store.create([point(1)]);
    // getSnapshot copies the whole store (copyAll): geometry shared, properties copied.
    const [copied] = draw.getSnapshot();
    expect(copied.geometry).toBe(store.store[id].geometry);
    expect(copied.properties).not.toBe(store.store[id].properties);
    expect(copied.properties).toEqual(store.store[id].properties);
    // A single feature's copy (which terra-draw edits) stays deep.
    const one = draw.getSnapshotFeature(id)!;
    expect(one.geometry).toEqual(store.store[id].geometry);
    expect(one.geometry).not.toBe(store.store[id].geometry);
  });

  it('reports that it did not apply, and why, when TerraDraw has no _store', () => {
    const draw = realDraw();
    const internals = draw as unknown as Internals;
    internals._featureStore = internals._store;
    delete internals._store;
    const report = fasterStoreCopies(draw);
    expect(report.applied).toBe(false);
    expect(report).toHaveProperty('reason', expect.stringContaining('_store'));
  });

  it('reports that it did not apply when the store lost the member it replaces', () => {
    const draw = realDraw();
    const store = (draw as unknown as Internals)._store as Internals;
    // An own property shadowing the prototype's method, as a rename upstream would leave it.
    store.copyAll = undefined;
    const report = fasterStoreCopies(draw);
    expect(report.applied).toBe(false);
    expect(report).toHaveProperty('reason', expect.stringContaining('copyAll'));
  });
});

describe('renderChangesOnly on the real TerraDrawMapLibreGLAdapter', () => {
  it("reports that it applied, and the adapter's own layer update then sends the whole layer once, then diffs", () => {
    const { adapter, calls } = realAdapter();
    expect(renderChangesOnly(adapter)).toEqual({ applied: true });
    const setLayer = (adapter as unknown as Internals)._setGeoJSONLayerData as (type: string, features: unknown[]) => string;
    const [a, b] = [
      { id: 'a', ...point(0) },
      { id: 'b', ...point(1) },
    ];
    expect(setLayer.call(adapter, 'Point', [a, b])).toBe('td-point');
    const moved = { ...b, geometry: { type: 'Point', coordinates: [2, 0] } };
    setLayer.call(adapter, 'Point', [a, moved]);
    expect(calls).toEqual([
      { kind: 'setData', source: 'td-point', payload: { type: 'FeatureCollection', features: [a, b] } },
      { kind: 'updateData', source: 'td-point', payload: { update: [{ id: 'b', newGeometry: moved.geometry }] } },
    ]);
  });

  it('keeps sending whole layers when a feature has no id (MapLibre could not apply a diff)', () => {
    const { adapter, calls } = realAdapter();
    renderChangesOnly(adapter);
    const setLayer = (adapter as unknown as Internals)._setGeoJSONLayerData as (type: string, features: unknown[]) => string;
    const anonymous = point(0);
    setLayer.call(adapter, 'Point', [anonymous]);
    setLayer.call(adapter, 'Point', [anonymous]);
    expect(calls.map((c) => c.kind)).toEqual(['setData', 'setData']);
  });

  it('reports that it did not apply, and why, when the adapter has no _setGeoJSONLayerData', () => {
    class Renamed extends TerraDrawMapLibreGLAdapter<unknown> {}
    Object.defineProperty(Renamed.prototype, '_setGeoJSONLayerData', { value: undefined });
    const report = renderChangesOnly(new Renamed({ map: stubMap().map }));
    expect(report.applied).toBe(false);
    expect(report).toHaveProperty('reason', expect.stringContaining('_setGeoJSONLayerData'));
  });

  it("reports that it did not apply when the adapter's render no longer goes through that method", () => {
    class Rewritten extends TerraDrawMapLibreGLAdapter<unknown> {
      render() {}
    }
    const report = renderChangesOnly(new Rewritten({ map: stubMap().map }));
    expect(report.applied).toBe(false);
    expect(report).toHaveProperty('reason', expect.stringContaining('render'));
  });
});
