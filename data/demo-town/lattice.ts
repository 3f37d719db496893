// One global, perturbed lattice. Every boundary (county, street, community, grid) is traced
// through the same lattice points, so neighbours share identical vertices and nothing leaves a
// sliver. Points live on a "half" lattice (two steps per block) so a planted gap or overlap can
// be exactly a quarter of a block.

import { METRES_PER_DEG_LAT, METRES_PER_DEG_LNG, ORIGIN_LAT, ORIGIN_LNG } from './config';
import { hashInts } from './prng';
import type { Position } from './types';

/** Block widths (west→east) of one copy: 12 urban blocks of 300 m, then 8 rural blocks of 600 m. */
export const BLOCK_WIDTHS_M = [...Array(12).fill(300), ...Array(8).fill(600)] as number[];
/** Block heights (north→south) of one copy. */
export const BLOCK_HEIGHTS_M = Array(6).fill(280) as number[];
export const BLOCK_COLS = BLOCK_WIDTHS_M.length;
export const BLOCK_ROWS = BLOCK_HEIGHTS_M.length;
/** Half-lattice steps per copy. */
export const FINE_COLS = BLOCK_COLS * 2;
export const FINE_ROWS = BLOCK_ROWS * 2;
export const COPY_WIDTH_M = BLOCK_WIDTHS_M.reduce((a, b) => a + b, 0);
export const COPY_HEIGHT_M = BLOCK_HEIGHTS_M.reduce((a, b) => a + b, 0);
/** Largest displacement of a lattice point; small against the 140 m half step, so quads stay convex. */
export const JITTER_M = 12;

function cumulativeHalves(sizes: number[]): number[] {
  const out = [0];
  for (const s of sizes) {
    out.push(out[out.length - 1]! + s / 2);
    out.push(out[out.length - 1]! + s / 2);
  }
  return out;
}
const FINE_X = cumulativeHalves(BLOCK_WIDTHS_M);
const FINE_Y = cumulativeHalves(BLOCK_HEIGHTS_M);

/** Metric frame: x east, y SOUTH (metres), from the north-west corner of copy 0. */
export type Metric = { x: number; y: number };

export function copiesPerRow(scale: number): number {
  return Math.ceil(Math.sqrt(scale));
}

export function copyOrigin(copyIndex: number, scale: number): { col: number; row: number } {
  const perRow = copiesPerRow(scale);
  return { col: copyIndex % perRow, row: Math.floor(copyIndex / perRow) };
}

export function toLngLat(m: Metric): Position {
  return [round7(ORIGIN_LNG + m.x / METRES_PER_DEG_LNG), round7(ORIGIN_LAT - m.y / METRES_PER_DEG_LAT)];
}

export function toMetric(p: Position): Metric {
  return { x: (p[0] - ORIGIN_LNG) * METRES_PER_DEG_LNG, y: (ORIGIN_LAT - p[1]) * METRES_PER_DEG_LAT };
}

export function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

export class Lattice {
  constructor(
    readonly seed: number,
    readonly scale: number,
  ) {}

  /** Unperturbed metric position of global half-lattice point (gi, gj). */
  baseMetric(gi: number, gj: number): Metric {
    const cx = Math.floor(gi / FINE_COLS);
    const cy = Math.floor(gj / FINE_ROWS);
    return {
      x: cx * COPY_WIDTH_M + FINE_X[gi - cx * FINE_COLS]!,
      y: cy * COPY_HEIGHT_M + FINE_Y[gj - cy * FINE_ROWS]!,
    };
  }

  metric(gi: number, gj: number): Metric {
    const b = this.baseMetric(gi, gj);
    const h1 = hashInts(this.seed, gi, gj, 1) / 4294967296;
    const h2 = hashInts(this.seed, gi, gj, 2) / 4294967296;
    return { x: b.x + (h1 * 2 - 1) * JITTER_M, y: b.y + (h2 * 2 - 1) * JITTER_M };
  }

  point(gi: number, gj: number): Position {
    return toLngLat(this.metric(gi, gj));
  }

  /** Bilinear position inside half-cell (gi, gj) at fractions (u east, v south). */
  inCell(gi: number, gj: number, u: number, v: number): Metric {
    const a = this.metric(gi, gj);
    const b = this.metric(gi + 1, gj);
    const c = this.metric(gi + 1, gj + 1);
    const d = this.metric(gi, gj + 1);
    return {
      x: (1 - v) * ((1 - u) * a.x + u * b.x) + v * ((1 - u) * d.x + u * c.x),
      y: (1 - v) * ((1 - u) * a.y + u * b.y) + v * ((1 - u) * d.y + u * c.y),
    };
  }

  /** Global half-lattice offset of a copy's north-west corner. */
  copyFineOrigin(copyIndex: number): { gi: number; gj: number } {
    const o = copyOrigin(copyIndex, this.scale);
    return { gi: o.col * FINE_COLS, gj: o.row * FINE_ROWS };
  }
}
