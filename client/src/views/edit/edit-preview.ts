import type { Geometry } from 'geojson';
import type { EditPreview } from '../../map/edit-layers';
import type { Check } from './use-edit-session';

/** What the map shows of a checked edit: overlaps and gaps it creates, and what would be stored. */
export function previewOf(check: Check, avoidOverlaps: boolean): EditPreview {
  if (check.status === 'report' || check.status === 'batch') {
    const r = check.report;
    const stored = 'grids' in r ? r.grids.map((g) => g.geometry) : [r.geometry];
    return {
      overlaps: r.overlaps.map((o) => o.geometry as Geometry),
      gap: (r.gap as Geometry | null) ?? null,
      results: avoidOverlaps ? stored.filter((g) => g !== null).map((g) => g as Geometry) : [],
    };
  }
  if (check.status === 'preview') return { overlaps: [], gap: null, results: check.preview.grids.map((g) => g.geometry as Geometry) };
  return { overlaps: [], gap: null, results: [] };
}

/** Square metres for people: whole numbers, thousands grouped. */
export function formatM2(m2: number, lang: string): string {
  return Math.round(m2).toLocaleString(lang);
}
