// Households: apartment compounds and street-front houses in town, hamlets (组) in villages.

import { COUNTY_CODE } from './config';
import { FINE_ROWS, type Lattice, toLngLat } from './lattice';
import { PLANTED } from './layout';
import { COMPOUND_PREFIXES, COMPOUND_SUFFIXES, EW_ROAD_NAMES } from './names';
import { streamRng, type Rng } from './prng';
import { pad, type CommunityPlan, type CopyRegions, type GridPlan } from './regions';
import type { Household } from './types';

const MARGIN = 0.06;
const POPULATION_WEIGHTS = [12, 30, 28, 17, 9, 4];

type Building = { u: number; v: number; count: number; no: number };
type Compound = { name: string; road: string; no: number; buildings: Building[] };
type CellPlan = {
  gi: number;
  gj: number;
  u0: number;
  u1: number;
  v0: number;
  v1: number;
  weight: number;
  road: string;
  compounds: Compound[];
  hamlet: { group: number; u: number; v: number; su: number; sv: number; next: number } | null;
};

export type HouseholdResult = {
  households: Household[];
  byGrid: Map<string, Household[]>;
  gapExternalIds: string[];
  nextSerial: number;
};

export function householdId(serial: number): string {
  return `HH-${COUNTY_CODE}-${pad(serial, 7)}`;
}

function gridTarget(rng: Rng, copyIndex: number, c: CommunityPlan, g: GridPlan): number {
  const base = g.type === 'dedicated' ? rng.int(0, 30) : c.template.kind === 'urban' ? rng.int(305, 400) : rng.int(305, 345);
  if (copyIndex !== 0) return base;
  const { oversized, undersized, overlap } = PLANTED;
  // The overlapping grid (lower code) takes the households of the overlapped quarter; keep its
  // neighbour above 300 so the overlap is the only thing wrong with it.
  if (c.template.key === overlap.community && g.templateIndex === overlap.into) return Math.max(base, 390);
  if (c.template.key === oversized.community && g.templateIndex === oversized.grid) return oversized.households;
  if (c.template.key === undersized.community && g.templateIndex === undersized.grid) return undersized.households;
  return base;
}

function planCells(lattice: Lattice, c: CommunityPlan, g: GridPlan, rng: Rng, frontNumbers: Map<string, number>, hamlets: { n: number }): CellPlan[] {
  const plans: CellPlan[] = [];
  for (const [gi, gj] of g.ownCells) {
    const a = lattice.baseMetric(gi, gj);
    const b = lattice.baseMetric(gi + 1, gj + 1);
    const h = c.habitable;
    const u0 = Math.max(MARGIN, (h.x0 - a.x) / (b.x - a.x));
    const u1 = Math.min(1 - MARGIN, (h.x1 - a.x) / (b.x - a.x));
    const v0 = Math.max(MARGIN, (h.y0 - a.y) / (b.y - a.y));
    const v1 = Math.min(1 - MARGIN, (h.y1 - a.y) / (b.y - a.y));
    if (u1 - u0 < 0.05 || v1 - v0 < 0.05) continue;
    const road = EW_ROAD_NAMES[gj % FINE_ROWS]!;
    const weight = (u1 - u0) * (v1 - v0) * (b.x - a.x) * (b.y - a.y);
    const compounds: Compound[] = [];
    let hamlet: CellPlan['hamlet'] = null;
    if (c.template.kind === 'urban') {
      const n = rng.int(1, 2);
      for (let k = 0; k < n; k++) {
        const cu = u0 + (u1 - u0) * (n === 1 ? rng.range(0.4, 0.6) : k === 0 ? rng.range(0.25, 0.35) : rng.range(0.65, 0.75));
        const cv = v0 + (v1 - v0) * rng.range(0.4, 0.6);
        const buildings: Building[] = [];
        const cols = rng.int(2, 3);
        const rows = rng.int(2, 3);
        for (let by = 0; by < rows; by++)
          for (let bx = 0; bx < cols; bx++)
            buildings.push({
              u: cu + (bx - (cols - 1) / 2) * 0.11 * (u1 - u0),
              v: cv + (by - (rows - 1) / 2) * 0.14 * (v1 - v0),
              count: 0,
              no: buildings.length + 1,
            });
        const no = nextNumber(frontNumbers, road, rng);
        compounds.push({ name: rng.pick(COMPOUND_PREFIXES) + rng.pick(COMPOUND_SUFFIXES), road, no, buildings });
      }
    } else {
      hamlet = {
        group: ++hamlets.n,
        u: (u0 + u1) / 2,
        v: (v0 + v1) / 2,
        su: (u1 - u0) / 5,
        sv: (v1 - v0) / 5,
        next: 1,
      };
    }
    plans.push({ gi, gj, u0, u1, v0, v1, weight, road, compounds, hamlet });
  }
  return plans;
}

function nextNumber(numbers: Map<string, number>, road: string, rng: Rng): number {
  const n = (numbers.get(road) ?? 0) + rng.int(1, 3);
  numbers.set(road, n);
  return n * 2 - (n % 2);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function makeHousehold(rng: Rng, serial: number, address: string, pos: [number, number], gridCode: string | null, communityCode: string): Household {
  const elderlyAlone = rng.chance(0.06);
  return {
    externalId: householdId(serial),
    address,
    population: elderlyAlone ? 1 : rng.weighted(POPULATION_WEIGHTS) + 1,
    elderlyAlone,
    disabled: rng.chance(0.02),
    lowIncome: rng.chance(0.03),
    keyCare: rng.chance(0.02),
    lng: pos[0],
    lat: pos[1],
    gridCode,
    communityCode,
  };
}

export function generateHouseholds(lattice: Lattice, copyIndex: number, regions: CopyRegions, firstSerial: number): HouseholdResult {
  const rng = streamRng(lattice.seed, 'households', copyIndex);
  const households: Household[] = [];
  const byGrid = new Map<string, Household[]>();
  const gapExternalIds: string[] = [];
  let serial = firstSerial;
  const frontNumbers = new Map<string, number>();
  for (const c of regions.communities) {
    const town = c.streetName;
    const hamlets = { n: 0 };
    for (const g of c.grids) {
      const list: Household[] = [];
      byGrid.set(g.grid.code, list);
      const target = gridTarget(rng, copyIndex, c, g);
      const cells = planCells(lattice, c, g, rng, frontNumbers, hamlets);
      const weights = cells.map((p) => p.weight);
      for (let n = 0; n < target && cells.length > 0; n++) {
        const cell = cells[rng.weighted(weights)]!;
        let u: number;
        let v: number;
        let address: string;
        if (cell.hamlet) {
          const h = cell.hamlet;
          u = clamp(h.u + rng.normal() * h.su, cell.u0, cell.u1);
          v = clamp(h.v + rng.normal() * h.sv, cell.v0, cell.v1);
          address = `${town}${c.region.name}${h.group}组${h.next++}号`;
        } else if (rng.chance(0.3)) {
          const north = rng.chance(0.5);
          u = rng.range(cell.u0, cell.u1);
          v = north ? cell.v0 + rng.range(0, 0.05) : cell.v1 - rng.range(0, 0.05);
          const no = nextNumber(frontNumbers, cell.road, rng);
          address = `${town}${cell.road}${no}号`;
        } else {
          const compound = rng.pick(cell.compounds);
          const b = rng.pick(compound.buildings);
          const k = b.count++;
          const floor = Math.floor(k / 4) + 1;
          const room = floor * 100 + (Math.floor(k / 2) % 2) + 1;
          u = clamp(b.u + rng.range(-0.012, 0.012), cell.u0, cell.u1);
          v = clamp(b.v + rng.range(-0.012, 0.012), cell.v0, cell.v1);
          address = `${town}${compound.road}${compound.no}号${compound.name}${b.no}栋${(k % 2) + 1}单元${room}室`;
        }
        const pos = toLngLat(lattice.inCell(cell.gi, cell.gj, u, v));
        const hh = makeHousehold(rng, serial++, address, pos, g.grid.code, c.region.code);
        households.push(hh);
        list.push(hh);
      }
      if (copyIndex === 0 && c.template.key === PLANTED.gap.community && g.templateIndex === PLANTED.gap.grid) {
        const { gi: ogi, gj: ogj } = lattice.copyFineOrigin(0);
        const gi = ogi + 2 * c.template.rect.c0 + PLANTED.gap.halfCell.i;
        const gj = ogj + 2 * c.template.rect.r0 + PLANTED.gap.halfCell.j;
        const road = EW_ROAD_NAMES[gj % FINE_ROWS]!;
        for (let n = 0; n < PLANTED.gap.households; n++) {
          const pos = toLngLat(lattice.inCell(gi, gj, rng.range(0.2, 0.8), rng.range(0.2, 0.8)));
          const no = nextNumber(frontNumbers, road, rng);
          const hh = makeHousehold(rng, serial++, `${town}${road}${no}号`, pos, null, c.region.code);
          households.push(hh);
          gapExternalIds.push(hh.externalId);
        }
      }
    }
  }
  return { households, byGrid, gapExternalIds, nextSerial: serial };
}
