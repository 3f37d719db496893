import { useEffect, useState } from 'react';
import { dispatchApi, type DispatchIncidentDetail } from '../../api/dispatch-client';

export interface IncidentDetailState {
  detail: DispatchIncidentDetail | null;
  error: unknown;
  /** Shows an answer the page already has (a PATCH returns the incident as it now is). */
  set: (d: DispatchIncidentDetail) => void;
}

/**
 * The open incident, fetched again whenever `version` changes (a live event named it). Another
 * incident clears the old one at once; a refetch of the same one keeps it on screen meanwhile.
 */
export function useIncidentDetail(id: number | null, version: number): IncidentDetailState {
  const [detail, setDetail] = useState<DispatchIncidentDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setDetail((d) => (d && d.properties.id === id ? d : null));
    setError(null);
    if (id === null) return;
    // Dropped, not aborted, when superseded: an aborted read shows up as a failed request.
    let current = true;
    dispatchApi.detail(id).then((d) => { if (current) setDetail(d); }).catch((e: unknown) => { if (current) setError(e); });
    return () => { current = false; };
  }, [id, version]);
  return { detail, error, set: setDetail };
}
