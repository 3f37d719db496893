import * as turf from '@turf/turf';
import type { Grid, Household } from '../../../data/demo-town/types';

/** The home-grid rule (server/repositories/home-grid.ts) in memory: lowest code among the grids containing the point (edges count). */
export function homeGrids(grids: Grid[], households: Household[]): Map<string, string | null> {
  const indexed = [...grids]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((g) => ({ code: g.code, feature: turf.multiPolygon(g.geom), bbox: turf.bbox(turf.multiPolygon(g.geom)) }));
  const out = new Map<string, string | null>();
  for (const h of households) {
    const hit = indexed.find(
      (g) => h.lng >= g.bbox[0] && h.lng <= g.bbox[2] && h.lat >= g.bbox[1] && h.lat <= g.bbox[3] && turf.booleanPointInPolygon([h.lng, h.lat], g.feature),
    );
    out.set(h.externalId, hit?.code ?? null);
  }
  return out;
}
