// The box around a GeoJSON geometry's positions, for zooming a map to a blind spot, a grid or a
// household. One walk for every kind, geometry collections included. Pure, unit-tested.
import type { BBox } from '../api/types';

interface AnyGeometry {
  coordinates?: unknown;
  geometries?: AnyGeometry[];
}

/** [west, south, east, north] of any geometry's positions (a gap, a grid, households), or null. */
export function geometryBounds(geometry: AnyGeometry | null): BBox | null {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1]);
    } else c.forEach(walk);
  };
  const visit = (g: AnyGeometry | null): void => {
    walk(g?.coordinates);
    for (const part of g?.geometries ?? []) visit(part);
  };
  visit(geometry);
  return Number.isFinite(box[0]) ? box : null;
}
