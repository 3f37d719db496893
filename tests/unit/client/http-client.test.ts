import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, gridsPath, type FetchLike } from '../../../client/src/api/http-client';

function fakeFetch(status: number, body: unknown, calls: string[] = []): FetchLike {
  return async (url) => {
    calls.push(url);
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

describe('gridsPath', () => {
  it('has no query string without filters', () => {
    expect(gridsPath()).toBe('/api/grids');
  });

  it('encodes region and bbox', () => {
    expect(gridsPath({ region: '320924001', bbox: [120.1, 33.5, 120.5, 33.9] })).toBe('/api/grids?region=320924001&bbox=120.1%2C33.5%2C120.5%2C33.9');
  });
});

describe('the API client', () => {
  it('returns the parsed body of a 200', async () => {
    const calls: string[] = [];
    const health = { status: 'ok', db: { engine: 'pglite', postgis: '3.6.0' } };
    const api = createApiClient('http://x', fakeFetch(200, health, calls));
    expect(await api.getHealth()).toEqual(health);
    expect(calls).toEqual(['http://x/api/health']);
  });

  it('asks for the grids of a region', async () => {
    const calls: string[] = [];
    const api = createApiClient('', fakeFetch(200, { type: 'FeatureCollection', features: [] }, calls));
    await api.getGrids({ region: '320924' });
    expect(calls).toEqual(['/api/grids?region=320924']);
  });

  it('turns the server error body into an ApiError with its code', async () => {
    const api = createApiClient('', fakeFetch(404, { error: { code: 'REGION_NOT_FOUND', message: 'no such region' } }));
    const err = await api.getRegions().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect({ ...(err as ApiError), message: (err as ApiError).message }).toEqual({
      name: 'ApiError',
      url: '/api/regions',
      status: 404,
      code: 'REGION_NOT_FOUND',
      message: 'no such region',
    });
  });

  it('keeps the status line when the error body is not JSON', async () => {
    const api = createApiClient('', async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const err = (await api.getConfig().catch((e: unknown) => e)) as ApiError;
    expect([err.status, err.code, err.message]).toEqual([502, null, '502 Bad Gateway']);
  });
});
