import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { MultiPolygonCoords } from '../../../data/demo-town/types';
import { town } from './town-fixture';

const one = town({ incidentsPerCopy: 500 });
const two = town({ incidentsPerCopy: 500, scale: 2 });
const all = <K extends 'streets' | 'communities' | 'grids' | 'households' | 'incidents' | 'servicePoints' | 'workers'>(t: typeof one, k: K) =>
  t.copies.flatMap((c) => c[k] as unknown[]);

describe('demo town at scale 2', () => {
  it('doubles the counts', () => {
    expect(all(two, 'streets')).toHaveLength(4);
    expect(all(two, 'communities')).toHaveLength(16);
    expect(all(two, 'grids')).toHaveLength(2 * all(one, 'grids').length);
    for (const k of ['households', 'incidents', 'servicePoints', 'workers'] as const) {
      const ratio = all(two, k).length / all(one, k).length;
      expect(ratio, k).toBeGreaterThan(1.9);
      expect(ratio, k).toBeLessThan(2.1);
    }
  });

  it('keeps every code and external id unique across copies', () => {
    const codes = [...all(two, 'streets'), ...all(two, 'communities'), ...all(two, 'grids')].map((r) => (r as { code: string }).code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(two.copies[1]!.streets.map((s) => s.code)).toEqual(['320924003', '320924004']);
    const hh = all(two, 'households').map((h) => (h as { externalId: string }).externalId);
    expect(new Set(hh).size).toBe(hh.length);
    const inc = all(two, 'incidents').map((i) => (i as { externalId: string }).externalId);
    expect(new Set(inc).size).toBe(inc.length);
    const phones = all(two, 'workers').map((w) => (w as { phone: string }).phone);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('lays the second copy east of the first and makes the county their union', () => {
    const [west, east] = two.copies.map((c) => turf.bbox(turf.multiPolygon(c.streets[0]!.boundary)));
    expect(east![0]).toBeGreaterThan(west![2]! - 0.001);
    const streets = all(two, 'streets') as Array<{ boundary: MultiPolygonCoords }>;
    const sum = streets.reduce((s, r) => s + turf.area(turf.multiPolygon(r.boundary)), 0);
    expect(Math.abs(sum - turf.area(turf.multiPolygon(two.county.boundary)))).toBeLessThan(1);
    expect(two.county.boundary).toHaveLength(1);
  });
});
