import { request, type FetchLike } from './request';
import type { AppConfig, GridCollection, GridQuery, HealthResponse, RegionsResponse } from './types';

// The error and the fetch type live with request(); re-exported for the callers that know them from here.
export { ApiError, type FetchLike } from './request';

export interface ApiClient {
  getConfig(signal?: AbortSignal): Promise<AppConfig>;
  getRegions(signal?: AbortSignal): Promise<RegionsResponse>;
  getGrids(query?: GridQuery, signal?: AbortSignal): Promise<GridCollection>;
  getHealth(signal?: AbortSignal): Promise<HealthResponse>;
}

export function gridsPath(query: GridQuery = {}): string {
  const params = new URLSearchParams();
  if (query.region) params.set('region', query.region);
  if (query.bbox) params.set('bbox', query.bbox.join(','));
  const qs = params.toString();
  return qs ? `/api/grids?${qs}` : '/api/grids';
}

/** `baseUrl` is empty in the browser (same origin) and absolute in tests and scripts. */
export function createApiClient(baseUrl = '', fetchImpl?: FetchLike): ApiClient {
  const get = <T>(path: string, signal?: AbortSignal) => request<T>(path, { baseUrl, fetch: fetchImpl, signal });
  return {
    getConfig: (signal) => get<AppConfig>('/api/config', signal),
    getRegions: (signal) => get<RegionsResponse>('/api/regions', signal),
    getGrids: (query, signal) => get<GridCollection>(gridsPath(query), signal),
    getHealth: (signal) => get<HealthResponse>('/api/health', signal),
  };
}

export const api: ApiClient = createApiClient();
