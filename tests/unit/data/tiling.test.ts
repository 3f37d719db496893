import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { MultiPolygonCoords } from '../../../data/demo-town/types';
import { homeGrids } from './home-grid';
import { town } from './town-fixture';

const t = town({ incidentsPerCopy: 2000 });
const copy = t.copies[0]!;
const planted = t.planted;

const mp = (coords: MultiPolygonCoords) => turf.multiPolygon(coords);
const area = (coords: MultiPolygonCoords) => turf.area(mp(coords));

/** Union area and summed area of a set of shapes, in m². */
function unionAndSum(shapes: MultiPolygonCoords[]) {
  const union = turf.union(turf.featureCollection(shapes.map(mp)) as FeatureCollection<Polygon | MultiPolygon>)!;
  return { union, unionArea: turf.area(union), sum: shapes.reduce((s, g) => s + area(g), 0) };
}

function uncoveredArea(parent: MultiPolygonCoords, union: Feature<Polygon | MultiPolygon>) {
  const diff = turf.difference(turf.featureCollection([mp(parent), union]) as FeatureCollection<Polygon | MultiPolygon>);
  return diff ? turf.area(diff) : 0;
}

describe('demo town geometry', () => {
  it('writes valid boundaries: closed rings, counter-clockwise exteriors, no self-intersection', () => {
    const shapes = [t.county.boundary, ...copy.streets.map((s) => s.boundary), ...copy.communities.map((c) => c.boundary), ...copy.grids.map((g) => g.geom)];
    for (const shape of shapes)
      for (const polygon of shape) {
        const exterior = polygon[0]!;
        expect(exterior[0]).toEqual(exterior[exterior.length - 1]);
        expect(turf.booleanClockwise(exterior)).toBe(false);
        expect(turf.kinks(turf.polygon(polygon)).features).toEqual([]);
      }
  });

  it('tiles the county with its streets and each street with its communities', () => {
    const streets = unionAndSum(copy.streets.map((s) => s.boundary));
    expect(Math.abs(streets.unionArea - area(t.county.boundary))).toBeLessThan(1);
    expect(Math.abs(streets.sum - streets.unionArea)).toBeLessThan(1);
    for (const s of copy.streets) {
      const parts = unionAndSum(copy.communities.filter((c) => c.parentCode === s.code).map((c) => c.boundary));
      expect(Math.abs(parts.unionArea - area(s.boundary))).toBeLessThan(1);
      expect(Math.abs(parts.sum - parts.unionArea)).toBeLessThan(1);
    }
  });

  it('tiles every community with its grids, except the planted gap and overlap', () => {
    const gapArea = turf.area(turf.polygon([planted.gap.ring]));
    const overlapArea = turf.area(turf.polygon([planted.overlap.ring]));
    expect(gapArea).toBeGreaterThan(15000);
    expect(overlapArea).toBeGreaterThan(15000);
    const results = copy.communities.map((c) => {
      const grids = unionAndSum(copy.grids.filter((g) => g.communityCode === c.code).map((g) => g.geom));
      return {
        code: c.code,
        gap: Math.round(uncoveredArea(c.boundary, grids.union)),
        overlap: Math.round(grids.sum - grids.unionArea),
      };
    });
    const expected = copy.communities.map((c) => ({
      code: c.code,
      gap: c.code === planted.gap.communityCode ? Math.round(gapArea) : 0,
      overlap: c.code === planted.overlap.communityCode ? Math.round(overlapArea) : 0,
    }));
    for (let k = 0; k < results.length; k++) {
      expect(Math.abs(results[k]!.gap - expected[k]!.gap), `${results[k]!.code} gap`).toBeLessThanOrEqual(2);
      expect(Math.abs(results[k]!.overlap - expected[k]!.overlap), `${results[k]!.code} overlap`).toBeLessThanOrEqual(2);
    }
  });

  it('puts the planted overlap inside both grids and the planted gap inside none', () => {
    const inside = (code: string, p: number[]) => turf.booleanPointInPolygon(p, mp(copy.grids.find((g) => g.code === code)!.geom));
    const overlapCentre = turf.centroid(turf.polygon([planted.overlap.ring])).geometry.coordinates;
    expect([inside(planted.overlap.gridCode, overlapCentre), inside(planted.overlap.intoGridCode, overlapCentre)]).toEqual([true, true]);
    const gapCentre = turf.centroid(turf.polygon([planted.gap.ring])).geometry.coordinates;
    expect(copy.grids.filter((g) => turf.booleanPointInPolygon(gapCentre, mp(g.geom))).map((g) => g.code)).toEqual([]);
  });

  it('leaves exactly the planted gap households outside every grid', () => {
    const outside = [...homeGrids(copy.grids, copy.households)].filter(([, code]) => code === null).map(([id]) => id);
    expect(outside).toEqual(planted.gap.householdExternalIds);
    expect(outside).toHaveLength(12);
  });
});
