// Typed reads of the incident analysis API. Shapes come from the server's TypeBox schemas.
import type {
  BinCollectionBody, IncidentBreakdownBody, IncidentDetailBody, IncidentKpisBody,
} from '../../../server/schemas/incidents.schema';
import { decodeIncidentPoints, type IncidentPoints } from '../../../server/domain/points-layout';
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
  /**
   * The filtered incidents in the compact binary layout (server/domain/points-layout),
   * or how many matched when that is more than the server sends as points.
   */
  points: async (qs: string, signal?: AbortSignal): Promise<{ points: IncidentPoints } | { tooMany: number }> => {
    const path = `/api/incidents/points.bin?${qs}`;
    const res = await fetch(path, { headers: { accept: 'application/octet-stream' }, signal });
    if (!res.ok) {
      const error = await errorFrom(path, res);
      if (error.code === 'points_too_many') return { tooMany: Number((error.details as { numberMatched?: number } | undefined)?.numberMatched) };
      throw error;
    }
    return { points: decodeIncidentPoints(await res.arrayBuffer()) };
  },
  exportUrl: (qs: string, format: 'csv' | 'geojson') => `/api/incidents/export?${join(qs, `format=${format}`)}`,
};

function join(a: string, b: string): string {
  return a ? `${a}&${b}` : b;
}
