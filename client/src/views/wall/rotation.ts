import type { Region } from '../../api/types';

/** The communities a rotating wall cycles through: those under the region, in code order. */
export function rotationStops(region: Region | null): Region[] {
  if (!region) return [];
  if (region.level === 'community') return [region];
  const out: Region[] = [];
  const walk = (r: Region) => {
    if (r.level === 'community') out.push(r);
    else r.children.forEach(walk);
  };
  walk(region);
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

/** Which stop is on screen `elapsedMs` after the rotation started. */
export function rotationIndex(stops: number, elapsedMs: number, periodMs: number): number {
  if (stops <= 0 || periodMs <= 0) return 0;
  return Math.floor(Math.max(0, elapsedMs) / periodMs) % stops;
}
