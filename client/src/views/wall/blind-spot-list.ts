// The wall's blind spots as a list the room can go through: every one the map can show (the
// shapes of /api/stats/blind-spots, and the grids the overview flags), in order of urgency, each
// with what the map zooms to. Pure, unit-tested.
import type { Feature, FeatureCollection } from 'geojson';
import type { GridCollection } from '../../api/types';
import { geometryBounds } from '../../map/geometry-bounds';

/** Kinds in the order a command centre acts on them (the coverage engine's vocabulary). */
export const BLIND_SPOT_ORDER = [
  'gap',
  'household_outside',
  'grid_unstaffed',
  'region_empty',
  'overlap',
  'household_multi',
  'grid_outside_community',
  'grid_overdue',
  'grid_low_on_time_rate',
  'grid_unpatrolled',
  'grid_no_party_member',
  'grid_oversized',
  'grid_undersized',
  'grid_empty',
  'service_gap',
  'worker_overloaded',
] as const;
export type BlindSpotKind = (typeof BLIND_SPOT_ORDER)[number];

const rank = (kind: string) => {
  const i = (BLIND_SPOT_ORDER as readonly string[]).indexOf(kind);
  return i < 0 ? BLIND_SPOT_ORDER.length : i;
};

export interface KindCount {
  kind: string;
  count: number;
}

/** The overview's count per kind, most urgent kind first, empty kinds left out. */
export function countsByKind(byKind: Record<string, number>): KindCount[] {
  return Object.entries(byKind)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => ({ kind, count }))
    .sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind));
}

export interface SpotEntry {
  /** Stable across reloads: the kind and where it is. */
  id: string;
  kind: string;
  /** What the map outlines and zooms to; its properties carry the kind. */
  feature: Feature;
  /** The grid it is about, for the grid kinds. */
  gridName?: string;
  areaM2?: number;
}

/** Kinds the blind-spot shapes carry themselves; a grid's own `overlap` is one of those shapes. */
const SHAPE_KINDS: ReadonlySet<string> = new Set(['gap', 'household_outside', 'overlap', 'household_multi', 'grid_outside_community', 'region_empty']);

/**
 * Every blind spot with a place on the map: the shapes, then each flagged grid once per kind.
 * Most urgent kind first; within a kind the largest area first, then by grid name.
 */
export function blindSpotEntries(
  spots: FeatureCollection | null,
  grids: GridCollection | null,
  flagged: readonly { id: number; kinds: readonly string[] }[],
): SpotEntry[] {
  const entries: SpotEntry[] = [];
  for (const f of spots?.features ?? []) {
    const props = (f.properties ?? {}) as { kind?: string; areaM2?: number };
    const box = geometryBounds(f.geometry as { coordinates?: unknown } | null);
    if (!props.kind || !box) continue;
    entries.push({ id: `${props.kind}@${box.map((v) => v.toFixed(5)).join(',')}`, kind: props.kind, feature: f, areaM2: props.areaM2 });
  }
  const byId = new Map((grids?.features ?? []).map((g) => [g.properties.id, g]));
  for (const { id, kinds } of flagged) {
    const grid = byId.get(id);
    if (!grid) continue;
    for (const kind of kinds) {
      if (SHAPE_KINDS.has(kind)) continue;
      entries.push({
        id: `${kind}#${id}`,
        kind,
        feature: { type: 'Feature', geometry: grid.geometry, properties: { kind } },
        gridName: grid.properties.name,
      });
    }
  }
  return entries.sort(
    (a, b) =>
      rank(a.kind) - rank(b.kind) ||
      (b.areaM2 ?? 0) - (a.areaM2 ?? 0) ||
      (a.gridName ?? '').localeCompare(b.gridName ?? '', 'zh-CN') ||
      a.id.localeCompare(b.id),
  );
}
