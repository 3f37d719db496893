import { useCallback, useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { dispatchApi, type DispatchIncidentDetail } from '../../api/dispatch-client';
import { queryKeys } from '../../api/queries';

export interface IncidentDetailState {
  detail: DispatchIncidentDetail | null;
  error: unknown;
  /** Shows an answer the page already has (a PATCH returns the incident as it now is). */
  set: (d: DispatchIncidentDetail) => void;
}

/**
 * The open incident, fetched again whenever `version` changes (a live event named it). Another
 * incident starts empty (its answer is not kept once nobody shows it); a refetch of the same one
 * keeps it on screen meanwhile.
 */
export function useIncidentDetail(id: number | null, version: number): IncidentDetailState {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.dispatchIncident(id ?? 0),
    queryFn: ({ signal }) => dispatchApi.detail(id!, signal),
    enabled: id !== null,
    gcTime: 0,
  });
  const seen = useRef(version);
  useEffect(() => {
    if (version === seen.current) return;
    seen.current = version;
    if (id !== null) void client.invalidateQueries({ queryKey: queryKeys.dispatchIncident(id), exact: true });
  }, [client, id, version]);
  const set = useCallback((d: DispatchIncidentDetail) => client.setQueryData(queryKeys.dispatchIncident(d.properties.id), d), [client]);
  return { detail: id === null ? null : (query.data ?? null), error: id === null ? null : query.error, set };
}
