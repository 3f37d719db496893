import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { town } from './town-fixture';

const copy = town({ incidentsPerCopy: 2000 }).copies[0]!;

describe('demo town grid numbering', () => {
  it('numbers grids west→east, north→south inside each community', () => {
    const violations: string[] = [];
    for (const c of copy.communities) {
      const grids = copy.grids
        .filter((g) => g.communityCode === c.code)
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((g) => ({ code: g.code, bbox: turf.bbox(turf.multiPolygon(g.geom)), centroid: turf.centroid(turf.multiPolygon(g.geom)).geometry.coordinates }));
      expect(grids.map((g) => g.code.slice(12))).toEqual(grids.map((_, k) => String(k + 1).padStart(3, '0')));
      for (let i = 0; i < grids.length; i++)
        for (let j = i + 1; j < grids.length; j++) {
          const a = grids[i]!;
          const b = grids[j]!;
          const overlap = Math.min(a.bbox[3], b.bbox[3]) - Math.max(a.bbox[1], b.bbox[1]);
          const minHeight = Math.min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1]);
          const sameRow = overlap > 0.5 * minHeight;
          if (sameRow ? a.centroid[0]! >= b.centroid[0]! : a.centroid[1]! <= b.centroid[1]!) violations.push(`${a.code} before ${b.code}`);
        }
    }
    expect(violations).toEqual([]);
  });
});
