import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// Bundled, the worker cannot be found next to maplibre's own module; ship it as an asset instead.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

let configured = false;

export function setupMaplibre(): typeof maplibregl {
  if (!configured) {
    maplibregl.setWorkerUrl(workerUrl);
    configured = true;
  }
  return maplibregl;
}
