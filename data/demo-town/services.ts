// Service points of the eight categories. Elderly-care points are placed by a greedy cover so every
// household is within the 15-minute circle — except in the one village planted as a blind spot.

import { ELDERLY_CARE_RADIUS_M, type ServiceCategory } from './config';
import { type Lattice, toLngLat, toMetric, type Metric } from './lattice';
import { COMMUNITIES, PLANTED, VILLAGE_SETBACK_M, type DedicatedKind } from './layout';
import { streamRng, type Rng } from './prng';
import type { CommunityPlan, CopyRegions, MetricRect } from './regions';
import type { Household, ServicePoint } from './types';

/** Cover radius used when placing points (below the 1000 m circle, leaving room for jitter). */
const COVER_RADIUS_M = ELDERLY_CARE_RADIUS_M - 100;
/** Points stay this far from the planted village's households (above 1000 m, leaving room for jitter). */
const EXCLUSION_M = ELDERLY_CARE_RADIUS_M + 60;

const NAME_SUFFIXES: Record<ServiceCategory, string[]> = {
  safety: ['警务室', '治安巡防站', '综治中心', '平安志愿岗'],
  volunteer: ['新时代文明实践站', '志愿服务站', '红色驿站'],
  education: ['社区学校', '幼儿园', '四点半课堂', '家长学校'],
  convenience: ['便民服务中心', '农贸市场', '快递驿站', '便民服务点', '社区超市'],
  culture: ['文化活动中心', '农家书屋', '文体广场'],
  health: ['社区卫生服务站', '卫生室', '药店'],
  elderly_care: ['居家养老服务站', '日间照料中心', '老年助餐点', '颐养之家'],
  emergency: ['应急物资储备点', '微型消防站', '应急避难场所'],
};

const COUNTS: Array<[ServiceCategory, number]> = [
  ['safety', 2],
  ['volunteer', 2],
  ['education', 1],
  ['convenience', 3],
  ['culture', 1],
  ['health', 1],
  ['emergency', 1],
];

const DEDICATED_CATEGORY: Record<DedicatedKind, ServiceCategory> = {
  school: 'education',
  hospital: 'health',
  park: 'culture',
  enterprise: 'safety',
};

/** Unperturbed metric extent of the households of the planted village (copy 0). */
export function elderlyGapZone(lattice: Lattice): MetricRect {
  const t = COMMUNITIES.find((c) => c.key === PLANTED.elderlyCareGap.community)!;
  const a = lattice.baseMetric(2 * t.rect.c0, 2 * t.rect.r0);
  const b = lattice.baseMetric(2 * t.rect.c1, 2 * t.rect.r1);
  return { x0: a.x + VILLAGE_SETBACK_M, y0: a.y + VILLAGE_SETBACK_M, x1: b.x - VILLAGE_SETBACK_M, y1: b.y - VILLAGE_SETBACK_M };
}

function distToRect(p: Metric, r: MetricRect): number {
  const dx = Math.max(r.x0 - p.x, 0, p.x - r.x1);
  const dy = Math.max(r.y0 - p.y, 0, p.y - r.y1);
  return Math.hypot(dx, dy);
}

function nameFor(c: CommunityPlan, category: ServiceCategory, ordinal: number): string {
  const suffixes = NAME_SUFFIXES[category];
  const suffix = suffixes[ordinal % suffixes.length]!;
  const round = Math.floor(ordinal / suffixes.length);
  return `${c.region.name}${suffix}${round > 0 ? `${round + 1}` : ''}`;
}

function nearHousehold(rng: Rng, list: Household[]): [number, number] {
  const h = rng.pick(list);
  const m = toMetric([h.lng, h.lat]);
  return toLngLat({ x: m.x + rng.range(-6, 6), y: m.y + rng.range(-6, 6) });
}

function greedyCover(points: Metric[], candidates: Metric[]): Metric[] {
  const r2 = COVER_RADIUS_M * COVER_RADIUS_M;
  let uncovered = points;
  const chosen: Metric[] = [];
  while (uncovered.length > 0) {
    let best = -1;
    let bestCount = 0;
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k]!;
      let n = 0;
      for (const p of uncovered) if ((p.x - c.x) ** 2 + (p.y - c.y) ** 2 <= r2) n++;
      if (n > bestCount) {
        bestCount = n;
        best = k;
      }
    }
    if (best < 0) break;
    const c = candidates[best]!;
    chosen.push(c);
    uncovered = uncovered.filter((p) => (p.x - c.x) ** 2 + (p.y - c.y) ** 2 > r2);
  }
  return chosen;
}

export function generateServicePoints(lattice: Lattice, copyIndex: number, regions: CopyRegions, households: Household[]): ServicePoint[] {
  const rng = streamRng(lattice.seed, 'services', copyIndex);
  const zone = elderlyGapZone(lattice);
  const byCommunity = new Map<string, Household[]>();
  for (const h of households) {
    if (!byCommunity.has(h.communityCode)) byCommunity.set(h.communityCode, []);
    byCommunity.get(h.communityCode)!.push(h);
  }
  const out: ServicePoint[] = [];
  for (const c of regions.communities) {
    const list = byCommunity.get(c.region.code) ?? [];
    if (list.length === 0) continue;
    const ordinals = new Map<ServiceCategory, number>();
    const add = (category: ServiceCategory, pos: [number, number]) => {
      const n = ordinals.get(category) ?? 0;
      ordinals.set(category, n + 1);
      out.push({ name: nameFor(c, category, n), category, communityCode: c.region.code, lng: pos[0], lat: pos[1] });
    };
    for (const [category, count] of COUNTS) for (let k = 0; k < count; k++) add(category, nearHousehold(rng, list));
    for (const g of c.grids) {
      const kind = c.template.dedicated[g.templateIndex];
      if (!kind) continue;
      const [gi, gj] = g.ownCells[0]!;
      const category = DEDICATED_CATEGORY[kind];
      const n = ordinals.get(category) ?? 0;
      ordinals.set(category, n + 1);
      out.push({
        name: g.grid.name.replace(/专属网格$/, ''),
        category,
        communityCode: c.region.code,
        ...lngLat(toLngLat(lattice.inCell(gi, gj, 0.5, 0.5))),
      });
    }
    const planted = copyIndex === 0 && c.template.key === PLANTED.elderlyCareGap.community;
    if (planted) continue;
    const points = list.map((h) => toMetric([h.lng, h.lat]));
    const candidates = points.filter((p, k) => k % 5 === 0 && distToRect(p, zone) >= EXCLUSION_M);
    for (const m of greedyCover(points, candidates)) add('elderly_care', toLngLat(m));
  }
  return out;
}

function lngLat(p: [number, number]): { lng: number; lat: number } {
  return { lng: p[0], lat: p[1] };
}
