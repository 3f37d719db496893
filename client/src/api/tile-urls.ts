// URLs of the server's vector tiles (GET /tiles/:layer/:z/:x/:y.pbf) and the request a map makes
// for them. Pure, unit-tested; the maps in client/src/map/ hand these to MapLibre.

export type TileLayer = 'grids' | 'households' | 'incidents' | 'blind-spots';

/**
 * A MapLibre tile URL template. Absolute, because MapLibre fetches tiles from its web worker,
 * where a path has nothing to resolve against. `query` is a query string without `?`: the server
 * refuses parameters it does not know, so only filters it accepts (and `v`) belong in it.
 */
export function tileUrl(origin: string, layer: TileLayer, query = ''): string {
  const template = `${origin}/tiles/${layer}/{z}/{x}/{y}.pbf`;
  return query ? `${template}?${query}` : template;
}

/**
 * A layer's TileJSON (GET /tiles/:layer.json): MapLibre reads the tile URL template, zooms and the
 * data's bounds from it, so it asks for no tile outside the data. The server writes the query into
 * the template it returns.
 */
export function tileJsonUrl(origin: string, layer: TileLayer, query = ''): string {
  const url = `${origin}/tiles/${layer}.json`;
  return query ? `${url}?${query}` : url;
}

/**
 * The TileJSON of the wall's households of a region. `version` changes when the households' grids
 * may have changed (a grid edit): a new URL is what makes MapLibre fetch the tiles again.
 */
export function householdTileJsonUrl(origin: string, region: string, version: number): string {
  return tileJsonUrl(origin, 'households', new URLSearchParams({ region, v: String(version) }).toString());
}

/** Whether MapLibre is asking for one of our own tiles (not a base map's, not another site's). */
export function isOwnTileUrl(url: string, origin: string): boolean {
  return url.startsWith(`${origin}/tiles/`);
}

/**
 * MapLibre's transformRequest for a wall opened with a display token: our own tiles and their
 * TileJSON (a 'Source' request) carry it as a bearer token (a header keeps it out of URLs, logs and the HTTP cache's keys); every other
 * request goes out untouched, so the token never leaves for a base-map server.
 */
export function tileRequestWithToken(origin: string, token: string | null) {
  return (url: string, resourceType?: string): { url: string; headers: Record<string, string> } | undefined =>
    token && (resourceType === 'Tile' || resourceType === 'Source') && isOwnTileUrl(url, origin)
      ? { url, headers: { authorization: `Bearer ${token}` } }
      : undefined;
}

/** A tile request the server refused (401: no session or token; 403: not for this role). */
export interface TileRefusal {
  url: string;
  status: 401 | 403;
  message: string;
}

/**
 * The refusal in a map's error event, when it is one of our own tiles: such an error is the
 * session's business (as for any other read), not a fault to log. MapLibre's AJAXError carries
 * `status` and `url`; anything else is not a refusal.
 */
export function tileRefusal(error: unknown, origin: string): TileRefusal | null {
  const e = error as { status?: unknown; url?: unknown; message?: unknown } | null;
  if (!e || (e.status !== 401 && e.status !== 403) || typeof e.url !== 'string' || !isOwnTileUrl(e.url, origin)) return null;
  return { url: e.url, status: e.status, message: typeof e.message === 'string' ? e.message : '' };
}
