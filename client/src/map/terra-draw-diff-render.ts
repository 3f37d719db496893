// terra-draw's MapLibre adapter hands MapLibre the whole layer on every change (setData): dragging
// one vertex of a 500-vertex grid re-sends ~1,000 vertex and midpoint handles, each with a dozen
// style properties. MapLibre serialises all of it on the main thread before posting it to its
// worker — most of a drag's main-thread time. MapLibre can apply a diff instead (updateData, with
// an incrementally updated index in the worker), so the adapter is made to send only what changed.
import type { GeoJSONSourceDiff } from 'maplibre-gl';
import type { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { applied, notApplied, type PatchReport } from './terra-draw-patch';

type Id = string | number;
interface DrawFeature {
  id?: Id;
  geometry: unknown;
  properties: Record<string, unknown>;
}
interface Sent {
  geometry: unknown;
  properties: Record<string, unknown>;
}
export type SentLayer = Map<Id, Sent>;

const sameValue = (a: unknown, b: unknown) =>
  a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && JSON.stringify(a) === JSON.stringify(b));

/**
 * The diff that turns the layer last sent into `features`, and the layer as sent after it. Geometry
 * is compared by reference: terra-draw replaces a feature's geometry when it changes and never
 * edits it in place (see terra-draw-speed.ts), so an unchanged reference is an unchanged shape.
 */
export function layerDiff(sent: SentLayer, features: DrawFeature[]): { diff: GeoJSONSourceDiff; next: SentLayer; empty: boolean } {
  const next: SentLayer = new Map();
  const add: GeoJSON.Feature[] = [];
  const update: NonNullable<GeoJSONSourceDiff['update']> = [];
  for (const feature of features) {
    const id = feature.id as Id;
    const before = sent.get(id);
    if (!before) {
      const properties = { ...feature.properties };
      next.set(id, { geometry: feature.geometry, properties });
      add.push({ type: 'Feature', id, geometry: feature.geometry as GeoJSON.Geometry, properties });
      continue;
    }
    const changed: { key: string; value: unknown }[] = [];
    for (const key in feature.properties)
      if (!sameValue(before.properties[key], feature.properties[key])) changed.push({ key, value: feature.properties[key] });
    const removed: string[] = [];
    for (const key in before.properties) if (!(key in feature.properties)) removed.push(key);
    const moved = before.geometry !== feature.geometry;
    // Most of a layer is unchanged on each render (a drag moves a handle or two): keep what was sent.
    if (!moved && !changed.length && !removed.length) {
      next.set(id, before);
      continue;
    }
    next.set(id, { geometry: feature.geometry, properties: { ...feature.properties } });
    update.push({
      id,
      ...(moved ? { newGeometry: feature.geometry as GeoJSON.Geometry } : {}),
      ...(removed.length ? { removeProperties: removed } : {}),
      ...(changed.length ? { addOrUpdateProperties: changed } : {}),
    });
  }
  const remove = [...sent.keys()].filter((id) => !next.has(id));
  const diff: GeoJSONSourceDiff = {};
  if (remove.length) diff.remove = remove;
  if (add.length) diff.add = add;
  if (update.length) diff.update = update;
  return { diff, next, empty: !remove.length && !add.length && !update.length };
}

interface AdapterInternals {
  _prefixId?: string;
  _map?: { getSource(id: string): { setData(data: unknown): unknown; updateData?(diff: GeoJSONSourceDiff): Promise<void> } | undefined };
  _setGeoJSONLayerData?: (type: string, features: DrawFeature[]) => string;
  render?: unknown;
}

/** Makes the adapter send diffs, or leaves it alone if its internals are not what this expects. */
export function renderChangesOnly(adapter: TerraDrawMapLibreGLAdapter<unknown>): PatchReport {
  const inner = adapter as unknown as AdapterInternals;
  if (typeof inner._setGeoJSONLayerData !== 'function') return notApplied('the adapter has no _setGeoJSONLayerData method');
  if (typeof inner._prefixId !== 'string') return notApplied('the adapter has no _prefixId');
  if (!inner._map || typeof inner._map.getSource !== 'function') return notApplied('the adapter keeps no _map');
  // Replacing the method is only worth anything while render() still hands its layers to it
  // (property names survive bundling and minifying, so the source says so).
  if (typeof inner.render !== 'function' || !String(inner.render).includes('_setGeoJSONLayerData')) {
    return notApplied("the adapter's render no longer calls _setGeoJSONLayerData");
  }
  const sent = new Map<string, SentLayer>();
  inner._setGeoJSONLayerData = (type, features) => {
    const sourceId = `${inner._prefixId}-${type.toLowerCase()}`;
    const source = inner._map!.getSource(sourceId);
    const before = sent.get(type);
    const withIds = features.every((f) => typeof f.id === 'string' || typeof f.id === 'number');
    if (!source) return sourceId;
    if (!before || !withIds || typeof source.updateData !== 'function') {
      // A whole layer with an id on every feature: MapLibre keeps it updateable from then on.
      source.setData({ type: 'FeatureCollection', features });
      if (withIds) sent.set(type, layerDiff(new Map(), features).next);
      else sent.delete(type);
      return sourceId;
    }
    const { diff, next, empty } = layerDiff(before, features);
    sent.set(type, next);
    if (!empty) {
      source.updateData(diff).catch(() => {
        sent.delete(type);
        source.setData({ type: 'FeatureCollection', features });
      });
    }
    return sourceId;
  };
  return applied;
}
