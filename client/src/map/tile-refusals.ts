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
      console.error(event.error ?? event);
      return;
    }
    reportAuthFailure('GET', refusal.url, refusal.status, refusal.message);
    onRefused?.(refusal);
  });
}
