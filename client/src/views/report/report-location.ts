// Where the chosen point falls, so the page can say "in 幸福社区第3网格" before anything is sent.
// Planar ray casting on lng/lat: exact enough for grids a few hundred metres across.
import type { Position } from 'geojson';
import type { GridCollection, GridProperties } from '../../api/types';
import type { MessageKey } from '../../i18n/zh-CN';
import type { LngLat } from './report-form';

function inRing([x, y]: LngLat, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(point: LngLat, rings: Position[][]): boolean {
  const [outer, ...holes] = rings;
  return Boolean(outer) && inRing(point, outer) && !holes.some((hole) => inRing(point, hole));
}

/** The grid that contains `point`, or null (outside every grid, or the grids are not loaded yet). */
export function gridAt(point: LngLat, grids: GridCollection | null): GridProperties | null {
  if (!grids) return null;
  for (const f of grids.features) {
    const g = f.geometry;
    if (!g) continue;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    if (polygons.some((rings) => inPolygon(point, rings))) return f.properties;
  }
  return null;
}

/** The device's fix, in metres, rounded the way people read it ("±12 m", "±1.2 km"). */
export function accuracyText(metres: number): { value: string; unit: 'm' | 'km' } {
  if (metres < 1000) return { value: String(Math.max(1, Math.round(metres))), unit: 'm' };
  return { value: (metres / 1000).toFixed(1), unit: 'km' };
}

/** What to tell people when the device would not give its position (GeolocationPositionError.code). */
export function geolocationProblemKey(code: number | 'unsupported'): MessageKey {
  if (code === 'unsupported') return 'report.location.unsupported';
  if (code === 1) return 'report.location.denied';
  if (code === 3) return 'report.location.timeout';
  return 'report.location.unavailable';
}
