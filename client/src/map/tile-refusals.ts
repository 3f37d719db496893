// What a map does when the server refuses one of our tiles: the same as for any refused read.
import type { Map as MaplibreMap } from 'maplibre-gl';
import { reportAuthFailure } from '../api/auth-events';
import { tileRefusal, type TileRefusal } from '../api/tile-urls';

/**
 * A refused tile goes to the session (the login form comes back when it has expired) and to
 * `onRefused` (a wall's token was revoked), instead of MapLibre's console error. Every other map
 * error is still logged, as MapLibre does when nobody listens.
 */
export function reportTileRefusals(map: MaplibreMap, onRefused?: (refusal: TileRefusal) => void): void {
  map.on('error', (event) => {
    const refusal = tileRefusal(event.error, window.location.origin);
    if (!refusal) {
      console.error(describeMapError(event.error ?? event));
      return;
    }
    reportAuthFailure('GET', refusal.url, refusal.status, refusal.message);
    onRefused?.(refusal);
  });
}

/**
 * One readable line for a map error. The error object itself would show in a console (and in
 * anything that reads the console, like a browser test) as its minified class name alone.
 */
export function describeMapError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
