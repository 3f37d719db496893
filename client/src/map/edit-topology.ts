// Topological editing, as QGIS does it: a vertex a grid shares with its neighbours is one vertex.
// When the supervisor drags, adds or removes it on the grid being reshaped, the neighbours'
// coincident vertices follow, so a shared edge moved once moves for both and leaves no gap or
// overlap. Pure: positions in, positions out.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { GridFeature } from '../api/types';

/** A neighbouring grid's shape (as it is, or as an earlier step of this edit left it). */
export interface NeighbourShape {
  gridId: number;
  version: number;
  geometry: Polygon | MultiPolygon;
}

/** What one edit of a ring did: terra-draw moves, inserts or deletes one vertex at a time. */
export type RingChange =
  | { kind: 'move'; from: Position; to: Position }
  | { kind: 'insert'; at: Position; between: [Position, Position] }
  | { kind: 'delete'; at: Position; between: [Position, Position] };

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
const open = (ring: Position[]) => (ring.length > 1 && same(ring[0], ring[ring.length - 1]) ? ring.slice(0, -1) : ring);
const close = (ring: Position[]) => [...ring, ring[0]];

/** The vertex edits that turn ring `before` into ring `after`; none when they differ otherwise. */
export function ringChanges(before: Position[], after: Position[]): RingChange[] {
  const b = open(before);
  const a = open(after);
  const n = b.length;
  if (a.length === n) {
    return b.flatMap((p, i) => (same(p, a[i]) ? [] : [{ kind: 'move' as const, from: p, to: a[i] }]));
  }
  const k = b.findIndex((p, i) => i >= a.length || !same(p, a[i]));
  const at = k === -1 ? Math.min(n, a.length) : k;
  if (a.length === n + 1 && b.slice(at).every((p, i) => same(p, a[at + 1 + i]))) {
    return [{ kind: 'insert', at: a[at], between: [b[(at - 1 + n) % n], b[at % n]] }];
  }
  if (a.length === n - 1 && a.slice(at).every((p, i) => same(p, b[at + 1 + i]))) {
    return [{ kind: 'delete', at: b[at], between: [b[(at - 1 + n) % n], b[(at + 1) % n]] }];
  }
  return [];
}

const dist2 = (a: Position, b: Position) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

/** Index of the vertex of an open ring nearest to `p` within `tolerance` (degrees), or -1. */
function nearest(ring: Position[], p: Position, tolerance: number): number {
  let best = -1;
  let bestD = tolerance * tolerance;
  for (let i = 0; i < ring.length; i++) {
    const d = dist2(ring[i], p);
    if (d <= bestD) {
      best = i;
      bestD = d;
    }
  }
  return best;
}

/** One change applied to an open ring; the same ring when it does not concern it. */
function applyToRing(ring: Position[], change: RingChange, tolerance: number): Position[] {
  const n = ring.length;
  const near = (i: number, p: Position) => dist2(ring[(i + n) % n], p) <= tolerance * tolerance;
  if (change.kind === 'move') {
    const i = nearest(ring, change.from, tolerance);
    return i === -1 ? ring : ring.map((p, j) => (j === i ? change.to : p));
  }
  const [a, b] = change.between;
  if (change.kind === 'insert') {
    // The neighbour's copy of the edge runs either way round.
    for (let i = 0; i < n; i++) {
      if ((near(i, a) && near(i + 1, b)) || (near(i, b) && near(i + 1, a))) return [...ring.slice(0, i + 1), change.at, ...ring.slice(i + 1)];
    }
    return ring;
  }
  const i = nearest(ring, change.at, tolerance);
  // Only where the neighbour has the same two edges; a ring keeps at least three vertices.
  if (i === -1 || n <= 3 || !((near(i - 1, a) && near(i + 1, b)) || (near(i - 1, b) && near(i + 1, a)))) return ring;
  return ring.filter((_, j) => j !== i);
}

function applyToGeometry(geometry: Polygon | MultiPolygon, changes: RingChange[], tolerance: number): Polygon | MultiPolygon {
  const rings = (polygon: Position[][]) => polygon.map((ring) => close(changes.reduce((r, c) => applyToRing(r, c, tolerance), open(ring))));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: rings(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(rings) };
}

/**
 * The neighbours that change when the reshaped grid's outer ring goes from `before` to `after`:
 * their vertices within `tolerance` (degrees; the snapping tolerance) of a moved, inserted-on or
 * deleted vertex follow it. Neighbours that do not change are left out.
 */
export function linkedEdit(before: Polygon, after: Polygon, neighbours: NeighbourShape[], tolerance: number): NeighbourShape[] {
  const changes = ringChanges(before.coordinates[0], after.coordinates[0]);
  if (changes.length === 0) return [];
  return neighbours.flatMap((n) => {
    const geometry = applyToGeometry(n.geometry, changes, tolerance);
    return JSON.stringify(geometry.coordinates) === JSON.stringify(n.geometry.coordinates) ? [] : [{ ...n, geometry }];
  });
}

/** Earlier linked changes replace, by grid, the shapes they came from. */
export function mergeLinked(previous: NeighbourShape[], next: NeighbourShape[]): NeighbourShape[] {
  const byId = new Map(previous.map((n) => [n.gridId, n]));
  for (const n of next) byId.set(n.gridId, n);
  return [...byId.values()];
}

/** Every grid but the one reshaped, in its current (pending) shape: what topological editing may move. */
export function neighbourShapes(grids: GridFeature[], editedId: number, linked: NeighbourShape[] = []): NeighbourShape[] {
  const pending = new Map(linked.map((n) => [n.gridId, n]));
  return grids
    .filter((g) => g.properties.id !== editedId)
    .map((g) => pending.get(g.properties.id) ?? { gridId: g.properties.id, version: g.properties.version, geometry: g.geometry });
}
