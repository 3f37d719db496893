import type { Region } from '../api/types';

export function findRegion(regions: Region[], code: string): Region | null {
  for (const r of regions) {
    if (r.code === code) return r;
    const inChild = findRegion(r.children, code);
    if (inChild) return inChild;
  }
  return null;
}

/** The region a view shows: the one asked for when it exists, else the first top-level one. */
export function pickRegion(regions: Region[], wanted: string | null): Region | null {
  return (wanted ? findRegion(regions, wanted) : null) ?? regions[0] ?? null;
}

export function countRegions(regions: Region[]): Record<Region['level'], number> {
  const counts = { county: 0, street: 0, community: 0 };
  const walk = (rs: Region[]) => {
    for (const r of rs) {
      counts[r.level] += 1;
      walk(r.children);
    }
  };
  walk(regions);
  return counts;
}
