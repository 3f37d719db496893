// Pure helpers of the editor's scope, names and search: which grids the user may edit (the server's
// own rule, server/domain/edit-scope.ts), the regions they may pick, the grids a search finds.
import type { GridFeature, Region } from '../../api/types';
import { scopeCovers } from '../../../../server/domain/edit-scope';

/** The ids of the grids a scope covers (by the grid's community, as the server checks it). */
export function editableIds(grids: readonly GridFeature[], scope: readonly string[]): Set<number> {
  return new Set(grids.filter((g) => scopeCovers(scope, g.properties.communityCode)).map((g) => g.properties.id));
}

/** Whether a selection holds a grid the user may not edit (nothing is locked while the scope is unknown). */
export const anyLocked = (selected: readonly number[], editable: Set<number> | null): boolean => editable !== null && selected.some((id) => !editable.has(id));

export type PickableRegion = Pick<Region, 'code' | 'name' | 'level' | 'bbox'>;

/** The streets and communities under `root` (itself included) that the scope covers, in tree order. */
export function pickableRegions(root: Region | null, scope: readonly string[]): PickableRegion[] {
  const out: PickableRegion[] = [];
  const walk = (r: Region) => {
    if (r.level !== 'county' && scopeCovers(scope, r.code)) out.push({ code: r.code, name: r.name, level: r.level, bbox: r.bbox });
    for (const child of r.children) walk(child);
  };
  if (root) walk(root);
  return out;
}

/** A grid as people name it: its name, then its code. */
export const gridLabel = (g: { properties: { name: string; code: string } }): string => `${g.properties.name}（${g.properties.code}）`;

/** Grids whose name or code contains the query (spaces ignored), names matching first, at most `limit`. */
export function searchGrids(grids: readonly GridFeature[], query: string, limit = 8): GridFeature[] {
  const q = query.replace(/\s+/g, '').toLowerCase();
  if (!q) return [];
  const byName = grids.filter((g) => g.properties.name.toLowerCase().includes(q));
  const byCode = grids.filter((g) => !byName.includes(g) && g.properties.code.includes(q));
  return [...byName, ...byCode].slice(0, limit);
}
