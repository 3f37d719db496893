// terra-draw's store copies every feature it holds through JSON.stringify/parse on each change,
// and a vertex drag makes four changes per mouse move (the polygon, two midpoints, a handle). A
// 500-vertex grid has 1,000 handles, so those copies were most of a drag's time (and its garbage).
// The copies of the whole store only feed the adapter's next render, which reads geometry and
// writes style fields into properties; the store replaces a feature's geometry on every update and
// never edits it in place. So the whole-store copy can share geometry and copy the rest shallowly,
// and single-feature copies (which terra-draw does edit) stay deep, by a structural copy.
import type { TerraDraw } from 'terra-draw';
import { applied, notApplied, type PatchReport } from './terra-draw-patch';

/** A deep copy of plain JSON data (what terra-draw keeps: GeoJSON features, numbers, strings). */
export function copyJson<T>(value: T): T {
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyJson(value[i]);
    return out as T;
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = copyJson(v);
  }
  return out as T;
}

interface Feature {
  properties: Record<string, unknown>;
}
interface Store {
  store?: Record<string, Feature>;
  clone?: unknown;
  copyAll?: unknown;
}

/** Every feature with its own properties, geometry shared (see above). */
export function copyAllSharingGeometry(features: Record<string, Feature>): Feature[] {
  return Object.keys(features).map((id) => ({ ...features[id], properties: { ...features[id].properties } }));
}

/** Applies both to a TerraDraw instance, or leaves it alone if its internals are not what this expects. */
export function fasterStoreCopies(draw: TerraDraw): PatchReport {
  const store = (draw as unknown as { _store?: Store })._store;
  if (!store || typeof store !== 'object') return notApplied('TerraDraw has no _store');
  if (typeof store.clone !== 'function') return notApplied('the store has no clone method');
  if (typeof store.copyAll !== 'function') return notApplied('the store has no copyAll method');
  if (!store.store || typeof store.store !== 'object') return notApplied('the store keeps no features object in store');
  store.clone = copyJson;
  store.copyAll = () => copyAllSharingGeometry(store.store!);
  return applied;
}
