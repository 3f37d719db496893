import { reportAuthFailure } from './auth-events';
import type { AppConfig, GridCollection, GridQuery, HealthResponse, RegionsResponse } from './types';

/** The server's 4xx/5xx body is `{error:{code,message,details}}`; code is kept for callers. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;
  readonly url: string;

  constructor(url: string, status: number, code: string | null, message: string) {
    super(message);
    this.name = 'ApiError';
    this.url = url;
    this.status = status;
    this.code = code;
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

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

/**
 * The ApiError for a failed response, with the server's error code (and details) when it sent
 * one. A 401 or a refused read is also reported to the session (see auth-events).
 */
export async function errorFrom(url: string, res: Response, method = 'GET'): Promise<ApiError & { details?: unknown }> {
  let code: string | null = null;
  let message = `${res.status} ${res.statusText}`.trim();
  let details: unknown;
  try {
    const body: unknown = await res.json();
    const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    if (typeof error?.code === 'string') code = error.code;
    if (typeof error?.message === 'string') message = error.message;
    details = error?.details;
  } catch {
    /* not JSON: keep the status line */
  }
  reportAuthFailure(method, url, res.status, message);
  return Object.assign(new ApiError(url, res.status, code, message), details === undefined ? {} : { details });
}

/** `baseUrl` is empty in the browser (same origin) and absolute in tests and scripts. */
export function createApiClient(baseUrl = '', fetchImpl: FetchLike = (i, init) => fetch(i, init)): ApiClient {
  async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    const url = baseUrl + path;
    const res = await fetchImpl(url, { headers: { accept: 'application/json' }, signal });
    if (!res.ok) throw await errorFrom(url, res);
    return (await res.json()) as T;
  }
  return {
    getConfig: (signal) => getJson<AppConfig>('/api/config', signal),
    getRegions: (signal) => getJson<RegionsResponse>('/api/regions', signal),
    getGrids: (query, signal) => getJson<GridCollection>(gridsPath(query), signal),
    getHealth: (signal) => getJson<HealthResponse>('/api/health', signal),
  };
}

export const api: ApiClient = createApiClient();
