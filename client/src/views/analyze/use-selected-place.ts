// Where the incident whose card is open lies: at once from the loaded set when it is in it, else
// from its details (the card's own query: one request for both).
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { incidentsApi } from '../../api/incidents-client';
import { queryKeys } from '../../api/queries';
import type { LoadedIncidents } from './incident-window';

export function useSelectedPlace(id: number | null, incidents: LoadedIncidents | null): { id: number; at: [number, number] } | null {
  const loaded = useMemo(() => {
    if (id === null || !incidents) return null;
    const i = incidents.ids.indexOf(id);
    return i >= 0 ? ([incidents.lngLat[2 * i], incidents.lngLat[2 * i + 1]] as [number, number]) : null;
  }, [id, incidents]);
  const detail = useQuery({
    queryKey: queryKeys.incident(id ?? 0),
    queryFn: ({ signal }) => incidentsApi.detail(id!, signal),
    enabled: id !== null && loaded === null,
  });
  if (id === null) return null;
  const at = loaded ?? (detail.data?.id === id ? (detail.data.geometry.coordinates.slice(0, 2) as [number, number]) : null);
  return at ? { id, at } : null;
}
