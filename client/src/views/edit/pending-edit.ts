import type { LineString, MultiPolygon, Polygon } from 'geojson';
import type { GridFeature } from '../../api/types';
import type { NeighbourShape } from '../../map/edit-topology';

/** The one edit the supervisor is preparing; it becomes real only when saved. */
export type PendingEdit =
  | { kind: 'create'; communityCode: string; geometry: Polygon }
  /** `linked`: neighbours whose shared vertices moved with it (topological editing); saved together. */
  | { kind: 'reshape'; gridId: number; version: number; geometry: Polygon; linked: NeighbourShape[] }
  | { kind: 'split'; gridId: number; version: number; line: LineString }
  | { kind: 'merge'; ids: number[]; versions: number[] }
  | { kind: 'delete'; gridId: number; version: number }
  /** Back to the shape of an earlier version: checked like a reshape, saved through the revert route. */
  | { kind: 'revert'; gridId: number; version: number; toVersion: number; geometry: Polygon | MultiPolygon };

/** The outer ring of a grid's first polygon, as the editor reshapes it. */
export function editablePolygon(grid: GridFeature): Polygon {
  const g = grid.geometry;
  return g.type === 'Polygon' ? g : { type: 'Polygon', coordinates: g.coordinates[0] };
}

/** The community a new grid belongs to: the one whose grids the drawing touches most, else the region's. */
export function communityFor(regionCode: string | undefined, grids: GridFeature[], selected: number[]): string | null {
  const chosen = grids.find((g) => selected.includes(g.properties.id));
  if (chosen) return chosen.properties.communityCode;
  if (regionCode && regionCode.length === 12) return regionCode;
  return null;
}

/** A plain click selects one grid; with Shift it adds or removes `id`, keeping the click order (for a merge). */
export function toggleSelection(selected: number[], id: number, additive: boolean): number[] {
  if (!additive) return [id];
  return selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id];
}

/** Whether two pending edits are the same (undo must not record no-op changes). */
export function sameEdit(a: PendingEdit | null, b: PendingEdit | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The grids as the map should show them: linked neighbours in their pending shapes. */
export function withLinked<C extends { features: GridFeature[] }>(grids: C | null, linked: NeighbourShape[]): C | null {
  if (!grids || linked.length === 0) return grids;
  const byId = new Map(linked.map((n) => [n.gridId, n.geometry]));
  return { ...grids, features: grids.features.map((g) => (byId.has(g.properties.id) ? { ...g, geometry: byId.get(g.properties.id)! } : g)) };
}

/** A stored version's shape as the editor can restore it: a polygon or multipolygon, else nothing. */
export function restorableGeometry(geometry: { type: string; coordinates: unknown } | null): Polygon | MultiPolygon | null {
  return geometry && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') ? (geometry as Polygon | MultiPolygon) : null;
}

/** What stays selected after a save: the edited grid when it still exists, else the first grid saved. */
export function savedSelection(saved: PendingEdit, savedIds: number[]): number[] {
  const edited = 'gridId' in saved ? saved.gridId : null;
  if (edited !== null && savedIds.includes(edited)) return [edited];
  return savedIds.slice(0, 1);
}
