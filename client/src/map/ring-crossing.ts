// Keeps a dragged ring from crossing itself at a cost linear in its vertices. terra-draw's own
// check tests every edge against every other on each mouse move: for a 500-vertex grid that is a
// quarter of a million tests per move, and dragging stutters. A drag moves one vertex, so only
// the two edges at it can start crossing; those are tested against the rest.
import type { Position } from 'geojson';

const orient = (a: Position, b: Position, c: Position) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
const within = (a: Position, b: Position, p: Position) =>
  Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);

/** Whether segments ab and cd meet at all (crossing, touching or overlapping). */
export function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
  const [o1, o2, o3, o4] = [orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)];
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && within(a, b, c)) || (o2 === 0 && within(a, b, d)) || (o3 === 0 && within(c, d, a)) || (o4 === 0 && within(c, d, b));
}

/**
 * Whether the edges at vertices `at` of an open ring (first vertex not repeated) meet any edge
 * other than their neighbours along the ring. With every vertex in `at`, the whole ring is tested.
 */
export function crossesAt(ring: Position[], at: number[]): boolean {
  const n = ring.length;
  const edge = (i: number): [Position, Position] => [ring[((i % n) + n) % n], ring[(((i + 1) % n) + n) % n]];
  const edges = new Set(at.flatMap((i) => [(i - 1 + n) % n, i % n]));
  for (const e of edges) {
    const [a, b] = edge(e);
    for (let j = 0; j < n; j++) {
      // An edge meets its neighbours at their shared vertex; that is no crossing.
      if (j === e || j === (e + 1) % n || j === (e - 1 + n) % n) continue;
      const [c, d] = edge(j);
      if (segmentsMeet(a, b, c, d)) return true;
    }
  }
  return false;
}

/**
 * A terra-draw validation for polygons dragged vertex by vertex: it remembers each feature's last
 * accepted outer ring (at first, `start`: the shape the edit began from) and tests only the
 * vertices that moved since — all of them when vertices were added or removed, which happens once
 * per click, not per mouse move.
 */
export function noSelfCrossing(
  start: () => Position[] | undefined,
): (feature: { id?: string | number; geometry: { type: string; coordinates: unknown } }) => { valid: boolean; reason?: string } {
  const accepted = new Map<string | number | undefined, Position[]>();
  return (feature) => {
    if (feature.geometry.type !== 'Polygon') return { valid: true };
    const closed = (feature.geometry.coordinates as Position[][])[0];
    const ring = closed.slice(0, -1);
    const last = accepted.get(feature.id) ?? start()?.slice(0, -1);
    const moved = last && last.length === ring.length ? ring.flatMap((p, i) => (p[0] === last[i][0] && p[1] === last[i][1] ? [] : [i])) : ring.map((_, i) => i);
    if (crossesAt(ring, moved)) return { valid: false, reason: 'self-intersecting' };
    accepted.set(feature.id, ring);
    return { valid: true };
  };
}
