// Typed reads of the incident analysis API. Shapes come from the server's TypeBox schemas.
import type { BinCollectionBody, IncidentBreakdownBody, IncidentDetailBody, IncidentKpisBody } from '../../../server/schemas/incidents.schema';
import { decodeIncidentPoints, type IncidentPoints } from '../../../server/domain/points-layout';
import { ApiError, request } from './request';

export type IncidentBins = BinCollectionBody;
export type IncidentStats = IncidentBreakdownBody;
export type IncidentKpis = IncidentKpisBody;
export type IncidentDetail = IncidentDetailBody;

const get = <T>(path: string, signal?: AbortSignal) => request<T>(path, { signal });

/** `qs` is the filter query string built by analyze-state (without `?`). */
export const incidentsApi = {
  bins: (qs: string, cell: 'hex' | 'square', sizeM: number, signal?: AbortSignal) =>
    get<IncidentBins>(`/api/incidents/aggregate?${join(qs, `cell=${cell}&sizeM=${sizeM}`)}`, signal),
  stats: (qs: string, signal?: AbortSignal) => get<IncidentStats>(`/api/incidents/stats?${qs}`, signal),
  kpis: (qs: string, signal?: AbortSignal) => get<IncidentKpis>(`/api/incidents/kpis?${qs}`, signal),
  detail: (id: number, signal?: AbortSignal) => get<IncidentDetail>(`/api/incidents/${id}`, signal),
  /**
   * The filtered incidents in the compact binary layout (server/domain/points-layout),
   * or how many matched when that is more than the server sends as points.
   */
  points: async (qs: string, signal?: AbortSignal): Promise<{ points: IncidentPoints } | { tooMany: number }> => {
    try {
      return { points: decodeIncidentPoints(await request(`/api/incidents/points.bin?${qs}`, { expect: 'binary', signal })) };
    } catch (error) {
      if (error instanceof ApiError && error.code === 'points_too_many')
        return { tooMany: Number((error.details as { numberMatched?: number } | undefined)?.numberMatched) };
      throw error;
    }
  },
  /** `lang`: the CSV's headers and labels in the reader's language. */
  exportUrl: (qs: string, format: 'csv' | 'geojson', lang?: string) =>
    `/api/incidents/export?${join(qs, `format=${format}${lang ? `&lang=${encodeURIComponent(lang)}` : ''}`)}`,
};

function join(a: string, b: string): string {
  return a ? `${a}&${b}` : b;
}
