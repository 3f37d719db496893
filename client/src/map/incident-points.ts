// The analyst's incident points when more match than the browser loads (otherwise deck.gl draws
// them, incident-deck-layers.ts): a vector source on the incident tiles of the current filters,
// moved to new tiles when the filters change, and a report of what it drew once it has drawn it.
import type { Map as MaplibreMap, VectorTileSource } from 'maplibre-gl';
import { AN, AN_POINTS_LAYER, sampledOneIn } from './analysis-layers';

/** What the points layer drew from which tiles: how many points, thinned to one in `oneIn`. */
export interface IncidentPointsDrawn {
  tiles: string;
  count: number;
  oneIn: number;
}

const NUDGE_EVERY_MS = 250;

/**
 * Follows the tile URLs given to `show` and calls `onDrawn` whenever the map has drawn the points
 * (only while their layer is visible). `stop` lets go of the map.
 *
 * MapLibre folds a reload asked for while tiles are still loading into the one under way, and then
 * goes idle once with the old filter's points under the new URL. So the URL changes only while the
 * map is idle, one at a time, and a newer one waits for the next idle: an idle map then always
 * shows the tiles its source names, and what is counted is what is shown.
 */
export function followIncidentTiles(map: MaplibreMap, onDrawn: (drawn: IncidentPointsDrawn) => void): { show(tiles: string): void; stop(): void } {
  let wanted: string | null = null;
  // The source is loading its first tiles when this starts.
  let busy = true;
  const source = () => map.getSource<VectorTileSource>(AN.points);

  const apply = (): boolean => {
    const s = source();
    if (!s || wanted === null || s.tiles?.[0] === wanted) return false;
    s.setTiles([wanted]);
    busy = true;
    return true;
  };

  const onIdle = () => {
    busy = false;
    if (apply()) return;
    const tiles = source()?.tiles?.[0];
    if (!tiles || map.getLayoutProperty(AN_POINTS_LAYER, 'visibility') !== 'visible') return;
    const features = map.queryRenderedFeatures({ layers: [AN_POINTS_LAYER] });
    onDrawn({ tiles, count: features.length, oneIn: sampledOneIn(features) });
  };
  map.on('idle', onIdle);

  // A reloaded tile whose ETag says it is unchanged (an empty tile is empty under any filter) is
  // taken without a repaint, and without a repaint no idle comes when it is the last one in.
  // While new tiles are due, nudge the map now and then so that the idle does come.
  const nudge = setInterval(() => {
    if (busy) map.triggerRepaint();
  }, NUDGE_EVERY_MS);

  return {
    show(tiles) {
      wanted = tiles;
      if (!busy) apply();
    },
    stop() {
      map.off('idle', onIdle);
      clearInterval(nudge);
    },
  };
}
