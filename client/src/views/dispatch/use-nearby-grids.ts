import { useMemo } from 'react';
import { useGrids } from '../../api/queries';
import type { GridCollection } from '../../api/types';

/** Roughly 2.4 × 2.2 km around the point: the incident's grid and its neighbours, filling the map. */
const HALF_LNG = 0.012;
const HALF_LAT = 0.01;

/** The grids around a point, for the small map; keeps the last answer while the next loads. */
export function useNearbyGrids(point: [number, number] | null): GridCollection | null {
  // Asked again only when the point moves by more than ~100 m.
  const key = point ? point.map((v) => v.toFixed(3)).join(',') : null;
  const bbox = useMemo<[number, number, number, number] | null>(() => {
    if (!point) return null;
    const [lng, lat] = point;
    return [lng - HALF_LNG, lat - HALF_LAT, lng + HALF_LNG, lat + HALF_LAT];
  }, [key]);
  // The map is context: without grids it still shows the point.
  return useGrids(bbox ? { bbox } : null).data ?? null;
}
