// The street network of one copy: block lines are main roads; in town the half lines between them
// are lanes. Households front onto these lines.

import { FINE_ROWS, type Lattice } from './lattice';
import { STREET_RECTS } from './layout';
import { EW_ROAD_NAMES, NS_ROAD_NAMES } from './names';
import type { CopyRegions } from './regions';
import type { Position, Road } from './types';

/** Blocks west of this column are town; east of it villages, which only have main roads. */
const FIRST_VILLAGE_BLOCK = 12;

export function generateRoads(lattice: Lattice, copyIndex: number, regions: CopyRegions): Road[] {
  const { gi: ogi, gj: ogj } = lattice.copyFineOrigin(copyIndex);
  const roads: Road[] = [];
  STREET_RECTS.forEach((rect, s) => {
    const streetCode = regions.streets[s]!.code;
    const i0 = 2 * rect.c0;
    const i1 = 2 * rect.c1;
    const townEnd = Math.min(i1, 2 * FIRST_VILLAGE_BLOCK);
    for (let j = 0; j <= FINE_ROWS; j++) {
      const main = j % 2 === 0;
      const end = main ? i1 : townEnd;
      if (end <= i0) continue;
      const coordinates: Position[] = [];
      for (let i = i0; i <= end; i++) coordinates.push(lattice.point(ogi + i, ogj + j));
      roads.push({ name: EW_ROAD_NAMES[j]!, kind: main ? 'main' : 'minor', streetCode, coordinates });
    }
    // The street's west edge belongs to the street on the other side (or to the county edge).
    for (let i = s === 0 ? i0 : i0 + 1; i <= i1; i++) {
      const main = i % 2 === 0;
      if (!main && i >= 2 * FIRST_VILLAGE_BLOCK) continue;
      const coordinates: Position[] = [];
      for (let j = 0; j <= FINE_ROWS; j++) coordinates.push(lattice.point(ogi + i, ogj + j));
      roads.push({ name: NS_ROAD_NAMES[i]!, kind: main ? 'main' : 'minor', streetCode, coordinates });
    }
  });
  return roads;
}
