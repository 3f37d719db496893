import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { DAY_MS, SERVICE_CATEGORIES } from '../../../data/demo-town/config';
import { homeGrids } from './home-grid';
import { town } from './town-fixture';

const t = town({ incidentsPerCopy: 2000 });
const copy = t.copies[0]!;
const planted = t.planted;

describe('demo town population', () => {
  it('has about 25,000 households with realistic flags', () => {
    const n = copy.households.length;
    expect(n).toBeGreaterThan(24000);
    expect(n).toBeLessThan(27000);
    const share = (f: (h: (typeof copy.households)[0]) => boolean) => copy.households.filter(f).length / n;
    expect(share((h) => h.elderlyAlone)).toBeGreaterThan(0.05);
    expect(share((h) => h.elderlyAlone)).toBeLessThan(0.07);
    expect(share((h) => h.disabled)).toBeGreaterThan(0.015);
    expect(share((h) => h.lowIncome)).toBeGreaterThan(0.025);
    expect(share((h) => h.keyCare)).toBeGreaterThan(0.015);
    expect(copy.households.every((h) => h.population >= 1 && h.population <= 6)).toBe(true);
  });

  it('keeps comprehensive grids at 300–500 home households except the planted over- and undersized ones', () => {
    const perGrid = new Map<string, number>();
    for (const code of homeGrids(copy.grids, copy.households).values()) if (code) perGrid.set(code, (perGrid.get(code) ?? 0) + 1);
    const outOfRange = copy.grids
      .filter((g) => g.type === 'comprehensive')
      .map((g) => ({ code: g.code, n: perGrid.get(g.code) ?? 0 }))
      .filter((g) => g.n < 300 || g.n > 500);
    expect(outOfRange).toEqual(
      [
        { code: planted.undersizedGridCode, n: 190 },
        { code: planted.oversizedGridCode, n: 560 },
      ].sort((a, b) => a.code.localeCompare(b.code)),
    );
  });

  it('has 100–150 service points covering all eight categories', () => {
    expect(copy.servicePoints.length).toBeGreaterThanOrEqual(100);
    expect(copy.servicePoints.length).toBeLessThanOrEqual(150);
    expect([...new Set(copy.servicePoints.map((s) => s.category))].sort()).toEqual([...SERVICE_CATEGORIES].sort());
  });

  it('leaves only the planted village more than 1000 m from any elderly-care point', () => {
    const care = copy.servicePoints.filter((s) => s.category === 'elderly_care').map((s) => [s.lng, s.lat]);
    const nearest = (h: { lng: number; lat: number }) => Math.min(...care.map((p) => turf.distance([h.lng, h.lat], p, { units: 'meters' })));
    const far = new Set<string>();
    let farElderly = 0;
    for (const h of copy.households) {
      if (nearest(h) > 1000) {
        far.add(h.communityCode);
        if (h.elderlyAlone) farElderly++;
      }
    }
    expect([...far]).toEqual([planted.elderlyCareGapCommunityCode]);
    const villagers = copy.households.filter((h) => h.communityCode === planted.elderlyCareGapCommunityCode);
    expect(villagers.every((h) => nearest(h) > 1000)).toBe(true);
    expect(farElderly).toBeGreaterThan(50);
  });
});

describe('demo town workers', () => {
  const byGrid = new Map<string, typeof copy.workers>();
  for (const w of copy.workers) for (const code of w.gridCodes) byGrid.set(code, [...(byGrid.get(code) ?? []), w]);

  it('has about 150 workers, about 35% party members, most grids with one or two workers', () => {
    expect(copy.workers.length).toBeGreaterThan(130);
    expect(copy.workers.length).toBeLessThan(170);
    const party = copy.workers.filter((w) => w.isPartyMember).length / copy.workers.length;
    expect(party).toBeGreaterThan(0.3);
    expect(party).toBeLessThan(0.45);
    const oneOrTwo = copy.grids.filter((g) => [1, 2].includes(byGrid.get(g.code)?.length ?? 0)).length;
    expect(oneOrTwo / copy.grids.length).toBeGreaterThan(0.8);
    expect(new Set(copy.workers.map((w) => w.role))).toEqual(new Set(['full_time', 'part_time', 'grid_leader']));
  });

  it('leaves exactly the planted grids without workers', () => {
    expect(copy.grids.filter((g) => !byGrid.has(g.code)).map((g) => g.code)).toEqual(planted.unstaffedGridCodes);
  });

  it('leaves exactly one staffed grid without any party member', () => {
    const groups = new Set(copy.partyGroups.map((p) => p.gridCode));
    const noParty = copy.grids.filter((g) => byGrid.has(g.code) && !byGrid.get(g.code)!.some((w) => w.isPartyMember)).map((g) => g.code);
    expect(noParty).toEqual([planted.noPartyMemberGridCode]);
    expect(groups.has(planted.noPartyMemberGridCode)).toBe(false);
    expect(groups.size / copy.grids.length).toBeGreaterThan(0.7);
  });

  it('has patrols in the last 90 days, none in the last 30 days only for the planted grids', () => {
    const last = new Map<string, number>();
    for (const p of copy.patrols) last.set(p.gridCode, Math.max(last.get(p.gridCode) ?? 0, p.visitedAt));
    const stale = copy.grids.filter((g) => byGrid.has(g.code) && (last.get(g.code) ?? 0) < t.now - 30 * DAY_MS).map((g) => g.code);
    expect(stale).toEqual(planted.unpatrolledGridCodes);
    expect(copy.patrols.every((p) => p.visitedAt >= t.now - 90 * DAY_MS && p.visitedAt < t.now)).toBe(true);
  });
});
