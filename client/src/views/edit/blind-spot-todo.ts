// The supervisor's to-do list of blind spots: the coverage report's spots grouped by kind, the
// kinds an editor can fix first, and the box each spot is zoomed to.
import type { BBox } from '../../api/types';
import { geometryBounds } from '../../map/geometry-bounds';

export interface TodoSpot {
  geometry: { type: string; coordinates: unknown } | null;
  properties: { kind: string; severity: 'high' | 'medium' | 'low'; explanation: { 'zh-CN': string; en: string } };
}

export interface TodoGroup<S extends TodoSpot> {
  kind: string;
  spots: S[];
}

/** The kinds with a name in the editor, in fixing order: what the editor fixes first, then staffing, then the rest. */
export const TODO_KINDS: readonly string[] = [
  'gap',
  'overlap',
  'household_outside',
  'household_multi',
  'grid_unstaffed',
  'worker_overloaded',
  'grid_outside_community',
  'region_empty',
  'grid_oversized',
  'grid_undersized',
  'grid_empty',
  'grid_no_party_member',
  'grid_unpatrolled',
  'grid_overdue',
  'grid_low_on_time_rate',
  'service_gap',
];
const SEVERITY = { high: 0, medium: 1, low: 2 } as const;
const rank = (kind: string) => (TODO_KINDS.includes(kind) ? TODO_KINDS.indexOf(kind) : TODO_KINDS.length);

/** The spots by kind, kinds in fixing order, the most severe spots of a kind first. */
export function todoGroups<S extends TodoSpot>(spots: S[]): TodoGroup<S>[] {
  const byKind = new Map<string, S[]>();
  for (const s of spots) byKind.set(s.properties.kind, [...(byKind.get(s.properties.kind) ?? []), s]);
  return [...byKind.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([kind, list]) => ({ kind, spots: [...list].sort((a, b) => SEVERITY[a.properties.severity] - SEVERITY[b.properties.severity]) }));
}

// A point (one household) is widened to about 60 m so the map has something to show around it.
const POINT_PAD_DEG = 0.0003;

/** The box around any GeoJSON geometry (points padded), or null when it has no position. */
export function spotBounds(geometry: TodoSpot['geometry']): BBox | null {
  const box = geometryBounds(geometry);
  if (!box) return null;
  const pad = box[2] - box[0] < POINT_PAD_DEG && box[3] - box[1] < POINT_PAD_DEG ? POINT_PAD_DEG : 0;
  return [box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad];
}
