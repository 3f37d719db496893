import { useEffect, useState } from 'react';
import { api } from '../../api/http-client';
import type { GridCollection } from '../../api/types';

/** Roughly 2.4 × 2.2 km around the point: the incident's grid and its neighbours, filling the map. */
const HALF_LNG = 0.012;
const HALF_LAT = 0.01;

/** The grids around a point, for the small map; keeps the last answer while the next loads. */
export function useNearbyGrids(point: [number, number] | null): GridCollection | null {
  const [grids, setGrids] = useState<GridCollection | null>(null);
  const key = point ? point.map((v) => v.toFixed(3)).join(',') : null;
  useEffect(() => {
    if (!point) return;
    const [lng, lat] = point;
    let current = true;
    api.getGrids({ bbox: [lng - HALF_LNG, lat - HALF_LAT, lng + HALF_LNG, lat + HALF_LAT] })
      .then((g) => { if (current) setGrids(g); })
      // The map is context: without grids it still shows the point.
      .catch(() => {});
    return () => { current = false; };
    // Refetched only when the point moves by more than ~100 m.
  }, [key]);
  return grids;
}
