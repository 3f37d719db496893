import type { BBox, Region } from '../../api/types';
import type { PlaceLabel } from '../../map/wall-labels';

/** Community names at the centre of their extent: those under the region, or the community itself. */
export function communityLabels(region: Region | null): PlaceLabel[] {
  const out: PlaceLabel[] = [];
  const walk = (r: Region) => {
    if (r.level === 'community') {
      if (r.bbox) out.push({ text: r.name, lngLat: centre(r.bbox) });
    } else r.children.forEach(walk);
  };
  if (region) walk(region);
  return out;
}

export function centre(b: BBox): [number, number] {
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}
