import type { Map as MaplibreMap } from 'maplibre-gl';

/**
 * Calls `onDrawn(count)` once the polygons just given to `sourceId` are really on the canvas (an
 * 'idle' can arrive before the worker has tiled new data), or at once when there are none. The
 * maps report this as data-grid-count, which browser tests and screenshots wait for. Returns the
 * cleanup for an effect.
 */
export function whenPolygonsDrawn(map: MaplibreMap, sourceId: string, fillLayerId: string, count: number, onDrawn: (count: number) => void): () => void {
  const onIdle = () => {
    const drawn = map.isSourceLoaded(sourceId) && map.queryRenderedFeatures({ layers: [fillLayerId] }).length > 0;
    if (drawn || count === 0) {
      map.off('idle', onIdle);
      onDrawn(count);
    }
  };
  map.on('idle', onIdle);
  return () => {
    map.off('idle', onIdle);
  };
}
