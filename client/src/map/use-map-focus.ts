// What the analyst picked, drawn on the /analyze map: the chosen region's or grid's outline, the
// map zoomed to it when it is chosen, and a ring at the incident whose card is open.
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { AN } from './analysis-layers';
import type { MapFocus } from './analysis-focus';

const NONE = { type: 'FeatureCollection' as const, features: [] };
const FIT_PADDING = 60;

/**
 * Returns the key of the focus the map has zoomed to, once it has. `focusKey` is the choice's key
 * (analysis-focus.ts), known before the grids that give `focus` are: when the page opens with a
 * choice and a view in its URL, that view wins and the map does not jump.
 */
export function useMapFocus(
  mapRef: RefObject<MaplibreMap | null>,
  ready: boolean,
  focus: MapFocus | null,
  selected: { id: number; at: [number, number] } | null,
  focusKey: string | null,
  urlHasView: boolean,
): string | null {
  const done = useRef<string | null>(urlHasView ? focusKey : null);
  const [fitted, setFitted] = useState<string | null>(null);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map.getSource<GeoJSONSource>(AN.focus)?.setData(focus ? { type: 'FeatureCollection', features: [focus.outline] } : NONE);
    if (!focus) {
      // Cleared (not merely waiting for its grids): the next choice zooms again, even to the same one.
      if (focusKey === null) done.current = null;
      return;
    }
    if (done.current === focus.key) return;
    done.current = focus.key;
    const key = focus.key;
    map.once('moveend', () => setFitted(key));
    map.fitBounds(focus.bbox, { padding: FIT_PADDING, duration: 600, maxZoom: 18 });
  }, [ready, focus, focusKey]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map.getSource<GeoJSONSource>(AN.selected)?.setData(
      selected
        ? {
            type: 'FeatureCollection',
            features: [{ type: 'Feature', properties: { id: selected.id }, geometry: { type: 'Point', coordinates: selected.at } }],
          }
        : NONE,
    );
  }, [ready, selected?.id, selected?.at[0], selected?.at[1]]);

  return focus && fitted === focus.key ? fitted : null;
}
