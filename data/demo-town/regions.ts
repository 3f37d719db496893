// Streets, communities and grids of one copy, plus the county outline; all traced on the lattice.

import { COUNTY_CODE, COUNTY_NAME } from './config';
import { FINE_COLS, FINE_ROWS, type Lattice } from './lattice';
import { COMMUNITIES, GRID_TEMPLATES, PLANTED, STREET_RECTS, VILLAGE_SETBACK_M, gridTypeOf, type BlockRect, type CommunityTemplate } from './layout';
import { URBAN_COMMUNITY_NAMES, VILLAGE_NAMES, dedicatedName, roundedName, streetName } from './names';
import { CellSet, ringFromCells, traceMultiPolygon } from './trace';
import type { Grid, GridType, Region, Ring } from './types';

export const pad = (n: number, width: number) => String(n).padStart(width, '0');

export type MetricRect = { x0: number; y0: number; x1: number; y1: number };

export type CommunityPlan = {
  template: CommunityTemplate;
  index: number;
  region: Region;
  streetName: string;
  /** Unperturbed metric extent (y south). */
  extent: MetricRect;
  /** Where households may stand (villages keep a setback from their boundary). */
  habitable: MetricRect;
  grids: GridPlan[];
};

export type GridPlan = {
  grid: Grid;
  templateIndex: number;
  type: GridType;
  /** Half-cells (global indices) where this grid's own households are placed. */
  ownCells: Array<[number, number]>;
};

export type CopyRegions = {
  streets: Region[];
  communities: CommunityPlan[];
  gapRing: Ring | null;
  overlapRing: Ring | null;
};

function rectCells(originGi: number, originGj: number, r: BlockRect): CellSet {
  return new CellSet().addRect(originGi + 2 * r.c0, originGj + 2 * r.r0, originGi + 2 * r.c1, originGj + 2 * r.r1);
}

export function streetCode(copyIndex: number, street: 0 | 1): string {
  return COUNTY_CODE + pad(copyIndex * 2 + street + 1, 3);
}

export function buildCopyRegions(lattice: Lattice, copyIndex: number): CopyRegions {
  const { gi: ogi, gj: ogj } = lattice.copyFineOrigin(copyIndex);
  const streets: Region[] = STREET_RECTS.map((rect, s) => ({
    code: streetCode(copyIndex, s as 0 | 1),
    name: streetName(copyIndex * 2 + s),
    level: 'street',
    parentCode: COUNTY_CODE,
    countyCode: COUNTY_CODE,
    boundary: traceMultiPolygon(rectCells(ogi, ogj, rect), lattice),
  }));
  let gapRing: Ring | null = null;
  let overlapRing: Ring | null = null;
  let urbanOrdinal = 0;
  let villageOrdinal = 0;
  const communities = COMMUNITIES.map((t, ci): CommunityPlan => {
    const street = streets[t.street]!;
    const code = street.code + t.seq;
    const name =
      t.kind === 'urban'
        ? roundedName(URBAN_COMMUNITY_NAMES, copyIndex * 6 + urbanOrdinal++, '社区')
        : roundedName(VILLAGE_NAMES, copyIndex * 2 + villageOrdinal++, '村');
    const cgi = ogi + 2 * t.rect.c0;
    const cgj = ogj + 2 * t.rect.r0;
    const nw = lattice.baseMetric(cgi, cgj);
    const se = lattice.baseMetric(ogi + 2 * t.rect.c1, ogj + 2 * t.rect.r1);
    const extent = { x0: nw.x, y0: nw.y, x1: se.x, y1: se.y };
    const setback = t.kind === 'village' ? VILLAGE_SETBACK_M : 0;
    const habitable = { x0: nw.x + setback, y0: nw.y + setback, x1: se.x - setback, y1: se.y - setback };
    const grids = GRID_TEMPLATES[t.kind].map((r, gi): GridPlan => {
      const cells = rectCells(cgi, cgj, r);
      const own = [...cells.cells()].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      let ownCells = own;
      if (copyIndex === 0 && t.key === PLANTED.gap.community && gi === PLANTED.gap.grid) {
        const h = PLANTED.gap.halfCell;
        cells.delete(cgi + h.i, cgj + h.j);
        ownCells = own.filter(([i, j]) => !(i === cgi + h.i && j === cgj + h.j));
        gapRing = ringFromCells(new CellSet().add(cgi + h.i, cgj + h.j), lattice);
      }
      if (copyIndex === 0 && t.key === PLANTED.overlap.community && gi === PLANTED.overlap.grid) {
        const h = PLANTED.overlap.halfCell;
        cells.add(cgi + h.i, cgj + h.j);
        overlapRing = ringFromCells(new CellSet().add(cgi + h.i, cgj + h.j), lattice);
      }
      const type = gridTypeOf(t, gi);
      const gname = type === 'dedicated' ? `${dedicatedName(t.dedicated[gi]!, copyIndex, ci)}专属网格` : `${name}第${pad(gi + 1, 2)}网格`;
      return {
        grid: {
          code: code + pad(gi + 1, 3),
          name: gname,
          type,
          communityCode: code,
          countyCode: COUNTY_CODE,
          geom: traceMultiPolygon(cells, lattice),
        },
        templateIndex: gi,
        type,
        ownCells,
      };
    });
    return {
      template: t,
      index: ci,
      streetName: street.name,
      extent,
      habitable,
      region: {
        code,
        name,
        level: 'community',
        parentCode: street.code,
        countyCode: COUNTY_CODE,
        boundary: traceMultiPolygon(rectCells(ogi, ogj, t.rect), lattice),
      },
      grids,
    };
  });
  return { streets, communities, gapRing, overlapRing };
}

export function buildCounty(lattice: Lattice): Region {
  const set = new CellSet();
  for (let k = 0; k < lattice.scale; k++) {
    const { gi, gj } = lattice.copyFineOrigin(k);
    set.addRect(gi, gj, gi + FINE_COLS, gj + FINE_ROWS);
  }
  return {
    code: COUNTY_CODE,
    name: COUNTY_NAME,
    level: 'county',
    parentCode: null,
    countyCode: COUNTY_CODE,
    boundary: traceMultiPolygon(set, lattice),
  };
}
