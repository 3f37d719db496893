// Traces the outline of a set of half-lattice cells into closed rings through every lattice point
// on the outline, so shapes built from the same lattice share exact vertices.

import type { Lattice } from './lattice';
import type { MultiPolygonCoords, Position, Ring } from './types';

/** A set of half-lattice cells, keyed by global (gi, gj). */
export class CellSet {
  private readonly keys = new Set<number>();
  add(gi: number, gj: number): this {
    this.keys.add(key(gi, gj));
    return this;
  }
  addRect(gi0: number, gj0: number, gi1: number, gj1: number): this {
    for (let j = gj0; j < gj1; j++) for (let i = gi0; i < gi1; i++) this.add(i, j);
    return this;
  }
  delete(gi: number, gj: number): this {
    this.keys.delete(key(gi, gj));
    return this;
  }
  has(gi: number, gj: number): boolean {
    return this.keys.has(key(gi, gj));
  }
  *cells(): Generator<[number, number]> {
    for (const k of this.keys) yield unkey(k);
  }
  get size(): number {
    return this.keys.size;
  }
}

const K = 1 << 20;
function key(i: number, j: number): number {
  return j * K + i;
}
function unkey(k: number): [number, number] {
  return [k % K, Math.floor(k / K)];
}

/**
 * Outline rings in lattice indices, exterior counter-clockwise on the map (north up).
 * Cells touching only at a corner are not supported (the demo shapes never do that).
 */
export function traceIndexRings(set: CellSet): Array<Array<[number, number]>> {
  const next = new Map<number, number>();
  const link = (a: [number, number], b: [number, number]) => {
    const ka = key(a[0], a[1]);
    if (next.has(ka)) throw new Error(`pinch point at lattice ${a[0]},${a[1]}`);
    next.set(ka, key(b[0], b[1]));
  };
  // j grows southward; with north up, counter-clockwise runs SW→SE→NE→NW.
  for (const [i, j] of set.cells()) {
    if (!set.has(i, j + 1)) link([i, j + 1], [i + 1, j + 1]);
    if (!set.has(i + 1, j)) link([i + 1, j + 1], [i + 1, j]);
    if (!set.has(i, j - 1)) link([i + 1, j], [i, j]);
    if (!set.has(i - 1, j)) link([i, j], [i, j + 1]);
  }
  const starts = [...next.keys()].sort((a, b) => a - b);
  const seen = new Set<number>();
  const rings: Array<Array<[number, number]>> = [];
  for (const s of starts) {
    if (seen.has(s)) continue;
    const ring: Array<[number, number]> = [];
    let k = s;
    do {
      seen.add(k);
      ring.push(unkey(k));
      k = next.get(k)!;
    } while (k !== s);
    ring.push(unkey(s));
    rings.push(ring);
  }
  return rings;
}

/** Signed area (shoelace) of a lng/lat ring; positive when counter-clockwise. */
export function signedArea(ring: Ring): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return a / 2;
}

export function traceMultiPolygon(set: CellSet, lattice: Lattice): MultiPolygonCoords {
  const rings = traceIndexRings(set).map((r) => r.map(([i, j]) => lattice.point(i, j)) as Ring);
  const exteriors = rings.filter((r) => signedArea(r) > 0);
  const holes = rings.filter((r) => signedArea(r) < 0);
  if (holes.length > 0 && exteriors.length > 1) throw new Error('holes in multi-part shapes are not supported');
  if (exteriors.length === 1) return [[exteriors[0]!, ...holes]];
  return exteriors.map((r) => [r]);
}

export function ringFromCells(set: CellSet, lattice: Lattice): Position[] {
  return traceMultiPolygon(set, lattice)[0]![0]!;
}
