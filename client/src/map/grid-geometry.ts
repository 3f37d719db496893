// Pure geometry helpers for drawing: bounds to fit and points to hang labels on.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { BBox, GridCollection } from '../api/types';

function eachPosition(geometry: Polygon | MultiPolygon, fn: (p: Position) => void): void {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) for (const ring of polygon) for (const p of ring) fn(p);
}

/** [minLng, minLat, maxLng, maxLat] of every vertex, or null when there is nothing to fit. */
export function collectionBounds(grids: GridCollection): BBox | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const f of grids.features) {
    if (!f.geometry) continue;
    eachPosition(f.geometry, ([x, y]) => {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    });
  }
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}

/** Planar area and centroid of one ring (shoelace); lng/lat are treated as planar at grid scale. */
function ringCentroid(ring: Position[]): { area: number; x: number; y: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j];
    const [x1, y1] = ring[i];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  a /= 2;
  if (a === 0) {
    const n = ring.length || 1;
    return { area: 0, x: ring.reduce((s, p) => s + p[0], 0) / n, y: ring.reduce((s, p) => s + p[1], 0) / n };
  }
  return { area: a, x: cx / (6 * a), y: cy / (6 * a) };
}

/**
 * Where to put a grid's label: the centroid of its largest polygon's outer ring. Good enough for
 * the mostly convex cells of a grid plan; a concave cell may get its label just outside.
 */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best = { area: -1, x: 0, y: 0 };
  for (const polygon of polygons) {
    const c = ringCentroid(polygon[0] ?? []);
    if (Math.abs(c.area) > best.area) best = { area: Math.abs(c.area), x: c.x, y: c.y };
  }
  return [best.x, best.y];
}

/** The distinct characters of the labels, so a text atlas is built locally for just these. */
export function characterSet(labels: Iterable<string>): string[] {
  const set = new Set<string>();
  for (const label of labels) for (const ch of label) set.add(ch);
  return [...set].sort();
}

const METRES_PER_DEGREE = 111_320;
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

/** Width and height in metres of the geometry's bounding box, measured at its middle latitude. */
export function cellSizeMeters(geometry: Polygon | MultiPolygon): { width: number; height: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  eachPosition(geometry, ([x, y]) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  });
  if (!Number.isFinite(minX)) return { width: 0, height: 0 };
  const midLat = ((minY + maxY) / 2) * (Math.PI / 180);
  return { width: (maxX - minX) * METRES_PER_DEGREE * Math.cos(midLat), height: (maxY - minY) * METRES_PER_DEGREE };
}

/** Ground metres per CSS pixel in Web Mercator with MapLibre's 512-pixel tiles. */
export function metersPerPixel(zoom: number, lat: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/**
 * Whether a label of `text` at `fontPx` fits inside a cell of `cellWidthM` at this scale. Labels
 * that do not fit are hidden instead of piling on top of each other when zoomed out.
 * CJK characters are about one em wide, Latin ones about half.
 */
export function labelFits(text: string, fontPx: number, cellWidthM: number, mPerPx: number): boolean {
  let ems = 0;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000–U+024F is Latin script (0.6 em); the range only starts at NUL
  for (const ch of text) ems += /[\u0000-\u024f]/.test(ch) ? 0.6 : 1;
  return ems * fontPx * 1.1 <= cellWidthM / mPerPx;
}
