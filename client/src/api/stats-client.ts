// Typed reads for the wall. Shapes come from the server's TypeBox schemas. A wall opened with a
// display token sends it as a bearer token on every read (and as ?token= on the event stream,
// which cannot carry headers); it lives only in the URL the wall was opened with and in memory —
// never in storage, never in an error message.
import type { StatsBlindSpotsBody, StatsOverviewBody, StatsPointsBody } from '../../../server/schemas/stats.schema';
import { ApiError, request } from './request';
import type { GridCollection } from './types';

export type StatsOverview = StatsOverviewBody;
export type StatsBlindSpots = StatsBlindSpotsBody;
export type StatsPoints = StatsPointsBody;

export interface TickerIncident {
  id: number;
  category: string;
  status: string;
  priority: string;
  description: string;
  gridCode: string | null;
  reportedAt: string;
}

export interface WallUser {
  id: number;
  username: string;
  role: string;
}

/** `onDenied` hears of every 401: with a display token, the token was revoked (or never valid). */
export function createWallApi(token: string | null, onDenied?: () => void) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    try {
      return await request<T>(path, { headers, signal });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) onDenied?.();
      throw e;
    }
  }
  const q = encodeURIComponent;
  return {
    me: (signal?: AbortSignal) => getJson<{ user: WallUser }>('/api/auth/me', signal),
    overview: (region: string, signal?: AbortSignal) => getJson<StatsOverview>(`/api/stats/overview?region=${q(region)}`, signal),
    blindSpots: (region: string, signal?: AbortSignal) => getJson<StatsBlindSpots>(`/api/stats/blind-spots?region=${q(region)}`, signal),
    points: (region: string, layer: 'households' | 'incidents', signal?: AbortSignal) =>
      getJson<StatsPoints>(`/api/stats/points?region=${q(region)}&layer=${layer}`, signal),
    grids: (region: string, signal?: AbortSignal) => getJson<GridCollection>(`/api/grids?region=${q(region)}`, signal),
    latestIncidents: async (region: string, limit: number, signal?: AbortSignal): Promise<TickerIncident[]> => {
      const body = await getJson<{ features: { properties: TickerIncident }[] }>(`/api/incidents?region=${q(region)}&limit=${limit}`, signal);
      return body.features.map((f) => f.properties);
    },
    eventsUrl: () => (token ? `/api/events?token=${q(token)}` : '/api/events'),
  };
}

export type WallApi = ReturnType<typeof createWallApi>;
