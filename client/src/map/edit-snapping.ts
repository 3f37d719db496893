// Snapping for the grid editor: to a neighbouring grid's vertex first, else to the nearest point
// on one of its edges, within a tolerance in screen pixels. Pure: the caller supplies projection.
export type LngLat = [number, number];
export type Pixel = { x: number; y: number };

export interface SnapTarget {
  /** Rings of neighbouring grids, closed or not. */
  rings: LngLat[][];
}

/** How close (screen pixels) the cursor must come to snap; also how close vertices must be to count as shared. */
export const SNAP_TOLERANCE_PX = 10;

const dist2 = (a: Pixel, b: Pixel) => (a.x - b.x) ** 2 + (a.y - b.y) ** 2;

/** The point of segment ab nearest to p, as a fraction t along it (0…1). */
function nearestOnSegment(p: Pixel, a: Pixel, b: Pixel): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return 0;
  return Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
}

export function snapPosition(cursor: Pixel, target: SnapTarget, project: (lngLat: LngLat) => Pixel, tolerancePx = SNAP_TOLERANCE_PX): LngLat | undefined {
  const limit = tolerancePx * tolerancePx;
  let bestVertex: { d: number; at: LngLat } | undefined;
  let bestEdge: { d: number; at: LngLat } | undefined;
  for (const ring of target.rings) {
    const pixels = ring.map(project);
    for (let i = 0; i < ring.length; i++) {
      const d = dist2(cursor, pixels[i]);
      if (d <= limit && (!bestVertex || d < bestVertex.d)) bestVertex = { d, at: ring[i] };
      if (i === ring.length - 1) continue;
      const t = nearestOnSegment(cursor, pixels[i], pixels[i + 1]);
      const onPixel = { x: pixels[i].x + t * (pixels[i + 1].x - pixels[i].x), y: pixels[i].y + t * (pixels[i + 1].y - pixels[i].y) };
      const e = dist2(cursor, onPixel);
      if (e <= limit && (!bestEdge || e < bestEdge.d)) {
        const [a, b] = [ring[i], ring[i + 1]];
        bestEdge = { d: e, at: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])] };
      }
    }
  }
  return bestVertex?.at ?? bestEdge?.at;
}

/** Every ring of every polygon in the neighbouring grids. */
export function ringsOf(geometries: ({ type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] })[]): LngLat[][] {
  return geometries.flatMap((g) => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat())).map((ring) => ring.map(([x, y]) => [x, y] as LngLat));
}

/**
 * The rings with every vertex within `tolerance` (degrees) of `at` taken out, and the edges
 * meeting there with it: what is left to snap to while that shared vertex moves with the cursor.
 */
export function cutAt(rings: LngLat[][], at: LngLat, tolerance: number): LngLat[][] {
  const near = (p: LngLat) => Math.abs(p[0] - at[0]) <= tolerance && Math.abs(p[1] - at[1]) <= tolerance;
  return rings.flatMap((ring) => {
    if (!ring.some(near)) return [ring];
    const pieces: LngLat[][] = [[]];
    for (const p of ring) {
      if (near(p)) pieces.push([]);
      else pieces[pieces.length - 1].push(p);
    }
    return pieces.filter((piece) => piece.length > 0);
  });
}
