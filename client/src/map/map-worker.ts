// The map's worker script (MapLibre parses GeoJSON and tiles in a web worker) is half a megabyte.
// A wall asks for it at once, so that it is in the HTTP cache (assets are immutable) by the time
// the first map creates its worker, instead of being fetched only then, after maplibre-gl itself.
// Only the URL is imported here: this module does not load maplibre-gl.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

let requested = false;

export function prefetchMapWorker(): void {
  if (requested || typeof fetch !== 'function') return;
  requested = true;
  fetch(workerUrl)
    .then((res) => res.arrayBuffer())
    .catch(() => {
      /* the worker fetches it again itself */
    });
}
