// Typed reads of the incident analysis API. Shapes come from the server's TypeBox schemas.
import type {
  BinCollectionBody, IncidentBreakdownBody, IncidentDetailBody, IncidentKpisBody,
} from '../../../server/schemas/incidents.schema';
import { errorFrom } from './http-client';

export type IncidentBins = BinCollectionBody;
export type IncidentStats = IncidentBreakdownBody;
export type IncidentKpis = IncidentKpisBody;
export type IncidentDetail = IncidentDetailBody;

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' }, signal });
  if (!res.ok) throw await errorFrom(path, res);
  return (await res.json()) as T;
}

/** `qs` is the filter query string built by analyze-state (without `?`). */
export const incidentsApi = {
  bins: (qs: string, cell: 'hex' | 'square', sizeM: number, signal?: AbortSignal) =>
    getJson<IncidentBins>(`/api/incidents/aggregate?${join(qs, `cell=${cell}&sizeM=${sizeM}`)}`, signal),
  stats: (qs: string, signal?: AbortSignal) => getJson<IncidentStats>(`/api/incidents/stats?${qs}`, signal),
  kpis: (qs: string, signal?: AbortSignal) => getJson<IncidentKpis>(`/api/incidents/kpis?${qs}`, signal),
  detail: (id: number, signal?: AbortSignal) => getJson<IncidentDetail>(`/api/incidents/${id}`, signal),
  exportUrl: (qs: string, format: 'csv' | 'geojson') => `/api/incidents/export?${join(qs, `format=${format}`)}`,
};

function join(a: string, b: string): string {
  return a ? `${a}&${b}` : b;
}
