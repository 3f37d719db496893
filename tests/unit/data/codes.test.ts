import { describe, expect, it } from 'vitest';
import { town } from './town-fixture';

const t = town({ incidentsPerCopy: 2000 });
const copy = t.copies[0]!;

describe('demo town codes', () => {
  it('gives the county, streets and communities valid codes prefixed by their parent', () => {
    expect(t.county).toMatchObject({ code: '320924', level: 'county', parentCode: null, name: '射阳县' });
    expect(copy.streets.map((s) => [s.code, s.parentCode])).toEqual([
      ['320924001', '320924'],
      ['320924002', '320924'],
    ]);
    for (const c of copy.communities) {
      expect(c.code).toMatch(/^\d{12}$/);
      expect(c.code.slice(0, 9)).toBe(c.parentCode);
      expect(copy.streets.map((s) => s.code)).toContain(c.parentCode);
    }
    expect(copy.communities).toHaveLength(8);
  });

  it('gives every grid a unique 15-digit code prefixed by its community', () => {
    const communityCodes = new Set(copy.communities.map((c) => c.code));
    for (const g of copy.grids) {
      expect(g.code).toMatch(/^\d{15}$/);
      expect(g.code.slice(0, 12)).toBe(g.communityCode);
      expect(communityCodes.has(g.communityCode)).toBe(true);
    }
    expect(new Set(copy.grids.map((g) => g.code)).size).toBe(copy.grids.length);
    expect(copy.grids).toHaveLength(80);
  });

  it('names comprehensive grids after their community and number', () => {
    expect(copy.grids[0]!.name).toBe('幸福社区第01网格');
    for (const g of copy.grids.filter((x) => x.type === 'comprehensive')) expect(g.name).toMatch(/社区|村/);
    for (const g of copy.grids.filter((x) => x.type === 'comprehensive')) expect(g.name.endsWith(`第${g.code.slice(13)}网格`)).toBe(true);
    const dedicated = copy.grids.filter((g) => g.type === 'dedicated');
    expect(dedicated.length).toBeGreaterThanOrEqual(4);
    expect(dedicated.length).toBeLessThanOrEqual(10);
    for (const g of dedicated) expect(g.name).toMatch(/专属网格$/);
  });

  it('keeps household and incident external ids and worker phones unique', () => {
    const hh = copy.households.map((h) => h.externalId);
    expect(new Set(hh).size).toBe(hh.length);
    expect(hh[0]).toBe('HH-320924-0000001');
    const inc = copy.incidents.map((i) => i.externalId);
    expect(new Set(inc).size).toBe(inc.length);
    const phones = copy.workers.map((w) => w.phone);
    expect(new Set(phones).size).toBe(phones.length);
    for (const p of phones) expect(p).toMatch(/^1[3-9]\d{9}$/);
  });
});
